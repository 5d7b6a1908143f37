// Table tests for wip-over-limit, untraced-work and focus-erosion: each fires only where its data says so.
import { describe, expect, it } from "vitest";
import type { Commitment, InitiativeSnapshot, Link, Signal, StatusReport, Team } from "../../domain/model.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import type { Detector } from "../detector.ts";
import { focusErosion, untracedWork, wipOverLimit } from "./work-in-progress.ts";

type CommitmentRow = [id: string, teamId: string, ownerId: string | null, done?: string];

interface Setup {
  commitments: CommitmentRow[];
  wipLimits?: Record<string, number>;
  /** Links as [from, to]. */
  links?: Array<[string, string]>;
  reports?: Array<Partial<StatusReport> & { id: string }>;
  /** False for an initiative that defines no outcome. */
  withOutcome?: boolean;
}

function snapshot({
  commitments,
  wipLimits = {},
  links = [],
  reports = [],
  withOutcome = true,
}: Setup): InitiativeSnapshot {
  const teams = ["marketing", "product", "sales", "support"].map((id): Team => ({
    id,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    leadId: id === "support" ? null : `${id}-lead`,
    members: [],
    wipLimit: wipLimits[id] ?? null,
  }));
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
    people: [{ id: "lee", name: "Lee Park", title: null, managerId: null, email: null, leftOn: null }],
    teams,
    descriptions: [],
    metrics: [{ id: "weekly_activations", unit: "count", direction: "up", points: [] }],
    outcomes: withOutcome
      ? [
          {
            id: "activations",
            metricId: "weekly_activations",
            comparator: ">=",
            target: 2000,
            by: "2026-04-30",
            ownerId: "dana",
          },
        ]
      : [],
    commitments: commitments.map(([id, teamId, ownerId, done]): Commitment => ({
      id,
      teamId,
      ownerId,
      title: `The ${id}`,
      due: "2026-03-01",
      dueHistory: [],
      done: done ?? null,
      facts: {},
    })),
    links: links.map(([fromId, toId], i): Link => ({
      id: `link-${i + 1}`,
      kind: "dependency",
      fromId,
      toId,
      directed: true,
      statement: "S",
      check: null,
      due: null,
      ownerId: "dana",
      state: null,
    })),
    requirements: [],
    reports: reports.map((r) => ({
      subject: { type: "commitment", id: "docs" },
      authorId: "lee",
      date: "2026-02-01",
      health: "on_track",
      narrative: null,
      confidence: null,
      cites: [],
      ...r,
    })),
    milestones: [],
    decisions: [],
    gates: [],
    risks: [],
    reviews: [],
    recognitions: [],
  };
}

function detect(detector: Detector, setup: Setup): Signal[] {
  return detector.detect(snapshot(setup), { today: "2026-02-10", checks: new CheckCompiler() });
}

describe("wip-over-limit", () => {
  it.each<[string, Setup, string, string]>([
    [
      "a team with more open commitments than its limit",
      {
        commitments: [
          ["a", "product", "lee"],
          ["b", "product", "lee"],
          ["c", "product", "ana"],
        ],
        wipLimits: { product: 2 },
      },
      "Product has 3 commitments open against a limit of 2",
      "product-lead",
    ],
    [
      "a team with no lead, naming the initiative owner",
      {
        commitments: [
          ["a", "support", "ivan"],
          ["b", "support", "nia"],
        ],
        wipLimits: { support: 1 },
      },
      "Support has 2 commitments open against a limit of 1",
      "dana",
    ],
  ])("fires on %s", (_, setup, title, owner) => {
    const [found, ...rest] = detect(wipOverLimit, setup);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ kind: "wip-over-limit", severity: "warning", title, owner });
    expect(found!.subject.type).toBe("team");
    expect(found!.explanation).toContain('"The a", "The b"');
  });

  it.each<[string, Setup]>([
    [
      "a team at its limit, counting only open work",
      {
        commitments: [
          ["a", "product", "lee"],
          ["b", "product", "lee"],
          ["c", "product", "ana", "2026-02-01"],
        ],
        wipLimits: { product: 2 },
      },
    ],
    [
      "a team that sets no limit",
      {
        commitments: [
          ["a", "sales", "sam"],
          ["b", "sales", "sam"],
          ["c", "sales", "sam"],
        ],
      },
    ],
  ])("stays silent on %s", (_, setup) => {
    expect(detect(wipOverLimit, setup)).toEqual([]);
  });
});

