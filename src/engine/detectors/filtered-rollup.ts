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
import { signal, type Detector, type EvaluationContext } from "../detector.ts";
import {
  SUBJECT_TITLE_READS,
  canonicalSubject,
  count,
  isSameSubject,
  personName,
  subjectKey,
  subjectTitle,
} from "../evidence-health.ts";
import { evolve, firstById, latestFor, perArray, settle } from "../memo.ts";

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
 * Built for a list of reports, and extended when reports are appended (see `RollupState.extend`).
 */
class ReportGraph {
  readonly beneath = new Map<StatusReport, readonly StatusReport[]>();
  private readonly byId = new Map<string, StatusReport>();
  private readonly position = new Map<StatusReport, number>();
  // Only reports by managers without cites on a commitment (or such) need it: built when the first one does.
  private bySubject: Map<string, StatusReport[]> | undefined;
  private managerOf: ReadonlyMap<string, string | null>;
  private managers: ReadonlySet<string | null>;

  constructor(private inputs: RollupInputs) {
    this.managerOf = perArray(inputs.people, managerIndex);
    this.managers = perArray(inputs.people, managerIds);
    this.index(inputs.reports, 0);
    for (const report of inputs.reports) this.beneath.set(report, this.summarisedBy(report));
  }

  /** Adds `inputs.reports` from `from` on (the ones before are already in the graph, unchanged). */
  append(inputs: RollupInputs, from: number): void {
    this.inputs = inputs;
    const added = inputs.reports.slice(from);
    this.index(added, from);
    for (const report of added) this.beneath.set(report, this.summarisedBy(report));
  }

  private index(reports: readonly StatusReport[], from: number): void {
    reports.forEach((report, i) => {
      this.byId.set(report.id, report);
      this.position.set(report, from + i);
      if (this.bySubject) pushTo(this.bySubject, subjectKey(report.subject), report);
    });
  }

  private isBefore(lower: StatusReport, upper: StatusReport): boolean {
    return (
      lower.date < upper.date ||
      (lower.date === upper.date && this.position.get(lower)! < this.position.get(upper)!)
    );
  }

  private summarisedBy(report: StatusReport): readonly StatusReport[] {
    return report.cites.length > 0 ? this.cited(report) : this.implicitlyBeneath(report);
  }

  private cited(report: StatusReport): readonly StatusReport[] {
    const found: StatusReport[] = [];
    for (const id of report.cites) {
      const cite = this.byId.get(id);
      if (cite && cite !== report) found.push(cite);
    }
    return found;
  }

