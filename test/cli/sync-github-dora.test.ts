// `plumb sync` of a GitHub source with `dora`, end to end: a temporary PGlite store, and a GitHub on localhost
// (node:http) serving listings built from objects recorded by @octokit/webhooks-examples
// (test/fixtures/github/README.md) with the ids, states and times of two weeks of deliveries. The first sync writes
// the four weekly series as metric points, a second writes nothing, a third, after another deployment, appends
// the two points of the week that changed; a refusal from GitHub writes nothing, issues included.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliIn } from "../support/cli.ts";
import { replayGitHub, type GitHubReplay } from "../support/github-replay.ts";

type Raw = Record<string, unknown>;
const recorded = JSON.parse(
  readFileSync(new URL("../fixtures/github/webhooks-examples.dora.json", import.meta.url), "utf8"),
) as Record<"deployment" | "deployment_status" | "release" | "pull_request" | "issue", Raw>;
const REPO = "/repos/Codertocat/Hello-World";
const work = mkdtempSync(join(tmpdir(), "plumb-sync-dora-"));
const plumb = cliIn(work);
const TOKEN = "github_pat_d0ra";
const ENV = { PLUMBLINE_GITHUB_TOKEN: TOKEN };
let replay: GitHubReplay;

const deployment = (id: number, created_at: string, environment = "production") => ({
  ...recorded.deployment,
  id,
  created_at,
  environment,
});
const status = (state: string, created_at: string) => ({ ...recorded.deployment_status, state, created_at });
const pull = (number: number, merged_at: string | null) => ({
  ...recorded.pull_request,
  number,
  merged_at,
  updated_at: merged_at ?? "2026-02-03T10:00:00Z",
});
const label = { ...(recorded.issue.labels as Raw[])[0], name: "incident" };
const incident = (number: number, created_at: string, closed_at: string | null) => ({
  ...recorded.issue,
  number,
  labels: [label],
  created_at,
  updated_at: closed_at ?? created_at,
  state: closed_at ? "closed" : "open",
  closed_at,
  state_reason: closed_at ? "completed" : null,
});

/** Deployments newest first, as GitHub lists them, each with its statuses. */
function serveDeployments(list: Array<[Raw, Raw[]]>) {
  replay.paths.set(`${REPO}/deployments`, [list.map(([d]) => d)]);
  for (const [d, statuses] of list)
    replay.paths.set(`${REPO}/deployments/${String(d.id)}/statuses`, [statuses]);
}

const TWO_WEEKS: Array<[Raw, Raw[]]> = [
  [deployment(5, "2026-02-10T09:00:00Z"), [status("success", "2026-02-10T10:00:00Z")]],
  [deployment(4, "2026-02-05T11:00:00Z", "staging"), [status("success", "2026-02-05T11:05:00Z")]],
  [deployment(3, "2026-02-05T09:00:00Z"), [status("success", "2026-02-05T10:00:00Z")]],
  [deployment(2, "2026-02-04T09:00:00Z"), [status("failure", "2026-02-04T09:30:00Z")]],
  [
    deployment(1, "2026-02-02T09:00:00Z"),
    [status("pending", "2026-02-02T09:01:00Z"), status("success", "2026-02-02T10:00:00Z")],
  ],
];

beforeAll(async () => {
  replay = await replayGitHub([]);
  serveDeployments(TWO_WEEKS);
  replay.paths.set(`${REPO}/releases`, [[recorded.release]]);
  replay.paths.set(`${REPO}/pulls`, [
    [
      pull(14, "2026-02-08T10:00:00Z"), // deployed by 5: 48 h
      pull(13, "2026-02-05T04:00:00Z"), // deployed by 3: 6 h
      pull(12, null), // closed unmerged: no lead time
      pull(11, "2026-02-01T10:00:00Z"), // deployed by 1: 24 h
    ],
  ]);
  replay.paths.set(`${REPO}/issues`, [
    [
      incident(21, "2026-02-05T12:00:00Z", "2026-02-05T18:00:00Z"), // after 3, before 5; restored in 6 h
      incident(22, "2026-02-11T08:00:00Z", null), // after 5, still open
    ],
  ]);
});
afterAll(async () => {
  await replay.close();
  rmSync(work, { recursive: true, force: true });
});

const metricsOf = async () =>
  (
    JSON.parse((await plumb(["export", "dora", "--format", "json"])).stdout) as {
      metrics: Record<string, { points?: Array<[string, number]> }>;
    }
  ).metrics;

