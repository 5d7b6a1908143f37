// The alignment index: each dimension's formula on small records, the trend as of earlier days, and the org roll-up.
import { describe, expect, it } from "vitest";
import {
  decision,
  gate,
  invalidatedMilestone,
  metric,
  report,
  review,
  risk,
  signalRecord,
  snapshotOf,
  vote,
} from "../../test/support/snapshot-builder.ts";
import {
  alignmentIndex,
  directionOf,
  orgAlignment,
  trendDays,
  type AlignmentInput,
} from "./alignment-index.ts";
import type { InitiativeSnapshot, Outcome } from "../domain/model.ts";

const today = "2026-02-10";
const index = (snapshot: InitiativeSnapshot, patch: Partial<AlignmentInput> = {}) =>
  alignmentIndex({ snapshot, signals: [], today, ...patch });

describe("surprise frequency", () => {
  const milestones = [
    {
      ...invalidatedMilestone(null, { id: "readiness", name: "Launch readiness", date: "2026-02-13" }),
      tests: [],
    },
    {
      ...invalidatedMilestone(null, { id: "ga", name: "General availability", date: "2026-03-15" }),
      tests: [],
    },
  ];

  it("counts a signal first seen within a week of the date of what it concerns", () => {
    const signals = [
      signalRecord("untested-assumption", "warning", { type: "milestone", id: "readiness" }, "2026-02-10"),
      signalRecord("untested-assumption", "warning", { type: "milestone", id: "ga" }, "2026-02-10"),
    ];
    const { score, measures } = index(snapshotOf({ milestones }), { signals }).surpriseFrequency;
    expect(measures.surprises.map((s) => [s.reason, s.subject.id])).toEqual([["late-signal", "readiness"]]);
    expect(score).toBe(75);
  });

  it("counts a critical signal with no earlier signal or concern on its subject, once per subject and day", () => {
    const link = { type: "link" as const, id: "capacity-first" };
    const unwarned = [
      signalRecord("broken-assumption", "critical", link, "2026-02-05"),
      signalRecord("unowned-link", "critical", link, "2026-02-05"),
    ];
    expect(index(snapshotOf(), { signals: unwarned }).surpriseFrequency.measures.lastWindow).toBe(1);
    const warned = [...unwarned, signalRecord("unowned-link", "warning", link, "2026-01-20")];
    expect(index(snapshotOf(), { signals: warned }).surpriseFrequency.measures.lastWindow).toBe(0);
    const reported = snapshotOf({ reports: [report("lee", "2026-02-01", "at_risk", { subject: link })] });
    expect(index(reported, { signals: unwarned }).surpriseFrequency.measures.lastWindow).toBe(0);
  });

  it("counts a subject reported on_track and then straight off_track, not one that passed through at_risk", () => {
    const subject = { type: "commitment" as const, id: "release" };
    const jump = [
      report("pat", "2026-01-20", "on_track", { subject }),
      report("lee", "2026-01-27", "off_track", { subject }),
    ];
    expect(index(snapshotOf({ reports: jump })).surpriseFrequency.measures.surprises).toMatchObject([
      { reason: "status-jump", date: "2026-01-27", subject },
    ]);
    const gradual = [jump[0]!, report("lee", "2026-01-24", "at_risk", { subject }), jump[1]!];
    expect(index(snapshotOf({ reports: gradual })).surpriseFrequency.measures.total).toBe(0);
  });

  it("leaves out the baseline found by the first evaluation, and scores only the last month", () => {
    const first = [
      signalRecord("watermelon", "critical", { type: "initiative", id: "launch" }, "2026-02-01"),
    ];
    expect(index(snapshotOf(), { signals: first, recordedSince: "2026-02-01" }).surpriseFrequency.score).toBe(
      100,
    );
    const old = [signalRecord("watermelon", "critical", { type: "initiative", id: "launch" }, "2025-12-20")];
    const { score, measures } = index(snapshotOf(), { signals: old }).surpriseFrequency;
    expect([score, measures.total, measures.lastWindow]).toEqual([100, 1, 0]);
  });

  it("has no score without any signal or report on record", () => {
    expect(index(snapshotOf()).surpriseFrequency.score).toBeNull();
  });
});