describe("untraced-work", () => {
  it.each<[string, Setup, string]>([
    ["an open commitment no link touches", { commitments: [["docs", "marketing", "ben"]] }, "ben"],
    [
      "one whose reports never cite an outcome, owned by its team's lead when it has no owner",
      {
        commitments: [["docs", "marketing", null]],
        reports: [{ id: "r1", narrative: "New theme drafted; activation flow untouched" }],
      },
      "marketing-lead",
    ],
  ])("fires on %s", (_, setup, owner) => {
    const [found, ...rest] = detect(untracedWork, setup);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      kind: "untraced-work",
      severity: "info",
      subject: { type: "commitment", id: "docs" },
      title: '"The docs" is work not tied to the outcome',
      owner,
    });
  });

  it.each<[string, Setup]>([
    [
      "a commitment a link delivers from",
      { commitments: [["docs", "marketing", "ben"]], links: [["docs", "x"]] },
    ],
    [
      "a commitment a link delivers to",
      { commitments: [["docs", "marketing", "ben"]], links: [["x", "docs"]] },
    ],
    [
      "a commitment whose report names the outcome's metric",
      {
        commitments: [["docs", "marketing", "ben"]],
        reports: [{ id: "r1", narrative: "Docs help weekly activations: fewer drop-offs" }],
      },
    ],
    [
      "a commitment whose report cites a report on an outcome",
      {
        commitments: [["docs", "marketing", "ben"]],
        reports: [
          { id: "r0", subject: { type: "outcome", id: "activations" } },
          { id: "r1", cites: ["r0"] },
        ],
      },
    ],
    ["delivered work", { commitments: [["docs", "marketing", "ben", "2026-02-01"]] }],
    [
      "an initiative with no outcome and only delivered work",
      { commitments: [["docs", "marketing", "ben", "2026-02-01"]], withOutcome: false },
    ],
    [
      "an initiative with no outcome whose open work is all linked",
      { commitments: [["docs", "marketing", "ben"]], links: [["docs", "x"]], withOutcome: false },
    ],
  ])("stays silent on %s", (_, setup) => {
    expect(detect(untracedWork, setup)).toEqual([]);
  });

  it("says once, on the initiative, that no outcome is defined instead of asking every commitment", () => {
    const found = detect(untracedWork, {
      commitments: [
        ["docs", "marketing", "ben"],
        ["site", "product", "lee"],
        ["old", "product", "lee", "2026-02-01"],
        ["linked", "sales", "lee"],
      ],
      links: [["linked", "x"]],
      withOutcome: false,
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: "untraced-work",
      severity: "info",
      subject: { type: "initiative", id: "orbit" },
      title: '"Orbit" names no outcome, so none of its work can be traced to one',
      owner: "dana",
    });
    expect(found[0]?.explanation).toContain("2 open commitments");
  });
});

describe("focus-erosion", () => {
  it.each<[string, CommitmentRow[], string, string]>([
    [
      "open commitments in three teams, as a warning",
      [
        ["a", "marketing", "lee"],
        ["b", "product", "lee"],
        ["c", "sales", "lee"],
      ],
      "Lee Park owns 3 open commitments across 3 teams",
      "warning",
    ],
    [
      "four open commitments in one team, as info",
      [
        ["a", "product", "lee"],
        ["b", "product", "lee"],
        ["c", "product", "lee"],
        ["d", "product", "lee"],
      ],
      "Lee Park owns 4 open commitments across 1 team",
      "info",
    ],
  ])("fires on %s", (_, commitments, title, severity) => {
    const [found, ...rest] = detect(focusErosion, { commitments });
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      kind: "focus-erosion",
      subject: { type: "person", id: "lee" },
      title,
      severity,
      owner: "dana",
    });
    expect(found!.evidence).toHaveLength(commitments.length);
  });

  it.each<[string, CommitmentRow[]]>([
    [
      "three open commitments in two teams",
      [
        ["a", "product", "lee"],
        ["b", "product", "lee"],
        ["c", "sales", "lee"],
      ],
    ],
    [
      "a fourth commitment already delivered",
      [
        ["a", "product", "lee"],
        ["b", "product", "lee"],
        ["c", "product", "lee"],
        ["d", "sales", "lee", "2026-02-01"],
      ],
    ],
    [
      "unowned commitments",
      [
        ["a", "marketing", null],
        ["b", "product", null],
        ["c", "sales", null],
        ["d", "support", null],
      ],
    ],
  ])("stays silent on %s", (_, commitments) => {
    expect(detect(focusErosion, { commitments })).toEqual([]);
  });
});
