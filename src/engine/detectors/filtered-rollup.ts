// filtered-rollup: a roll-up report greener than the ground reports beneath it (the thermocline of truth).
import type {
  Commitment,
  InitiativeSnapshot,
  Person,
  Signal,
  StatusReport,
  SubjectRef,
} from "../../domain/model.ts";
import { healthRank } from "../../domain/primitives.ts";
import { daysApart } from "../calendar.ts";
import { signal, type Detector } from "../detector.ts";
import {
  SUBJECT_TITLE_READS,
  canonicalSubject,
  count,
  isSameSubject,
  personName,
  subjectKey,
  subjectTitle,
} from "../evidence-health.ts";
import { firstById, latest, latestFor, perArray, settle } from "../memo.ts";

type ReportGraph = Map<StatusReport, readonly StatusReport[]>;

/**
 * What a report's chains depend on: the reports, the reporting lines, the cadence and which team each
 * commitment is in. Everything else the detector reads only names subjects and people.
 */
interface RollupInputs {
  reports: readonly StatusReport[];
  people: readonly Person[];
  cadenceDays: number;
  /** Each commitment id's team: the first commitment with the id decides, as `find` would. */
  teamOf: ReadonlyMap<string, string>;
}

function teamIndex(commitments: readonly Commitment[]): ReadonlyMap<string, string> {
  return new Map([...firstById(commitments)].map(([id, commitment]) => [id, commitment.teamId]));
}

function sameTeams(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([id, teamId]) => b.has(id) && b.get(id) === teamId);
}

/** True when `managerId` is above `personId` in the reporting lines (directly or further up). */
function isAbove(
  managerOf: ReadonlyMap<string, string | null>,
  managerId: string,
  personId: string,
): boolean {
  const seen = new Set<string>();
  for (let id = managerOf.get(personId); id && !seen.has(id); id = managerOf.get(id)) {
    if (id === managerId) return true;
    seen.add(id);
  }
  return false;
}

function managerIndex(people: readonly Person[]): ReadonlyMap<string, string | null> {
  return new Map(people.map((p) => [p.id, p.managerId]));
}

/** Everyone who is someone's manager: nobody else can be above anyone, so `isAbove` is false for them. */
function managerIds(people: readonly Person[]): ReadonlySet<string | null> {
  return new Set(perArray(people, managerIndex).values());
}

/** Reports by subject (see `subjectKey`), each subject's in the snapshot's order. */
function reportsBySubject(reports: readonly StatusReport[]): Map<string, StatusReport[]> {
  const bySubject = new Map<string, StatusReport[]>();
  for (const report of reports) {
    const key = subjectKey(report.subject);
    const list = bySubject.get(key);
    if (list) list.push(report);
    else bySubject.set(key, [report]);
  }
  return bySubject;
}

/**
 * The reports that roll into `subject`, in the snapshot's order: the reports on it; for a team, also those on
 * its commitments (a commitment rolls into the team of the first commitment with its id); for the initiative,
 * every report (everything rolls into it). These are the only reports a report on `subject` can summarise.
 */
function reportsRollingInto(
  snapshot: RollupInputs,
  bySubject: () => ReadonlyMap<string, StatusReport[]>,
  subject: SubjectRef,
): readonly StatusReport[] {
  if (subject.type === "initiative") return snapshot.reports;
  if (subject.type !== "team") return bySubject().get(subjectKey(subject)) ?? [];
  // A commitment whose team is empty rolls into no team (only into the initiative).
  const isOnTeamCommitment = (report: StatusReport) => {
    if (report.subject.type !== "commitment") return false;
    const teamId = snapshot.teamOf.get(report.subject.id);
    return !!teamId && teamId === subject.id;
  };
  return snapshot.reports.filter(
    (report) => isSameSubject(report.subject, subject) || isOnTeamCommitment(report),
  );
}

/**
 * Which reports each report summarises: the ones it cites; else (no cites) the latest report of each person
 * below its author on the same subject or one that rolls up into it, made within the cadence window before it.
 */
