// Table tests for evidence health: each kind of evidence moves the right subjects, and the roll-up keeps the worst.
import { describe, expect, it } from "vitest";
import type {
  Commitment,
  Gate,
  InitiativeSnapshot,
  Metric,
  Milestone,
  Outcome,
  StatusReport,
  SubjectRef,
} from "../domain/model.ts";
import { addDays } from "../domain/primitives.ts";
import { parseInitiativeFile } from "../initiative-file/parse-initiative-file.ts";
import { orbitText } from "../../test/support/files.ts";
import { blankSnapshot, person } from "../../test/support/snapshot-builder.ts";
import { CheckCompiler } from "../checks/check-compiler.ts";
import { evidenceHealth, forecastOutcome, reportedHealth, type HealthAssessment } from "./evidence-health.ts";

const TODAY = "2026-02-10";
const checks = new CheckCompiler();
const context = { today: TODAY, checks };

function snapshot(patch: Partial<InitiativeSnapshot> = {}): InitiativeSnapshot {
  return blankSnapshot({
    initiative: { name: "Launch" },
    people: [person("dana", "Dana Reyes"), person("pat", "Pat Okafor", { managerId: "dana" })],
    ...patch,
  });
}

function commitment(id: string, patch: Partial<Commitment> = {}): Commitment {
  return {
    id,
    teamId: "product",
    ownerId: null,
    title: `Title of ${id}`,
    due: null,
    dueHistory: [],
    done: null,
    facts: {},
    ...patch,
  };
}

function milestone(patch: Partial<Milestone> = {}): Milestone {
  return {
    id: "feasibility",
    name: "Technical feasibility",
    date: "2026-01-31",
    assumptions: [{ id: "assumption-1", statement: "p95 under 500 ms", killCriteria: null }],
    tests: [],
    ...patch,
  };
}

function gate(votes: Gate["votes"]): Gate {
  return {
    id: "launch",
    name: "Launch",
    date: null,
    authorities: [{ role: "technical", personId: "pat" }],
    votes,
  };
}

/** A weekly metric from 2026-01-06. */
function metric(values: number[], patch: Partial<Metric> = {}): Metric {
  return {
    id: "activations",
    unit: "count",
    direction: "up",
    points: values.map((value, i) => ({ date: addDays("2026-01-06", 7 * i), value })),
    ...patch,
  };
}

function outcome(patch: Partial<Outcome> = {}): Outcome {
  return {
    id: "activations",
    metricId: "activations",
    comparator: ">=",
    target: 2000,
    by: "2026-04-30",
    ownerId: null,
    ...patch,
  };
}

function report(
  id: string,
  subject: SubjectRef,
  date: string,
  patch: Partial<StatusReport> = {},
): StatusReport {
  return {
    id,
    subject,
    authorId: "dana",
    date,
    health: "on_track",
    narrative: null,
    confidence: null,
    cites: [],
    ...patch,
  };
}

const find = (assessments: HealthAssessment[], type: SubjectRef["type"], id: string) =>
  assessments.find((a) => a.subject.type === type && a.subject.id === id);
const initiativeOf = (s: InitiativeSnapshot) => find(evidenceHealth(s, context), "initiative", "i")!;

describe("evidenceHealth: overdue commitments", () => {
  it.each([
    ["due yesterday and open", "2026-02-09", null, "at_risk"],
    ["14 days overdue (still a slip)", "2026-01-27", null, "at_risk"],
    ["15 days overdue (a miss)", "2026-01-26", null, "off_track"],
    ["due today", TODAY, null, "on_track"],
    ["overdue but delivered", "2026-01-01", "2026-01-20", "on_track"],
  ])("%s → %s", (_, due, done, health) => {
    const s = snapshot({ commitments: [commitment("release", { due, done })] });
    const assessments = evidenceHealth(s, context);
    expect(find(assessments, "commitment", "release")!.health).toBe(health);
    expect(find(assessments, "team", "product")!.health).toBe(health);
    expect(find(assessments, "initiative", "i")!.health).toBe(health);
  });

  it("quotes the due date and the days overdue", () => {
    const s = snapshot({ commitments: [commitment("release", { due: "2026-02-01" })] });
    expect(find(evidenceHealth(s, context), "commitment", "release")!.reasons).toEqual([
      {
        text: '"Title of release" was due 2026-02-01 and is not delivered: 9 days overdue',
        subject: { type: "commitment", id: "release" },
        value: 9,
      },
    ]);
  });
});

