// filtered-rollup: a roll-up report greener than the ground reports beneath it (the thermocline of truth).
import type { InitiativeSnapshot, Signal, StatusReport, SubjectRef } from "../../domain/model.ts";
import { daysBetween, healthRank } from "../../domain/primitives.ts";
import { signal, type Detector } from "../detector.ts";
import {
  SUBJECT_TITLE_READS,
  canonicalSubject,
  count,
  isSameSubject,
  personName,
  subjectTitle,
} from "../evidence-health.ts";

type ReportGraph = Map<StatusReport, StatusReport[]>;

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

/** The subjects a report on `subject` rolls up into: a commitment into its team, everything into the initiative. */
function parentsOf(snapshot: InitiativeSnapshot, subject: SubjectRef): SubjectRef[] {
  if (subject.type === "initiative") return [];
  const initiative: SubjectRef = { type: "initiative", id: snapshot.initiative.id };
  const teamId =
    subject.type === "commitment" ? snapshot.commitments.find((c) => c.id === subject.id)?.teamId : undefined;
  return teamId ? [{ type: "team", id: teamId }, initiative] : [initiative];
}

/**
 * Which reports each report summarises: the ones it cites; else (no cites) the latest report of each person
 * below its author on the same subject or one that rolls up into it, made within the cadence window before it.
 */
function buildReportGraph(snapshot: InitiativeSnapshot): ReportGraph {
  const managerOf = new Map(snapshot.people.map((p) => [p.id, p.managerId]));
  const byId = new Map(snapshot.reports.map((r) => [r.id, r]));
  const position = new Map(snapshot.reports.map((r, i) => [r, i]));
  const isBefore = (lower: StatusReport, upper: StatusReport) =>
    lower.date < upper.date || (lower.date === upper.date && position.get(lower)! < position.get(upper)!);
  const rollsInto = (lower: StatusReport, upper: StatusReport) =>
    isSameSubject(lower.subject, upper.subject) ||
    parentsOf(snapshot, lower.subject).some((parent) => isSameSubject(parent, upper.subject));

  const implicitlyBeneath = (report: StatusReport) => {
    const latestByAuthorAndSubject = new Map<string, StatusReport>();
    for (const lower of snapshot.reports) {
      const summarised =
        isBefore(lower, report) &&
        daysBetween(lower.date, report.date) <= snapshot.initiative.cadenceDays &&
        rollsInto(lower, report) &&
        isAbove(managerOf, report.authorId, lower.authorId);
      if (!summarised) continue;
      // Only a person's latest call on a subject stands: an older one they have since revised does not.
      const key = `${lower.authorId}\u0000${lower.subject.type}:${lower.subject.id}`;
      const previous = latestByAuthorAndSubject.get(key);
      if (!previous || isBefore(previous, lower)) latestByAuthorAndSubject.set(key, lower);
    }
    return [...latestByAuthorAndSubject.values()];
  };
  return new Map(
    snapshot.reports.map((report) => [
      report,
      report.cites.length > 0
        ? report.cites.flatMap((id) => {
            const cited = byId.get(id);
            return cited && cited !== report ? [cited] : [];
          })
        : implicitlyBeneath(report),
    ]),
  );
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
    const worse = healthRank(path.at(-1)!.health) - healthRank(best.at(-1)!.health);
    if (worse > 0 || (worse === 0 && path.length > best.length)) best = path;
  }
  return best;
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
      `After ${layers} and ${count(daysBetween(ground.date, top.date), "day")},`,
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
  detect(snapshot) {
    const graph = buildReportGraph(snapshot);
    const pathDown = new Map(snapshot.reports.map((report) => [report, worstPathDown(graph, report)]));
    const isFiltering = (report: StatusReport) =>
      healthRank(pathDown.get(report)!.at(-1)!.health) > healthRank(report.health);
    // A report summarised by one at least as green is part of that higher chain: only the top one is reported.
    const isCoveredFromAbove = (report: StatusReport) =>
      snapshot.reports.some(
        (upper) =>
          healthRank(upper.health) <= healthRank(report.health) && graph.get(upper)!.includes(report),
      );
    return snapshot.reports
      .filter((report) => isFiltering(report) && !isCoveredFromAbove(report))
      .map((top) => rollupSignal(snapshot, [...pathDown.get(top)!].reverse()));
  },
};
