// Table tests for resurfacing-concern: one concern in three or more places over two weeks, unanswered, fires; anything less does not.
import { describe, expect, it } from "vitest";
import type { Decision, InitiativeSnapshot, Review, Risk, Signal, StatusReport } from "../../domain/model.ts";
import type { Health } from "../../domain/primitives.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import { resurfacingConcern, saysResolved } from "./resurfacing-concern.ts";

/** One mention of a concern, in the small language of these tests. */
type Row =
  | ["review", date: string, worse: string]
  | ["risk", date: string, title: string]
  | ["report", date: string, narrative: string, health?: Health]
  | ["decision", date: string, rationale: string];

function snapshot(rows: Row[]): InitiativeSnapshot {
  const reviews: Review[] = [];
  const risks: Risk[] = [];
  const reports: StatusReport[] = [];
  const decisions: Decision[] = [];
  rows.forEach((row, i) => {
    const id = `${row[0]}-${i + 1}`;
    if (row[0] === "review") {
      const truths = [{ id: "t1", authorId: null, better: null, asExpected: null, worse: row[2] }];
      reviews.push({ id, name: `Review ${i + 1}`, date: row[1], anonymous: true, truths });
    } else if (row[0] === "risk") {
      risks.push({
        id,
        title: row[2],
        likelihood: "high",
        impact: "high",
        earlyWarning: null,
        mitigation: null,
        ownerId: null,
        raisedBy: null,
        raisedOn: row[1],
      });
    } else if (row[0] === "report") {
      reports.push({
        id,
        subject: { type: "commitment", id: "release" },
        authorId: "kofi",
        date: row[1],
        health: row[3] ?? "at_risk",
        narrative: row[2],
        confidence: null,
        cites: [],
      });
    } else {
      decisions.push({ id, date: row[1], kind: "delay", byId: "dana", respondsTo: null, rationale: row[2] });
    }
  });
  return {
    initiative: {
      id: "orbit",
      name: "Orbit",
      ownerId: "dana",
      asOf: null,
      summary: null,
      cadenceDays: 14,
      investment: null,
    },
    people: [{ id: "kofi", name: "Kofi Mensah", title: null, managerId: null, email: null, leftOn: null }],
    teams: [],
    descriptions: [],
    metrics: [],
    outcomes: [],
    commitments: [
      {
        id: "release",
        teamId: "product",
        ownerId: null,
        title: "Self-serve release",
        due: null,
        dueHistory: [],
        done: null,
        facts: {},
      },
    ],
    links: [],
    requirements: [],
    reports,
    milestones: [],
    decisions,
    gates: [],
    risks,
    reviews,
    recognitions: [],
  };
}

function detect(rows: Row[], today = "2026-03-01"): Signal[] {
  return resurfacingConcern.detect(snapshot(rows), { today, checks: new CheckCompiler() });
}

const LOAD_TESTS: Row[] = [
  ["review", "2026-01-09", "Load tests fail at 2,000 users"],
  ["review", "2026-01-16", "The system falls over under load above 2k users"],
  ["review", "2026-01-23", "Load tests are still failing at 2,000 users"],
];

