// Table tests for watermelon: reports greener than the evidence fire, by the gap; honest or redder reports do not.
import { describe, expect, it } from "vitest";
import type { Commitment, InitiativeSnapshot, StatusReport, SubjectRef } from "../../domain/model.ts";
import type { Health } from "../../domain/primitives.ts";
import { parseInitiativeFile } from "../../initiative-file/parse-initiative-file.ts";
import { orbitText } from "../../../test/support/files.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import type { SnapshotSection } from "../detector.ts";
import { watermelon } from "./watermelon.ts";

const checks = new CheckCompiler();
const context = { today: "2026-02-10", checks };

function snapshot(patch: Partial<InitiativeSnapshot> = {}): InitiativeSnapshot {
  return {
    initiative: {
      id: "i",
      name: "Launch",
      ownerId: "dana",
      asOf: null,
      summary: null,
      cadenceDays: 14,
      investment: null,
    },
    people: [
      { id: "dana", name: "Dana Reyes", title: null, managerId: null, email: null, leftOn: null },
      { id: "pat", name: "Pat Okafor", title: null, managerId: "dana", email: null, leftOn: null },
    ],
    teams: [{ id: "product", name: "Product", leadId: "pat", members: [], wipLimit: null }],
    descriptions: [],
    metrics: [],
    outcomes: [],
    commitments: [],
    links: [],
    requirements: [],
    reports: [],
    milestones: [],
    decisions: [],
    gates: [],
    risks: [],
    reviews: [],
    recognitions: [],
    ...patch,
  };
}

function commitment(id: string, due: string | null): Commitment {
  return {
    id,
    teamId: "product",
    ownerId: "pat",
    title: "Self-serve release",
    due,
    dueHistory: [],
    done: null,
    facts: {},
  };
}

function report(subject: SubjectRef, health: Health, patch: Partial<StatusReport> = {}): StatusReport {
  const date = patch.date ?? "2026-02-05";
  return {
    id: `${subject.id}-${date}-${health}`,
    subject,
    authorId: "pat",
    date,
    health,
    narrative: null,
    confidence: null,
    cites: [],
    ...patch,
  };
}

const INITIATIVE: SubjectRef = { type: "initiative", id: "i" };
const RELEASE: SubjectRef = { type: "commitment", id: "release" };
const PRODUCT: SubjectRef = { type: "team", id: "product" };
const NO_GO = {
  id: "launch",
  name: "Launch",
  date: null,
  authorities: [{ role: "technical", personId: "pat" }],
  votes: [
    { id: "v1", role: "technical", personId: "pat", vote: "no_go" as const, reason: "p95 8 s", date: null },
  ],
};

/** Due 5 days ago: at risk. Due 20 days ago: off track. */
const AT_RISK_RELEASE = commitment("release", "2026-02-05");
const OFF_TRACK_RELEASE = commitment("release", "2026-01-21");

