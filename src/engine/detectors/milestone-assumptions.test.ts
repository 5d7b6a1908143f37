// Table tests for untested-assumption and undecided-invalidation: passed milestones without verdicts, invalidations without decisions.
import { describe, expect, it } from "vitest";
import type { AssumptionTest, Decision, InitiativeSnapshot, Milestone } from "../../domain/model.ts";
import { parseInitiativeFile } from "../../initiative-file/parse-initiative-file.ts";
import { orbitText } from "../../../test/support/files.ts";
import { blankSnapshot } from "../../../test/support/snapshot-builder.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import type { SnapshotSection } from "../detector.ts";
import { milestoneAssumptions } from "./milestone-assumptions.ts";

const context = { today: "2026-02-10", checks: new CheckCompiler() };

function milestone(tests: Omit<AssumptionTest, "id">[], patch: Partial<Milestone> = {}): Milestone {
  return {
    id: "feasibility",
    name: "Technical feasibility",
    date: "2026-01-31",
    assumptions: [
      { id: "assumption-1", statement: "p95 under 500 ms", killCriteria: "Over 2 s: delay the campaign" },
      { id: "assumption-2", statement: "Provisioning under a minute", killCriteria: null },
    ],
    tests: tests.map((t, i) => ({ id: `test-${i + 1}`, ...t })),
    ...patch,
  };
}

const test = (assumptionId: string, verdict: AssumptionTest["verdict"], date: string | null = null) => ({
  assumptionId,
  verdict,
  evidence: verdict === "invalidated" ? "load test: p95 8 s" : null,
  date,
});

const decision = (respondsTo: string, date: string): Decision => ({
  id: "d1",
  date,
  kind: "pivot",
  byId: "dana",
  respondsTo,
  rationale: "Ship to design partners first",
});

const snapshot = (milestones: Milestone[], decisions: Decision[] = []) =>
  blankSnapshot({ initiative: { name: "Launch" }, milestones, decisions });

const detect = (s: InitiativeSnapshot) => milestoneAssumptions.detect(s, context);
const ofKind = (s: InitiativeSnapshot, kind: string) => detect(s).filter((signal) => signal.kind === kind);
const BOTH_VALIDATED = [test("assumption-1", "validated"), test("assumption-2", "validated")];

describe("untested-assumption", () => {
  it.each([
    [
      "a passed milestone with no tests",
      milestone([]),
      ['"p95 under 500 ms"', '"Provisioning under a minute"'],
    ],
    [
      "a passed milestone whose only test of one assumption was inconclusive",
      milestone([test("assumption-1", "validated"), test("assumption-2", "inconclusive")]),
      ['"Provisioning under a minute"'],
    ],
  ])("fires on %s", (_, m, untested) => {
    const signals = ofKind(snapshot([m]), "untested-assumption");
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      severity: "warning",
      owner: "dana",
      subject: { type: "milestone", id: "feasibility" },
    });
    expect(signals[0]!.evidence.map((e) => e.text)).toEqual(untested.map((u) => `untested: ${u}`));
  });

  it.each([
    ["a milestone still ahead", milestone([], { date: "2026-02-20" })],
    ["a milestone due today", milestone([], { date: "2026-02-10" })],
    ["a passed milestone with every assumption tested", milestone(BOTH_VALIDATED)],
  ])("stays silent on %s", (_, m) => {
    expect(ofKind(snapshot([m]), "untested-assumption")).toEqual([]);
  });

  it("says how long ago the milestone passed and what is untested", () => {
    const [signal] = ofKind(
      snapshot([milestone([test("assumption-1", "validated")])]),
      "untested-assumption",
    );
    expect(signal!.title).toBe('Milestone passed untested: "Technical feasibility"');
    expect(signal!.explanation).toBe(
      '"Technical feasibility" was due on 2026-01-31 (10 days ago) to validate or invalidate 2 assumptions; ' +
        '1 still has no verdict: "Provisioning under a minute". Record the tests, or a decision to move the milestone.',
    );
  });
});

