// Table tests for repeated-slip: three moves later with no decision since fires; pull-ins, delivered work and decisions do not.
import { describe, expect, it } from "vitest";
import type { Commitment } from "../../domain/model.ts";
import { decision, snapshotOf } from "../../../test/support/snapshot-builder.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import { dueMoves, repeatedSlip } from "./repeated-slip.ts";

const context = { today: "2026-07-15", checks: new CheckCompiler() };

function commitment(patch: Partial<Commitment>): Commitment {
  return {
    id: "gpu_sharing",
    teamId: "engineering",
    ownerId: "kofi",
    title: "GPU sharing to stable",
    due: null,
    dueHistory: [],
    done: null,
    facts: {},
    ...patch,
  };
}

const run = (c: Partial<Commitment>, decisions = snapshotOf().decisions) =>
  repeatedSlip.detect(snapshotOf({ commitments: [commitment(c)], decisions }), context);

describe("repeated-slip", () => {
  const fires: Array<[string, Partial<Commitment>, "warning" | "critical"]> = [
    [
      "three moves later",
      { due: "2025-08-27", dueHistory: ["2024-04-17", "2024-08-13", "2024-12-11"] },
      "warning",
    ],
    [
      "three moves, the last to no date",
      { due: null, dueHistory: ["2024-04-17", "2024-08-13", "2024-12-11"] },
      "warning",
    ],
    [
      "three slips among a pull-in",
      { due: "2025-12-17", dueHistory: ["2024-04-17", "2024-12-11", "2024-08-13", "2025-04-23"] },
      "warning",
    ],
    [
      "five moves later",
      {
        due: "2026-04-22",
        dueHistory: ["2024-04-17", "2024-08-13", "2024-12-11", "2025-04-23", "2025-08-27"],
      },
      "critical",
    ],
    [
      "delivered, but after today",
      { due: "2025-08-27", dueHistory: ["2024-04-17", "2024-08-13", "2024-12-11"], done: "2026-08-01" },
      "warning",
    ],
  ];
  it.each(fires)("fires: %s", (_name, c, severity) => {
    const [signal, ...rest] = run(c);
    expect(rest).toEqual([]);
    expect(signal).toMatchObject({
      kind: "repeated-slip",
      severity,
      subject: { type: "commitment", id: "gpu_sharing" },
      owner: "kofi",
    });
  });

  const silent: Array<[string, Partial<Commitment>]> = [
    ["two moves later", { due: "2024-12-11", dueHistory: ["2024-04-17", "2024-08-13"] }],
    [
      "pull-ins are no slips",
      { due: "2024-04-17", dueHistory: ["2025-08-27", "2025-04-23", "2024-12-11", "2024-08-13"] },
    ],
    [
      "two slips and a pull-in",
      { due: "2024-12-11", dueHistory: ["2024-04-17", "2024-08-13", "2025-04-23"] },
    ],
    [
      "delivered",
      { due: "2025-08-27", dueHistory: ["2024-04-17", "2024-08-13", "2024-12-11"], done: "2025-08-27" },
    ],
  ];
  it.each(silent)("silent: %s", (_name, c) => {
    expect(run(c)).toEqual([]);
  });

  const slipped = { due: "2025-08-27", dueHistory: ["2024-04-17", "2024-08-13", "2024-12-11"] };
  it("is answered by a decision on or after the last move, about this commitment or nothing in particular", () => {
    expect(run(slipped, [decision("2024-12-11", "delay", "gpu_sharing")])).toEqual([]);
    expect(run(slipped, [decision("2025-01-10", "descope", "GPU sharing to stable")])).toEqual([]);
    expect(run(slipped, [decision("2025-01-10", "persevere", null)])).toEqual([]);
  });

  it("is not answered by an earlier decision, one about something else, or one after today", () => {
    expect(run(slipped, [decision("2024-08-01", "delay", "gpu_sharing")])).toHaveLength(1);
    expect(run(slipped, [decision("2025-01-10", "delay", "Checkout redesign")])).toHaveLength(1);
    expect(run(slipped, [decision("2026-08-01", "delay", "gpu_sharing")])).toHaveLength(1);
  });

  it("explains with the latest three moves and counts, however long the history", () => {
    const history = Array.from({ length: 40 }, (_, i) => `${2000 + i}-01-01`);
    const [signal] = run({ due: "2041-01-01", dueHistory: history });
    expect(signal!.explanation).toContain("moved later 40 times");
    expect(signal!.explanation).toContain("after 37 earlier");
    expect(signal!.explanation.length).toBeLessThan(600);
    expect(signal!.evidence).toHaveLength(5);
  });

  it("counts slips and pull-ins by direction", () => {
    expect(dueMoves({ due: "2024-03-01", dueHistory: ["2024-01-01", "2024-02-01", "2024-01-15"] })).toEqual({
      slips: [
        { from: "2024-01-01", to: "2024-02-01" },
        { from: "2024-01-15", to: "2024-03-01" },
      ],
      pullIns: [{ from: "2024-02-01", to: "2024-01-15" }],
    });
  });
});