  private implicitlyBeneath(report: StatusReport): readonly StatusReport[] {
    // Individual contributors write most reports without cites, and nobody is below them.
    if (!this.managers.has(report.authorId)) return NONE;
    const bySubject = () => (this.bySubject ??= reportsBySubject(this.inputs.reports));
    const latestByAuthorAndSubject = new Map<string, StatusReport>();
    for (const lower of reportsRollingInto(this.inputs, bySubject, report.subject)) {
      const summarised =
        this.isBefore(lower, report) &&
        daysApart(lower.date, report.date) <= this.inputs.cadenceDays &&
        isAbove(this.managerOf, report.authorId, lower.authorId);
      if (!summarised) continue;
      // Only a person's latest call on a subject stands: an older one they have since revised does not.
      const key = `${lower.authorId}\u0000${lower.subject.type}:${lower.subject.id}`;
      const previous = latestByAuthorAndSubject.get(key);
      if (!previous || this.isBefore(previous, lower)) latestByAuthorAndSubject.set(key, lower);
    }
    return [...latestByAuthorAndSubject.values()];
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Reports by subject (see `subjectKey`), each subject's in the snapshot's order. */
function reportsBySubject(reports: readonly StatusReport[]): Map<string, StatusReport[]> {
  const bySubject = new Map<string, StatusReport[]>();
  for (const report of reports) pushTo(bySubject, subjectKey(report.subject), report);
  return bySubject;
}

const NONE: readonly StatusReport[] = [];

/** Which reports each report summarises. */
export type Beneath = ReadonlyMap<StatusReport, readonly StatusReport[]>;

/** `ReportGraph` over a whole snapshot: the one rule of who summarises whom, for readings of the record. */
export function reportGraph(
  snapshot: Pick<InitiativeSnapshot, "reports" | "people" | "commitments" | "initiative">,
): Beneath {
  const { reports, people, commitments, initiative } = snapshot;
  const teamOf = teamIndex(commitments);
  return new ReportGraph({ reports, people, cadenceDays: initiative.cadenceDays, teamOf }).beneath;
}

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
  graph: Beneath,
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
function worstSteps(graph: Beneath): Map<StatusReport, WorstStep> | null {
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

/**
 * Every chain that filtered the news on its way up, and what finding them took, kept so that reports appended
 * later (the usual change: someone reports today) extend it instead of walking every report again.
 */
class RollupState {
  /** Every chain, ground first and top last, in the order of their tops. */
  chains: StatusReport[][] = [];
  private readonly graph: ReportGraph;
  /** Each report's worst step down; null when cites loop (then every report is walked on its own). */
  private readonly steps: Map<StatusReport, WorstStep> | null;
  private readonly filtering = new Set<StatusReport>();
  private readonly covered = new Set<StatusReport>();
  private readonly citedIds = new Set<string>();
  private latestDate = "";

  constructor(private inputs: RollupInputs) {
    this.graph = new ReportGraph(inputs);
    this.steps = worstSteps(this.graph.beneath);
    const paths = this.steps ? null : guardedPaths(this.graph.beneath);
    const groundOf = (report: StatusReport) =>
      paths ? paths.get(report)!.at(-1)! : this.steps!.get(report)!.ground;
    for (const report of inputs.reports) {
      this.note(report);
      if (healthRank(groundOf(report).health) > healthRank(report.health)) this.filtering.add(report);
    }
    // A report summarised by one at least as green is part of that higher chain: only the top one is reported.
    for (const [upper, lowers] of this.graph.beneath) this.cover(upper, lowers);
    this.chains = inputs.reports
      .filter((report) => this.filtering.has(report) && !this.covered.has(report))
      .map((top) => (paths ? [...paths.get(top)!] : this.pathOf(top)).reverse());
  }

  /**
   * The state for `next`, which is this state's reports with more appended: extended in place when nothing
   * before can summarise what was appended (it is dated no earlier than every report, nobody cites it, and
   * no cites loop), else built anew. This state is not to be used afterwards.
   */
  extend(next: RollupInputs): RollupState {
    const { inputs } = this;
    const from = inputs.reports.length;
    const appended = next.reports.slice(from);
    const mayExtend =
      this.steps !== null &&
      next.people === inputs.people &&
      next.cadenceDays === inputs.cadenceDays &&
      next.teamOf === inputs.teamOf &&
      appended.length > 0 &&
      inputs.reports.every((report, i) => next.reports[i] === report) &&
      appended.every((report, i) => report.date >= (i === 0 ? this.latestDate : appended[i - 1]!.date)) &&
      new Set(appended).size === appended.length &&
      !appended.some(
        (report) =>
          this.graph.beneath.has(report) ||
          this.citedIds.has(report.id) ||
          appended.some((r) => r.cites.includes(report.id)),
      );
    if (!mayExtend) return new RollupState(next);
    this.inputs = next;
    this.graph.append(next, from);
    const steps = this.steps!;
    const tops = new Set<StatusReport>();
    for (const report of appended) {
      this.note(report);
      const lowers = this.graph.beneath.get(report)!;
      steps.set(report, stepOver(steps, report, lowers));
      if (healthRank(steps.get(report)!.ground.health) > healthRank(report.health))
        this.filtering.add(report);
      for (const lower of lowers) if (this.cover(report, [lower])) tops.add(lower);
    }
    // A report appended later covers chains whose tops it summarises; its own chain (nothing above it yet) comes last.
    this.chains = [
      ...this.chains.filter((chain) => !tops.has(chain.at(-1)!)),
      ...appended
        .filter((report) => this.filtering.has(report) && !this.covered.has(report))
        .map((top) => this.pathOf(top).reverse()),
    ];
    return this;
  }

  /** True when `inputs` are the very ones this state was built or last extended for. */
  sameInputs(inputs: RollupInputs): boolean {
    const mine = this.inputs;
    return (
      mine.reports === inputs.reports &&
      mine.people === inputs.people &&
      mine.cadenceDays === inputs.cadenceDays &&
      mine.teamOf === inputs.teamOf
    );
  }

  private note(report: StatusReport): void {
    for (const id of report.cites) this.citedIds.add(id);
    if (report.date > this.latestDate) this.latestDate = report.date;
  }

  /** Marks the filtering `lowers` that `upper` is at least as green as; true when it marked any. */
  private cover(upper: StatusReport, lowers: readonly StatusReport[]): boolean {
    let marked = false;
    for (const lower of lowers) {
      if (this.filtering.has(lower) && healthRank(upper.health) <= healthRank(lower.health)) {
        this.covered.add(lower);
        marked = true;
      }
    }
    return marked;
  }

  private pathOf(report: StatusReport): StatusReport[] {
    const steps = this.steps!;
    const path = [report];
    for (let next = steps.get(report)!.next; next; next = steps.get(next)!.next) path.push(next);
    return path;
  }
}

/** The worst step down from `top`, given the steps of the reports it summarises. */
function stepOver(
  steps: ReadonlyMap<StatusReport, WorstStep>,
  top: StatusReport,
  lowers: readonly StatusReport[],
): WorstStep {
  let step: WorstStep = { ground: top, length: 1, next: null };
  for (const lower of lowers) {
    const below = steps.get(lower)!;
    const candidate = { ground: below.ground, length: below.length + 1, next: lower };
    if (isWorsePath(candidate, step)) step = candidate;
  }
  return step;
}

/** When cites loop: each report's worst path walked on its own, guarded, as the definition says. */
function guardedPaths(graph: Beneath): Map<StatusReport, StatusReport[]> {
  return new Map([...graph.keys()].map((report) => [report, worstPathDown(graph, report)]));
}

/** The chains for `inputs`: the last state extended when `inputs` only appends reports to its own. */
function filteringChains(context: EvaluationContext, inputs: RollupInputs): StatusReport[][] {
  return evolve(context, filteringChains, (last: RollupState | undefined) => {
    if (last && last.sameInputs(inputs)) return last;
    return last ? last.extend(inputs) : new RollupState(inputs);
  }).chains;
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
    const chains = filteringChains(context, inputs);
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
