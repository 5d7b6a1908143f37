// Unit tests for the Theil–Sen line and metric projection: exact values, an outlier, windows, too few points.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SeriesPoint } from "../domain/model.ts";
import { addDays } from "../domain/primitives.ts";
import { projectMetric, projectMetricAsOf, theilSen } from "./trend.ts";

const xy = (...pairs: [number, number][]) => pairs.map(([x, y]) => ({ x, y }));

/** One point a week from 2026-01-06 with the given values. */
const weekly = (...values: number[]): SeriesPoint[] =>
  values.map((value, i) => ({ date: addDays("2026-01-06", 7 * i), value }));

describe("theilSen", () => {
  it("recovers a straight line exactly", () => {
    expect(theilSen(xy([0, 1], [1, 3], [2, 5], [3, 7]))).toEqual({ slope: 2, intercept: 1 });
  });

  it("takes the middle pair of an even number of slopes and the median intercept", () => {
    // Slopes 2, 1.5 and 1 → 1.5; intercepts 0, 0.5, 0 → 0.
    expect(theilSen(xy([0, 0], [1, 2], [2, 3]))).toEqual({ slope: 1.5, intercept: 0 });
  });

  it("is not dragged by one outlier", () => {
    // Six slopes of 1 and four steep ones through (4, 100): the median is still 1, the intercept still 0.
    expect(theilSen(xy([0, 0], [1, 1], [2, 2], [3, 3], [4, 100]))).toEqual({ slope: 1, intercept: 0 });
  });

  it("ignores pairs on the same x and gives null when no slope can be measured", () => {
    // Slopes 2 and -0.5 (the pair on x = 0 has none) → 0.75; intercepts 0, 5, 2.5 → 2.5.
    expect(theilSen(xy([0, 0], [0, 5], [2, 4]))).toEqual({ slope: 0.75, intercept: 2.5 });
    expect(theilSen(xy([3, 1], [3, 2]))).toBeNull();
    expect(theilSen(xy([3, 1]))).toBeNull();
    expect(theilSen([])).toBeNull();
  });
});

describe("projectMetric", () => {
  it("projects Orbit's activations: 30 a week from 150 reaches about 639 by April 30", () => {
    const projection = projectMetric(weekly(150, 180, 210), "2026-04-30");
    expect(projection).not.toBeNull();
    expect(projection!.slopePerDay).toBeCloseTo(30 / 7, 10);
    expect(projection!.expected).toBeCloseTo(150 + (30 / 7) * 114, 10);
    expect(projection!.pointsUsed).toBe(3);
    expect(projection!.first).toEqual({ date: "2026-01-06", value: 150 });
    expect(projection!.latest).toEqual({ date: "2026-01-20", value: 210 });
  });

  it("uses only the last 8 points by default", () => {
    // Two old points on another trend, then eight on a flat 100: the projection is flat.
    const projection = projectMetric(weekly(0, 1000, 100, 100, 100, 100, 100, 100, 100, 100), "2026-06-01");
    expect(projection).toMatchObject({ expected: 100, slopePerDay: 0, pointsUsed: 8 });
  });

  it("takes another window when asked", () => {
    const projection = projectMetric(weekly(0, 70, 70, 140), "2026-02-03", { window: 2 });
    expect(projection).toMatchObject({ slopePerDay: 10, pointsUsed: 2, expected: 210 });
  });

  it("sorts points by date before choosing the recent ones", () => {
    const points = weekly(10, 20, 30).reverse();
    expect(projectMetric(points, "2026-01-27")).toMatchObject({ expected: 40, pointsUsed: 3 });
  });

  it("keeps its pace through one wild week", () => {
    const projection = projectMetric(weekly(100, 107, 114, 500, 128), "2026-02-10");
    expect(projection!.slopePerDay).toBe(1);
    expect(projection!.expected).toBe(135);
  });

  it("gives null with fewer than two points, or with every point on one day", () => {
    expect(projectMetric([], "2026-04-30")).toBeNull();
    expect(projectMetric(weekly(150), "2026-04-30")).toBeNull();
    const sameDay = [
      { date: "2026-01-06", value: 1 },
      { date: "2026-01-06", value: 2 },
    ];
    expect(projectMetric(sameDay, "2026-04-30")).toBeNull();
  });
});

describe("projectMetricAsOf", () => {
  it("is projectMetric over the points dated up to the day, in order or not", () => {
    const point = fc.record({
      date: fc.integer({ min: 0, max: 30 }).map((d) => addDays("2026-01-01", d)),
      value: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(
        fc.array(point, { maxLength: 20 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 2, max: 10 }),
        (points, sorted, asOf, window) => {
          const series = sorted ? [...points].sort((a, b) => a.date.localeCompare(b.date)) : points;
          const day = addDays("2026-01-01", asOf);
          expect(projectMetricAsOf(series, day, "2026-03-01", { window })).toEqual(
            projectMetric(
              series.filter((p) => p.date <= day),
              "2026-03-01",
              { window },
            ),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