describe("information flow", () => {
  const kofi = report("kofi", "2026-01-10", "off_track");
  const lee = report("lee", "2026-01-11", "at_risk", { cites: [kofi.id] });
  const pat = report("pat", "2026-01-11", "at_risk", { cites: [lee.id] });
  const dana = report("dana", "2026-01-12", "on_track", { cites: [pat.id] });

  it("measures the layers to the owner, and bad news softened on the way waits as long as it is not told", () => {
    const { score, measures } = alignmentIndex({
      snapshot: snapshotOf({ reports: [kofi, lee, pat, dana] }),
      signals: [],
      today: "2026-01-24",
    }).informationFlow;
    expect(measures).toMatchObject({ medianLayers: 3, medianDelayDays: 14, softened: 1, notArrived: 1 });
    expect(measures.episodes[0]).toMatchObject({
      reportId: kofi.id,
      layers: 3,
      arrivedOn: null,
      softened: true,
    });
    expect(score).toBe(50); // layers: 100 − 25 × (3 − 1) = 50; delay: 100 − 100 × 14 / 28 = 50
  });

  it("counts the news as arrived when the owner reports it at least as bad", () => {
    const told = report("dana", "2026-01-13", "off_track", { cites: [kofi.id] });
    const { score, measures } = alignmentIndex({
      snapshot: snapshotOf({ reports: [kofi, lee, pat, dana, told] }),
      signals: [],
      today: "2026-01-24",
    }).informationFlow;
    expect(measures).toMatchObject({ medianLayers: 1, medianDelayDays: 3, arrived: 1, notArrived: 0 });
    expect(score).toBe(95); // layers 100; delay 100 − 100 × 3 / 28 ≈ 89; mean 94.5
  });

  it("reads chains from the reporting lines when reports cite nothing, as the filtered-rollup detector does", () => {
    const ground = report("kofi", "2026-01-10", "off_track");
    const lead = report("lee", "2026-01-11", "off_track");
    const owner = report("dana", "2026-01-12", "off_track");
    const { measures } = alignmentIndex({
      snapshot: snapshotOf({ reports: [ground, lead, owner] }),
      signals: [],
      today: "2026-01-24",
    }).informationFlow;
    expect(measures.episodes).toMatchObject([{ reportId: ground.id, arrivedOn: "2026-01-12", delayDays: 2 }]);
  });
});

describe("course-correction speed", () => {
  it("measures the days from an invalidation to the decision that names it", () => {
    const snapshot = snapshotOf({
      milestones: [invalidatedMilestone("2026-01-29")],
      decisions: [decision("2026-02-05", "delay", "Technical feasibility")],
    });
    const { score, measures } = index(snapshot).courseCorrectionSpeed;
    expect(measures).toMatchObject({ medianDays: 7, medianDaysToDecision: 7, decided: 1, open: [] });
    expect(score).toBe(75);
  });

  it("counts an open trigger at its age once it is a week old, and lists a younger one unscored", () => {
    const old = index(snapshotOf({ milestones: [invalidatedMilestone("2026-01-29")] })).courseCorrectionSpeed;
    expect([old.score, old.measures.medianDays, old.measures.open[0]!.days]).toEqual([57, 12, 12]);
    const young = index(
      snapshotOf({ milestones: [invalidatedMilestone("2026-02-06")] }),
    ).courseCorrectionSpeed;
    expect([young.score, young.measures.open.length]).toEqual([null, 1]);
  });

  it("answers a No-Go by a decision naming its gate, and drops one lifted by its role without a decision", () => {
    const gates = [
      gate([vote("pat", "technical", "no_go", "2026-02-01", "p95 8 s")]),
      gate([vote("lee", "ops", "no_go", "2026-02-02", "no pager"), vote("lee", "ops", "go", "2026-02-04")], {
        id: "beta",
        name: "Beta",
      }),
    ];
    const { score, measures } = index(
      snapshotOf({ gates, decisions: [decision("2026-02-03", "pivot", "Go live")] }),
    ).courseCorrectionSpeed;
    expect(measures.triggers.map((t) => [t.kind, t.subject.id, t.days])).toEqual([["no-go", "go-live", 2]]);
    expect(score).toBe(93);
  });

  it("takes the critical signals of a day as one trigger answered by the next decision", () => {
    const signals = [
      signalRecord("broken-assumption", "critical", { type: "link", id: "a" }, "2026-02-01"),
      signalRecord("requirement-conflict", "critical", { type: "requirement", id: "b" }, "2026-02-01"),
      signalRecord("undecided-invalidation", "critical", { type: "milestone", id: "c" }, "2026-02-01"),
      signalRecord(
        "watermelon",
        "critical",
        { type: "initiative", id: "launch" },
        "2026-02-06",
        "2026-02-07",
      ),
    ];
    const snapshot = snapshotOf({ decisions: [decision("2026-02-04", "persevere", null)] });
    const { score, measures } = index(snapshot, { signals }).courseCorrectionSpeed;
    expect(measures.triggers).toMatchObject([
      { kind: "critical-signal", ref: "broken-assumption,requirement-conflict", date: "2026-02-01", days: 3 },
    ]);
    expect(score).toBe(89);
  });
});

