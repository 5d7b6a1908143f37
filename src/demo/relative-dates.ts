// The demo's history is written as of one day; it is loaded laid out relative to the real today, so that what
// people do in it (a report, a No-Go, a suppression until next week) fits the history around it.
import { addDays, daysBetween, type IsoDate } from "../domain/primitives.ts";

/** The day the demo's files are written as of. */
export const DEMO_WRITTEN_AS_OF: IsoDate = "2026-02-10";

const ISO_DATE = /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g;

/** `date` of the written demo, moved to where it falls when the demo is loaded on `today`. */
export function demoDate(date: IsoDate, today: IsoDate): IsoDate {
  return addDays(date, daysBetween(DEMO_WRITTEN_AS_OF, today));
}

/**
 * A copy of a parsed initiative document with every date moved by the days from DEMO_WRITTEN_AS_OF to
 * `today` (dates as values, in point tuples and inside text and checks alike), and no `as_of` of its own,
 * so that it is evaluated as of the real day.
 */
export function relativeToToday(document: Record<string, unknown>, today: IsoDate): Record<string, unknown> {
  const shift = daysBetween(DEMO_WRITTEN_AS_OF, today);
  const move = (value: unknown): unknown => {
    if (typeof value === "string") return value.replace(ISO_DATE, (date) => addDays(date, shift));
    if (Array.isArray(value)) return value.map(move);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, v]) => [move(key) as string, move(v)]));
    }
    return value;
  };
  const { as_of: _writtenAsOf, ...rest } = document;
  return move(rest) as Record<string, unknown>;
}
