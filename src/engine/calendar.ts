// Day arithmetic on ISO dates with each date string parsed once: `daysBetween` without its two Date.parse calls.
import type { IsoDate } from "../domain/primitives.ts";
import { TextCache } from "./memo.ts";

const DAY_MS = 86_400_000;
const instants = new TextCache<number>(100_000);
const parseInstant = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Midnight UTC of `date` in milliseconds (NaN when it does not parse), as `daysBetween` reads it. */
export function instantOf(date: IsoDate): number {
  return instants.get(date, parseInstant);
}

/** Exactly `daysBetween(from, to)` from domain/primitives.ts, with the parsing cached. */
export function daysApart(from: IsoDate, to: IsoDate): number {
  return Math.round((instantOf(to) - instantOf(from)) / DAY_MS);
}
