import { describe, expect, it } from "vitest";
import type { SyncRecord } from "../../lib/api-types.ts";
import { describeSources, syncSummary } from "./sync-history.ts";

const sync = (over: Partial<SyncRecord>): SyncRecord => ({
  id: "s1",
  source: "github",
  synced_at: "2026-12-04T10:00:00.000Z",
  cursor: null,
  received: 0,
  created: [],
  updated: [],
  removed: [],
  failures: [],
  version: 1,
  ...over,
});

describe("a sync in words", () => {
  it("counts what it read and names each kind of change it made", () => {
    expect(
      syncSummary(sync({ received: 12, created: ["gh_1", "gh_2"], updated: ["gh_3"], removed: ["gh_4"] })),
    ).toBe("Read 12 issues: 2 created, 1 updated, 1 removed");
  });

  it("says what could not be taken in, and when nothing changed", () => {
    expect(syncSummary(sync({ received: 1, failures: [{ ref: "acme/x#1", reason: "no team" }] }))).toBe(
      "Read 1 issue: 1 not taken in",
    );
    expect(syncSummary(sync({ received: 4 }))).toBe("Read 4 issues: nothing changed");
  });

  it("describes each source by what it reads", () => {
    expect(
      describeSources({
        jira: { base_url: "https://acme.atlassian.net", jql: "project = BILL", teams: { BILL: "eng" } },
        github: { repo: "acme/billing", labels: ["q3", "billing"], team: "eng" },
      }),
    ).toEqual([
      { key: "jira", name: "Jira", reads: "https://acme.atlassian.net: project = BILL" },
      { key: "github", name: "GitHub", reads: "acme/billing, issues labelled q3 and billing" },
    ]);
    expect(describeSources({ github: { repo: "acme/billing", team: "eng" } })[0]?.reads).toBe(
      "acme/billing, every issue",
    );
    expect(describeSources(undefined)).toEqual([]);
  });
});