describe("watermelon", () => {
  it.each([
    [
      "an initiative reported on_track over a No-Go (two steps)",
      snapshot({ gates: [NO_GO], reports: [report(INITIATIVE, "on_track", { authorId: "dana" })] }),
      INITIATIVE,
      "critical",
      "dana",
    ],
    [
      "a commitment reported on_track while 5 days overdue (one step)",
      snapshot({ commitments: [AT_RISK_RELEASE], reports: [report(RELEASE, "on_track")] }),
      RELEASE,
      "warning",
      "pat",
    ],
    [
      "a team reported at_risk while its commitment is 20 days overdue (one step)",
      snapshot({ commitments: [OFF_TRACK_RELEASE], reports: [report(PRODUCT, "at_risk")] }),
      PRODUCT,
      "warning",
      "pat",
    ],
    [
      "a green call older than the cadence, made after the work fell due",
      snapshot({
        commitments: [commitment("release", "2025-12-01")],
        reports: [report(RELEASE, "on_track", { date: "2025-12-10" })],
      }),
      RELEASE,
      "critical",
      "pat",
    ],
    [
      "a team's green call made while one of its commitments was already late, though another fell due after",
      snapshot({
        commitments: [OFF_TRACK_RELEASE, commitment("billing", "2026-02-07")],
        reports: [report(PRODUCT, "on_track", { date: "2026-02-04" })],
      }),
      PRODUCT,
      "critical",
      "pat",
    ],
  ])("fires on %s", (_, s, subject, severity, owner) => {
    const signals = watermelon.detect(s, context);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ kind: "watermelon", subject, severity, owner });
  });

  it.each([
    [
      "a report redder than the evidence",
      snapshot({ commitments: [AT_RISK_RELEASE], reports: [report(RELEASE, "off_track")] }),
    ],
    [
      "a report that matches the evidence",
      snapshot({ commitments: [AT_RISK_RELEASE], reports: [report(RELEASE, "at_risk")] }),
    ],
    ["bad evidence nobody reported on", snapshot({ commitments: [OFF_TRACK_RELEASE], gates: [NO_GO] })],
    [
      "an old green report superseded by an honest one",
      snapshot({
        commitments: [OFF_TRACK_RELEASE],
        reports: [
          report(RELEASE, "off_track", { date: "2026-02-08" }),
          report(RELEASE, "on_track", { date: "2026-02-01" }),
        ],
      }),
    ],
    [
      "a green call older than the cadence, made before the work fell due: silence, not a claim",
      snapshot({
        commitments: [OFF_TRACK_RELEASE],
        reports: [report(RELEASE, "on_track", { date: "2026-01-15" })],
      }),
    ],
    [
      "a current green call made before the work fell due, which it since missed: the lateness came after it",
      snapshot({
        commitments: [commitment("release", "2026-02-06")],
        reports: [report(RELEASE, "on_track", { date: "2026-02-03" })],
      }),
    ],
    [
      "a team's green call made before any of its late work fell due",
      snapshot({
        commitments: [commitment("release", "2026-02-06"), commitment("billing", "2026-02-07")],
        reports: [report(PRODUCT, "on_track", { date: "2026-02-04" })],
      }),
    ],
    [
      "an initiative's green call older than the cadence",
      snapshot({ gates: [NO_GO], reports: [report(INITIATIVE, "on_track", { date: "2026-01-20" })] }),
    ],
  ])("stays silent on %s", (_, s) => {
    expect(watermelon.detect(s, context)).toEqual([]);
  });

  it("explains the report, who made it and the evidence against it", () => {
    const s = snapshot({ commitments: [OFF_TRACK_RELEASE], reports: [report(RELEASE, "on_track")] });
    const [signal] = watermelon.detect(s, context);
    expect(signal!.title).toBe('"Self-serve release" reported on_track, evidence says off_track');
    expect(signal!.explanation).toBe(
      '"Self-serve release" was reported on_track on 2026-02-05 by Pat Okafor; the evidence says off_track: ' +
        '"Self-serve release" was due 2026-01-21 and is not delivered: 20 days overdue. ' +
        "Pat Okafor should reconcile the report with the evidence.",
    );
    expect(signal!.evidence.map((e) => e.subject)).toEqual([RELEASE, RELEASE]);
  });

  it("treats a new green report as a new finding, but keeps the fingerprint across evaluations", () => {
    const first = snapshot({ gates: [NO_GO], reports: [report(INITIATIVE, "on_track")] });
    const again = watermelon.detect(first, context)[0]!.fingerprint;
    expect(watermelon.detect(first, context)[0]!.fingerprint).toBe(again);
    const second = snapshot({
      gates: [NO_GO],
      reports: [report(INITIATIVE, "on_track", { date: "2026-02-09" })],
    });
    expect(watermelon.detect(second, context)[0]!.fingerprint).not.toBe(again);
  });

  it("reads only the sections it declares", () => {
    const read = new Set<string>();
    const spy = new Proxy(snapshot({ gates: [NO_GO], reports: [report(INITIATIVE, "on_track")] }), {
      get: (target, key, receiver) => (read.add(String(key)), Reflect.get(target, key, receiver)),
    });
    watermelon.detect(spy, context);
    expect([...read].filter((key) => !watermelon.reads.includes(key as SnapshotSection))).toEqual([]);
  });
});

describe("watermelon on the Orbit example", () => {
  const parsed = parseInitiativeFile(orbitText(), {
    fileName: "orbit-launch.yaml",
    checks: new CheckCompiler(),
  });
  if (!parsed.ok) throw new Error("the Orbit example does not parse");
  const orbit = parsed.snapshot;
  const signals = watermelon.detect(orbit, { today: orbit.initiative.asOf!, checks });

  it("fires once, on the initiative Dana reported on_track, critical and owned by Dana", () => {
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      subject: { type: "initiative", id: orbit.initiative.id },
      severity: "critical",
      owner: "dana",
      title: '"Orbit self-serve launch" reported on_track, evidence says off_track',
    });
    expect(signals[0]!.explanation).toMatch(
      /^"Orbit self-serve launch" was reported on_track on 2026-02-05 by Dana Reyes/,
    );
  });

  it("cites broken assumptions, the No-Go, the undecided invalidation and the outcome far below its target", () => {
    const cited = signals[0]!.evidence.map((e) => e.subject?.type);
    expect(cited.filter((type) => type === "link")).toHaveLength(2);
    expect(cited).toEqual(expect.arrayContaining(["gate", "milestone", "outcome", "risk"]));
    const explanation = signals[0]!.explanation;
    expect(explanation).toContain('No-Go on gate "Launch" by Pat Okafor');
    expect(explanation).toContain('"p95 latency under 500 ms at expected load" was invalidated');
    expect(explanation).toContain("weekly_activations ≥ 2,000 by 2026-04-30 is projected to reach about 639");
  });
});
