import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "../domain/primitives.ts";
import { daysApart } from "./calendar.ts";

describe("daysApart", () => {
  it("is daysBetween, for real dates and for strings that are not dates", () => {
    const date = fc.oneof(
      fc.integer({ min: -20_000, max: 20_000 }).map((d) => addDays("2026-01-01", d)),
      fc.constantFrom("2026-02-30", "2026-13-01", "", "not a date", "2026-1-5"),
    );
    fc.assert(
      fc.property(date, date, (from, to) => {
        expect(Object.is(daysApart(from, to), daysBetween(from, to))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
