// `plumb sync` end to end: a temporary PGlite store, and a Jira on localhost (node:http) replaying recorded
// payloads (test/fixtures/jira/README.md). The first sync brings the issues in, a second with no change in
// Jira writes nothing, a third takes in a slip and a cancellation; Jira's refusals write nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliIn } from "../support/cli.ts";

type Issue = { key: string; fields: Record<string, unknown>; changelog?: { histories: unknown[] } };
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/jira/${name}`, import.meta.url), "utf8")) as {
    issues: Issue[];
  };
const many = fixture("search_many-issues.json").issues;
const withChangelog = fixture("issue_valid-5.0-with-changelog.json") as unknown as Issue;
const allExpanded = fixture("issue_valid-all-expanded.json") as unknown as Issue;
const blocker = (fixture("all_issuelinktypes.json") as unknown as Array<{ name: string }>).find(
  (t) => t.name === "Blocker",
)!;
// The recorded TST-2 links TST-1 as a duplicate; here it blocks TST-12 (a link type recorded from Apache's Jira).
const tst2 = {
  ...allExpanded,
  fields: { ...allExpanded.fields, issuelinks: [{ type: blocker, outwardIssue: { key: "TST-12" } }] },
};

const work = mkdtempSync(join(tmpdir(), "plumb-sync-"));
const plumb = cliIn(work);
const CREDENTIALS = { PLUMBLINE_JIRA_EMAIL: "ana@example.com", PLUMBLINE_JIRA_TOKEN: "s3cret-token" };

/** What the replay serves now, and what it was asked. */
let pages: Issue[][] = [];
let refuse: number | null = null;
let toldToWait = false;
const asked: Array<{ jql: string; authorization: string | undefined }> = [];
let server: Server;
let baseUrl = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const request = JSON.parse(body) as { jql: string; nextPageToken?: string };
      asked.push({ jql: request.jql, authorization: req.headers.authorization });
      res.setHeader("content-type", "application/json");
      if (refuse) {
        res.statusCode = refuse;
        return res.end(JSON.stringify({ errorMessages: ["You are not authenticated."] }));
      }
      // Every sync is first told to wait: Retry-After 0 seconds.
      if (!request.nextPageToken && !toldToWait) {
        toldToWait = true;
        res.statusCode = 429;
        res.setHeader("retry-after", "0");
        return res.end("{}");
      }
      toldToWait = false;
      const index = request.nextPageToken ? Number(request.nextPageToken) : 0;
      const next = index + 1 < pages.length ? { nextPageToken: String(index + 1) } : { isLast: true };
      res.end(JSON.stringify({ issues: pages[index] ?? [], ...next }));
    });
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(work, { recursive: true, force: true });
});

function initiativeFile(sources: unknown): string {
  return stringify({
    initiative: "Jira replay",
    id: "replay",
    owner: "wojciech",
    as_of: "2012-12-10",
    ...(sources ? { sources } : {}),
    people: [
      { id: "wojciech", name: "Wojciech Seliga", email: "wojciech.seliga@spartez.com" },
      { id: "user-two", name: "User Two", email: "usertwo@local.domain" },
    ],
    teams: { platform: { lead: "wojciech" }, web: {}, history: {} },
    commitments: { handbook: { team: "platform", title: "Write the handbook", due: "2012-12-20" } },
  });
}
const exportJson = async () =>
  JSON.parse((await plumb(["export", "replay", "--format", "json"])).stdout) as {
    sources: unknown;
    commitments: Record<string, Record<string, unknown>>;
    links?: Array<Record<string, unknown>>;
  };
const auditCount = async (action: string) =>
  (await plumb(["audit", "list", "--limit", "1000"])).stdout.split("\n").filter((l) => l.includes(action))
    .length;

describe("plumb sync", () => {
  it("brings the issues in, then writes nothing when Jira has nothing new, then takes in a slip and a cancellation", async () => {
    expect((await plumb(["org", "create", "acme"])).code).toBe(0);
    const sources = {
      jira: {
        base_url: baseUrl,
        jql: "project in (TST, HST) ORDER BY key",
        teams: { TST: "platform", "Component A": "web", HST: "history" },
        wont_do: ["Won't Do", "Incomplete"],
      },
    };
    writeFileSync(join(work, "replay.yaml"), initiativeFile(sources));
    expect((await plumb(["import", "replay.yaml"])).code).toBe(0);

    pages = [many, [withChangelog, tst2]];
    const first = await plumb(["sync", "replay"], CREDENTIALS);
    expect(first.stderr).toBe("jira: 8 issues read\njira: 10 issues read\n");
    expect(first.stdout).toBe(
      "replay: 10 issues read from Jira: 9 created, 0 updated, 0 removed (cancelled), dependencies changed.\n",
    );
    expect(first.code).toBe(0);
    expect(asked[0]!.jql).toBe("project in (TST, HST) ORDER BY key");
    expect(asked[0]!.authorization).toBe(
      `Basic ${Buffer.from("ana@example.com:s3cret-token").toString("base64")}`,
    );

    const after = await exportJson();
    expect(after.sources).toEqual(sources);
    expect(Object.keys(after.commitments)).toEqual([
      "handbook",
      "TST_13",
      "TST_12",
      "TST_11",
      "TST_10",
      "TST_9",
      "TST_7",
      "TST_6",
      "HST_1",
      "TST_2",
    ]); // TST-8 is resolved Incomplete: cancelled, never a commitment
    expect(after.commitments.handbook).not.toHaveProperty("provenance");
    expect(after.commitments.TST_12).toMatchObject({
      team: "platform",
      owner: "wojciech",
      title: "Issue with empty Extra User field",
      due: "2010-07-05",
      facts: { jira_status: "Open" },
      provenance: {
        kind: "jira",
        ref: "TST-12",
        url: `${baseUrl}/browse/TST-12`,
        imported_at: "2026-02-10T12:00:00.000Z",
      },
    });
    expect(after.commitments.TST_10).toMatchObject({ team: "web", due: "2010-08-25" });
    expect(after.commitments.TST_10).not.toHaveProperty("owner");
    expect(after.commitments.HST_1).toMatchObject({
      owner: "user-two",
      due: "2012-04-13",
      due_history: ["2012-04-12"],
    });
    expect(after.links).toEqual([
      {
        id: "jira-TST-2-TST-12",
        kind: "dependency",
        from: "TST_2",
        to: "TST_12",
        statement: "TST-2 blocks TST-12 (Jira)",
      },
    ]);
    // The sync is audited as what it is, not as an import of a file.
    expect(await auditCount("initiative.import")).toBe(1);
    const syncs = await auditCount("initiative.sync");
    expect(syncs).toBe(1);

    const second = await plumb(["sync", "replay"], CREDENTIALS);
    expect(second.stdout).toBe(
      "replay: 10 issues read from Jira (updated since the last sync); nothing changed, nothing written.\n",
    );
    expect(second.code).toBe(0);
    // The cursor: TST-13's update, 2012-12-07T15:08:20Z, a day early for the Jira user's time zone.
    expect(asked.at(-1)!.jql).toBe('(project in (TST, HST)) AND updated >= "2012-12-06 15:08" ORDER BY key');
    expect(await exportJson()).toEqual(after);
    expect(await auditCount("initiative.sync")).toBe(syncs);

    // In Jira: TST-12's due date moved later, TST-7 was resolved Won't Do.
    const tst12 = many.find((i) => i.key === "TST-12")!;
    const tst7 = many.find((i) => i.key === "TST-7")!;
    const slipped = {
      ...tst12,
      fields: { ...tst12.fields, duedate: "2012-12-21", updated: "2012-12-09T10:00:00.000+0100" },
      changelog: {
        histories: [
          {
            created: "2012-12-09T10:00:00.000+0100",
            items: [{ field: "duedate", from: "2010-07-05", to: "2012-12-21" }],
          },
        ],
      },
    };
    const cancelled = {
      ...tst7,
      fields: {
        ...tst7.fields,
        resolution: { name: "Won't Do" },
        resolutiondate: "2012-12-09T11:00:00.000+0100",
      },
    };
    pages = [[slipped, cancelled]];
    const third = await plumb(["sync", "replay"], CREDENTIALS);
    expect(third.stdout).toBe(
      "replay: 2 issues read from Jira (updated since the last sync): 0 created, 1 updated, 1 removed (cancelled), dependencies changed.\n",
    );
    const latest = await exportJson();
    expect(latest.commitments.TST_12).toMatchObject({ due: "2012-12-21", due_history: ["2010-07-05"] });
    expect(latest.commitments).not.toHaveProperty("TST_7");
    // TST-12 as read now states no link: the dependency it was an end of is gone.
    expect(latest.links).toBeUndefined();
    expect(Object.keys(latest.commitments)).toHaveLength(9);
  }, 90_000); // five CLI processes, each starting Node and opening the store

  it("says what could not be taken in, and exits 2", async () => {
    pages = [fixture("issues_in_sprint_with_changelog.json").issues];
    const result = await plumb(["sync", "replay", "--full"], CREDENTIALS);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("replay: 1 issue read from Jira; nothing changed, nothing written.\n");
    expect(result.stderr).toContain(
      "Not taken in:\n  AR-86: no team for project AR: add one to sources.jira.teams\n",
    );
  });

  it("writes nothing when Jira refuses, and says why in words a person can act on", async () => {
    const before = await exportJson();
    refuse = 401;
    const refused = await plumb(["sync", "replay"], CREDENTIALS);
    refuse = null;
    expect(refused.code).toBe(3);
    expect(refused.stderr).toBe(
      "plumb: Jira refused the credentials (401): check PLUMBLINE_JIRA_EMAIL and PLUMBLINE_JIRA_TOKEN (an API token from id.atlassian.com); nothing was written.\n",
    );
    expect(refused.stderr + refused.stdout).not.toContain("s3cret-token");
    expect(await exportJson()).toEqual(before);
  });

  it("names what is missing: the credentials, or the initiative's Jira source", async () => {
    const noCredentials = await plumb(["sync", "replay"]);
    expect(noCredentials.code).toBe(2);
    expect(noCredentials.stderr).toContain("plumb: no Jira account to read as\n  PLUMBLINE_JIRA_EMAIL:");
    writeFileSync(join(work, "plain.yaml"), initiativeFile(null).replace("id: replay", "id: plain"));
    expect((await plumb(["import", "plain.yaml"])).code).toBe(0);
    const noSource = await plumb(["sync", "plain"], CREDENTIALS);
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toContain(
      "plumb: initiative 'plain' has no Jira source\n  sources.jira: add sources.jira",
    );
  });
});