describe("evidenceHealth: link checks", () => {
  const twoTeams = (check: string) =>
    snapshot({
      commitments: [
        commitment("campaign", {
          teamId: "marketing",
          facts: { start: { type: "date", value: "2026-02-01" } },
        }),
        commitment("capacity", {
          teamId: "operations",
          facts: { ready: { type: "date", value: "2026-03-01" } },
        }),
        commitment("release", { teamId: "product" }),
      ],
      links: [
        {
          id: "ready-first",
          kind: "assumption",
          fromId: "campaign",
          toId: "capacity",
          directed: false,
          statement: "Capacity is ready first",
          check,
          due: null,
          ownerId: null,
          state: null,
        },
      ],
    });

  it("puts both ends of a broken link off track, and their teams and the initiative with them", () => {
    const assessments = evidenceHealth(twoTeams("capacity.ready <= campaign.start"), context);
    const healths = Object.fromEntries(
      assessments.map((a) => [`${a.subject.type}:${a.subject.id}`, a.health]),
    );
    expect(healths).toEqual({
      "initiative:i": "off_track",
      "team:marketing": "off_track",
      "team:operations": "off_track",
      "team:product": "unknown",
      "commitment:campaign": "off_track",
      "commitment:capacity": "off_track",
      "commitment:release": "unknown",
    });
    expect(find(assessments, "commitment", "campaign")!.reasons[0]).toMatchObject({
      subject: { type: "link", id: "ready-first" },
      text: expect.stringContaining('capacity.ready = "2026-03-01"'),
    });
  });

  it("leaves a holding link out of the evidence", () => {
    expect(initiativeOf(twoTeams("campaign.start <= capacity.ready"))).toMatchObject({
      health: "on_track",
      reasons: [],
      unknowns: [],
    });
  });

  it("records a check that cannot be evaluated as unknown, without guessing a health", () => {
    const assessment = initiativeOf(twoTeams("capacity.missing <= campaign.start"));
    expect(assessment.health).toBe("unknown");
    expect(assessment.unknowns).toEqual([
      expect.objectContaining({
        text: expect.stringContaining("cannot be checked"),
        subject: { type: "link", id: "ready-first" },
      }),
    ]);
  });

  it("lists a reason shared by two commitments of one team once", () => {
    const s = twoTeams("capacity.ready <= campaign.start");
    s.commitments[1]!.teamId = "marketing";
    expect(find(evidenceHealth(s, context), "team", "marketing")!.reasons).toHaveLength(1);
  });
});

describe("evidenceHealth: gates", () => {
  it("puts the initiative off track on a standing No-Go", () => {
    const s = snapshot({
      gates: [
        gate([
          { id: "v1", role: "technical", personId: "pat", vote: "no_go", reason: "p95 8 s", date: null },
        ]),
      ],
    });
    expect(initiativeOf(s)).toMatchObject({
      health: "off_track",
      reasons: [
        {
          text: 'No-Go on gate "Launch" by Pat Okafor (technical): p95 8 s',
          subject: { type: "gate", id: "launch" },
        },
      ],
    });
  });

  it("lets a later Go by the same role lift the No-Go", () => {
    const s = snapshot({
      gates: [
        gate([
          { id: "v1", role: "technical", personId: "pat", vote: "no_go", reason: "slow", date: "2026-02-01" },
          { id: "v2", role: "technical", personId: "pat", vote: "go", reason: null, date: "2026-02-08" },
        ]),
      ],
    });
    expect(initiativeOf(s).health).toBe("on_track");
  });
});

