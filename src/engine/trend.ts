// Robust trends over metric series: a Theil–Sen line, and where a metric is heading by a given day.
import type { SeriesPoint } from "../domain/model.ts";
import { daysBetween, type IsoDate } from "../domain/primitives.ts";

export interface Point {
  x: number;
  y: number;
}

export interface Line {
  slope: number;
  intercept: number;
}

export interface Projection {
  /** The metric's expected value on the projected day. */
  expected: number;
  slopePerDay: number;
  /** How many of the most recent points the line was fitted on. */
  pointsUsed: number;
  /** The first and last points used, to cite in evidence. */
  first: SeriesPoint;
  latest: SeriesPoint;
}

export interface ProjectionOptions {
  /** Fit on this many of the most recent points (default 8): old points say little about the pace now. */
  window?: number;
}

export const DEFAULT_PROJECTION_WINDOW = 8;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The Theil–Sen line: the median of the slopes between every pair of points, and the median of the
 * intercepts through each point at that slope. Unlike least squares, one wild point cannot drag it.
 * Null when no two points have different x (no slope can be measured).
 */
export function theilSen(points: readonly Point[]): Line | null {
  const slopes: number[] = [];
  points.forEach((a, i) => {
    for (const b of points.slice(i + 1)) if (b.x !== a.x) slopes.push((b.y - a.y) / (b.x - a.x));
  });
  if (slopes.length === 0) return null;
  const slope = median(slopes);
  return { slope, intercept: median(points.map((p) => p.y - slope * p.x)) };
}

/**
 * Where the metric is heading on `byDate`, from a Theil–Sen line over its most recent points. Null with
 * fewer than two points on different days: one point shows a level, not a pace.
 */
export function projectMetric(
  points: readonly SeriesPoint[],
  byDate: IsoDate,
  options: ProjectionOptions = {},
): Projection | null {
  const window = Math.max(2, options.window ?? DEFAULT_PROJECTION_WINDOW);
  const recent = [...points].sort((a, b) => a.date.localeCompare(b.date)).slice(-window);
  const first = recent[0];
  const latest = recent.at(-1);
  if (!first || !latest) return null;
  // Days since the first point used keep the numbers small and the intercept meaningful.
  const line = theilSen(recent.map((p) => ({ x: daysBetween(first.date, p.date), y: p.value })));
  if (!line) return null;
  return {
    expected: line.intercept + line.slope * daysBetween(first.date, byDate),
    slopePerDay: line.slope,
    pointsUsed: recent.length,
    first,
    latest,
  };
}
