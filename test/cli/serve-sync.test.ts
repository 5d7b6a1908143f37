// plumb serve syncs every initiative with a Jira source on a schedule: a job per initiative and period on the
// durable queue, queued once however often it is asked, done by the running server against a Jira on localhost
// replaying recorded payloads (test/fixtures/jira/README.md).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { serveApp } from "../../src/cli/commands/serve.ts";
import { loadConfig } from "../../src/config/config.ts";
import { listAudit } from "../../src/store/audit-repository.ts";
import { loadInitiative } from "../../src/store/initiative-repository.ts";
import { listSyncs } from "../../src/store/sync-repository.ts";
import { importInitiative } from "../../src/use-cases/import-initiative.ts";
import { scheduleSyncs } from "../../src/use-cases/sync/schedule-syncs.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { recording, replayGitHub } from "../support/github-replay.ts";

const many = (
  JSON.parse(readFileSync(new URL("../fixtures/jira/search_many-issues.json", import.meta.url), "utf8")) as {
    issues: unknown[];
  }
).issues;

const initiative = (baseUrl: string) => ({
  initiative: "Jira replay",
  id: "replay",
  owner: "wojciech",
  as_of: "2012-12-10",
  sources: { jira: { base_url: baseUrl, jql: "project = TST ORDER BY key", teams: { TST: "platform" } } },
  people: [{ id: "wojciech", name: "Wojciech Seliga", email: "wojciech.seliga@spartez.com" }],
  teams: { platform: { lead: "wojciech" } },
  commitments: { handbook: { team: "platform", title: "Write the handbook", due: "2012-12-20" } },
});

/**
 * Runs `plumb serve` with hourly syncs and `env` until the initiative's first sync is recorded (10 s at most),
 * then stops it; returns what the server said on stderr.
 */
async function serveUntilSynced(
  services: ReturnType<typeof servicesFor>,
  scope: { orgId: string; initiativeId: string },
  env: Record<string, string>,
): Promise<string[]> {
  let stop!: () => void;
  const untilStopped = new Promise<void>((resolve) => (stop = resolve));
  const config = loadConfig({ PORT: "0", PLUMBLINE_SYNC_EVERY_MINUTES: "60", ...env });
  const said: string[] = [];
  const io = {
    stdout: () => undefined,
    stderr: (text: string) => said.push(text),
    env: {},
    cwd: process.cwd(),
    clock: () => new Date(),
    color: false,
    untilStopped,
  };
  const serving = serveApp(services, config, io, () => undefined);
  for (let i = 0; i < 200 && (await listSyncs(services.store.db, scope, { limit: 1 })).length === 0; i++)
    await new Promise((r) => setTimeout(r, 50));
  stop();
  await serving;
  return said;
}

describe("plumb serve and scheduled syncs", () => {
  it("queues one sync per initiative and period, however often asked", async () => {
    const store = await backends()[0]!.open();
    try {
      const services = servicesFor(store);
      const org = await freshOrg(store);
      await importInitiative(services, org, initiative("http://127.0.0.1:9"));
      await importInitiative(services, org, { ...initiative("x"), id: "no-source", sources: undefined });
      const at = new Date("2026-02-10T12:05:00Z");
      const queued = async (now: Date) => scheduleSyncs(services, "jira", 60, now);
      // Every org's initiatives with a source: this org's one, and any other test's left in the store.
      expect(await queued(at)).toBeGreaterThanOrEqual(1);
      expect(await queued(new Date("2026-02-10T12:55:00Z"))).toBe(0);
      expect(await queued(new Date("2026-02-10T13:00:00Z"))).toBeGreaterThanOrEqual(1);
      expect(await scheduleSyncs(services, "jira", 0, at)).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("syncs while serving, as plumb sync does, and audits it", async () => {
    const store = await backends()[0]!.open();
    let asked = 0;
    const jira = createServer((request, response) => {
      request.resume().on("end", () => {
        asked++;
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({ issues: many, isLast: true }));
      });
    });
    await new Promise<void>((done) => jira.listen(0, "127.0.0.1", done));
    try {
      const services = { ...servicesFor(store), clock: () => new Date() };
      const org = await freshOrg(store);
      const baseUrl = `http://127.0.0.1:${(jira.address() as AddressInfo).port}`;
      await importInitiative(services, org, initiative(baseUrl));
      const scope = { orgId: org, initiativeId: "replay" };
      const said = await serveUntilSynced(services, scope, {
        PLUMBLINE_JIRA_EMAIL: "ana@example.com",
        PLUMBLINE_JIRA_TOKEN: "s3cret-token",
      });
      expect(asked).toBeGreaterThanOrEqual(1);
      const [sync] = await listSyncs(store.db, scope, { limit: 1 });
      expect(sync).toMatchObject({ source: "jira", received: many.length });
      const stored = (await loadInitiative(store.db, org, "replay"))!;
      expect(stored.commitments.map((c) => c.id)).toContain("TST_12");
      const audited = await listAudit(store.db, org, { limit: 50 });
      expect(audited.map((e) => e.action)).toContain("initiative.sync");
      expect(said.join("")).toContain("Jira sources are synced every 60 minutes");
      expect(said.join("")).toMatch(new RegExp(`jira sync of ${org}/replay: \\d+ created`));
      expect(said.filter((s) => s.includes("failed"))).toEqual([]);
    } finally {
      jira.close();
      await store.close();
    }
  });

  it("syncs GitHub sources too, with PLUMBLINE_GITHUB_TOKEN set", async () => {
    const store = await backends()[0]!.open();
    const github = await replayGitHub(recording("paginate-issues"));
    try {
      const services = { ...servicesFor(store), clock: () => new Date() };
      const org = await freshOrg(store);
      await importInitiative(services, org, {
        ...initiative("x"),
        sources: {
          github: { repo: "octokit-fixture-org/paginate-issues", api_url: github.apiUrl, team: "platform" },
        },
      });
      const scope = { orgId: org, initiativeId: "replay" };
      const said = await serveUntilSynced(services, scope, { PLUMBLINE_GITHUB_TOKEN: "github_pat_s3cret" });
      const [sync] = await listSyncs(store.db, scope, { limit: 1 });
      expect(sync).toMatchObject({ source: "github", received: 13 });
      const stored = (await loadInitiative(store.db, org, "replay"))!;
      expect(stored.commitments.map((c) => c.id)).toContain("gh_13");
      expect(said.join("")).toContain("GitHub sources are synced every 60 minutes");
      expect(said.join("")).toMatch(new RegExp(`github sync of ${org}/replay: 13 created`));
      expect(said.join("")).not.toContain("github_pat_s3cret");
    } finally {
      await github.close();
      await store.close();
    }
  });
});
