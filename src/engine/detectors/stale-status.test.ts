// Table tests for stale-status: the initiative, open commitments and teams with open work need a report every cadence.
import { describe, expect, it } from "vitest";
import type { Commitment, InitiativeSnapshot, Signal, StatusReport, SubjectRef } from "../../domain/model.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import { staleStatus } from "./stale-status.ts";

const TODAY = "2026-03-01";

interface Setup {
  /** The initiative's earliest activity: a decision on this day. */
  startedOn?: string;
  commitments?: Array<Partial<Commitment> & { id: string }>;
  /** Reports as [subject, date]. */
  reports?: Array<[SubjectRef, string]>;
}

const INITIATIVE: SubjectRef = { type: "initiative", id: "orbit" };
const commitment = (id: string): SubjectRef => ({ type: "commitment", id });

function snapshot({ startedOn = "2026-01-01", commitments = [], reports = [] }: Setup): InitiativeSnapshot {
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
    people: [],
    teams: [
      { id: "product", name: "Product", leadId: "pat", members: [], wipLimit: null },
      { id: "sales", name: "Sales", leadId: null, members: [], wipLimit: null },
    ],
    descriptions: [],
    metrics: [],
    outcomes: [],
    commitments: commitments.map((c) => ({
      teamId: "product",
      ownerId: "lee",
      title: `The ${c.id}`,
      due: null,
      dueHistory: [],
      done: null,
      facts: {},
      ...c,
    })),
    links: [],
    requirements: [],
    reports: reports.map(([subject, date], i): StatusReport => ({
      id: `r${i + 1}`,
      subject,
      authorId: "dana",
      date,
      health: "on_track",
      narrative: null,
      confidence: null,
      cites: [],
    })),
    milestones: [],
    decisions: [
      { id: "kickoff", date: startedOn, kind: "persevere", byId: "dana", respondsTo: null, rationale: "Go" },
    ],
    gates: [],
    risks: [],
    reviews: [],
    recognitions: [],
  };
}

function detect(setup: Setup): Signal[] {
  return staleStatus.detect(snapshot(setup), { today: TODAY, checks: new CheckCompiler() });
}

const summary = (signals: Signal[]) => signals.map((s) => [s.subject.id, s.severity, s.owner]);

describe("stale-status fires", () => {
  it("on the initiative, as info between one and two cadences", () => {
    const signals = detect({ reports: [[INITIATIVE, "2026-02-09"]] });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      kind: "stale-status",
      severity: "info",
      subject: INITIATIVE,
      owner: "dana",
      title: "No status on Orbit for 20 days",
    });
    expect(signals[0]!.explanation).toContain(
      "The last status report on Orbit or any of its commitments was on 2026-02-09, 20 days ago",
    );
    expect(signals[0]!.evidence[0]!.value).toEqual({ report: "r1", date: "2026-02-09", days: 20 });
  });

  it("on an open commitment, as a warning beyond two cadences, owned by the commitment owner", () => {
    const signals = detect({
      commitments: [{ id: "release" }],
      reports: [
        [INITIATIVE, TODAY],
        [commitment("release"), "2026-01-20"],
      ],
    });
    expect(summary(signals)).toEqual([
      ["release", "warning", "lee"],
      ["product", "warning", "pat"],
    ]);
    expect(signals[0]!.title).toBe('No status on "The release" for 40 days');
  });

  it("on subjects never reported on once the initiative is older than the cadence", () => {
    const signals = detect({ startedOn: "2026-02-10", commitments: [{ id: "release" }] });
    expect(summary(signals)).toEqual([
      ["orbit", "info", "dana"],
      ["release", "info", "lee"],
      ["product", "info", "pat"],
    ]);
    expect(signals[1]!.title).toBe('No status on "The release" since the initiative started');
    expect(signals[1]!.explanation).toContain("the initiative has run for 19 days (since 2026-02-10)");
  });

  it("on a team whose open work nobody reports on, owned by its lead or else the initiative owner", () => {
    const signals = detect({
      commitments: [
        { id: "deals", teamId: "sales", ownerId: null },
        { id: "release", teamId: "product" },
      ],
      reports: [
        [INITIATIVE, TODAY],
        [commitment("release"), TODAY],
      ],
    });
    expect(summary(signals)).toEqual([
      ["deals", "warning", "dana"],
      ["sales", "warning", "dana"],
    ]);
    expect(signals[1]!.explanation).toContain("Nobody has reported on Sales or any of its commitments");
  });
});

describe("stale-status stays silent", () => {
  it.each<[string, Setup]>([
    [
      "when everything was reported within the cadence",
      {
        commitments: [{ id: "release" }],
        reports: [
          [INITIATIVE, "2026-02-20"],
          [commitment("release"), "2026-02-16"],
        ],
      },
    ],
    ["on a report exactly one cadence old", { reports: [[INITIATIVE, "2026-02-15"]] }],
    [
      "on done commitments and the teams that have only done work",
      { commitments: [{ id: "release", done: "2026-01-31" }], reports: [[INITIATIVE, TODAY]] },
    ],
    [
      "on an initiative younger than its cadence",
      { startedOn: "2026-02-20", commitments: [{ id: "release" }] },
    ],
    [
      "on a team whose commitments are reported, with no team-level report",
      {
        commitments: [{ id: "release" }, { id: "pricing", done: "2026-02-01" }],
        reports: [
          [INITIATIVE, TODAY],
          [commitment("release"), TODAY],
        ],
      },
    ],
    [
      "on an initiative with no report of its own whose commitments are reported within the cadence",
      {
        startedOn: "2026-01-01",
        commitments: [{ id: "release" }],
        reports: [[commitment("release"), "2026-02-20"]],
      },
    ],
  ])("%s", (_, setup) => {
    expect(detect(setup)).toEqual([]);
  });

  it("ignoring reports dated after today", () => {
    const signals = detect({
      reports: [
        [INITIATIVE, "2026-02-01"],
        [INITIATIVE, "2026-03-05"],
      ],
    });
    expect(signals.map((s) => s.title)).toEqual(["No status on Orbit for 28 days"]);
  });
});
