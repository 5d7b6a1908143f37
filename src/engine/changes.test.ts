import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InitiativeSnapshot, SeriesPoint } from "../domain/model.ts";
import { addDays } from "../domain/primitives.ts";
import { snapshotOf } from "../../test/support/snapshot-builder.ts";
import { addPoint } from "./changes.ts";

const point = fc.record({
  date: fc.integer({ min: 0, max: 12 }).map((d) => addDays("2026-01-01", d)),
  value: fc.integer({ min: 0, max: 100 }),
});

describe("addPoint", () => {
  it("gives the other points and the new one in date order, as a stable sort of them would", () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 15 }), fc.boolean(), point, (points, sorted, added) => {
        const series = sorted ? [...points].sort((a, b) => a.date.localeCompare(b.date)) : points;
        const snapshot: InitiativeSnapshot = snapshotOf({
          metrics: [{ id: "m", unit: "count", direction: "up", points: series }],
        });
        const expected: SeriesPoint[] = [...series.filter((p) => p.date !== added.date), added].sort((a, b) =>
          a.date.localeCompare(b.date),
        );
        const result = addPoint("m", added).apply(snapshot).metrics[0]!.points;
        expect(result).toEqual(expected);
        result.forEach((p, i) => expect(p).toBe(expected[i]));
      }),
      { numRuns: 500 },
    );
  });
});