describe("resurfacing-concern fires", () => {
  it("on one concern reworded in three reviews over two weeks, quoting each", () => {
    const signals = detect(LOAD_TESTS);
    expect(signals).toHaveLength(1);
    const [found] = signals;
    expect(found).toMatchObject({
      kind: "resurfacing-concern",
      severity: "warning",
      subject: { type: "initiative", id: "orbit" },
      owner: "dana",
      title: 'Orbit: a concern raised in 3 places keeps coming back: "Load tests fail at 2,000 users"',
    });
    expect(found!.explanation).toContain("3 separate reviews, risks or reports over 14 days");
    expect(found!.explanation).toContain(
      '2026-01-16, Review 2 (worse than expected): "The system falls over under load above 2k users"',
    );
    expect(found!.evidence.map((e) => e.value)).toEqual([
      { date: "2026-01-09", source: "review:review-1" },
      { date: "2026-01-16", source: "review:review-2" },
      { date: "2026-01-23", source: "review:review-3" },
    ]);
  });

  it("across a risk, a report and a review, naming the report's author and subject", () => {
    const [found, ...rest] = detect([
      ["risk", "2026-01-05", "The database connection pool caps sessions near 1,000 users"],
      ["report", "2026-01-12", "The connection pool saturates at 1,000 users", "off_track"],
      ["review", "2026-01-20", "Sessions fail once the connection pool reaches 1,000"],
    ]);
    expect(rest).toEqual([]);
    expect(found!.explanation).toContain(
      `2026-01-12, Kofi Mensah's off track report on "Self-serve release": "The connection pool saturates at 1,000 users"`,
    );
    expect(found!.evidence.map((e) => e.subject)).toEqual([
      { type: "risk", id: "risk-1" },
      { type: "commitment", id: "release" },
      undefined,
    ]);
  });

  it("as critical from five places on", () => {
    const [found] = detect([
      ...LOAD_TESTS,
      ["report", "2026-01-26", "Load tests fail at 2,000 users again"],
      ["report", "2026-02-02", "Under load the system fails above 2k users"],
    ]);
    expect(found!.severity).toBe("critical");
    expect(found!.title).toContain("raised in 5 places");
  });

  it.each<[string, Row]>([
    [
      "a decision that came before the latest mention",
      ["decision", "2026-01-20", "Delay to fix load tests at 2,000 users"],
    ],
    [
      "a later decision about something else",
      ["decision", "2026-01-30", "Move the docs theme refresh to March"],
    ],
    [
      "a later report saying it is not fixed yet",
      ["report", "2026-01-30", "Load tests at 2,000 users not fixed yet"],
    ],
    [
      "a mention that fixes something else but repeats the concern",
      ["report", "2026-01-30", "Staging fixed, but load tests still fail at 2,000 users"],
    ],
  ])("despite %s", (_, answer) => {
    expect(detect([...LOAD_TESTS, answer]).map((s) => s.kind)).toEqual(["resurfacing-concern"]);
  });

  it("with a fingerprint that stays put as the concern keeps resurfacing", () => {
    const before = detect(LOAD_TESTS)[0]!.fingerprint;
    const after = detect([...LOAD_TESTS, ["review", "2026-02-06", "Load tests fail at 2,000 users"]])[0]!;
    expect(after.fingerprint).toBe(before);
  });
});