describe("evidenceHealth: assumption tests", () => {
  const invalidated = (patch: Partial<InitiativeSnapshot> = {}) =>
    snapshot({
      milestones: [
        milestone({
          tests: [
            {
              id: "test-1",
              assumptionId: "assumption-1",
              verdict: "invalidated",
              evidence: null,
              date: "2026-01-29",
            },
          ],
        }),
      ],
      ...patch,
    });
  const decision = (respondsTo: string, date: string) => ({
    id: "d1",
    date,
    kind: "pivot" as const,
    byId: "dana",
    respondsTo,
    rationale: "Ship to design partners first",
  });

  it("puts the initiative off track on an invalidation with no decision", () => {
    expect(initiativeOf(invalidated())).toMatchObject({
      health: "off_track",
      reasons: [{ subject: { type: "milestone", id: "feasibility" }, value: 12 }],
    });
  });

  it.each([
    ["the milestone's name", "technical feasibility"],
    ["the milestone's id", "feasibility"],
    ["the assumption's statement", "p95 under 500 ms"],
  ])("accepts a decision naming %s after the test", (_, respondsTo) => {
    expect(initiativeOf(invalidated({ decisions: [decision(respondsTo, "2026-02-02")] })).health).toBe(
      "on_track",
    );
  });

  it("ignores a decision made before the test", () => {
    expect(
      initiativeOf(invalidated({ decisions: [decision("Technical feasibility", "2026-01-20")] })).health,
    ).toBe("off_track");
  });

  it("counts an assumption revalidated by a later test as settled", () => {
    const s = snapshot({
      milestones: [
        milestone({
          tests: [
            {
              id: "t1",
              assumptionId: "assumption-1",
              verdict: "invalidated",
              evidence: null,
              date: "2026-01-29",
            },
            {
              id: "t2",
              assumptionId: "assumption-1",
              verdict: "validated",
              evidence: null,
              date: "2026-02-05",
            },
          ],
        }),
      ],
    });
    expect(initiativeOf(s).health).toBe("on_track");
  });

  it("puts the initiative at risk when a milestone passed with untested assumptions", () => {
    expect(initiativeOf(snapshot({ milestones: [milestone()] }))).toMatchObject({
      health: "at_risk",
      reasons: [
        { text: 'milestone "Technical feasibility" passed on 2026-01-31 with 1 untested assumption' },
      ],
    });
    expect(initiativeOf(snapshot({ milestones: [milestone({ date: "2026-02-20" })] })).health).toBe(
      "unknown",
    );
  });
});

describe("evidenceHealth: outcomes", () => {
  it.each([
    [
      "about 30 a week toward 2,000: reaches about 639 (24% of the way)",
      [150, 180, 210],
      outcome(),
      "off_track",
    ],
    ["short but more than half the way", [1500, 1530, 1560], outcome(), "at_risk"],
    ["on pace", [1000, 1100, 1200], outcome(), "on_track"],
    [
      "a down metric falling to its ceiling",
      [900, 800, 700],
      outcome({ comparator: "<=", target: 100 }),
      "on_track",
    ],
    [
      "a down metric falling too slowly",
      [900, 890, 880],
      outcome({ comparator: "<=", target: 100 }),
      "off_track",
    ],
    ["'==' read in the metric's direction", [150, 180, 210], outcome({ comparator: "==" }), "off_track"],
  ])("%s → %s", (_, values, target, health) => {
    expect(initiativeOf(snapshot({ metrics: [metric(values)], outcomes: [target] })).health).toBe(health);
  });

  it("records an outcome it cannot project as unknown", () => {
    const assessment = initiativeOf(snapshot({ metrics: [metric([150])], outcomes: [outcome()] }));
    expect(assessment.health).toBe("unknown");
    expect(assessment.unknowns[0]!.text).toContain("cannot be projected: activations has one point");
  });

  it("ignores points dated after today", () => {
    const future = { date: "2026-03-01", value: 5000 };
    const m = metric([150], { points: [{ date: "2026-01-06", value: 150 }, future] });
    expect(forecastOutcome(snapshot({ metrics: [m] }), outcome(), TODAY).status).toBe("unprojectable");
  });

  it("gives the pace still needed", () => {
    const forecast = forecastOutcome(snapshot({ metrics: [metric([150, 180, 210])] }), outcome(), TODAY);
    expect(forecast.status === "projected" && forecast.neededPerDay).toBeCloseTo(1790 / 100, 10);
  });
});

