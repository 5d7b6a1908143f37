// The GitHub reader against a real HTTP server on localhost replaying recorded REST traffic
// (test/fixtures/github/README.md): paging by `link`, waiting out rate limits, and the errors a person must
// understand, with the token in none of them.
import { afterEach, describe, expect, it } from "vitest";
import { recording, replayGitHub, type GitHubReplay } from "../../../test/support/github-replay.ts";
import {
  fetchGitHubIssues,
  GitHubError,
  nextPageUrl,
  rateLimitWaitMs,
  type GitHubFetchOptions,
} from "./fetch.ts";

const paginate = recording("paginate-issues");
const TOKEN = "ghp_s3cret-token";
let replay: GitHubReplay | undefined;
afterEach(() => replay?.close());

function reader(apiUrl: string, extra: Partial<GitHubFetchOptions> = {}) {
  const waits: number[] = [];
  const options: GitHubFetchOptions = {
    apiUrl,
    repo: "octokit-fixture-org/paginate-issues",
    token: TOKEN,
    pageSize: 3,
    sleep: async (ms) => void waits.push(ms),
    now: () => new Date("2017-10-10T16:00:00Z"),
    ...extra,
  };
  return { waits, read: () => fetchGitHubIssues(options) };
}

describe("reading a repository's issues", () => {
  it("follows the link header's next page to the last, with the token and the filters", async () => {
    replay = await replayGitHub(paginate);
    const received: number[] = [];
    const since = new Date("2017-10-01T00:00:00Z");
    const { read } = reader(replay.apiUrl, { labels: ["eu", "q3"], since, onPage: (n) => received.push(n) });
    const issues = (await read()) as Array<{ number: number }>;
    expect(issues.map((i) => i.number)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(received).toEqual([3, 6, 9, 12, 13]);
    expect(replay.asked.map((a) => a.path)).toEqual([
      "/repos/octokit-fixture-org/paginate-issues/issues",
      ...Array(4).fill("/repositories/1000/issues"),
    ]);
    const first = replay.asked[0]!;
    expect(Object.fromEntries(first.query)).toEqual({
      state: "all",
      sort: "updated",
      direction: "asc",
      per_page: "3",
      labels: "eu,q3",
      since: "2017-10-01T00:00:00.000Z",
    });
    expect(replay.asked.every((a) => a.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it.each([
    ["429 with Retry-After", { status: 429, headers: { "retry-after": "7" } }, 7000],
    [
      "403 with the limit spent, until x-ratelimit-reset",
      { status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1507651230" } },
      30_000,
    ],
    ["a 502 with nothing said: backing off", { status: 502, headers: {} }, 1000],
  ])("waits out %s, then goes on", async (_case, answer, wait) => {
    replay = await replayGitHub(paginate);
    replay.before.push(answer);
    const { waits, read } = reader(replay.apiUrl);
    expect(await read()).toHaveLength(13);
    expect(waits).toEqual([wait]);
  });

  it.each([
    [401, { message: "Bad credentials" }, "GitHub refused the token (401): check PLUMBLINE_GITHUB_TOKEN"],
    [
      404,
      { message: "Not Found" },
      "GitHub has no repository octokit-fixture-org/paginate-issues that the token may read (404): check sources.github.repo",
    ],
    [
      422,
      recording("errors")[0]!.response,
      "GitHub rejected the request: Validation Failed; Label color invalid (check sources.github.labels)",
    ],
  ])("a %i is explained, without the token", async (status, body, message) => {
    replay = await replayGitHub(paginate);
    replay.before.push({ status, body });
    const error = (await reader(replay.apiUrl)
      .read()
      .catch((e: unknown) => e)) as GitHubError;
    expect(error).toBeInstanceOf(GitHubError);
    expect(error.status).toBe(status);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain(TOKEN);
  });

  it("gives up after its retries when the limit does not lift", async () => {
    replay = await replayGitHub(paginate);
    for (let i = 0; i < 3; i++) replay.before.push({ status: 429, headers: { "retry-after": "1" } });
    const { waits, read } = reader(replay.apiUrl, { maxRetries: 2 });
    await expect(read()).rejects.toThrow("GitHub is still limiting requests (429) after every retry");
    expect(waits).toEqual([1000, 1000]);
  });
});

describe("the headers", () => {
  it("finds the next page in every recorded link header, and none on the last", () => {
    expect(paginate.map((r) => nextPageUrl(r.headers.link ?? null))).toEqual([
      "https://api.github.com/repositories/1000/issues?per_page=3&page=2",
      "https://api.github.com/repositories/1000/issues?per_page=3&page=3",
      "https://api.github.com/repositories/1000/issues?per_page=3&page=4",
      "https://api.github.com/repositories/1000/issues?per_page=3&page=5",
      null,
    ]);
  });

  it("reads a reset in seconds or, as the recording has it, in milliseconds; a page left is no limit", () => {
    const now = new Date("2017-10-10T15:59:00Z");
    const recorded = new Headers(paginate[0]!.headers);
    expect(rateLimitWaitMs(200, recorded, now)).toBeNull(); // 4999 left
    recorded.set("x-ratelimit-remaining", "0");
    expect(rateLimitWaitMs(403, recorded, now)).toBe(60_000);
    recorded.set("x-ratelimit-reset", "1507651200");
    expect(rateLimitWaitMs(403, recorded, now)).toBe(60_000);
    expect(rateLimitWaitMs(404, recorded, now)).toBeNull();
  });
});
