import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Commitment, Metric } from "../domain/model.ts";
import { CheckCompiler } from "../checks/check-compiler.ts";
import { checkBindings } from "../checks/bindings.ts";
import { contextBindings, evaluateCheck } from "./check.ts";

const checks = new CheckCompiler();

// Ids that are dotted prefixes of one another: CEL resolves `a.b.c` by trying `a.b.c`, `a.b`, then `a`.
const IDS = ["a", "a.b", "a.b.c", "b", "x"] as const;
const SOURCES = [
  "a.b.c > 1.0",
  "a.b > 1.0",
  "has(a.b.c)",
  "[1.0, 2.0].exists(x, x > a.b)",
  "[1.0].all(a, a.b > 0.0)",
  "b.c == a.b.c",
  "x.y > 0.0 || a.b > 0.0",
  "metrics.m.latest > 1.0",
  "a.b +",
];

function commitment(id: string, value: number): Commitment {
  return {
    id,
    teamId: "t",
    title: id,
    ownerId: null,
    due: null,
    done: null,
    dueHistory: [],
    facts: {
      b: { type: "number", value },
      c: { type: "number", value: 3 - value },
      y: { type: "number", value },
    },
  } as Commitment;
}

const metric = (latest: number): Metric => ({
  id: "m",
  unit: "count",
  direction: "up",
  points: [{ date: "2026-01-01", value: latest }],
});

describe("evaluateCheck", () => {
  it("gives what evaluating against fresh bindings gives, after any sequence of changes", () => {
    const step = fc.record({
      id: fc.constantFrom(...IDS),
      value: fc.integer({ min: 0, max: 3 }),
      remove: fc.boolean(),
      newMetric: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 15 }), (steps) => {
        // One context across snapshots, as an IncrementalEvaluator holds it; unchanged objects are shared.
        const context = { today: "2026-02-10", checks };
        let commitments: Commitment[] = [];
        let metrics = [metric(1)];
        for (const { id, value, remove, newMetric } of steps) {
          const others = commitments.filter((c) => c.id !== id);
          commitments = remove ? others : [...others, commitment(id, value)];
          if (newMetric) metrics = [metric(value)];
          const snapshot = { commitments, metrics };
          const bindings = contextBindings(snapshot, context);
          for (const source of SOURCES) {
            expect(evaluateCheck(context, source, bindings)).toEqual(
              checks.evaluate(source, checkBindings(snapshot)),
            );
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