describe("plumb sync of a GitHub source's DORA metrics", () => {
  it("writes the weekly series, then nothing, then the points of the week that changed", async () => {
    expect((await plumb(["org", "create", "acme"])).code).toBe(0);
    const file = {
      initiative: "DORA replay",
      id: "dora",
      owner: "ana",
      sources: {
        github: {
          repo: "Codertocat/Hello-World",
          api_url: replay.apiUrl,
          team: "platform",
          people: { Codertocat: "ana" },
          dora: {},
        },
      },
      people: [{ id: "ana", name: "Ana Silva" }],
      teams: { platform: { lead: "ana" } },
      metrics: {
        deployment_frequency: { unit: "deployments/week" },
        lead_time_for_changes: { unit: "hours", direction: "down" },
        change_failure_rate: { unit: "percent", direction: "down" },
        time_to_restore: { unit: "hours", direction: "down" },
      },
    };
    writeFileSync(join(work, "dora.yaml"), stringify(file));
    expect((await plumb(["import", "dora.yaml"])).code).toBe(0);

    const first = await plumb(["sync", "dora", "--source", "github"], ENV);
    expect(first.stderr).toBe("github: 2 issues read\n");
    expect(first.stdout).toBe(
      "dora: 2 issues read from GitHub: 2 created, 0 updated, 0 removed (cancelled).\n" +
        "dora: DORA: 5 deployments, 4 closed pull requests, 2 incidents read from GitHub: 7 points written " +
        "(change_failure_rate 2, deployment_frequency 2, lead_time_for_changes 2, time_to_restore 1).\n",
    );
    expect(first.code).toBe(0);
    const paths = replay.asked.map((a) => a.path);
    expect(paths).toContain(`${REPO}/deployments/1/statuses`);
    // With deployments, releases are not asked for.
    expect(paths).not.toContain(`${REPO}/releases`);
    expect(replay.asked.every((a) => a.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const asked = (path: string) =>
      replay.asked.filter((a) => a.path === path).map((a) => Object.fromEntries(a.query));
    expect(asked(`${REPO}/deployments`)).toEqual([{ per_page: "100", environment: "production" }]);
    expect(asked(`${REPO}/issues`).map((q) => q.labels)).toEqual([undefined, "incident"]);

    const metrics = await metricsOf();
    expect(metrics.deployment_frequency!.points).toEqual([
      ["2026-02-02", 2], // 1 and 3: the failed 2 and the staging 4 are no deployments
      ["2026-02-09", 1],
    ]);
    expect(metrics.lead_time_for_changes!.points).toEqual([
      ["2026-02-02", 15], // the median of 24 h and 6 h
      ["2026-02-09", 48],
    ]);
    expect(metrics.change_failure_rate!.points).toEqual([
      ["2026-02-02", 66.67], // 2 failed, 3 followed by incident 21
      ["2026-02-09", 100], // 5 followed by incident 22
    ]);
    expect(metrics.time_to_restore!.points).toEqual([["2026-02-02", 6]]); // 22 is open: no restore yet

    // Nothing changed at GitHub: the weeks from the latest written are computed again, and nothing is written.
    replay.asked.length = 0;
    const second = await plumb(["sync", "dora", "--source", "github"], ENV);
    expect(second.stdout).toContain(
      "dora: DORA: 5 deployments, 4 closed pull requests, 2 incidents read from GitHub (weeks from 2026-02-09); " +
        "no point changed, nothing written.\n",
    );
    expect(second.code).toBe(0);
    expect(asked(`${REPO}/issues`)[1]).toMatchObject({
      labels: "incident",
      since: "2026-01-12T00:00:00.000Z",
    });
    expect(await metricsOf()).toEqual(metrics);

    // Another deployment in the second week: its frequency and failure rate change, and only those are appended.
    serveDeployments([
      [deployment(6, "2026-02-12T09:00:00Z"), [status("success", "2026-02-12T10:00:00Z")]],
      ...TWO_WEEKS,
    ]);
    const third = await plumb(["sync", "dora", "--source", "github"], ENV);
    expect(third.stdout).toContain("2 points written (change_failure_rate 1, deployment_frequency 1).\n");
    const later = await metricsOf();
    expect(later.deployment_frequency!.points).toEqual([
      ["2026-02-02", 2],
      ["2026-02-09", 2],
    ]);
    expect(later.change_failure_rate!.points).toEqual([
      ["2026-02-02", 66.67],
      ["2026-02-09", 50], // incident 22 opened between 5 and 6: 5 failed, 6 did not
    ]);
    expect(later.lead_time_for_changes).toEqual(metrics.lead_time_for_changes);
  }, 180_000);

  it("writes nothing when GitHub refuses the deliveries, the issues included, and never shows the token", async () => {
    const exported = async () => (await plumb(["export", "dora", "--format", "json"])).stdout;
    const before = await exported();
    // The issues are read (a new one among them), then the deployments are refused.
    replay.before.push(
      { status: 200, body: [incident(23, "2026-02-10T08:00:00Z", null)] },
      { status: 403, body: { message: "Resource not accessible" } },
    );
    const refused = await plumb(["sync", "dora", "--source", "github"], ENV);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      "plumb: GitHub refused access to Codertocat/Hello-World (403): Resource not accessible: the token may not " +
        "read its deployments; nothing was written.\n",
    );
    expect(refused.stderr + refused.stdout).not.toContain(TOKEN);
    expect(await exported()).toBe(before);
    expect(before).not.toContain("gh_23");
  });
});
