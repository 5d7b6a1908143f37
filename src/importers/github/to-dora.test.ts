// GitHub's delivery payloads mapped to DORA's events, table-tested against objects recorded by
// @octokit/webhooks-examples (test/fixtures/github/README.md); a case that needs another state takes one and sets
// what it names.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeDora } from "../../domain/dora.ts";
import { deploymentOutcome, mapGitHubDora, type GitHubDoraPayloads } from "./to-dora.ts";

type Raw = Record<string, unknown>;
const recorded = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/github/webhooks-examples.dora.json", import.meta.url), "utf8"),
) as Record<"deployment" | "deployment_status" | "release" | "prerelease" | "pull_request" | "issue", Raw>;
const deployment = (id: number, patch: Raw = {}) => ({ ...recorded.deployment, id, ...patch });
const status = (state: string, created_at: string) => ({ ...recorded.deployment_status, state, created_at });
const release = (id: number, patch: Raw = {}) => ({ ...recorded.release, id, ...patch });
const pull = (number: number, patch: Raw = {}) => ({ ...recorded.pull_request, number, ...patch });
const label = (name: string) => ({ ...(recorded.issue.labels as Raw[])[0], name });
const issue = (number: number, patch: Raw = {}) => ({
  ...recorded.issue,
  number,
  labels: [label("incident")],
  ...patch,
});
const none: GitHubDoraPayloads = {
  deployments: [],
  hasDeployments: false,
  releases: [],
  pulls: [],
  incidents: [],
};
const mapping = { environment: "production", incidentLabel: "incident" };
const map = (payloads: Partial<GitHubDoraPayloads>) => mapGitHubDora({ ...none, ...payloads }, mapping);

describe("deploymentOutcome", () => {
  it.each([
    [
      [
        ["pending", "2026-02-02T10:00:00Z"],
        ["success", "2026-02-02T10:05:00Z"],
      ],
      { at: "2026-02-02T10:05:00Z", succeeded: true },
    ],
    // inactive after success: it was live, and is superseded since
    [
      [
        ["inactive", "2026-02-03T10:00:00Z"],
        ["success", "2026-02-02T10:05:00Z"],
      ],
      { at: "2026-02-02T10:05:00Z", succeeded: true },
    ],
    [[["failure", "2026-02-02T10:05:00Z"]], { at: "2026-02-02T10:05:00Z", succeeded: false }],
    [
      [
        ["error", "2026-02-02T10:06:00Z"],
        ["failure", "2026-02-02T10:05:00Z"],
      ],
      { at: "2026-02-02T10:05:00Z", succeeded: false },
    ],
    // a retry that succeeded: a success
    [
      [
        ["failure", "2026-02-02T10:05:00Z"],
        ["success", "2026-02-02T10:09:00Z"],
      ],
      { at: "2026-02-02T10:09:00Z", succeeded: true },
    ],
    [
      [
        ["queued", "2026-02-02T10:00:00Z"],
        ["in_progress", "2026-02-02T10:01:00Z"],
      ],
      null,
    ],
    [[], null],
  ])("%j → %j", (states, outcome) => {
    expect(deploymentOutcome(states.map(([state, at]) => status(state!, at!) as never))).toEqual(outcome);
  });
});

describe("mapGitHubDora", () => {
  it("reads the recorded objects: a deployment that succeeded, a published release, a PR closed unmerged, an open issue", () => {
    const withDeployment = map({
      deployments: [{ deployment: recorded.deployment, statuses: [recorded.deployment_status] }],
      hasDeployments: true,
      releases: [recorded.release],
      pulls: [recorded.pull_request],
      incidents: [{ ...recorded.issue, labels: [label("incident")] }],
    });
    expect(withDeployment.failures).toEqual([]);
    expect(withDeployment.releasesAsDeployments).toBe(false);
    expect(withDeployment.events).toEqual({
      deployments: [{ id: "deployment:145988746", at: "2019-05-15T15:20:55Z", succeeded: true }],
      changes: [{ id: "pull:2", mergedAt: null }],
      incidents: [{ id: "issue:1", openedAt: "2019-05-15T15:20:18Z", closedAt: null }],
    });
  });

  it("counts deployments to the chosen environment only", () => {
    const result = map({
      deployments: [
        { deployment: deployment(1), statuses: [status("success", "2026-02-02T10:00:00Z")] },
        {
          deployment: deployment(2, { environment: "staging" }),
          statuses: [status("success", "2026-02-02T11:00:00Z")],
        },
      ],
    });
    expect(result.events.deployments.map((d) => d.id)).toEqual(["deployment:1"]);
  });

  it("takes published releases as deployments when the repository has none, but never a draft or a prerelease", () => {
    const releases = [
      release(10, { published_at: "2026-02-02T10:00:00Z" }),
      { ...recorded.prerelease, id: 11, published_at: "2026-02-03T10:00:00Z" },
      release(12, { draft: true, published_at: null }),
      release(13, { published_at: null }),
    ];
    const result = map({ releases });
    expect(result.releasesAsDeployments).toBe(true);
    expect(result.events.deployments).toEqual([
      { id: "release:10", at: "2026-02-02T10:00:00Z", succeeded: true },
    ]);
    // With deployments to the environment, releases are not deployments too.
    expect(map({ releases, hasDeployments: true }).events.deployments).toEqual([]);
  });

  it("takes merged pull requests as changes, and an unmerged one as no change with a lead time", () => {
    const result = map({
      deployments: [{ deployment: deployment(1), statuses: [status("success", "2026-02-04T12:00:00Z")] }],
      pulls: [pull(5, { merged_at: "2026-02-04T10:00:00Z" }), pull(6, { merged_at: null })],
    });
    expect(result.events.changes).toEqual([
      { id: "pull:5", mergedAt: "2026-02-04T10:00:00Z" },
      { id: "pull:6", mergedAt: null },
    ]);
    expect(computeDora(result.events).lead_time_for_changes).toEqual([["2026-02-02", 2]]);
  });

  it("takes issues with the incident label as incidents, but not other issues, pull requests or ones not planned", () => {
    const closed = { state: "closed", closed_at: "2026-02-02T14:00:00Z", created_at: "2026-02-02T10:00:00Z" };
    const result = map({
      incidents: [
        issue(1, closed),
        issue(2, { labels: [label("bug")] }),
        issue(3, { pull_request: { url: "https://api.github.com/repos/x/y/pulls/3" } }),
        issue(4, { ...closed, state_reason: "not_planned" }),
        issue(5, { created_at: "2026-02-03T10:00:00Z" }),
      ],
    });
    expect(result.events.incidents).toEqual([
      { id: "issue:1", openedAt: "2026-02-02T10:00:00Z", closedAt: "2026-02-02T14:00:00Z" },
      { id: "issue:5", openedAt: "2026-02-03T10:00:00Z", closedAt: null },
    ]);
    expect(computeDora(result.events).time_to_restore).toEqual([["2026-02-02", 4]]);
  });

  it("names what it cannot read, and reads the rest", () => {
    const result = map({
      deployments: [{ deployment: { environment: "production" }, statuses: [] }],
      pulls: [pull(7, { merged_at: "yesterday" })],
      incidents: [issue(8, { created_at: undefined })],
    });
    expect(result.failures.map((f) => f.ref)).toEqual(["deployment", "pull request", "incident"]);
    expect(result.failures[1]!.reason).toBe("merged_at must be an ISO 8601 instant");
  });
});
