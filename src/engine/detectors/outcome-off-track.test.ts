// Table tests for outcome-off-track: a projected miss fires (by how far), a projected hit does not, too few points says so.
import { describe, expect, it } from "vitest";
import type { InitiativeSnapshot, Metric, Outcome } from "../../domain/model.ts";
import { addDays } from "../../domain/primitives.ts";
import { parseInitiativeFile } from "../../initiative-file/parse-initiative-file.ts";
import { orbitText } from "../../../test/support/files.ts";
import { blankSnapshot } from "../../../test/support/snapshot-builder.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import type { SnapshotSection } from "../detector.ts";
import { outcomeOffTrack } from "./outcome-off-track.ts";

const context = { today: "2026-02-10", checks: new CheckCompiler() };

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

function snapshot(metrics: Metric[], outcomePatch: Partial<Outcome> = {}): InitiativeSnapshot {
  const outcome: Outcome = {
    id: "activations",
    metricId: "activations",
    comparator: ">=",
    target: 2000,
    by: "2026-04-30",
    ownerId: null,
    ...outcomePatch,
  };
  return blankSnapshot({ initiative: { name: "Launch" }, metrics, outcomes: [outcome] });
}

const detect = (s: InitiativeSnapshot) => outcomeOffTrack.detect(s, context);

describe("outcome-off-track", () => {
  it.each([
    ["30 a week toward 2,000 (less than half the way)", snapshot([metric([150, 180, 210])]), "critical"],
    ["most of the way but short", snapshot([metric([1500, 1530, 1560])]), "warning"],
    [
      "a backlog that must fall to 100 but falls 10 a week",
      snapshot([metric([900, 890, 880], { direction: "down" })], { comparator: "<=", target: 100 }),
      "critical",
    ],
    [
      "a strict '>' target met exactly, not exceeded",
      snapshot([metric([1000, 1000])], { target: 1000, comparator: ">" }),
      "warning",
    ],
  ])("fires on %s", (_, s, severity) => {
    expect(detect(s).map((signal) => [signal.kind, signal.severity])).toEqual([
      ["outcome-off-track", severity],
    ]);
  });

  it.each([
    ["a pace that reaches the target", snapshot([metric([1000, 1100, 1200])])],
    ["a backlog falling fast enough", snapshot([metric([900, 800, 700])], { comparator: "<=", target: 100 })],
    ["a flat metric already past its target", snapshot([metric([2500, 2500, 2500])])],
    [
      "an early dip that the recent eight weeks have recovered from",
      snapshot([metric([900, 100, 1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700])]),
    ],
  ])("stays silent on %s", (_, s) => {
    expect(detect(s)).toEqual([]);
  });

  it.each([
    ["one point", snapshot([metric([150])]), "activations has one point"],
    ["no metric at all", snapshot([]), "the metric activations does not exist"],
    [
      "points only after today",
      snapshot([
        metric([150, 180], {
          points: [
            { date: "2026-03-01", value: 1 },
            { date: "2026-03-08", value: 2 },
          ],
        }),
      ]),
      "activations has no points up to 2026-02-10",
    ],
  ])("says it cannot project with %s, at info severity", (_, s, reason) => {
    const signals = detect(s);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ kind: "outcome-off-track", severity: "info", owner: "dana" });
    expect(signals[0]!.title).toBe("Outcome cannot be projected: activations ≥ 2,000 by 2026-04-30");
    expect(signals[0]!.explanation).toContain(reason);
  });

  it("explains a metric that must fall in its own direction", () => {
    const s = snapshot([metric([900, 890, 880], { unit: "tickets", direction: "down" })], {
      comparator: "<=",
      target: 100,
    });
    expect(detect(s)[0]!.explanation).toContain("activations falls about 10 a week");
    expect(detect(s)[0]!.explanation).toContain("latest 880 tickets");
    expect(detect(s)[0]!.explanation).toContain("It would need to fall about 54.6 a week from here.");
  });

  it("names the outcome's owner, else the initiative owner", () => {
    expect(detect(snapshot([metric([150, 180, 210])], { ownerId: "mia" }))[0]!.owner).toBe("mia");
    expect(detect(snapshot([metric([150, 180, 210])]))[0]!.owner).toBe("dana");
  });

  it("reads only the sections it declares", () => {
    const read = new Set<string>();
    const spy = new Proxy(snapshot([metric([150, 180, 210])]), {
      get: (target, key, receiver) => (read.add(String(key)), Reflect.get(target, key, receiver)),
    });
    outcomeOffTrack.detect(spy, context);
    expect([...read].filter((key) => !outcomeOffTrack.reads.includes(key as SnapshotSection))).toEqual([]);
  });
});

describe("outcome-off-track on the Orbit example", () => {
  const parsed = parseInitiativeFile(orbitText(), { fileName: "orbit-launch.yaml", checks: context.checks });
  if (!parsed.ok) throw new Error("the Orbit example does not parse");
  const orbit = parsed.snapshot;
  const signals = outcomeOffTrack.detect(orbit, { today: orbit.initiative.asOf!, checks: context.checks });

  it("finds that about 30 more activations a week will not reach 2,000 by April 30", () => {
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      kind: "outcome-off-track",
      severity: "critical",
      subject: { type: "outcome", id: "weekly_activations" },
      title: "Outcome off track: weekly_activations ≥ 2,000 by 2026-04-30",
      owner: "dana",
    });
    expect(signals[0]!.explanation).toBe(
      "weekly_activations rises about 30 a week (Theil–Sen over the last 3 points, 2026-01-06 to 2026-01-20, latest 210). " +
        "At that pace it reaches about 639 by 2026-04-30, short of the target (weekly_activations ≥ 2,000 by 2026-04-30). " +
        "It would need to rise about 125 a week from here.",
    );
    expect(signals[0]!.evidence.map((e) => e.value)).toEqual([150 + (30 / 7) * 114, 2000, 30, 3]);
  });
});
