// The GitHub mapping, table-tested against real recorded issues (test/fixtures/github/README.md). The recorded
// issues are all open, unassigned and unlabelled; the cases that need more take one and set what they name.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  commitmentIdOf,
  latestUpdate,
  mapGitHubIssue,
  mapGitHubIssues,
  type GitHubMapping,
  type MappedGitHubIssue,
} from "./to-model.ts";

type Raw = Record<string, unknown> & { number: number };
const recorded = JSON.parse(
  readFileSync(
    new URL("../../../test/fixtures/github/paginate-issues.normalized-fixture.json", import.meta.url),
    "utf8",
  ),
) as Array<{ response: Raw[] }>;
const issues = recorded.flatMap((r) => r.response);
const issue = (number: number, patch: Record<string, unknown> = {}): Raw => ({
  ...issues.find((i) => i.number === number)!,
  ...patch,
});

const FETCHED = new Date("2026-02-10T09:00:00Z");
const mapping: GitHubMapping = {
  repo: "octokit-fixture-org/paginate-issues",
  teams: { "team:web": "web", "team:platform": "platform" },
  team: "platform",
  people: { "octokit-fixture-user-a": "ana" },
};
const mapped = (raw: unknown, m: GitHubMapping = mapping) => {
  const result = mapGitHubIssue(raw, m, FETCHED);
  if (!("commitment" in result)) throw new Error(`not mapped: ${JSON.stringify(result)}`);
  return result as MappedGitHubIssue;
};
const user = (login: string) => ({ login, id: 1 });
const milestone = (due_on: string | null) => ({ number: 1, title: "v1.0", due_on });

describe("an issue as a commitment", () => {
  it.each([
    // case, patch, team, owner, due, done
    ["open, unlabelled: the source's team", {}, "platform", null, null, null],
    ["a label names the team", { labels: [{ name: "bug" }, { name: "team:web" }] }, "web", null, null, null],
    [
      "the assignee's login names the owner",
      { assignee: user("octokit-fixture-user-a") },
      "platform",
      "ana",
      null,
      null,
    ],
    [
      "the first of several assignees",
      { assignees: [user("octokit-fixture-user-a")] },
      "platform",
      "ana",
      null,
      null,
    ],
    [
      "due on the milestone's due_on",
      { milestone: milestone("2017-11-01T07:00:00Z") },
      "platform",
      null,
      "2017-11-01",
      null,
    ],
    ["a milestone without a date", { milestone: milestone(null) }, "platform", null, null, null],
    [
      "done when closed as completed",
      { state: "closed", state_reason: "completed", closed_at: "2017-10-12T09:30:00Z" },
      "platform",
      null,
      null,
      "2017-10-12",
    ],
    [
      "done when closed before GitHub kept reasons",
      { state: "closed", state_reason: null, closed_at: "2017-10-12T09:30:00Z" },
      "platform",
      null,
      null,
      "2017-10-12",
    ],
    [
      "reopened: not done",
      { state: "open", state_reason: "reopened", closed_at: null },
      "platform",
      null,
      null,
      null,
    ],
  ])("%s", (_case, patch, team, owner, due, done) => {
    const { commitment: c } = mapped(issue(13, patch));
    expect(c.id).toBe("gh_13");
    expect(c.title).toBe("Test issue 13");
    expect(c.teamId).toBe(team);
    expect(c.ownerId).toBe(owner);
    expect(c.due).toBe(due);
    expect(c.done).toBe(done);
  });

  it("says where it came from: github, owner/repo#number, its page and when it was fetched", () => {
    expect(mapped(issue(13)).commitment.provenance).toEqual({
      kind: "github",
      ref: "octokit-fixture-org/paginate-issues#13",
      url: "https://github.com/octokit-fixture-org/paginate-issues/issues/13",
      imported_at: "2026-02-10T09:00:00.000Z",
    });
  });

  it("keeps the state and the milestone as facts a check can read", () => {
    expect(mapped(issue(13, { milestone: milestone(null) })).commitment.facts).toEqual({
      github_state: { type: "string", value: "open" },
      github_milestone: { type: "string", value: "v1.0" },
    });
  });

  it("names an assignee who matches nobody, and leaves the commitment without an owner", () => {
    const result = mapped(issue(13, { assignee: user("someone-else") }));
    expect(result.commitment.ownerId).toBeNull();
    expect(result.unmatchedAssignee).toBe("someone-else");
    expect(mapped(issue(13)).unmatchedAssignee).toBeNull();
  });
});

describe("issues that are not commitments", () => {
  it.each([
    ["not_planned", "not_planned"],
    ["duplicate", "duplicate"],
  ])("closed as %s: cancelled, as a Jira issue resolved won't-do", (state_reason, reason) => {
    expect(
      mapGitHubIssue(
        issue(12, { state: "closed", state_reason, closed_at: "2017-10-12T09:30:00Z" }),
        mapping,
        FETCHED,
      ),
    ).toEqual({ number: 12, cancelled: reason });
  });

  it("a pull request is skipped", () => {
    const pr = issue(11, { pull_request: { url: "https://api.github.com/repos/o/r/pulls/11" } });
    expect(mapGitHubIssue(pr, mapping, FETCHED)).toEqual({ number: 11, pullRequest: true });
  });

  it("an issue no label or default puts in a team is named, with what to add", () => {
    expect(
      mapGitHubIssue(issue(10, { labels: [{ name: "bug" }] }), { ...mapping, team: null }, FETCHED),
    ).toEqual({
      ref: "octokit-fixture-org/paginate-issues#10",
      failure: "no team for its labels (bug): add one to sources.github.teams, or set sources.github.team",
    });
  });

  it("a payload that is not an issue is named at the field", () => {
    expect(mapGitHubIssue({ number: 9, state: "merged" }, mapping, FETCHED)).toMatchObject({
      ref: "octokit-fixture-org/paginate-issues#9",
      failure: expect.stringContaining("state") as unknown as string,
    });
  });
});

describe("a batch", () => {
  it("maps every recorded issue, sorting out cancellations and pull requests", () => {
    const batch = [
      ...issues,
      issue(1, { number: 14, pull_request: { url: "https://api.github.com/repos/o/r/pulls/14" } }),
      issue(1, { number: 15, state: "closed", state_reason: "not_planned" }),
    ];
    const result = mapGitHubIssues(batch, mapping, FETCHED);
    expect(result.commitments.map((c) => c.commitment.id)).toEqual(
      Array.from({ length: 13 }, (_, i) => commitmentIdOf(13 - i)),
    );
    expect(result.pullRequests).toEqual([14]);
    expect(result.cancelled).toEqual([{ number: 15, id: "gh_15", reason: "not_planned" }]);
    expect(result.failures).toEqual([]);
  });

  it("the cursor is the latest updated_at", () => {
    expect(latestUpdate([issue(1, { updated_at: "2017-10-11T00:00:00Z" }), issue(2), {}])).toEqual(
      new Date("2017-10-11T00:00:00Z"),
    );
    expect(latestUpdate([])).toBeNull();
  });
});
