// The four DORA delivery metrics computed per ISO week from what a delivery pipeline did: deployments (and whether
// they succeeded), merged changes, and incidents. Source-independent (GitHub's deployments and releases map to it
// in importers/github/to-dora.ts). Pure: events in, one series of [week, value] per metric out, each week named by
// its Monday (UTC). The rules, as docs/connectors.md states them:
// - deployment frequency: successful deployments in the week (a failed one is no deployment); every week from the
//   first to the last with a deployment attempt has a point, 0 when none succeeded;
// - lead time for changes: the median, in hours, from a change's merge to the first successful deployment at or
//   after it, in the week of that deployment (a change not merged, or not deployed yet, has none);
// - change failure rate: the percent of the week's deployment attempts that failed, or succeeded and were followed
//   by an incident opened at or after them and before the next attempt;
// - time to restore: the median, in hours, from an incident's opening to its closing, in the week it closed (an
//   open incident has none yet).
import type { IsoDate } from "./primitives.ts";

export const DORA_METRICS = [
  "deployment_frequency",
  "lead_time_for_changes",
  "change_failure_rate",
  "time_to_restore",
] as const;
export type DoraMetric = (typeof DORA_METRICS)[number];

/** Each metric's unit and which way is better: the metric an initiative keeps them in must agree. */
export const DORA_UNITS: Record<DoraMetric, { unit: string; direction: "up" | "down" }> = {
  deployment_frequency: { unit: "deployments/week", direction: "up" },
  lead_time_for_changes: { unit: "hours", direction: "down" },
  change_failure_rate: { unit: "percent", direction: "down" },
  time_to_restore: { unit: "hours", direction: "down" },
};

export interface DoraDeployment {
  id: string;
  /** When it went live (success) or failed: an ISO 8601 instant. */
  at: string;
  succeeded: boolean;
}

export interface DoraChange {
  id: string;
  /** When it was merged; null: closed unmerged, or still open. */
  mergedAt: string | null;
}

export interface DoraIncident {
  id: string;
  openedAt: string;
  /** When it was closed; null while open. */
  closedAt: string | null;
}

export interface DoraEvents {
  deployments: readonly DoraDeployment[];
  changes: readonly DoraChange[];
  incidents: readonly DoraIncident[];
}

export type DoraSeries = Record<DoraMetric, Array<[IsoDate, number]>>;

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The Monday (UTC) of the ISO week an instant falls in. */
export function isoWeekOf(instant: number): IsoDate {
  const day = Math.floor(instant / DAY) * DAY;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(day - weekday * DAY).toISOString().slice(0, 10);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Last one per id wins (a listing read twice, or a delivery and a read of the same thing). */
function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((i) => [i.id, i])).values()];
}

function instant(text: string | null): number | null {
  if (text === null) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

function series(values: Map<IsoDate, number[]>, reduce: (v: number[]) => number | null) {
  return [...values.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([week, v]): Array<[IsoDate, number]> => {
      const value = reduce(v);
      return value === null ? [] : [[week, round2(value)]];
    });
}

function push(map: Map<IsoDate, number[]>, week: IsoDate, value: number) {
  const list = map.get(week);
  if (list) list.push(value);
  else map.set(week, [value]);
}

/** The four series; `from` keeps only weeks starting on or after that Monday (an incremental read's window). */
export function computeDora(events: DoraEvents, options: { from?: IsoDate | null } = {}): DoraSeries {
  const attempts = byId(events.deployments)
    .flatMap((d) => {
      const at = instant(d.at);
      return at === null ? [] : [{ at, succeeded: d.succeeded }];
    })
    .sort((a, b) => a.at - b.at);
  const successes = attempts.filter((d) => d.succeeded).map((d) => d.at);
  const incidents = byId(events.incidents).flatMap((i) => {
    const opened = instant(i.openedAt);
    return opened === null ? [] : [{ opened, closed: instant(i.closedAt) }];
  });

  const frequency = new Map<IsoDate, number[]>();
  if (attempts.length > 0) {
    const last = attempts.at(-1)!.at;
    for (let week = Date.parse(isoWeekOf(attempts[0]!.at)); week <= last; week += 7 * DAY)
      frequency.set(isoWeekOf(week), []);
    for (const at of successes) push(frequency, isoWeekOf(at), 1);
  }

  const lead = new Map<IsoDate, number[]>();
  for (const change of byId(events.changes)) {
    const merged = instant(change.mergedAt);
    if (merged === null) continue;
    const deployed = successes.find((at) => at >= merged);
    if (deployed !== undefined) push(lead, isoWeekOf(deployed), (deployed - merged) / HOUR);
  }

  const failure = new Map<IsoDate, number[]>();
  attempts.forEach((d, n) => {
    const next = attempts[n + 1]?.at ?? Infinity;
    const failed = !d.succeeded || incidents.some((i) => i.opened >= d.at && i.opened < next);
    push(failure, isoWeekOf(d.at), failed ? 1 : 0);
  });

  const restore = new Map<IsoDate, number[]>();
  for (const i of incidents)
    if (i.closed !== null && i.closed >= i.opened)
      push(restore, isoWeekOf(i.closed), (i.closed - i.opened) / HOUR);

  const all: DoraSeries = {
    deployment_frequency: series(frequency, (v) => v.length),
    lead_time_for_changes: series(lead, median),
    change_failure_rate: series(failure, (v) => (100 * v.reduce((a, b) => a + b, 0)) / v.length),
    time_to_restore: series(restore, median),
  };
  const from = options.from;
  if (!from) return all;
  return Object.fromEntries(
    DORA_METRICS.map((m) => [m, all[m].filter(([week]) => week >= from)]),
  ) as DoraSeries;
}
