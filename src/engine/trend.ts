// Robust trends over metric series: a Theil–Sen line, and where a metric is heading by a given day.
import type { SeriesPoint } from "../domain/model.ts";
import type { IsoDate } from "../domain/primitives.ts";
import { daysApart } from "./calendar.ts";
import { perArray } from "./memo.ts";

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

/** The order metric series are read in: by date, as `localeCompare` orders them. */
export const chronologically = (a: SeriesPoint, b: SeriesPoint): number => a.date.localeCompare(b.date);

function inDateOrder(points: readonly SeriesPoint[]): boolean {
  for (let i = 1; i < points.length; i++) if (chronologically(points[i - 1]!, points[i]!) > 0) return false;
  return true;
}

/**
 * True when the points are in date order already, so a stable sort by date would leave them as they are
 * (series are usually recorded in order). Checked once per points array.
 */
export function isChronological(points: readonly SeriesPoint[]): boolean {
  return perArray(points, inDateOrder);
}

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
  const ordered = isChronological(points) ? points : [...points].sort(chronologically);
  return projectRecent(ordered.slice(-windowOf(options)), byDate);
}

/**
 * `projectMetric` over the points dated up to `asOf`. A series in date order is read from its newest end, as
 * far as the window goes: the window is then the last points up to `asOf`, whatever the series' length.
 */
export function projectMetricAsOf(
  points: readonly SeriesPoint[],
  asOf: IsoDate,
  byDate: IsoDate,
  options: ProjectionOptions = {},
): Projection | null {
  if (!isChronological(points))
    return projectMetric(
      points.filter((p) => p.date <= asOf),
      byDate,
      options,
    );
  const window = windowOf(options);
  const recent: SeriesPoint[] = [];
  for (let i = points.length - 1; i >= 0 && recent.length < window; i--) {
    if (points[i]!.date <= asOf) recent.push(points[i]!);
  }
  return projectRecent(recent.reverse(), byDate);
}

function windowOf(options: ProjectionOptions): number {
  return Math.max(2, options.window ?? DEFAULT_PROJECTION_WINDOW);
}

/** The projection from the window of recent points, oldest first. */
function projectRecent(recent: readonly SeriesPoint[], byDate: IsoDate): Projection | null {
  const first = recent[0];
  const latest = recent.at(-1);
  if (!first || !latest) return null;
  // Days since the first point used keep the numbers small and the intercept meaningful.
  const line = theilSen(recent.map((p) => ({ x: daysApart(first.date, p.date), y: p.value })));
  if (!line) return null;
  return {
    expected: line.intercept + line.slope * daysApart(first.date, byDate),
    slopePerDay: line.slope,
    pointsUsed: recent.length,
    first,
    latest,
  };
}
