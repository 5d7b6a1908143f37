// Table tests for filtered-rollup: roll-ups greener than the ground fire once per chain; faithful roll-ups do not.
import { describe, expect, it } from "vitest";
import type { InitiativeSnapshot, Person, StatusReport, SubjectRef } from "../../domain/model.ts";
import type { Health } from "../../domain/primitives.ts";
import { parseInitiativeFile } from "../../initiative-file/parse-initiative-file.ts";
import { orbitText } from "../../../test/support/files.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import type { SnapshotSection } from "../detector.ts";
import { filteredRollup } from "./filtered-rollup.ts";

const context = { today: "2026-02-10", checks: new CheckCompiler() };

const person = (id: string, name: string, managerId: string | null = null): Person => ({
  id,
  name,
  title: null,
  managerId,
  email: null,
  leftOn: null,
});

function snapshot(reports: StatusReport[]): InitiativeSnapshot {
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
    // dana ← pat ← lee, and sam beside pat.
    people: [
      person("dana", "Dana Reyes"),
      person("pat", "Pat Okafor", "dana"),
      person("lee", "Lee Park", "pat"),
      person("sam", "Sam Ortiz", "dana"),
    ],
    teams: [{ id: "product", name: "Product", leadId: "pat", members: [], wipLimit: null }],
    descriptions: [],
    metrics: [],
    outcomes: [],
    commitments: [
      {
        id: "release",
        teamId: "product",
        ownerId: "pat",
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
    decisions: [],
    gates: [],
    risks: [],
    reviews: [],
    recognitions: [],
  };
}

const INITIATIVE: SubjectRef = { type: "initiative", id: "initiative" };
const RELEASE: SubjectRef = { type: "commitment", id: "release" };
const PRODUCT: SubjectRef = { type: "team", id: "product" };

function report(
  id: string,
  authorId: string,
  date: string,
  health: Health,
  subject: SubjectRef,
  patch: Partial<StatusReport> = {},
): StatusReport {
  return { id, subject, authorId, date, health, narrative: null, confidence: null, cites: [], ...patch };
}

const GROUND = report("lee-1", "lee", "2026-02-02", "off_track", RELEASE, {
  narrative: "Works in the demo only",
});
const CITED_CHAIN = [
  GROUND,
  report("pat-1", "pat", "2026-02-03", "at_risk", RELEASE, { cites: ["lee-1"] }),
  report("dana-1", "dana", "2026-02-05", "on_track", INITIATIVE, { cites: ["pat-1"] }),
];

const detect = (reports: StatusReport[]) => filteredRollup.detect(snapshot(reports), context);
const layersOf = (reports: StatusReport[]) =>
  detect(reports).map((s) => ({
    subject: s.subject,
    severity: s.severity,
    path: s.evidence.map((e) => (e.value as { report: string }).report),
  }));

describe("filtered-rollup", () => {
  it.each([
    [
      "a cited chain off_track → at_risk → on_track (two layers, reported once, on the top)",
      CITED_CHAIN,
      [
        {
          subject: { type: "initiative", id: "i" },
          severity: "critical",
          path: ["lee-1", "pat-1", "dana-1"],
        },
      ],
    ],
    [
      "a manager's team report over a direct report's commitment, without cites",
      [GROUND, report("pat-1", "pat", "2026-02-04", "at_risk", PRODUCT)],
      [{ subject: PRODUCT, severity: "warning", path: ["lee-1", "pat-1"] }],
    ],
    [
      "a report from two levels up the reporting line, without cites",
      [GROUND, report("dana-1", "dana", "2026-02-05", "on_track", INITIATIVE)],
      [{ subject: { type: "initiative", id: "i" }, severity: "critical", path: ["lee-1", "dana-1"] }],
    ],
    [
      "a softening that a higher layer only partly undid, as two findings",
      [
        GROUND,
        report("pat-1", "pat", "2026-02-03", "on_track", RELEASE, { cites: ["lee-1"] }),
        report("dana-1", "dana", "2026-02-05", "at_risk", INITIATIVE, { cites: ["pat-1"] }),
      ],
      [
        { subject: RELEASE, severity: "critical", path: ["lee-1", "pat-1"] },
        { subject: { type: "initiative", id: "i" }, severity: "warning", path: ["lee-1", "pat-1", "dana-1"] },
      ],
    ],
  ])("fires on %s", (_, reports, expected) => {
    expect(layersOf(reports)).toEqual(expected);
  });

  it.each([
    [
      "a roll-up as red as what it cites",
      [GROUND, report("pat-1", "pat", "2026-02-03", "off_track", RELEASE, { cites: ["lee-1"] })],
    ],
    [
      "a manager's report more than a cadence (14 days) after the ground report",
      [GROUND, report("pat-1", "pat", "2026-02-17", "on_track", RELEASE)],
    ],
    [
      "a green report by someone outside the reporter's line",
      [GROUND, report("sam-1", "sam", "2026-02-05", "on_track", INITIATIVE)],
    ],
    [
      "a manager's green report made before the ground report",
      [report("pat-1", "pat", "2026-02-01", "on_track", RELEASE), GROUND],
    ],
    [
      "a ground call revised to green before the roll-up",
      [
        GROUND,
        report("lee-2", "lee", "2026-02-04", "on_track", RELEASE),
        report("pat-1", "pat", "2026-02-05", "on_track", PRODUCT),
      ],
    ],
    [
      "a manager's green report on a team the commitment is not in",
      [GROUND, report("pat-1", "pat", "2026-02-03", "on_track", { type: "team", id: "sales" })],
    ],
  ])("stays silent on %s", (_, reports) => {
    expect(detect(reports)).toEqual([]);
  });

  it("explains every layer: who, when, what they called it and what they changed", () => {
    const [signal] = detect(CITED_CHAIN);
    expect(signal!.title).toBe('"Launch": off_track on the ground became on_track in 2 layers');
    expect(signal!.explanation).toBe(
      'Lee Park on 2026-02-02: "Self-serve release" off_track ("Works in the demo only"). ' +
        'After 2 layers and 3 days, Dana Reyes reported "Launch" on_track on 2026-02-05. ' +
        "Path: lee off_track (2026-02-02) → pat at_risk (2026-02-03) → dana on_track (2026-02-05). " +
        'Pat Okafor softened off_track → at_risk; dropped the note "Works in the demo only". ' +
        'Dana Reyes softened at_risk → on_track; rolled "Self-serve release" into "Launch".',
    );
    expect(signal!.owner).toBe("dana");
    expect(signal!.evidence[2]!.value).toEqual({
      report: "dana-1",
      layer: 2,
      health: "on_track",
      date: "2026-02-05",
    });
  });

  it("survives cites that loop", () => {
    const loop = [
      report("a", "pat", "2026-02-03", "on_track", RELEASE, { cites: ["b"] }),
      report("b", "lee", "2026-02-02", "off_track", RELEASE, { cites: ["a"] }),
    ];
    expect(detect(loop).map((s) => s.severity)).toEqual(["critical"]);
  });

  it("reads only the sections it declares", () => {
    const read = new Set<string>();
    const spy = new Proxy(snapshot(CITED_CHAIN), {
      get: (target, key, receiver) => (read.add(String(key)), Reflect.get(target, key, receiver)),
    });
    filteredRollup.detect(spy, context);
    expect([...read].filter((key) => !filteredRollup.reads.includes(key as SnapshotSection))).toEqual([]);
  });
});

describe("filtered-rollup on the Orbit example", () => {
  const parsed = parseInitiativeFile(orbitText(), { fileName: "orbit-launch.yaml", checks: context.checks });
  if (!parsed.ok) throw new Error("the Orbit example does not parse");
  const orbit = parsed.snapshot;
  const signals = filteredRollup.detect(orbit, { today: orbit.initiative.asOf!, checks: context.checks });

  it("finds off_track (lee) → at_risk (pat) → on_track (dana) in two layers, once", () => {
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      subject: { type: "initiative", id: orbit.initiative.id },
      severity: "critical",
      owner: "dana",
      title: '"Orbit self-serve launch": off_track on the ground became on_track in 2 layers',
    });
    expect(signals[0]!.evidence.map((e) => e.value)).toEqual([
      { report: "report-1", layer: 0, health: "off_track", date: "2026-02-02" },
      { report: "report-2", layer: 1, health: "at_risk", date: "2026-02-03" },
      { report: "report-3", layer: 2, health: "on_track", date: "2026-02-05" },
    ]);
    expect(signals[0]!.explanation).toContain("After 2 layers and 3 days");
  });
});
