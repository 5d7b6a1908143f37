// Table tests for schedule-conflict: a receiver due before its provider (or the link) fires; undirected links never do.
import { describe, expect, it } from "vitest";
import type { Commitment, InitiativeSnapshot, Link } from "../../domain/model.ts";
import { parseInitiativeFile } from "../../initiative-file/parse-initiative-file.ts";
import { orbitText } from "../../../test/support/files.ts";
import { blankSnapshot, commitment, link } from "../../../test/support/snapshot-builder.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import type { SnapshotSection } from "../detector.ts";
import { scheduleConflict } from "./schedule-conflict.ts";

const context = { today: "2026-02-10", checks: new CheckCompiler() };

/** Capacity (operations) provides to the campaign (marketing): the campaign depends on capacity. */
function snapshot(
  provider: Partial<Commitment>,
  receiver: Partial<Commitment>,
  patch: Partial<Link> = {},
): InitiativeSnapshot {
  return blankSnapshot({
    initiative: { name: "Launch" },
    commitments: [
      commitment("capacity", "operations", {}, { title: "Onboarding capacity", ...provider }),
      commitment("campaign", "marketing", {}, { title: "Paid launch campaign", ...receiver }),
    ],
    links: [
      link("capacity", "campaign", {
        id: "capacity-first",
        kind: "dependency",
        directed: true,
        statement: "Capacity is in place before the campaign",
        ownerId: "omar",
        ...patch,
      }),
    ],
  });
}

const detect = (s: InitiativeSnapshot) => scheduleConflict.detect(s, context);
const found = (s: InitiativeSnapshot) =>
  detect(s).map((signal) => [signal.severity, signal.evidence[1]!.text]);

describe("schedule-conflict", () => {
  it.each([
    [
      "a receiver due 28 days before its provider (critical)",
      snapshot({ due: "2026-03-01" }, { due: "2026-02-01" }),
      [["critical", '"Onboarding capacity" (operations) is due 2026-03-01']],
    ],
    [
      "a receiver due 5 days before its provider (warning)",
      snapshot({ due: "2026-02-06" }, { due: "2026-02-01" }),
      [["warning", '"Onboarding capacity" (operations) is due 2026-02-06']],
    ],
    [
      "a provider delivered late, after the open receiver's due date",
      snapshot({ due: "2026-01-20", done: "2026-02-04" }, { due: "2026-02-01" }),
      [["warning", '"Onboarding capacity" (operations) was delivered on 2026-02-04']],
    ],
    [
      "a provider whose delivery is dated after the open receiver's due date (not delivered yet)",
      snapshot({ due: "2026-01-20", done: "2026-02-20" }, { due: "2026-02-01" }),
      [["critical", '"Onboarding capacity" (operations) is due 2026-02-20']],
    ],
    [
      "a handoff whose own due date is after the receiver's",
      snapshot({ due: "2026-01-20" }, { due: "2026-02-01" }, { kind: "handoff", due: "2026-02-20" }),
      [["critical", "the handoff itself is due 2026-02-20"]],
    ],
  ])("fires on %s", (_, s, expected) => {
    expect(found(s)).toEqual(expected);
  });

  it.each([
    ["a provider due before its receiver", snapshot({ due: "2026-01-20" }, { due: "2026-02-01" })],
    ["a provider due the same day", snapshot({ due: "2026-02-01" }, { due: "2026-02-01" })],
    [
      "a late provider delivered in time",
      snapshot({ due: "2026-03-01", done: "2026-01-25" }, { due: "2026-02-01" }),
    ],
    [
      "an undirected link, whatever its dates",
      snapshot({ due: "2026-03-01" }, { due: "2026-02-01" }, { directed: false, kind: "assumption" }),
    ],
    [
      "a delivered handoff",
      snapshot({ due: "2026-03-01" }, { due: "2026-02-01" }, { kind: "handoff", state: "delivered" }),
    ],
    [
      "a receiver already delivered",
      snapshot({ due: "2026-03-01" }, { due: "2026-02-01", done: "2026-02-01" }),
    ],
    [
      "a delivered provider and an undated receiver: nothing is left to wait for",
      snapshot({ due: "2026-01-20", done: "2026-01-25" }, {}),
    ],
    ["a delivered receiver and an undated provider", snapshot({}, { due: "2026-02-01", done: "2026-02-01" })],
    [
      "an assumption's own due date (only handoffs and dependencies carry one)",
      snapshot({ due: "2026-01-20" }, { due: "2026-02-01" }, { kind: "assumption", due: "2026-02-20" }),
    ],
  ])("stays silent on %s", (_, s) => {
    expect(detect(s)).toEqual([]);
  });

  it.each([
    [
      "a receiver with no due date",
      snapshot({ due: "2026-03-01" }, {}),
      '"Paid launch campaign" (marketing) has no due date',
    ],
    [
      "a provider with no due date",
      snapshot({}, { due: "2026-02-01" }),
      '"Onboarding capacity" (operations) has no due date',
    ],
  ])("says it cannot check %s, at info severity", (_, s, reason) => {
    const signals = detect(s);
    expect(signals.map((signal) => [signal.severity, signal.title])).toEqual([
      ["info", 'Schedule cannot be checked: "Capacity is in place before the campaign"'],
    ]);
    expect(signals[0]!.explanation).toContain(reason);
  });

  it("explains both dates and the gap, on the link, for the link's owner", () => {
    const [signal] = detect(snapshot({ due: "2026-03-01" }, { due: "2026-02-01" }));
    expect(signal).toMatchObject({
      kind: "schedule-conflict",
      subject: { type: "link", id: "capacity-first" },
      title: 'Schedule conflict: "Capacity is in place before the campaign"',
      owner: "omar",
    });
    expect(signal!.explanation).toBe(
      '"Paid launch campaign" (marketing) is due 2026-02-01 but depends on "Onboarding capacity" (operations) ' +
        'through this dependency, and "Onboarding capacity" (operations) is due 2026-03-01: 28 days after the receiver is due. ' +
        "Move one of the dates, or record why it holds.",
    );
  });

  it("names the initiative owner when the link has none", () => {
    expect(detect(snapshot({ due: "2026-03-01" }, { due: "2026-02-01" }, { ownerId: null }))[0]!.owner).toBe(
      "dana",
    );
  });

  it("reads only the sections it declares", () => {
    const read = new Set<string>();
    const spy = new Proxy(snapshot({ due: "2026-03-01" }, { due: "2026-02-01" }), {
      get: (target, key, receiver) => (read.add(String(key)), Reflect.get(target, key, receiver)),
    });
    scheduleConflict.detect(spy, context);
    expect([...read].filter((key) => !scheduleConflict.reads.includes(key as SnapshotSection))).toEqual([]);
  });
});

describe("schedule-conflict on the Orbit example", () => {
  const parsed = parseInitiativeFile(orbitText(), { fileName: "orbit-launch.yaml", checks: context.checks });
  if (!parsed.ok) throw new Error("the Orbit example does not parse");
  const orbit = parsed.snapshot;

  it("stays silent: the campaign/capacity links are undirected and the runbook handoff is in time", () => {
    expect(orbit.links.filter((l) => l.fromId === "campaign").every((l) => !l.directed)).toBe(true);
    expect(scheduleConflict.detect(orbit, { today: orbit.initiative.asOf!, checks: context.checks })).toEqual(
      [],
    );
  });
});