function buildReportGraph(snapshot: RollupInputs): ReportGraph {
  const managerOf = perArray(snapshot.people, managerIndex);
  const managers = perArray(snapshot.people, managerIds);
  const byId = new Map<string, StatusReport>();
  const position = new Map<StatusReport, number>();
  snapshot.reports.forEach((report, i) => {
    byId.set(report.id, report);
    position.set(report, i);
  });
  // Only reports by managers without cites on a commitment (or such) need it: built when the first one does.
  let bySubject: Map<string, StatusReport[]> | undefined;
  const indexBySubject = () => (bySubject ??= reportsBySubject(snapshot.reports));
  const isBefore = (lower: StatusReport, upper: StatusReport) =>
    lower.date < upper.date || (lower.date === upper.date && position.get(lower)! < position.get(upper)!);

  const implicitlyBeneath = (report: StatusReport): readonly StatusReport[] => {
    // Individual contributors write most reports without cites, and nobody is below them.
    if (!managers.has(report.authorId)) return NONE;
    const latestByAuthorAndSubject = new Map<string, StatusReport>();
    for (const lower of reportsRollingInto(snapshot, indexBySubject, report.subject)) {
      const summarised =
        isBefore(lower, report) &&
        daysApart(lower.date, report.date) <= snapshot.cadenceDays &&
        isAbove(managerOf, report.authorId, lower.authorId);
      if (!summarised) continue;
      // Only a person's latest call on a subject stands: an older one they have since revised does not.
      const key = `${lower.authorId}\u0000${lower.subject.type}:${lower.subject.id}`;
      const previous = latestByAuthorAndSubject.get(key);
      if (!previous || isBefore(previous, lower)) latestByAuthorAndSubject.set(key, lower);
    }
    return [...latestByAuthorAndSubject.values()];
  };
  const cited = (report: StatusReport): readonly StatusReport[] => {
    const found: StatusReport[] = [];
    for (const id of report.cites) {
      const cite = byId.get(id);
      if (cite && cite !== report) found.push(cite);
    }
    return found;
  };
  const graph: ReportGraph = new Map();
  for (const report of snapshot.reports) {
    graph.set(report, report.cites.length > 0 ? cited(report) : implicitlyBeneath(report));
  }
  return graph;
}

const NONE: readonly StatusReport[] = [];

/** A path down from a report, top first, as comparison needs it: the ground it ends on and its length. */
interface PathEnd {
  ground: StatusReport;
  length: number;
}

/** Whether `path` ends on a worse ground report than `best`, or on one as bad by a longer path. */
function isWorsePath(path: PathEnd, best: PathEnd): boolean {
  const worse = healthRank(path.ground.health) - healthRank(best.ground.health);
  return worse > 0 || (worse === 0 && path.length > best.length);
}

/**
 * The path from `top` down to its worst ground report (then the longest such path): [top, …, ground].
 * `visiting` guards against cites that loop.
 */
function worstPathDown(
  graph: ReportGraph,
  top: StatusReport,
  visiting: ReadonlySet<StatusReport> = new Set(),
): StatusReport[] {
  let best: StatusReport[] = [top];
  for (const lower of graph.get(top) ?? []) {
    if (visiting.has(lower)) continue;
    const path = [top, ...worstPathDown(graph, lower, new Set([...visiting, top]))];
    if (
      isWorsePath(
        { ground: path.at(-1)!, length: path.length },
        { ground: best.at(-1)!, length: best.length },
      )
    )
      best = path;
  }
  return best;
}

/** Each report's worst path down, as its end and the report it passes through next (null for a ground report). */
interface WorstStep extends PathEnd {
  next: StatusReport | null;
}

/**
 * `worstPathDown` for every report, worked out once per report: without loops the guard never skips
 * anything, so a report's path is the same whoever asks. Null when cites loop (then the guard matters).
 */
function worstSteps(graph: ReportGraph): Map<StatusReport, WorstStep> | null {
  // null marks a report whose walk is under way: meeting it again means the cites loop.
  const steps = new Map<StatusReport, WorstStep | null>();
  let loops = false;
  const stepFrom = (top: StatusReport): WorstStep => {
    const known = steps.get(top);
    if (known) return known;
    if (known === null) loops = true;
    let step: WorstStep = { ground: top, length: 1, next: null };
    if (loops) return step;
    steps.set(top, null);
    for (const lower of graph.get(top) ?? []) {
      const below = stepFrom(lower);
      const candidate = { ground: below.ground, length: below.length + 1, next: lower };
      if (isWorsePath(candidate, step)) step = candidate;
    }
    steps.set(top, step);
    return step;
  };
  for (const report of graph.keys()) stepFrom(report);
  return loops ? null : (steps as Map<StatusReport, WorstStep>);
}

/** Every report's worst path down, top first, and where it ends. */
interface PathsDown {
  groundOf(report: StatusReport): StatusReport;
  pathOf(report: StatusReport): StatusReport[];
}

function worstPathsDown(graph: ReportGraph): PathsDown {
  const steps = worstSteps(graph);
  if (steps) {
    return {
      groundOf: (report) => steps.get(report)!.ground,
      pathOf: (report) => {
        const path = [report];
        for (let next = steps.get(report)!.next; next; next = steps.get(next)!.next) path.push(next);
        return path;
      },
    };
  }
  // Cites loop: each report is walked on its own, guarded, as the definition says.
  const paths = new Map([...graph.keys()].map((report) => [report, worstPathDown(graph, report)]));
  return { groundOf: (report) => paths.get(report)!.at(-1)!, pathOf: (report) => [...paths.get(report)!] };
}

