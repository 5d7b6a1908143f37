// Table tests for sunk-cost-spiral: rising spend after failed assumptions or slips with no decision fires; spend, slips or phrases alone do not.
import { describe, expect, it } from "vitest";
import type { Commitment, InitiativeSnapshot, Milestone, Signal } from "../../domain/model.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import { sunkCostSpiral } from "./sunk-cost-spiral.ts";

interface Setup {
  /** Cumulative investment as [date, value]; null for none recorded. */
  investment?: Array<[string, number]> | null;
  /** The date an assumption test invalidated "p95 under 500 ms", if any. */
  invalidatedOn?: string;
  /** The date a later test validated it again, if any. */
  revalidatedOn?: string;
  /** Earlier due dates per commitment: each is a slip. */
  slips?: string[][];
  decisions?: string[];
  narratives?: string[];
}

const RISING: Array<[string, number]> = [
  ["2026-01-05", 40],
  ["2026-01-19", 50],
  ["2026-02-02", 58],
];

function snapshot(setup: Setup): InitiativeSnapshot {
  const {
    investment = RISING,
    invalidatedOn,
    revalidatedOn,
    slips = [],
    decisions = [],
    narratives = [],
  } = setup;
  const milestones: Milestone[] = invalidatedOn
    ? [
        {
          id: "feasibility",
          name: "Technical feasibility",
          date: invalidatedOn,
          assumptions: [{ id: "a1", statement: "p95 under 500 ms at launch load", killCriteria: null }],
          tests: [
            {
              id: "t1",
              assumptionId: "a1",
              verdict: "invalidated",
              evidence: "p95 8 s",
              date: invalidatedOn,
            },
            ...(revalidatedOn
              ? [
                  {
                    id: "t2",
                    assumptionId: "a1",
                    verdict: "validated" as const,
                    evidence: null,
                    date: revalidatedOn,
                  },
                ]
              : []),
          ],
        },
      ]
    : [];
  const commitments = slips.map((dueHistory, i): Commitment => ({
    id: `c${i + 1}`,
    teamId: "product",
    ownerId: null,
    title: `Commitment ${i + 1}`,
    due: "2026-03-15",
    dueHistory,
    done: null,
    facts: {},
  }));
  return {
    initiative: {
      id: "orbit",
      name: "Orbit",
      ownerId: "dana",
      asOf: null,
      summary: null,
      cadenceDays: 14,
      investment: investment && {
        unit: "person_weeks",
        points: investment.map(([date, value]) => ({ date, value })),
      },
    },
    people: [],
    teams: [],
    descriptions: [],
    metrics: [],
    outcomes: [],
    commitments,
    links: [],
    requirements: [],
    reports: narratives.map((narrative, i) => ({
      id: `r${i + 1}`,
      subject: { type: "initiative", id: "orbit" },
      authorId: "dana",
      date: "2026-02-01",
      health: "on_track",
      narrative,
      confidence: null,
      cites: [],
    })),
    milestones,
    decisions: decisions.map((date, i) => ({
      id: `d${i + 1}`,
      date,
      kind: "persevere",
      byId: "dana",
      respondsTo: null,
      rationale: "Keep going",
    })),
    gates: [],
    risks: [],
    reviews: [],
    recognitions: [],
  };
}

function detect(setup: Setup): Signal[] {
  return sunkCostSpiral.detect(snapshot(setup), { today: "2026-02-10", checks: new CheckCompiler() });
}