describe("undecided-invalidation", () => {
  const invalidated = (date: string | null = "2026-01-29") =>
    milestone([test("assumption-1", "invalidated", date), test("assumption-2", "validated")]);

  it.each([
    ["an invalidation 12 days without a decision", snapshot([invalidated()]), "warning", 12],
    ["an invalidation 15 days without a decision", snapshot([invalidated("2026-01-26")]), "critical", 15],
    ["an undated test, counted from the milestone's date", snapshot([invalidated(null)]), "warning", 10],
    [
      "a decision made before the test",
      snapshot([invalidated()], [decision("Technical feasibility", "2026-01-20")]),
      "warning",
      12,
    ],
  ])("fires on %s", (_, s, severity, days) => {
    const signals = ofKind(s, "undecided-invalidation");
    expect(signals.map((signal) => [signal.severity, signal.evidence[2]!.value])).toEqual([[severity, days]]);
  });

  it.each([
    ["a decision responding to the milestone by name", [decision("Technical Feasibility ", "2026-02-02")]],
    ["a decision responding to the milestone by id", [decision("feasibility", "2026-01-29")]],
    ["a decision responding to the assumption itself", [decision("p95 under 500 ms", "2026-02-02")]],
  ])("stays silent on %s", (_, decisions) => {
    expect(ofKind(snapshot([invalidated()], decisions), "undecided-invalidation")).toEqual([]);
  });

  it("stays silent when a later test validated the assumption", () => {
    const retested = milestone([
      test("assumption-1", "invalidated", "2026-01-29"),
      test("assumption-1", "validated", "2026-02-06"),
      test("assumption-2", "validated"),
    ]);
    expect(detect(snapshot([retested]))).toEqual([]);
  });

  it("explains the days waiting and the kill criteria recorded before the test", () => {
    const [signal] = ofKind(snapshot([invalidated()]), "undecided-invalidation");
    expect(signal).toMatchObject({
      title: 'Invalidated assumption awaits a decision: "p95 under 500 ms"',
      subject: { type: "milestone", id: "feasibility" },
      owner: "dana",
    });
    expect(signal!.explanation).toBe(
      'At milestone "Technical feasibility" (2026-01-31) the assumption "p95 under 500 ms" was invalidated ' +
        '(evidence: "load test: p95 8 s"). No decision responds to it: 12 days waiting since 2026-01-29. ' +
        'The kill criteria recorded before the test: "Over 2 s: delay the campaign". ' +
        'Record a decision (pivot, persevere, stop, descope or delay) responding to "Technical feasibility".',
    );
  });

  it("reads only the sections it declares", () => {
    const read = new Set<string>();
    const spy = new Proxy(snapshot([invalidated(), milestone([])]), {
      get: (target, key, receiver) => (read.add(String(key)), Reflect.get(target, key, receiver)),
    });
    milestoneAssumptions.detect(spy, context);
    expect([...read].filter((key) => !milestoneAssumptions.reads.includes(key as SnapshotSection))).toEqual(
      [],
    );
  });
});

describe("milestone assumptions on the Orbit example", () => {
  const parsed = parseInitiativeFile(orbitText(), { fileName: "orbit-launch.yaml", checks: context.checks });
  if (!parsed.ok) throw new Error("the Orbit example does not parse");
  const orbit = parsed.snapshot;
  const signals = milestoneAssumptions.detect(orbit, {
    today: orbit.initiative.asOf!,
    checks: context.checks,
  });

  it("finds the invalidated p95 latency assumption waiting for a decision, and nothing untested", () => {
    expect(signals.map((s) => [s.kind, s.severity, s.title])).toEqual([
      [
        "undecided-invalidation",
        "warning",
        'Invalidated assumption awaits a decision: "p95 latency under 500 ms at expected load"',
      ],
    ]);
    expect(signals[0]!.explanation).toContain("10 days waiting since 2026-01-31");
    expect(signals[0]!.explanation).toContain("No kill criteria were recorded before the test.");
  });
});