describe("evidenceHealth: early warnings", () => {
  const withRisk = (earlyWarning: string) =>
    snapshot({
      metrics: [
        { id: "backlog", unit: "tickets", direction: "down", points: [{ date: "2026-02-09", value: 240 }] },
      ],
      risks: [
        {
          id: "swamped",
          title: "Support is swamped",
          likelihood: "high",
          impact: "high",
          earlyWarning,
          mitigation: null,
          ownerId: null,
          raisedBy: null,
          raisedOn: null,
        },
      ],
    });

  it("puts the initiative at risk when a warning sign fires", () => {
    expect(initiativeOf(withRisk("metrics.backlog.latest > 200"))).toMatchObject({
      health: "at_risk",
      reasons: [
        {
          subject: { type: "risk", id: "swamped" },
          text: expect.stringContaining("metrics.backlog.latest = 240"),
        },
      ],
    });
  });

  it("stays on track while the sign is quiet, and records a sign it cannot read as unknown", () => {
    expect(initiativeOf(withRisk("metrics.backlog.latest > 300")).health).toBe("on_track");
    const unreadable = initiativeOf(withRisk("metrics.nothing.latest > 1"));
    expect(unreadable.health).toBe("unknown");
    expect(unreadable.unknowns).toHaveLength(1);
  });
});

describe("evidenceHealth: subjects and roll-up", () => {
  it("assesses the initiative, each team with commitments, and each commitment, and nothing else", () => {
    const s = snapshot({
      teams: [{ id: "legal", name: "Legal", leadId: null, members: [], wipLimit: null }],
      commitments: [commitment("a", { teamId: "product" }), commitment("b", { teamId: "sales" })],
    });
    expect(evidenceHealth(s, context).map((a) => `${a.subject.type}:${a.subject.id}`)).toEqual([
      "initiative:i",
      "team:product",
      "team:sales",
      "commitment:a",
      "commitment:b",
    ]);
  });

  it("orders reasons worst first", () => {
    const s = snapshot({
      commitments: [commitment("late", { due: "2026-02-05" })],
      gates: [
        gate([{ id: "v1", role: "technical", personId: "pat", vote: "no_go", reason: null, date: null }]),
      ],
    });
    expect(initiativeOf(s).reasons.map((r) => r.subject?.type)).toEqual(["gate", "commitment"]);
  });
});

describe("reportedHealth", () => {
  const initiative: SubjectRef = { type: "initiative", id: "i" };

  it("gives the latest report by date, then by position", () => {
    const s = snapshot({
      reports: [
        report("r1", initiative, "2026-02-05"),
        report("r2", initiative, "2026-02-01"),
        report("r3", initiative, "2026-02-05", { health: "at_risk" }),
      ],
    });
    expect(reportedHealth(s, initiative)?.id).toBe("r3");
  });

  it("matches the initiative however the report names it, and gives null when nobody reported", () => {
    const s = snapshot({ reports: [report("r1", { type: "initiative", id: "initiative" }, "2026-02-05")] });
    expect(reportedHealth(s, initiative)?.id).toBe("r1");
    expect(reportedHealth(s, { type: "commitment", id: "release" })).toBeNull();
  });
});