describe("sunk-cost-spiral fires", () => {
  it("on rising investment after an invalidated assumption with no decision since", () => {
    const signals = detect({ invalidatedOn: "2026-01-20" });
    expect(signals).toHaveLength(1);
    const [found] = signals;
    expect(found).toMatchObject({
      kind: "sunk-cost-spiral",
      severity: "warning",
      subject: { type: "initiative", id: "orbit" },
      owner: "dana",
      title: "Orbit: investment keeps rising after 1 invalidated assumption, with no decision",
    });
    expect(found!.explanation).toContain(
      "rose from 50 person weeks (2026-01-19) to 58 person weeks (2026-02-02), up 16% since the first warning sign on 2026-01-20",
    );
    expect(found!.explanation).toContain(
      '"p95 under 500 ms at launch load" invalidated at Technical feasibility',
    );
    expect(found!.evidence[1]!.subject).toEqual({ type: "milestone", id: "feasibility" });
  });

  it("on two slips across commitments, as critical when spend grew more than half since the first", () => {
    const investment: Setup["investment"] = [
      ["2026-01-05", 30],
      ["2026-01-19", 50],
      ["2026-02-02", 58],
    ];
    const [found, ...rest] = detect({ slips: [["2026-01-10"], ["2026-01-25"]], investment });
    expect(rest).toEqual([]);
    expect(found!.severity).toBe("critical");
    expect(found!.title).toBe("Orbit: investment keeps rising after 2 due-date slips, with no decision");
    expect(found!.explanation).toContain(
      "rose from 30 person weeks (2026-01-05) to 58 person weeks (2026-02-02), up 93%",
    );
    expect(found!.explanation).toContain('"Commitment 1" slipped from 2026-01-10 to 2026-03-15');
  });

  it("counts two moves of one commitment's date as two slips, as a warning below half again", () => {
    const [found, ...rest] = detect({ slips: [["2026-01-10", "2026-01-31"]] });
    expect(rest).toEqual([]);
    expect(found!.title).toBe("Orbit: investment keeps rising after 2 due-date slips, with no decision");
    expect(found!.explanation).toContain("up 45%");
    expect(found!.severity).toBe("warning");
  });

  it("when the only decision came before the latest trigger", () => {
    expect(detect({ invalidatedOn: "2026-01-20", decisions: ["2026-01-15"] })).toHaveLength(1);
  });

  it("citing sunk-cost talk in reports as supporting evidence", () => {
    const [found] = detect({
      invalidatedOn: "2026-01-20",
      narratives: ["We've already invested too much to change course", "Campaign live"],
    });
    expect(found!.explanation).toContain("Reports also argue from what is already spent");
    expect(found!.evidence.at(-1)).toMatchObject({
      text: `2026-02-01, report r1: "We've already invested too much to change course"`,
      value: { phrase: "We've already invested" },
    });
  });

  it.each<[string, Setup["investment"]]>([
    ["no investment is recorded", null],
    [
      "investment stops before the trouble began",
      [
        ["2026-01-05", 40],
        ["2026-01-12", 45],
      ],
    ],
  ])("as info when it cannot tell, because %s", (_, investment) => {
    const [found] = detect({ invalidatedOn: "2026-01-20", investment });
    expect(found!.severity).toBe("info");
    expect(found!.title).toBe("Orbit: cannot tell whether investment keeps rising");
  });
});

describe("sunk-cost-spiral counts slips", () => {
  it("only of open work, and only later: a pull-in and a delivered commitment's moves are no slips", () => {
    const s = snapshot({ slips: [["2026-01-10"], ["2026-04-01"], ["2026-01-05", "2026-01-20"]] });
    const delivered = s.commitments.map((c) => (c.id === "c3" ? { ...c, done: "2026-02-01" } : c));
    const found = sunkCostSpiral.detect(
      { ...s, commitments: delivered },
      { today: "2026-02-10", checks: new CheckCompiler() },
    );
    expect(found).toEqual([]);
  });

  it("names the few commitments that slipped most, however many slipped", () => {
    const many = Array.from({ length: 20 }, (_, i) => [
      `2026-01-${String(i + 1).padStart(2, "0")}`,
      "2026-02-01",
    ]);
    const [found, ...rest] = detect({ slips: [["2025-12-01", "2025-12-15", "2026-01-01"], ...many] });
    expect(rest).toEqual([]);
    expect(found!.title).toBe("Orbit: investment keeps rising after 43 due-date slips, with no decision");
    expect(found!.explanation).toContain(
      '"Commitment 1" slipped 3 times, last from 2026-01-01 to 2026-03-15',
    );
    expect(found!.explanation).toContain("36 more slips of 18 other commitments");
    expect(found!.explanation.length).toBeLessThan(1000);
    expect(found!.evidence).toHaveLength(1 + 10 + 1);
    expect(found!.evidence[1]).toMatchObject({
      subject: { type: "commitment", id: "c1" },
      value: { slips: ["2025-12-01", "2025-12-15", "2026-01-01"] },
    });
  });
});

describe("sunk-cost-spiral stays silent", () => {
  it.each<[string, Setup]>([
    ["on rising investment without triggers", {}],
    ["on one slip only", { slips: [["2026-01-10"]] }],
    [
      "on slips with no investment recorded: each is repeated-slip's finding, not a spiral",
      { slips: [["2026-01-10"], ["2026-01-25"]], investment: null },
    ],
    [
      "when a decision follows the latest trigger",
      { invalidatedOn: "2026-01-20", decisions: ["2026-01-22"] },
    ],
    [
      "when a decision follows the latest of several triggers",
      { invalidatedOn: "2026-01-20", slips: [["2026-01-10"], ["2026-01-25"]], decisions: ["2026-01-25"] },
    ],
    [
      "on sunk-cost phrases alone",
      { narratives: ["We're too far in to stop", "We can't stop now", "So much work already spent"] },
    ],
    [
      "when investment stopped rising",
      {
        invalidatedOn: "2026-01-20",
        investment: [
          ["2026-01-05", 40],
          ["2026-01-26", 50],
          ["2026-02-02", 50],
        ],
      },
    ],
    ["on an invalidation dated after today", { invalidatedOn: "2026-02-20" }],
    [
      "on an invalidation a later test validated again",
      { invalidatedOn: "2026-01-20", revalidatedOn: "2026-01-27" },
    ],
  ])("%s", (_, setup) => {
    expect(detect(setup)).toEqual([]);
  });
});
