// The DORA reader against a real HTTP server on localhost serving listings built from objects recorded by
// @octokit/webhooks-examples (test/fixtures/github/README.md): each listing and each deployment's statuses read
// with the token, paged by `link`, stopped at the cursor when incremental, releases read only without
// deployments, and a rate limit waited out.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { replayGitHub, type GitHubReplay } from "../../../test/support/github-replay.ts";
import { GitHubError } from "./fetch.ts";
import { fetchGitHubDora, type GitHubDoraFetchOptions } from "./fetch-dora.ts";

type Raw = Record<string, unknown>;
const recorded = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/github/webhooks-examples.dora.json", import.meta.url), "utf8"),
) as Record<string, Raw>;
const REPO = "/repos/Codertocat/Hello-World";
const TOKEN = "ghp_s3cret-token";
const deployment = (id: number, created_at: string) => ({ ...recorded.deployment, id, created_at });
const status = (state: string, created_at: string) => ({ ...recorded.deployment_status, state, created_at });
const pull = (number: number, updated_at: string) => ({ ...recorded.pull_request, number, updated_at });

let replay: GitHubReplay | undefined;
afterEach(() => replay?.close());

/** A GitHub whose listings are empty but for those given. */
async function serve(listings: Record<string, unknown[][]> = {}): Promise<GitHubReplay> {
  const served = await replayGitHub([]);
  for (const tail of ["deployments", "releases", "pulls", "issues"])
    served.paths.set(`${REPO}/${tail}`, [[]]);
  for (const [tail, pages] of Object.entries(listings)) served.paths.set(`${REPO}/${tail}`, pages);
  return served;
}

function reader(apiUrl: string, extra: Partial<GitHubDoraFetchOptions> = {}) {
  const waits: number[] = [];
  const options: GitHubDoraFetchOptions = {
    apiUrl,
    repo: "Codertocat/Hello-World",
    token: TOKEN,
    environment: "production",
    incidentLabel: "incident",
    since: null,
    pageSize: 2,
    sleep: async (ms) => void waits.push(ms),
    now: () => new Date("2026-02-10T09:00:00Z"),
    ...extra,
  };
  return { waits, read: () => fetchGitHubDora(options) };
}

describe("reading what DORA is computed from", () => {
  it("reads every listing and each deployment's statuses, paged, with the token; no releases when there are deployments", async () => {
    replay = await serve();
    replay.paths.set(`${REPO}/deployments`, [
      [deployment(3, "2026-02-09T10:00:00Z"), deployment(2, "2026-02-04T10:00:00Z")],
      [deployment(1, "2026-02-02T10:00:00Z")],
    ]);
    replay.paths.set(`${REPO}/deployments/3/statuses`, [[status("failure", "2026-02-09T10:01:00Z")]]);
    replay.paths.set(`${REPO}/deployments/2/statuses`, [[status("success", "2026-02-04T10:01:00Z")]]);
    replay.paths.set(`${REPO}/deployments/1/statuses`, [[]]);
    replay.paths.set(`${REPO}/pulls`, [[pull(9, "2026-02-05T10:00:00Z")]]);
    replay.paths.set(`${REPO}/issues`, [[recorded.issue]]);
    replay.before.push({ status: 429, headers: { "retry-after": "3" } });
    const { read, waits } = reader(replay.apiUrl);
    const read1 = await read();
    expect(waits).toEqual([3000]);
    expect(read1.hasDeployments).toBe(true);
    expect(read1.deployments.map((d) => [(d.deployment as Raw).id, d.statuses.length])).toEqual([
      [3, 1],
      [2, 1],
      [1, 0],
    ]);
    expect(read1.releases).toEqual([]);
    expect((read1.pulls as Raw[]).map((p) => p.number)).toEqual([9]);
    expect(read1.incidents).toEqual([recorded.issue]);
    const paths = replay.asked.map((a) => a.path);
    expect(paths).not.toContain(`${REPO}/releases`);
    expect(replay.asked.every((a) => a.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const query = (path: string) => Object.fromEntries(replay!.asked.find((a) => a.path === path)!.query);
    expect(query(`${REPO}/deployments`)).toEqual({ per_page: "2", environment: "production" });
    expect(query(`${REPO}/pulls`)).toEqual({
      per_page: "2",
      state: "closed",
      sort: "updated",
      direction: "desc",
    });
    expect(query(`${REPO}/issues`)).toEqual({
      per_page: "2",
      state: "all",
      labels: "incident",
      sort: "updated",
      direction: "asc",
    });
  });

  it("reads releases in a repository without deployments", async () => {
    replay = await serve({ releases: [[recorded.release]] });
    const result = await reader(replay.apiUrl).read();
    expect(result.hasDeployments).toBe(false);
    expect(result.releases).toEqual([recorded.release]);
  });

  it("from a cursor: stops at the first page reaching before it, reads no statuses before it, asks incidents since", async () => {
    replay = await serve();
    replay.paths.set(`${REPO}/deployments`, [
      [deployment(3, "2026-02-09T10:00:00Z"), deployment(2, "2026-02-04T10:00:00Z")],
      [deployment(1, "2026-02-02T10:00:00Z")],
    ]);
    replay.paths.set(`${REPO}/deployments/3/statuses`, [[status("success", "2026-02-09T10:01:00Z")]]);
    const since = new Date("2026-02-05T00:00:00Z");
    const result = await reader(replay.apiUrl, { since }).read();
    expect(result.deployments.map((d) => (d.deployment as Raw).id)).toEqual([3]);
    const paths = replay.asked.map((a) => a.path);
    expect(paths.filter((p) => p === `${REPO}/deployments`)).toHaveLength(1);
    expect(paths).not.toContain(`${REPO}/deployments/2/statuses`);
    expect(replay.asked.find((a) => a.path === `${REPO}/issues`)!.query.get("since")).toBe(
      since.toISOString(),
    );
  });

  it("explains a refusal in words, without the token", async () => {
    replay = await serve();
    replay.before.push({
      status: 403,
      body: { message: "Resource not accessible by personal access token" },
    });
    const error = await reader(replay.apiUrl, { maxRetries: 0 })
      .read()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toBe(
      "GitHub refused access to Codertocat/Hello-World (403): Resource not accessible by personal access token: " +
        "the token may not read its deployments",
    );
    expect((error as GitHubError).message).not.toContain(TOKEN);
  });
});
