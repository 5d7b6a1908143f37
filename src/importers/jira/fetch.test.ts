// The Jira reader against a real HTTP server on localhost replaying recorded payloads
// (test/fixtures/jira/README.md): paging both ways, Retry-After, and the errors a person must understand.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { fetchJiraIssues, incrementalJql, JiraError, retryAfterMs, type JiraFetchOptions } from "./fetch.ts";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/jira/${name}`, import.meta.url), "utf8")) as {
    issues: Array<{ key: string }>;
  };
const many = fixture("search_many-issues.json");
const sprint = fixture("issues_in_sprint_with_changelog.json");
const single = fixture("issue_valid-5.0-with-changelog.json") as unknown as { key: string };

interface Seen {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}
type Handler = (seen: Seen, res: ServerResponse, count: number) => void;

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A Jira on localhost: answers each request with `handler`, and records what it was asked. */
async function jira(handler: Handler): Promise<{ baseUrl: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req: IncomingMessage, res) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => {
      const entry = {
        path: req.url ?? "",
        authorization: req.headers.authorization,
        body: JSON.parse(data || "{}"),
      };
      seen.push(entry);
      handler(entry, res, seen.length);
    });
  });
  await new Promise<void>((ready) => server!.listen(0, "127.0.0.1", ready));
  return { baseUrl: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

function options(baseUrl: string, extra: Partial<JiraFetchOptions> = {}) {
  const waits: number[] = [];
  return {
    waits,
    options: {
      baseUrl,
      email: "ana@example.com",
      token: "s3cret-token",
      jql: "project = TST ORDER BY key DESC",
      sleep: async (ms: number) => void waits.push(ms),
      now: () => new Date("2026-02-10T12:00:00Z"),
      ...extra,
    } satisfies JiraFetchOptions,
  };
}

describe("fetchJiraIssues on Cloud's /search/jql", () => {
  it("waits out a 429 as Retry-After says, then follows nextPageToken to the last page", async () => {
    const { baseUrl, seen } = await jira((req, res, n) => {
      if (n === 1) return json(res, 429, { errorMessages: ["Rate limit exceeded"] }, { "retry-after": "2" });
      if (!req.body.nextPageToken) return json(res, 200, { issues: many.issues, nextPageToken: "page-2" });
      return json(res, 200, { issues: [...sprint.issues, single], isLast: true });
    });
    const pages: number[] = [];
    const { options: o, waits } = options(baseUrl, {
      since: new Date("2026-02-09T08:30:00Z"),
      onPage: (received) => pages.push(received),
    });
    const issues = (await fetchJiraIssues(o)) as Array<{ key: string }>;
    expect(issues.map((i) => i.key)).toEqual([...many.issues.map((i) => i.key), "AR-86", "HST-1"]);
    expect(waits).toEqual([2000]);
    expect(pages).toEqual([8, 10]);
    expect(seen.map((s) => s.path)).toEqual(Array(3).fill("/rest/api/3/search/jql"));
    expect(seen[0]!.authorization).toBe(
      `Basic ${Buffer.from("ana@example.com:s3cret-token").toString("base64")}`,
    );
    expect(seen[1]!.body).toMatchObject({
      jql: '(project = TST) AND updated >= "2026-02-08 08:30" ORDER BY key DESC',
      expand: "changelog",
      maxResults: 100,
    });
    expect(seen[1]!.body.fields).toContain("duedate");
    expect(seen[2]!.body.nextPageToken).toBe("page-2");
  });

  it("reads Retry-After as an HTTP date too, and backs off when a 503 says nothing", async () => {
    const { baseUrl } = await jira((_req, res, n) => {
      if (n === 1) return json(res, 503, {}, { "retry-after": "Tue, 10 Feb 2026 12:00:03 GMT" });
      if (n === 2) return json(res, 503, {});
      return json(res, 200, { issues: sprint.issues, isLast: true });
    });
    const { options: o, waits } = options(baseUrl);
    expect(((await fetchJiraIssues(o)) as Array<{ key: string }>).map((i) => i.key)).toEqual(["AR-86"]);
    expect(waits).toEqual([3000, 2000]);
  });

  it("gives up after a bounded number of retries", async () => {
    const { baseUrl, seen } = await jira((_req, res) => json(res, 429, {}, { "retry-after": "120" }));
    const { options: o, waits } = options(baseUrl, { maxRetries: 2, maxWaitMs: 5000 });
    await expect(fetchJiraIssues(o)).rejects.toThrow(/still limiting requests \(429\)/);
    expect(seen).toHaveLength(3);
    expect(waits).toEqual([5000, 5000]);
  });
});

describe("fetchJiraIssues where /search/jql is missing", () => {
  it("pages the older search by startAt and maxResults", async () => {
    const { baseUrl, seen } = await jira((req, res) => {
      if (req.path === "/rest/api/3/search/jql") return json(res, 404, { errorMessages: ["Not found"] });
      const startAt = Number(req.body.startAt);
      const maxResults = Number(req.body.maxResults);
      // The recording is a first page of 15; this replay holds its 8 issues, and says so.
      json(res, 200, {
        ...many,
        total: many.issues.length,
        startAt,
        maxResults,
        issues: many.issues.slice(startAt, startAt + maxResults),
      });
    });
    const { options: o } = options(baseUrl, { pageSize: 5 });
    const issues = (await fetchJiraIssues(o)) as Array<{ key: string }>;
    expect(issues.map((i) => i.key)).toEqual(many.issues.map((i) => i.key));
    expect(seen.map((s) => [s.path, s.body.startAt])).toEqual([
      ["/rest/api/3/search/jql", undefined],
      ["/rest/api/3/search", 0],
      ["/rest/api/3/search", 5],
    ]);
    expect(seen[1]!.body.expand).toEqual(["changelog"]);
  });
});

describe("errors a person can act on", () => {
  it.each([
    [401, /refused the credentials \(401\): check PLUMBLINE_JIRA_EMAIL and PLUMBLINE_JIRA_TOKEN/],
    [403, /refused access \(403\)/],
    [400, /rejected the search: Field 'nope' does not exist .*check sources\.jira\.jql/],
  ])("%i", async (status, message) => {
    const { baseUrl, seen } = await jira((_req, res) =>
      json(res, status, {
        errorMessages: ["Field 'nope' does not exist or you do not have permission to view it."],
      }),
    );
    const { options: o } = options(baseUrl);
    const error = await fetchJiraIssues(o).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraError);
    expect((error as JiraError).status).toBe(status);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("s3cret-token");
    expect(seen).toHaveLength(1);
  });

  it("404 on both searches names the base URL", async () => {
    const { baseUrl } = await jira((_req, res) => json(res, 404, {}));
    await expect(fetchJiraIssues(options(baseUrl).options)).rejects.toThrow(
      `Jira has no REST API v3 at ${baseUrl} (404): check sources.jira.base_url`,
    );
  });

  it("an unreachable site, after its retries", async () => {
    const { options: o, waits } = options("http://127.0.0.1:9", { maxRetries: 1 });
    await expect(fetchJiraIssues(o)).rejects.toThrow(/cannot reach Jira at http:\/\/127\.0\.0\.1:9/);
    expect(waits).toEqual([1000]);
  });
});

describe("the cursor and Retry-After", () => {
  it("narrows any JQL, a day early for the Jira user's time zone", () => {
    const since = new Date("2026-02-09T08:30:59Z");
    expect(incrementalJql("project = TST", since)).toBe('(project = TST) AND updated >= "2026-02-08 08:30"');
    expect(incrementalJql("order by rank", since)).toBe('updated >= "2026-02-08 08:30" order by rank');
    expect(incrementalJql("project = TST", null)).toBe("project = TST");
  });

  it("reads seconds and dates", () => {
    const now = new Date("2026-02-10T12:00:00Z");
    expect(retryAfterMs("7", now)).toBe(7000);
    expect(retryAfterMs("Tue, 10 Feb 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Tue, 10 Feb 2026 11:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
