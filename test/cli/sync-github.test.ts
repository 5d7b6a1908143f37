// `plumb sync` from GitHub end to end: a temporary PGlite store, and a GitHub on localhost (node:http) replaying
// recorded REST traffic (test/fixtures/github/README.md). The first sync waits out a rate limit and brings the
// issues in, a second writes nothing, a third takes in a closed issue, a not-planned one and a pull request;
// GitHub's refusals write nothing and never show the token.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliIn } from "../support/cli.ts";
import { recording, replayGitHub, type GitHubReplay } from "../support/github-replay.ts";

const paginate = recording("paginate-issues");
const work = mkdtempSync(join(tmpdir(), "plumb-sync-github-"));
const plumb = cliIn(work);
const TOKEN = "github_pat_s3cret";
const ENV = { PLUMBLINE_GITHUB_TOKEN: TOKEN };
let replay: GitHubReplay;

beforeAll(async () => {
  replay = await replayGitHub(paginate);
});
afterAll(async () => {
  await replay.close();
  rmSync(work, { recursive: true, force: true });
});

const exportJson = async () =>
  JSON.parse((await plumb(["export", "replay", "--format", "json"])).stdout) as {
    sources: unknown;
    commitments: Record<string, Record<string, unknown>>;
  };
const auditCount = async (action: string) =>
  (await plumb(["audit", "list", "--limit", "1000"])).stdout.split("\n").filter((l) => l.includes(action))
    .length;

describe("plumb sync from GitHub", () => {
  it("waits out a rate limit and brings the issues in, then writes nothing, then takes in what closed", async () => {
    expect((await plumb(["org", "create", "acme"])).code).toBe(0);
    const sources = {
      github: {
        repo: "octokit-fixture-org/paginate-issues",
        api_url: replay.apiUrl,
        team: "platform",
        people: { "octokit-fixture-user-a": "ana" },
      },
    };
    const file = {
      initiative: "GitHub replay",
      id: "replay",
      owner: "ana",
      as_of: "2017-10-12",
      sources,
      people: [{ id: "ana", name: "Ana Silva" }],
      teams: { platform: { lead: "ana" } },
      commitments: { handbook: { team: "platform", title: "Write the handbook", due: "2017-12-20" } },
    };
    writeFileSync(join(work, "replay.yaml"), stringify(file));
    expect((await plumb(["import", "replay.yaml"])).code).toBe(0);

    // GitHub's primary limit, spent: come back at x-ratelimit-reset (epoch seconds), a moment from now.
    replay.before.push({
      status: 403,
      headers: {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 1),
      },
    });
    const first = await plumb(["sync", "replay"], ENV);
    expect(first.stderr).toBe(["3", "6", "9", "12", "13"].map((n) => `github: ${n} issues read\n`).join(""));
    expect(first.stdout).toBe(
      "replay: 13 issues read from GitHub: 13 created, 0 updated, 0 removed (cancelled).\n",
    );
    expect(first.code).toBe(0);
    // The limited request was asked again, and only then the next pages.
    expect(replay.asked.slice(0, 2).map((a) => a.path)).toEqual([
      "/repos/octokit-fixture-org/paginate-issues/issues",
      "/repos/octokit-fixture-org/paginate-issues/issues",
    ]);
    expect(replay.asked).toHaveLength(6);
    expect(replay.asked.every((a) => a.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(replay.asked[0]!.query.get("since")).toBeNull();

    const after = await exportJson();
    expect(after.sources).toEqual(sources);
    expect(Object.keys(after.commitments)).toEqual([
      "handbook",
      ...Array.from({ length: 13 }, (_, i) => `gh_${13 - i}`),
    ]);
    expect(after.commitments.gh_13).toEqual({
      team: "platform",
      title: "Test issue 13",
      facts: { github_state: "open" },
      provenance: {
        kind: "github",
        ref: "octokit-fixture-org/paginate-issues#13",
        url: "https://github.com/octokit-fixture-org/paginate-issues/issues/13",
        imported_at: "2026-02-10T12:00:00.000Z",
      },
    });
    const syncs = await auditCount("initiative.sync");
    expect(syncs).toBe(1);

    // Nothing changed at GitHub: read from the cursor, nothing written.
    replay.asked.length = 0;
    const second = await plumb(["sync", "replay", "--source", "github"], ENV);
    expect(second.stdout).toBe(
      "replay: 13 issues read from GitHub (updated since the last sync); nothing changed, nothing written.\n",
    );
    expect(second.code).toBe(0);
    expect(replay.asked[0]!.query.get("since")).toBe("2017-10-10T16:00:00.000Z");
    expect(await exportJson()).toEqual(after);
    expect(await auditCount("initiative.sync")).toBe(syncs);

    // At GitHub: #13 closed as completed, #12 closed as not planned, and a pull request opened.
    const [i13, i12] = paginate[0]!.response as Array<Record<string, unknown>>;
    const closed = { updated_at: "2017-10-12T09:30:00Z", closed_at: "2017-10-12T09:30:00Z", state: "closed" };
    replay.pages = new Map([
      [
        1,
        [
          { ...i13, ...closed, state_reason: "completed", assignee: { login: "octokit-fixture-user-a" } },
          { ...i12, ...closed, state_reason: "not_planned" },
          {
            ...i13,
            number: 14,
            title: "A pull request",
            pull_request: { url: "https://example.test/pulls/14" },
          },
        ],
      ],
    ]);
    const third = await plumb(["sync", "replay"], ENV);
    replay.pages = null;
    expect(third.stdout).toBe(
      "replay: 12 issues, 1 pull request left out read from GitHub (updated since the last sync): " +
        "0 created, 1 updated, 1 removed (cancelled).\n",
    );
    const latest = await exportJson();
    expect(latest.commitments.gh_13).toMatchObject({ owner: "ana", done: "2017-10-12" });
    expect(latest.commitments).not.toHaveProperty("gh_12");
    expect(latest.commitments).not.toHaveProperty("gh_14");
    expect(await auditCount("initiative.sync")).toBe(syncs + 1);
  }, 180_000);

  it("writes nothing when GitHub refuses, and never shows the token", async () => {
    const before = await exportJson();
    replay.before.push({ status: 401, body: { message: "Bad credentials" } });
    const refused = await plumb(["sync", "replay"], ENV);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toBe(
      "plumb: GitHub refused the token (401): check PLUMBLINE_GITHUB_TOKEN; nothing was written.\n",
    );
    expect(refused.stderr + refused.stdout).not.toContain(TOKEN);
    expect(await exportJson()).toEqual(before);
  });

  it("names what is missing: the token", async () => {
    const result = await plumb(["sync", "replay"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("plumb: no GitHub token to read with\n  PLUMBLINE_GITHUB_TOKEN:");
  });
});