describe("psychological safety", () => {
  const concerns = snapshotOf({
    reviews: [
      review("2026-01-16", [
        { by: "kofi", worse: "Load tests fail" },
        { by: "lee", worse: "The harness is flaky" },
      ]),
    ],
    risks: [
      risk("ana", "2026-01-12", "Pool caps sessions"),
      risk("dana", "2026-01-12", "Board sets the date"),
      risk(null, "2026-01-12", "Support is swamped"),
    ],
    reports: (() => {
      const ground = report("sam", "2026-02-01", "off_track");
      return [ground, report("pat", "2026-02-02", "at_risk", { cites: [ground.id] })];
    })(),
  });

  it("is the share of named concerns raised outside the leads and the owner; roll-ups relay, anonymous ones are apart", () => {
    const { score, measures } = index(concerns).psychologicalSafety;
    expect(measures).toMatchObject({
      concerns: 6,
      namedConcerns: 5,
      anonymousConcerns: 1,
      fromOutsideLeads: 3,
      outsideLeadsShare: 0.6,
      pulse: null,
      basis: "concerns",
    });
    expect(score).toBe(60);
  });

  it("adds the pulse of teams at or above k, and treats smaller or withheld groups as unknown", () => {
    const pulses = [
      { teamId: "product", aggregate: { mean: 5.5, respondents: 6 } },
      { teamId: "engineering", aggregate: { mean: 4, respondents: 2 } },
    ];
    const { score, measures, trend } = index(concerns, { pulses }).psychologicalSafety;
    expect(measures).toMatchObject({ pulse: { mean: 5.5, respondents: 6, teams: 1 }, teamsWithoutPulse: 1 });
    expect(score).toBe(68); // pulse (5.5 − 1) / 6 = 75; concerns 60; mean 67.5
    expect(trend.at(-1)!.score).toBe(60); // the pulse has no history: the trend reads the concern share
    const lowK = index(concerns, { pulses, minGroupSize: 1 }).psychologicalSafety.measures;
    expect(lowK.pulse!.respondents).toBe(6); // k is never below 3
    const withheld = index(concerns, {
      pulses: [{ teamId: "product", aggregate: null }],
    }).psychologicalSafety;
    expect([withheld.measures.pulse, withheld.score]).toEqual([null, 60]);
  });

  it("weighs teams' pulses by respondents", () => {
    const pulses = [
      { teamId: "product", aggregate: { mean: 5.5, respondents: 6 } },
      { teamId: "engineering", aggregate: { mean: 4, respondents: 3 } },
    ];
    const { score, measures } = index(concerns, { pulses, minGroupSize: 3 }).psychologicalSafety;
    expect(measures.pulse).toEqual({ mean: 5, respondents: 9, teams: 2 });
    expect(score).toBe(63);
  });
});