describe("resurfacing-concern finds a concern in the words people use for it", () => {
  it("joins four notes on staging over six weeks, each worded differently", () => {
    const found = detect([
      ["report", "2026-01-05", "The staging environment went down"],
      ["report", "2026-01-19", "Staging outages again"],
      ["report", "2026-02-02", "An unstable staging env"],
      ["report", "2026-02-16", "Staging was unavailable"],
      ["report", "2026-01-26", "Vendor contract is late", "at_risk"],
      ["report", "2026-02-09", "Legal review of the DPA is pending", "at_risk"],
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence.map((e) => e.text)).toEqual([
      expect.stringContaining("went down"),
      expect.stringContaining("outages again"),
      expect.stringContaining("unstable staging env"),
      expect.stringContaining("unavailable"),
    ]);
  });
});

describe("resurfacing-concern stays silent", () => {
  it.each<[string, Row[]]>([
    ["on two mentions only", LOAD_TESTS.slice(0, 2)],
    [
      "on three mentions within ten days",
      [
        ["review", "2026-01-09", "Load tests fail at 2,000 users"],
        ["review", "2026-01-14", "The system falls over under load above 2k users"],
        ["review", "2026-01-19", "Load tests are still failing at 2,000 users"],
      ],
    ],
    [
      "on three mentions followed by a decision that addresses them",
      [
        ...LOAD_TESTS,
        ["decision", "2026-01-27", "Delay the launch two weeks until load tests pass at 2,000 users"],
      ],
    ],
    [
      "on three mentions followed by a report that says it is fixed",
      [
        ...LOAD_TESTS,
        ["report", "2026-01-28", "Load tests at 2,000 users fixed by the new queue", "on_track"],
      ],
    ],
    [
      "on three unrelated concerns",
      [
        ["review", "2026-01-09", "Load tests fail at 2,000 users"],
        ["review", "2026-01-16", "Nobody owns the DPA since Max left"],
        ["review", "2026-01-23", "The onboarding queue is 2,000 teams deep"],
      ],
    ],
    [
      "on green reports, which are news rather than concerns",
      [
        ["report", "2026-01-09", "Load tests pass at 2,000 users", "on_track"],
        ["report", "2026-01-16", "Load tests pass at 2,000 users again", "on_track"],
        ["report", "2026-01-23", "Load tests still pass at 2,000 users", "on_track"],
      ],
    ],
    [
      "on mentions dated after today",
      [...LOAD_TESTS.slice(0, 2), ["review", "2026-03-05", "Load tests fail at 2,000 users"]],
    ],
  ])("%s", (_, rows) => {
    expect(detect(rows)).toEqual([]);
  });

  it("counting several truths in one review as one place", () => {
    const s = snapshot(LOAD_TESTS.slice(0, 2));
    const truth = (id: string, worse: string) => ({
      id,
      authorId: null,
      better: null,
      asExpected: null,
      worse,
    });
    s.reviews[1]!.truths.push(
      truth("t2", "Load tests fail at 2k users"),
      truth("t3", "Load tests fail at 2,000"),
    );
    expect(resurfacingConcern.detect(s, { today: "2026-03-01", checks: new CheckCompiler() })).toEqual([]);
  });
});

describe("saysResolved", () => {
  it.each([
    ["Done February 5; proration fixed", true],
    ["The outage is resolved", true],
    ["Latency no longer an issue", true],
    ["Proration differs from legacy; fix in review", false],
    ["Not fixed yet", false],
    ["It isn't resolved", false],
    ["Never really fixed", false],
  ])("%j → %s", (text, expected) => {
    expect(saysResolved(text)).toBe(expected);
  });
});

describe("resurfacing-concern keeps to one piece of work", () => {
  const context = { today: "2026-03-01", checks: new CheckCompiler() };
  const TEMPLATE = ["2026-01-05", "2026-01-14", "2026-01-25"].map((date, i) => ({
    date,
    narrative: `The stable target moved from v1.${30 + i} to v1.${31 + i}; the feature gate stays in beta`,
  }));

  function onWork(commitments: string[], links: Array<[string, string]> = [], done: string | null = null) {
    const base = snapshot([]);
    return {
      ...base,
      commitments: commitments.map((id) => ({ ...base.commitments[0]!, id, title: `Feature ${id}`, done })),
      links: links.map(([fromId, toId], i) => ({
        id: `l${i}`,
        kind: "dependency" as const,
        fromId,
        toId,
        directed: true,
        statement: `${toId} builds on ${fromId}`,
        check: null,
        due: null,
        ownerId: null,
        state: null,
      })),
      reports: TEMPLATE.map(({ date, narrative }, i) => ({
        ...reportOn(commitments[i % commitments.length]!, date, narrative),
        id: `r${i}`,
      })),
    };
  }

  function reportOn(id: string, date: string, narrative: string): StatusReport {
    const subject = { type: "commitment" as const, id };
    return { id, subject, authorId: "kofi", date, health: "at_risk", narrative, confidence: null, cites: [] };
  }

  it("does not join notes from one template about three unlinked commitments", () => {
    expect(resurfacingConcern.detect(onWork(["a", "b", "c"]), context)).toEqual([]);
  });

  it("does not join them through links either: notes on linked work are about different work", () => {
    const linked = onWork(
      ["a", "b", "c"],
      [
        ["a", "b"],
        ["c", "b"],
      ],
    );
    expect(resurfacingConcern.detect(linked, context)).toEqual([]);
  });

  it("keeps reviews and risks, which may speak of any work, with the notes on one commitment", () => {
    const work = onWork(["a", "b"]);
    const reviewed = detect([
      ["review", "2026-01-03", "The stable target moved again; the feature gate stays in beta"],
      ["risk", "2026-01-08", "The stable target moved from v1.30 to v1.31 once more"],
    ]);
    expect(reviewed).toEqual([]);
    const base = snapshot([
      ["review", "2026-01-03", "The stable target moved again; the feature gate stays in beta"],
      ["risk", "2026-01-08", "The stable target moved from v1.30 to v1.31 once more"],
    ]);
    const found = resurfacingConcern.detect(
      { ...base, commitments: work.commitments, reports: work.reports.slice(2) },
      context,
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence).toHaveLength(3);
  });

  it("joins them on one commitment while it is open, and not once it is delivered", () => {
    expect(resurfacingConcern.detect(onWork(["a"]), context)).toHaveLength(1);
    expect(resurfacingConcern.detect(onWork(["a"], [], "2026-02-01"), context)).toEqual([]);
  });

  it("names the first and latest mentions and counts the rest, however often it was raised", () => {
    const rows: Row[] = Array.from({ length: 12 }, (_, i): Row => [
      "review",
      `2026-01-${String(2 * i + 1).padStart(2, "0")}`,
      `Load tests fail at 2,000 users (run ${i + 1})`,
    ]);
    const [found] = detect(rows);
    expect(found!.explanation).toContain("7 more");
    expect(found!.explanation).toContain("(run 1)");
    expect(found!.explanation).toContain("(run 12)");
    expect(found!.explanation).not.toContain("(run 6)");
    expect(found!.evidence).toHaveLength(12);
  });
});

describe("resurfacing-concern reads a form's lines as no one's concern", () => {
  const context = { today: "2026-03-01", checks: new CheckCompiler() };
  const DATES = ["2026-01-05", "2026-01-14", "2026-01-25"];
  const formLine = (kep: number, i: number) =>
    `KEP-${kep} file updated (commit ${9000 + i}a1f): status implementable, stage beta; the stable target moved from v1.${30 + i} to v1.${31 + i}.`;

  function withReports(
    notes: Array<[commitment: string, narrative: string, date: string]>,
  ): InitiativeSnapshot {
    const base = snapshot([]);
    const ids = [...new Set(notes.map(([id]) => id))];
    return {
      ...base,
      commitments: ids.map((id) => ({ ...base.commitments[0]!, id, title: `Feature ${id}` })),
      reports: notes.map(([id, narrative, date], i) => ({
        id: `r${i}`,
        subject: { type: "commitment" as const, id },
        authorId: "kofi",
        date,
        health: "at_risk" as const,
        narrative,
        confidence: null,
        cites: [],
      })),
    };
  }

  it("is silent on lines filled in from one form on three pieces of work", () => {
    const notes = DATES.map((date, i): [string, string, string] => ["a", formLine(1287, i), date]);
    const others: Array<[string, string, string]> = [
      ["b", formLine(2340, 7), "2026-01-06"],
      ["c", formLine(3117, 8), "2026-01-07"],
    ];
    expect(resurfacingConcern.detect(withReports([...notes, ...others]), context)).toEqual([]);
  });

  it("still fires on the same lines when they are written about one piece of work only", () => {
    const notes = DATES.map((date, i): [string, string, string] => ["a", formLine(1287, i), date]);
    expect(resurfacingConcern.detect(withReports(notes), context)).toHaveLength(1);
  });

  it("still fires on a person's concern with a number in it, whatever else is reported on other work", () => {
    const notes = DATES.map((date, i): [string, string, string] => [
      "a",
      `Load tests fail at 2,000 users (run ${i + 1})`,
      date,
    ]);
    const others: Array<[string, string, string]> = [
      ["b", "Load tests fail at 3,000 users (run 4)", "2026-01-06"],
      ["c", "Load tests fail at 4,000 users (run 5)", "2026-01-07"],
    ];
    expect(resurfacingConcern.detect(withReports([...notes, ...others]), context)).toHaveLength(1);
  });
});
