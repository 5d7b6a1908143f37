// Table tests for stalled-stage: a year and three times its peers' median in one stage fires; short stays, few peers and delivered work do not.
import { describe, expect, it } from "vitest";
import type { Commitment } from "../../domain/model.ts";
import { snapshotOf } from "../../../test/support/snapshot-builder.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import { stalledStage } from "./stalled-stage.ts";

const context = { today: "2026-07-15", checks: new CheckCompiler() };

function staged(id: string, stage: string, since: string, patch: Partial<Commitment> = {}): Commitment {
  return {
    id,
    teamId: "engineering",
    ownerId: "ana",
    title: `Feature ${id}`,
    due: null,
    dueHistory: [],
    done: null,
    facts: { stage: { type: "string", value: stage }, stage_since: { type: "date", value: since } },
    ...patch,
  };
}

function withTarget(commitment: Commitment, target: string): Commitment {
  return { ...commitment, facts: { ...commitment.facts, target_stage: { type: "string", value: target } } };
}

/** Four peers in beta for about four months each. */
const peers = ["p1", "p2", "p3", "p4"].map((id) => staged(id, "beta", "2026-03-15"));
const run = (...commitments: Commitment[]) => stalledStage.detect(snapshotOf({ commitments }), context);

describe("stalled-stage", () => {
  it("fires on work in one stage for over a year and three times its peers' median", () => {
    const [signal, ...rest] = run(staged("old", "beta", "2023-05-01"), ...peers);
    expect(rest).toEqual([]);
    expect(signal).toMatchObject({
      kind: "stalled-stage",
      severity: "warning",
      subject: { id: "old" },
      owner: "ana",
    });
    expect(signal!.explanation).toContain("the other 4 open commitments in beta");
  });

  it("still compares work whose target is a later stage", () => {
    const found = run(withTarget(staged("old", "beta", "2023-05-01"), "stable"), ...peers);
    expect(found.map((s) => s.subject.id)).toEqual(["old"]);
  });

  const silent: Array<[string, Commitment[]]> = [
    ["under a year, though far longer than its peers", [staged("old", "beta", "2025-09-01"), ...peers]],
    [
      "over a year, but under three times the median",
      [staged("old", "beta", "2023-05-01"), ...peers.map((p) => staged(p.id, "beta", "2025-01-01"))],
    ],
    ["too few peers", [staged("old", "beta", "2023-05-01"), ...peers.slice(1)]],
    ["peers in another stage", [staged("old", "alpha", "2023-05-01"), ...peers]],
    ["delivered", [staged("old", "beta", "2023-05-01", { done: "2026-01-01" }), ...peers]],
    [
      "the last stage by name",
      [staged("old", "Stable", "2020-10-01"), ...peers.map((p) => staged(p.id, "Stable", "2026-03-15"))],
    ],
    [
      "the stage the commitment targets",
      [withTarget(staged("old", "beta", "2023-05-01"), "beta"), ...peers.map((p) => withTarget(p, "beta"))],
    ],
    [
      "no stage date",
      [
        { ...staged("old", "beta", "2023-05-01"), facts: { stage: { type: "string", value: "beta" } } },
        ...peers,
      ],
    ],
  ];
  it.each(silent)("silent: %s", (_name, commitments) => {
    expect(run(...commitments)).toEqual([]);
  });
});