/** Every chain that filtered the news on its way up, ground first and top last, in the order of their tops. */
function filteringChains(snapshot: RollupInputs): StatusReport[][] {
  const graph = buildReportGraph(snapshot);
  const paths = worstPathsDown(graph);
  const filtering = new Set(
    snapshot.reports.filter(
      (report) => healthRank(paths.groundOf(report).health) > healthRank(report.health),
    ),
  );
  // A report summarised by one at least as green is part of that higher chain: only the top one is reported.
  const covered = new Set<StatusReport>();
  for (const [upper, lowers] of graph) {
    for (const lower of lowers) {
      if (filtering.has(lower) && healthRank(upper.health) <= healthRank(lower.health)) covered.add(lower);
    }
  }
  return snapshot.reports
    .filter((report) => filtering.has(report) && !covered.has(report))
    .map((top) => paths.pathOf(top).reverse());
}

/** What a layer did to the report beneath it: its health call, its subject, and the note that did or did not travel. */
function describeChange(snapshot: InitiativeSnapshot, lower: StatusReport, upper: StatusReport): string {
  const steps = healthRank(lower.health) - healthRank(upper.health);
  const changes = [
    steps > 0
      ? `softened ${lower.health} → ${upper.health}`
      : steps < 0
        ? `worsened ${lower.health} → ${upper.health}`
        : `kept ${upper.health}`,
  ];
  if (!isSameSubject(lower.subject, upper.subject)) {
    changes.push(
      `rolled "${subjectTitle(snapshot, lower.subject)}" into "${subjectTitle(snapshot, upper.subject)}"`,
    );
  }
  if (lower.narrative && !upper.narrative?.includes(lower.narrative)) {
    changes.push(`dropped the note "${lower.narrative}"`);
  }
  return changes.join("; ");
}

function describeLayer(snapshot: InitiativeSnapshot, report: StatusReport): string {
  const who = personName(snapshot, report.authorId);
  return `${who} on ${report.date}: "${subjectTitle(snapshot, report.subject)}" ${report.health}`;
}

/** The finding for one chain, given ground first and top last. */
function rollupSignal(snapshot: InitiativeSnapshot, path: readonly StatusReport[]): Signal {
  const ground = path[0]!;
  const top = path.at(-1)!;
  const layers = count(path.length - 1, "layer");
  const name = subjectTitle(snapshot, top.subject);
  const route = path.map((r) => `${r.authorId} ${r.health} (${r.date})`).join(" → ");
  const changes = path
    .slice(1)
    .map((r, i) => `${personName(snapshot, r.authorId)} ${describeChange(snapshot, path[i]!, r)}.`);
  return signal({
    kind: "filtered-rollup",
    severity: healthRank(ground.health) - healthRank(top.health) >= 2 ? "critical" : "warning",
    subject: canonicalSubject(snapshot, top.subject),
    title: `"${name}": ${ground.health} on the ground became ${top.health} in ${layers}`,
    explanation: [
      `${describeLayer(snapshot, ground)}${ground.narrative ? ` ("${ground.narrative}")` : ""}.`,
      `After ${layers} and ${count(daysApart(ground.date, top.date), "day")},`,
      `${personName(snapshot, top.authorId)} reported "${name}" ${top.health} on ${top.date}.`,
      `Path: ${route}.`,
      ...changes,
    ].join(" "),
    evidence: path.map((report, i) => ({
      text:
        i === 0
          ? `ground: ${describeLayer(snapshot, report)}`
          : `layer ${i}: ${describeLayer(snapshot, report)} (${describeChange(snapshot, path[i - 1]!, report)})`,
      subject: canonicalSubject(snapshot, report.subject),
      value: { report: report.id, layer: i, health: report.health, date: report.date },
    })),
    owner: top.authorId,
    identity: [top.id],
  });
}

export const filteredRollup: Detector = {
  kinds: ["filtered-rollup"],
  reads: [...new Set([...SUBJECT_TITLE_READS, "reports" as const])],
  detect(snapshot, context) {
    // A new fact rebuilds an equal commitment → team map: settled, it stays the same object, and the chains
    // (worked out again only when reports, reporting lines, cadence or teams change) are not recomputed.
    const teamOf = settle(context, teamIndex, perArray(snapshot.commitments, teamIndex), sameTeams);
    const { reports, people, initiative } = snapshot;
    const inputs: RollupInputs = { reports, people, cadenceDays: initiative.cadenceDays, teamOf };
    const chains = latest(context, filteringChains, [reports, people, initiative.cadenceDays, teamOf], () =>
      filteringChains(inputs),
    );
    return chains.map((path) => {
      // Worded again only when a name it prints changed.
      const names = [
        initiative.id,
        ...path.flatMap((r) => [subjectTitle(snapshot, r.subject), personName(snapshot, r.authorId)]),
      ];
      return latestFor(context, rollupSignal, path, names, () => rollupSignal(snapshot, path));
    });
  },
};
