// filtered-rollup against its definition, written the plain way, on random reports (looping cites, repeated ids).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Commitment, InitiativeSnapshot, StatusReport, SubjectRef } from "../../domain/model.ts";
import { daysBetween, healthRank, HEALTHS } from "../../domain/primitives.ts";
import { snapshotOf } from "../../../test/support/snapshot-builder.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import { isSameSubject } from "../evidence-health.ts";
import { filteredRollup } from "./filtered-rollup.ts";

// ── The definition, as the detector first wrote it: quadratic, unmemoised, easy to check by eye ──────────

function isAbove(snapshot: InitiativeSnapshot, managerId: string, personId: string): boolean {
  const managerOf = new Map(snapshot.people.map((p) => [p.id, p.managerId]));
  const seen = new Set<string>();
  for (let id = managerOf.get(personId); id && !seen.has(id); id = managerOf.get(id)) {
    if (id === managerId) return true;
    seen.add(id);
  }
  return false;
}

function parentsOf(snapshot: InitiativeSnapshot, subject: SubjectRef): SubjectRef[] {
  if (subject.type === "initiative") return [];
  const initiative: SubjectRef = { type: "initiative", id: snapshot.initiative.id };
  const teamId =
    subject.type === "commitment" ? snapshot.commitments.find((c) => c.id === subject.id)?.teamId : undefined;
  return teamId ? [{ type: "team", id: teamId }, initiative] : [initiative];
}

