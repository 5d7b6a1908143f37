import { describe, expect, it } from "vitest";
import type { Signal } from "../domain/model.ts";
import { matchesSignalFilter, NO_FILTER, parseSignalFilter } from "./signal-filter.ts";

const signal = (over: Partial<Signal>): Signal => ({
  kind: "stale-status",
  severity: "warning",
  subject: { type: "commitment", id: "campaign" },
  title: "t",
  explanation: "e",
  evidence: [],
  owner: "dana",
  fingerprint: "f",
  ...over,
});

const filterOf = (input: Parameters<typeof parseSignalFilter>[0]) => {
  const parsed = parseSignalFilter(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.filter;
};

describe("the signal filter", () => {
  it("lets every signal through when nothing is asked", () => {
    expect(matchesSignalFilter(signal({}), NO_FILTER)).toBe(true);
  });

  it("keeps any of the kinds asked for, comma-separated or repeated", () => {
    const filter = filterOf({ kind: ["stale-status,watermelon", " filtered-rollup "] });
    expect(filter.kinds).toEqual(["stale-status", "watermelon", "filtered-rollup"]);
    expect(matchesSignalFilter(signal({}), filter)).toBe(true);
    expect(matchesSignalFilter(signal({ kind: "repeated-slip" }), filter)).toBe(false);
  });

  it("keeps signals at least as severe as asked", () => {
    const filter = filterOf({ severity: "warning" });
    expect(matchesSignalFilter(signal({ severity: "critical" }), filter)).toBe(true);
    expect(matchesSignalFilter(signal({ severity: "info" }), filter)).toBe(false);
  });

  it("matches a subject by its id or by type:id, and an owner (or none)", () => {
    expect(matchesSignalFilter(signal({}), filterOf({ subject: "campaign" }))).toBe(true);
    expect(matchesSignalFilter(signal({}), filterOf({ subject: "commitment:campaign" }))).toBe(true);
    expect(matchesSignalFilter(signal({}), filterOf({ subject: "link:campaign" }))).toBe(false);
    expect(matchesSignalFilter(signal({}), filterOf({ owner: "dana" }))).toBe(true);
    expect(matchesSignalFilter(signal({}), filterOf({ owner: "none" }))).toBe(false);
    expect(matchesSignalFilter(signal({ owner: null }), filterOf({ owner: "none" }))).toBe(true);
  });

  it("names an unknown kind with the nearest ones, and a severity that is not one", () => {
    const parsed = parseSignalFilter(
      { kind: "stale", severity: "high" },
      {
        kind: "--kind",
        severity: "--severity",
        subject: "--subject",
        owner: "--owner",
      },
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      {
        path: "--kind",
        message: expect.stringContaining("'stale' is not a kind of signal (did you mean stale-status"),
      },
      { path: "--severity", message: "must be one of info, warning, critical" },
    ]);
  });
});