describe("pivot history", () => {
  const activations = metric("activations", [
    ["2026-01-05", 100],
    ["2026-01-12", 100],
    ["2026-01-19", 100],
    ["2026-01-26", 100],
    ["2026-02-05", 120],
    ["2026-02-09", 150],
  ]);
  const outcome = (comparator: Outcome["comparator"]): Outcome => ({
    id: "activations-target",
    metricId: "activations",
    comparator,
    target: 500,
    by: "2026-04-30",
    ownerId: null,
  });
  const record = (kind: "pivot" | "persevere", comparator: Outcome["comparator"] = ">=") =>
    snapshotOf({
      metrics: [activations],
      outcomes: [outcome(comparator)],
      milestones: [invalidatedMilestone("2026-01-29")],
      decisions: [decision("2026-02-01", kind, "feasibility")],
    });

  it("credits a course change that answered a trigger and after which the outcome moved toward its target", () => {
    const { score, measures } = index(record("pivot")).pivotHistory;
    expect(measures).toMatchObject({
      courseChanges: 1,
      triggersAnsweredByChange: 1,
      triggers: 1,
      improved: 1,
    });
    expect(measures.decisions[0]!.movements[0]).toMatchObject({
      slopeBefore: 0,
      slopeAfter: 7.5,
      change: 7.5,
    });
    expect(score).toBe(100);
  });

  it("does not count persevering as a change of course", () => {
    const { score, measures } = index(record("persevere")).pivotHistory;
    expect(measures).toMatchObject({
      courseChanges: 0,
      perseveres: 1,
      responsiveness: 0,
      effectiveness: null,
    });
    expect(score).toBe(0);
  });

  it("reads the outcome's side: rising is worse when the target is a ceiling", () => {
    const { score, measures } = index(record("pivot", "<=")).pivotHistory;
    expect(measures.decisions[0]!.effect).toBe("worsened");
    expect(score).toBe(50);
  });
});

describe("trend and roll-up", () => {
  it("steps back a month at a time from today, never before the record starts", () => {
    expect(trendDays("2025-11-01", today)).toEqual(["2025-11-12", "2025-12-12", "2026-01-11", "2026-02-10"]);
    expect(trendDays(today, today)).toEqual([today]);
  });

  it("calls a move of at least five points up or down, skipping unscored points", () => {
    const points = (...scores: Array<number | null>) => scores.map((score) => ({ asOf: today, score }));
    expect(directionOf(points(50, null, 56))).toBe("up");
    expect(directionOf(points(60, 55))).toBe("down");
    expect(directionOf(points(50, 54))).toBe("flat");
    expect(directionOf(points(50, null))).toBe("unknown");
  });

  it("computes each point from the record as it stood that day", () => {
    const snapshot = snapshotOf({
      milestones: [
        invalidatedMilestone("2026-01-05"),
        invalidatedMilestone("2026-01-20", { id: "scale", name: "Scale test" }),
      ],
      decisions: [decision("2026-01-08", "delay", "feasibility")],
    });
    const { courseCorrectionSpeed } = index(snapshot);
    expect(courseCorrectionSpeed.trend).toEqual([
      { asOf: "2026-01-11", score: 89 }, // decided in 3 days
      { asOf: "2026-02-10", score: 57 }, // and one open for 21: median 12
    ]);
    expect(courseCorrectionSpeed.direction).toBe("down");
  });

  it("rolls up as a mean over initiatives, each counting once, skipping those without a score", () => {
    const decided = index(
      snapshotOf({
        milestones: [invalidatedMilestone("2026-01-29")],
        decisions: [decision("2026-02-05", "delay", "feasibility")],
      }),
    );
    const open = index(snapshotOf({ milestones: [invalidatedMilestone("2026-01-29")] }));
    const empty = index(snapshotOf());
    const org = orgAlignment([decided, open, empty], today);
    expect(org.weighting).toBe("initiative");
    expect(org.dimensions.courseCorrectionSpeed).toMatchObject({ score: 66, initiatives: 2 }); // (75 + 57) / 2
    expect(org.dimensions.surpriseFrequency).toMatchObject({ score: null, initiatives: 0 });
    expect(org.initiatives).toHaveLength(3);
    expect(org.dimensions.courseCorrectionSpeed.trend.at(-1)).toEqual({ asOf: today, score: 66 });
  });

  it("takes the org's direction from its initiatives' moves, not from a newcomer joining the mean", () => {
    const steady = index(
      snapshotOf({
        milestones: [invalidatedMilestone("2026-01-05")],
        decisions: [decision("2026-01-08", "delay", "feasibility")],
      }),
    );
    const newcomer = index(
      snapshotOf({
        milestones: [invalidatedMilestone("2026-02-01")],
        decisions: [decision("2026-02-01", "delay", "feasibility")],
      }),
    );
    const org = orgAlignment([steady, newcomer], today).dimensions.courseCorrectionSpeed;
    expect(org.trend).toEqual([
      { asOf: "2026-01-11", score: 89 },
      { asOf: today, score: 95 },
    ]);
    expect(org.direction).toBe("flat");
  });
});