describe("evidenceHealth on the Orbit example", () => {
  const parsed = parseInitiativeFile(orbitText(), {
    fileName: "orbit-launch.yaml",
    checks: new CheckCompiler(),
  });
  if (!parsed.ok) throw new Error("the Orbit example does not parse");
  const orbit = parsed.snapshot;
  const assessments = evidenceHealth(orbit, { today: orbit.initiative.asOf!, checks });
  const initiative = find(assessments, "initiative", orbit.initiative.id)!;

  it("finds the initiative off track for the reasons the report hides", () => {
    expect(initiative.health).toBe("off_track");
    expect(initiative.reasons.map((r) => `${r.subject?.type}:${r.subject?.id}`)).toEqual([
      "gate:launch",
      "milestone:technical-feasibility",
      "outcome:weekly_activations",
      "link:link-1",
      "link:link-2",
      "risk:risk-1",
      "commitment:campaign",
    ]);
  });

  it("finds the release itself on track: its trouble is in the reports, not yet in its data", () => {
    expect(find(assessments, "commitment", "release")!.health).toBe("on_track");
    expect(find(assessments, "team", "operations")!.health).toBe("off_track");
  });
});

describe("evidenceHealth: unknown where nothing is known", () => {
  const healthOf = (s: InitiativeSnapshot, type: SubjectRef["type"], id: string) =>
    find(evidenceHealth(s, context), type, id)!.health;
  const link = (check: string) => ({
    id: "ready-first",
    kind: "assumption" as const,
    fromId: "a",
    toId: "b",
    directed: false,
    statement: "a is ready before b",
    check,
    due: null,
    ownerId: null,
    state: null,
  });
  const dated = { facts: { ready: { type: "date" as const, value: "2026-03-01" } } };

  it.each([
    ["a commitment with no due date, no delivery and no check", [commitment("a")], "unknown"],
    ["a commitment due later", [commitment("a", { due: "2026-03-01" })], "on_track"],
    ["a delivered commitment", [commitment("a", { done: "2026-02-01" })], "on_track"],
  ])("calls %s %s", (_, commitments, health) => {
    const s = snapshot({ commitments });
    expect(healthOf(s, "commitment", "a")).toBe(health);
    expect(healthOf(s, "team", "product")).toBe(health);
    expect(healthOf(s, "initiative", "i")).toBe(health);
  });

  it("calls both ends of a passing check on track, and a check it cannot read no evidence", () => {
    const passing = snapshot({
      commitments: [commitment("a", dated), commitment("b", dated)],
      links: [link("a.ready <= b.ready")],
    });
    expect(healthOf(passing, "commitment", "a")).toBe("on_track");
    expect(healthOf(passing, "commitment", "b")).toBe("on_track");
    const unreadable = { ...passing, links: [link("a.missing <= b.ready")] };
    expect(healthOf(unreadable, "commitment", "a")).toBe("unknown");
  });

  it("calls the initiative on track on a vote or an outcome on course, with nothing else to go on", () => {
    const go = [
      { id: "v1", role: "technical", personId: "pat", vote: "go" as const, reason: null, date: null },
    ];
    expect(healthOf(snapshot({ gates: [gate(go)] }), "initiative", "i")).toBe("on_track");
    expect(healthOf(snapshot({ gates: [gate([])] }), "initiative", "i")).toBe("unknown");
    const onCourse = snapshot({ metrics: [metric([1000, 1200, 1400, 1600])], outcomes: [outcome()] });
    expect(healthOf(onCourse, "initiative", "i")).toBe("on_track");
  });

  it("keeps a team on track when one of its commitments is known and another is not", () => {
    const s = snapshot({ commitments: [commitment("a"), commitment("b", { due: "2026-03-01" })] });
    expect(healthOf(s, "commitment", "a")).toBe("unknown");
    expect(healthOf(s, "team", "product")).toBe("on_track");
  });
});