function graphOf(snapshot: InitiativeSnapshot): Map<StatusReport, StatusReport[]> {
  const byId = new Map(snapshot.reports.map((r) => [r.id, r]));
  const position = new Map(snapshot.reports.map((r, i) => [r, i]));
  const isBefore = (lower: StatusReport, upper: StatusReport) =>
    lower.date < upper.date || (lower.date === upper.date && position.get(lower)! < position.get(upper)!);
  const rollsInto = (lower: StatusReport, upper: StatusReport) =>
    isSameSubject(lower.subject, upper.subject) ||
    parentsOf(snapshot, lower.subject).some((parent) => isSameSubject(parent, upper.subject));
  const implicitlyBeneath = (report: StatusReport) => {
    const latest = new Map<string, StatusReport>();
    for (const lower of snapshot.reports) {
      const summarised =
        isBefore(lower, report) &&
        daysBetween(lower.date, report.date) <= snapshot.initiative.cadenceDays &&
        rollsInto(lower, report) &&
        isAbove(snapshot, report.authorId, lower.authorId);
      if (!summarised) continue;
      const key = `${lower.authorId}\u0000${lower.subject.type}:${lower.subject.id}`;
      const previous = latest.get(key);
      if (!previous || isBefore(previous, lower)) latest.set(key, lower);
    }
    return [...latest.values()];
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

function worstPathDown(
  graph: Map<StatusReport, StatusReport[]>,
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

/** Each chain the definition reports, ground first, as report ids. */
function definedChains(snapshot: InitiativeSnapshot): string[][] {
  const graph = graphOf(snapshot);
  const pathDown = new Map(snapshot.reports.map((report) => [report, worstPathDown(graph, report)]));
  const isFiltering = (report: StatusReport) =>
    healthRank(pathDown.get(report)!.at(-1)!.health) > healthRank(report.health);
  const isCovered = (report: StatusReport) =>
    snapshot.reports.some(
      (upper) => healthRank(upper.health) <= healthRank(report.health) && graph.get(upper)!.includes(report),
    );
  return snapshot.reports
    .filter((report) => isFiltering(report) && !isCovered(report))
    .map((top) => [...pathDown.get(top)!].reverse().map((r) => r.id));
}

// ── Random initiatives built to reach the corners ────────────────────────────────────────────────────────

const PEOPLE = ["dana", "pat", "lee", "kofi", "ana", "sam"];

const commitmentOf = (id: string, teamId: string): Commitment => ({
  id,
  teamId,
  title: `Commitment ${id}`,
  ownerId: null,
  due: null,
  done: null,
  dueHistory: [],
  facts: {},
});

const reportArbitrary = fc.record({
  id: fc.constantFrom("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"),
  subject: fc.constantFrom<SubjectRef>(
    { type: "initiative", id: "launch" },
    { type: "initiative", id: "initiative" },
    { type: "team", id: "product" },
    { type: "team", id: "engineering" },
    { type: "team", id: "" },
    { type: "commitment", id: "c1" },
    { type: "commitment", id: "c2" },
    { type: "commitment", id: "c3" },
    { type: "gate", id: "g1" },
  ),
  authorId: fc.constantFrom(...PEOPLE),
  day: fc.integer({ min: 1, max: 20 }),
  health: fc.constantFrom(...HEALTHS),
  cites: fc.oneof(
    fc.constant([] as string[]),
    fc.array(fc.constantFrom("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "none"), { maxLength: 3 }),
  ),
  twice: fc.boolean(),
});

const snapshotArbitrary = fc
  .record({
    reports: fc.array(reportArbitrary, { maxLength: 12 }),
    cadenceDays: fc.integer({ min: 1, max: 14 }),
    // c1 twice (the first decides its team), c3 with no team.
    teams: fc.tuple(fc.constantFrom("product", "engineering"), fc.constantFrom("product", "engineering")),
  })
  .map(({ reports, cadenceDays, teams: [first, second] }) => {
    const built: StatusReport[] = [];
    for (const { day, twice, ...r } of reports) {
      const report: StatusReport = {
        ...r,
        date: `2026-02-${String(day).padStart(2, "0")}`,
        narrative: null,
        confidence: null,
      };
      built.push(report);
      // Now and then the very same report object twice in the list.
      if (twice && built.length % 4 === 0) built.push(report);
    }
    return snapshotOf({
      initiative: { ...snapshotOf().initiative, cadenceDays },
      commitments: [
        commitmentOf("c1", first),
        commitmentOf("c2", second),
        commitmentOf("c1", "engineering"),
        commitmentOf("c3", ""),
      ],
      reports: built,
    });
  });

describe("filtered-rollup, against its definition", () => {
  it("finds the same chains on random reports", () => {
    // One context for every case, as an IncrementalEvaluator keeps one across snapshots: whatever the
    // detector remembers from the previous case must not leak into this one.
    const context = { today: "2026-02-28", checks: new CheckCompiler() };
    fc.assert(
      fc.property(snapshotArbitrary, (snapshot) => {
        const found = filteredRollup
          .detect(snapshot, context)
          .map((s) => s.evidence.map((e) => (e.value as { report: string }).report));
        expect(found).toEqual(definedChains(snapshot));
      }),
      { numRuns: 800 },
    );
  });

  it("finds the same chains when reports are appended to ones it has seen", () => {
    // Reports dated after every earlier one are what the detector extends its last chains with.
    const context = { today: "2026-03-31", checks: new CheckCompiler() };
    fc.assert(
      fc.property(snapshotArbitrary, fc.integer({ min: 0, max: 12 }), (snapshot, split) => {
        const before = snapshot.reports.slice(0, split);
        const appended = snapshot.reports
          .slice(split)
          .map((report) => ({ ...report, date: report.date.replace("2026-02-", "2026-03-") }))
          .sort((a, b) => a.date.localeCompare(b.date));
        const chainsOf = (reports: StatusReport[]) =>
          filteredRollup
            .detect({ ...snapshot, reports }, context)
            .map((s) => s.evidence.map((e) => (e.value as { report: string }).report));
        chainsOf(before);
        for (let k = 1; k <= appended.length; k++) {
          const reports = [...before, ...appended.slice(0, k)];
          expect(chainsOf(reports)).toEqual(definedChains({ ...snapshot, reports }));
        }
      }),
      { numRuns: 500 },
    );
  });
});
