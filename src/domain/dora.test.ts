import { describe, expect, it } from "vitest";
import { computeDora, isoWeekOf, median, type DoraEvents } from "./dora.ts";

const none: DoraEvents = { deployments: [], changes: [], incidents: [] };
const ok = (id: string, at: string) => ({ id, at, succeeded: true });
const failed = (id: string, at: string) => ({ id, at, succeeded: false });
const merged = (id: string, mergedAt: string | null) => ({ id, mergedAt });
const incident = (id: string, openedAt: string, closedAt: string | null) => ({ id, openedAt, closedAt });
const dora = (events: Partial<DoraEvents>, from?: string) => computeDora({ ...none, ...events }, { from });

describe("isoWeekOf", () => {
  it.each([
    ["2026-02-02T00:00:00Z", "2026-02-02"], // a Monday is its own week
    ["2026-02-08T23:59:59Z", "2026-02-02"], // Sunday closes it
    ["2026-02-09T00:00:00Z", "2026-02-09"],
    ["2027-01-01T12:00:00Z", "2026-12-28"], // the ISO week runs across the new year
  ])("%s is in the week of %s", (at, week) => {
    expect(isoWeekOf(Date.parse(at))).toBe(week);
  });
});

describe("median", () => {
  it("is the middle value, the mean of the two middles, or none", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });
});

describe("deployment frequency", () => {
  it("counts successful deployments per week, with 0 for a week between that had none", () => {
    const result = dora({
      deployments: [
        ok("a", "2026-02-02T10:00:00Z"),
        ok("b", "2026-02-04T10:00:00Z"),
        ok("c", "2026-02-18T10:00:00Z"),
      ],
    });
    expect(result.deployment_frequency).toEqual([
      ["2026-02-02", 2],
      ["2026-02-09", 0],
      ["2026-02-16", 1],
    ]);
  });

  it("does not count a failed deployment, nor the same deployment read twice", () => {
    const result = dora({
      deployments: [
        ok("a", "2026-02-02T10:00:00Z"),
        failed("b", "2026-02-03T10:00:00Z"),
        ok("a", "2026-02-02T10:00:00Z"),
      ],
    });
    expect(result.deployment_frequency).toEqual([["2026-02-02", 1]]);
  });

  it("has no points without deployments", () => {
    expect(dora({ changes: [merged("1", "2026-02-02T10:00:00Z")] })).toEqual({
      deployment_frequency: [],
      lead_time_for_changes: [],
      change_failure_rate: [],
      time_to_restore: [],
    });
  });
});

describe("lead time for changes", () => {
  it("is the median hours from merge to the first successful deployment at or after it, in that deployment's week", () => {
    const result = dora({
      deployments: [
        ok("early", "2026-02-02T08:00:00Z"), // before every merge: deploys none of them
        failed("broken", "2026-02-06T10:00:00Z"), // failed: deploys nothing
        ok("d1", "2026-02-06T12:00:00Z"),
        ok("d2", "2026-02-10T12:00:00Z"),
      ],
      changes: [
        merged("1", "2026-02-06T12:00:00Z"), // deployed at its own instant: 0 h
        merged("2", "2026-02-05T12:00:00Z"), // 24 h
        merged("3", "2026-02-04T00:00:00Z"), // 60 h
        merged("4", "2026-02-08T12:00:00Z"), // deployed next week by d2: 48 h
      ],
    });
    expect(result.lead_time_for_changes).toEqual([
      ["2026-02-02", 24],
      ["2026-02-09", 48],
    ]);
  });

  it("leaves out a change closed unmerged, and one merged after the last deployment", () => {
    const result = dora({
      deployments: [ok("d", "2026-02-04T12:00:00Z")],
      changes: [
        merged("unmerged", null),
        merged("waiting", "2026-02-05T12:00:00Z"),
        merged("shipped", "2026-02-04T09:30:00Z"),
      ],
    });
    expect(result.lead_time_for_changes).toEqual([["2026-02-02", 2.5]]);
  });
});

describe("change failure rate", () => {
  it("is the percent of attempts that failed or were followed by an incident before the next attempt", () => {
    const result = dora({
      deployments: [
        ok("a", "2026-02-02T10:00:00Z"), // an incident opened after it, before b: a failure
        ok("b", "2026-02-03T10:00:00Z"), // fine
        failed("c", "2026-02-04T10:00:00Z"), // failed
        ok("d", "2026-02-05T10:00:00Z"), // the incident opened before it is not its own
        ok("e", "2026-02-10T10:00:00Z"), // an incident at its very instant: a failure
      ],
      incidents: [
        incident("i1", "2026-02-02T12:00:00Z", null),
        incident("i2", "2026-02-05T09:00:00Z", "2026-02-05T11:00:00Z"),
        incident("i3", "2026-02-10T10:00:00Z", null),
        incident("before", "2026-01-20T10:00:00Z", null), // before any deployment: nobody's
      ],
    });
    // Week of 2026-02-02: a and c of a, b, c, d → 50 %; the next week: e of e → 100 %.
    expect(result.change_failure_rate).toEqual([
      ["2026-02-02", 50],
      ["2026-02-09", 100],
    ]);
  });

  it("is 0 when nothing failed, and rounds to two decimals", () => {
    const clean = dora({ deployments: [ok("a", "2026-02-02T10:00:00Z")] });
    expect(clean.change_failure_rate).toEqual([["2026-02-02", 0]]);
    const third = dora({
      deployments: [
        failed("a", "2026-02-02T10:00:00Z"),
        ok("b", "2026-02-03T10:00:00Z"),
        ok("c", "2026-02-04T10:00:00Z"),
      ],
    });
    expect(third.change_failure_rate).toEqual([["2026-02-02", 33.33]]);
  });
});

describe("time to restore", () => {
  it("is the median hours from opened to closed, in the week it closed; an open incident has none yet", () => {
    const result = dora({
      incidents: [
        incident("a", "2026-02-02T10:00:00Z", "2026-02-02T12:00:00Z"), // 2 h
        incident("b", "2026-02-03T10:00:00Z", "2026-02-03T16:00:00Z"), // 6 h
        incident("c", "2026-02-06T10:00:00Z", "2026-02-10T10:00:00Z"), // closed next week: 96 h
        incident("open", "2026-02-04T10:00:00Z", null),
      ],
    });
    expect(result.time_to_restore).toEqual([
      ["2026-02-02", 4],
      ["2026-02-09", 96],
    ]);
  });
});

describe("from", () => {
  it("keeps only the weeks from that Monday on, computed with what came before", () => {
    const result = dora(
      {
        deployments: [ok("a", "2026-02-06T10:00:00Z"), ok("b", "2026-02-10T10:00:00Z")],
        changes: [merged("1", "2026-02-07T10:00:00Z")],
      },
      "2026-02-09",
    );
    expect(result.deployment_frequency).toEqual([["2026-02-09", 1]]);
    expect(result.lead_time_for_changes).toEqual([["2026-02-09", 72]]);
  });
});
