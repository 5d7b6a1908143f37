import { describe, expect, it } from "vitest";
import { demoDate, relativeToToday } from "./relative-dates.ts";

describe("the demo relative to today", () => {
  it("moves every date by the days since the demo was written, and drops its own as_of", () => {
    const moved = relativeToToday(
      {
        as_of: "2026-02-10",
        reports: [{ date: "2026-02-05", note: "load test run 2026-01-29" }],
        metrics: { m: { points: [["2026-02-09", 4]] } },
        links: [{ check: 'c.start <= timestamp("2026-02-01T00:00:00Z")' }],
      },
      "2026-12-02",
    );
    expect(moved).toEqual({
      reports: [{ date: "2026-11-27", note: "load test run 2026-11-20" }],
      metrics: { m: { points: [["2026-12-01", 4]] } },
      links: [{ check: 'c.start <= timestamp("2026-11-23T00:00:00Z")' }],
    });
    expect(demoDate("2026-03-01", "2026-12-02")).toBe("2026-12-21");
  });

  it("leaves the demo as written on the day it was written", () => {
    const document = { initiative: "X", reports: [{ date: "2026-02-05" }] };
    expect(relativeToToday({ ...document, as_of: "2026-02-10" }, "2026-02-10")).toEqual(document);
  });
});
