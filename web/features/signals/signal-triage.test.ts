// Unit tests for signal triage: filters in the address, what a filter shows, and groups by cause.
import { describe, expect, it } from "vitest";
import type { Signal } from "../../lib/api-types.ts";
import {
  filtersFrom,
  groupByCause,
  matchesFilters,
  paramsFrom,
  type SignalFilters,
} from "./signal-triage.ts";

function signal(patch: Partial<Signal>): Signal {
  return {
    kind: "watermelon",
    severity: "warning",
    subject: { type: "commitment", id: "release" },
    title: "Release reported on_track, evidence says off_track",
    explanation: "The release is 20 days overdue.",
    evidence: [],
    owner: "pat",
    fingerprint: "0000000000000000",
    status: "open",
    first_seen: null,
    silence: null,
    ...patch,
  };
}

const ANY: SignalFilters = filtersFrom(new URLSearchParams());

describe("filters in the address", () => {
  it("reads defaults from an empty query and writes them as nothing", () => {
    expect(ANY).toEqual({
      status: "open",
      kind: "",
      severity: "",
      owner: "",
      mine: false,
      subject: "",
      q: "",
    });
    expect(paramsFrom(ANY).toString()).toBe("");
  });

  it("round-trips every filter, and 'mine' stands for the owner", () => {
    const query = "status=all&kind=watermelon&severity=warning&mine=1&subject=commitment%3Arelease&q=overdue";
    const filters = filtersFrom(new URLSearchParams(query));
    expect(filters).toMatchObject({ status: "all", kind: "watermelon", severity: "warning", mine: true });
    expect(paramsFrom({ ...filters, owner: "dana" }).toString()).toBe(query);
  });

  it("falls back to the defaults on values it does not know", () => {
    expect(filtersFrom(new URLSearchParams("status=gone&severity=loud"))).toMatchObject({
      status: "open",
      severity: "",
    });
  });
});

describe("matchesFilters", () => {
  it.each<[string, Partial<SignalFilters>, Partial<Signal>, boolean]>([
    ["open signals by default", {}, {}, true],
    ["no acknowledged one by default", {}, { status: "acknowledged" }, false],
    ["every status with 'all'", { status: "all" }, { status: "suppressed" }, true],
    ["a kind", { kind: "stale-status" }, {}, false],
    ["a severity and above", { severity: "warning" }, { severity: "critical" }, true],
    ["nothing below the severity", { severity: "critical" }, {}, false],
    ["an owner", { owner: "dana" }, {}, false],
    ["signals that name nobody", { owner: "none" }, { owner: "" }, true],
    ["mine, whatever the owner filter says", { mine: true, owner: "pat" }, { owner: "dana" }, true],
    ["a subject", { subject: "commitment:billing" }, {}, false],
    ["every word of a search, in any case", { q: "OVERDUE release" }, {}, true],
    ["not a search with a word missing", { q: "overdue campaign" }, {}, false],
  ])("%s", (_, filters, patch, shown) => {
    expect(matchesFilters(signal(patch), { ...ANY, ...filters }, "dana")).toBe(shown);
  });
});

describe("groupByCause", () => {
  it("groups one kind on one subject, listed at its most severe member, in first-seen order", () => {
    const groups = groupByCause([
      signal({ kind: "filtered-rollup", fingerprint: "a", severity: "warning" }),
      signal({ kind: "watermelon", fingerprint: "b" }),
      signal({ kind: "filtered-rollup", fingerprint: "c", severity: "critical" }),
      signal({ kind: "filtered-rollup", fingerprint: "d", subject: { type: "team", id: "product" } }),
    ]);
    expect(groups.map((g) => [g.kind, g.severity, g.signals.map((s) => s.fingerprint)])).toEqual([
      ["filtered-rollup", "critical", ["a", "c"]],
      ["watermelon", "warning", ["b"]],
      ["filtered-rollup", "warning", ["d"]],
    ]);
  });
});
