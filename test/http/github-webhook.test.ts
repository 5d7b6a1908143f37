// GitHub's webhook and the GitHub source over HTTP: the initiative API takes and returns sources.github as the
// file spells it; a delivery signed with the repository's secret is answered 202 and its issue, once the
// queue's worker has done the job, is a commitment with its provenance; an unsigned or wrongly signed one is
// refused with 401 and queues nothing.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubSyncHandler } from "../../src/importers/github/scheduled-sync.ts";
import { loadInitiative } from "../../src/store/initiative-repository.ts";
import { claimJob, completeJob } from "../../src/store/job-queue.ts";
import type { Store } from "../../src/store/open-store.ts";
import * as t from "../../src/store/schema.ts";
import { SYNC_QUEUE } from "../../src/use-cases/sync/schedule-syncs.ts";
import { backends, freshOrg } from "../support/databases.ts";
import { recording, replayGitHub } from "../support/github-replay.ts";
import { apiClient } from "../support/http.ts";

const SECRET = "It's a Secret to Everybody";
const [issue13] = recording("paginate-issues")[0]!.response as Array<Record<string, unknown>>;
const examples = JSON.parse(
  readFileSync(new URL("../fixtures/github/webhooks-examples.dora.json", import.meta.url), "utf8"),
) as Record<"deployment" | "deployment_status" | "pull_request" | "issue", Record<string, unknown>>;

describe.each(backends())("GitHub on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org = "";
  let repo = "";

  beforeAll(async () => {
    store = await backend.open();
    org = await freshOrg(store);
    repo = `octokit-fixture-org/replay-${org}`;
    api = apiClient(store, {
      app: { githubWebhookSecrets: { [repo]: SECRET, [`${repo}-dora`]: SECRET } },
    });
  });
  afterAll(() => store.close());

  const deliver = (body: string, headers: Record<string, string>) =>
    api.app.request("/api/v1/webhooks/github", {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "issues", ...headers },
      body,
    });
  const sign = (body: string, secret = SECRET) =>
    `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const jobsOf = () =>
    store.db
      .select()
      .from(t.jobs)
      .where(and(eq(t.jobs.orgId, org), eq(t.jobs.queue, SYNC_QUEUE)));

  it("takes the source through the initiative API and gives it back as it was sent", async () => {
    const admin = await api.token(org, "admin");
    const document = {
      initiative: "GitHub replay",
      id: "replay",
      owner: "ana",
      sources: {
        github: {
          repo,
          labels: ["eu"],
          teams: { "team:web": "web" },
          team: "platform",
          people: { octocat: "ana" },
        },
      },
      people: [{ id: "ana", name: "Ana Silva" }],
      teams: { platform: { lead: "ana" }, web: {} },
    };
    const put = await api.call("POST", "/api/v1/initiatives", admin, document);
    expect(put.status, JSON.stringify(put.body)).toBe(201);
    const got = (await api.call("GET", "/api/v1/initiatives/replay", admin)).body as Record<string, unknown>;
    expect(got.sources).toEqual(document.sources);
  });

  it("takes sources.github.dora through the initiative API, and refuses one whose metric is not the initiative's", async () => {
    const admin = await api.token(org, "admin");
    const document = {
      initiative: "DORA replay",
      id: "dora-api",
      owner: "ana",
      sources: {
        github: {
          repo: `${repo}-dora-api`,
          team: "platform",
          dora: { environment: "live", metrics: { deployment_frequency: "deploys" } },
        },
      },
      metrics: { deploys: { unit: "deployments/week", direction: "up" } },
      people: [{ id: "ana", name: "Ana Silva" }],
      teams: { platform: { lead: "ana" } },
    };
    const put = await api.call("POST", "/api/v1/initiatives", admin, document);
    expect(put.status, JSON.stringify(put.body)).toBe(201);
    const got = (await api.call("GET", "/api/v1/initiatives/dora-api", admin)).body as Record<
      string,
      unknown
    >;
    expect(got.sources).toEqual(document.sources);

    const refused = await api.call("PUT", "/api/v1/initiatives/dora-api", admin, {
      ...document,
      metrics: {},
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain(
      "deployment_frequency is kept in metric 'deploys', which is not in metrics",
    );
  });

  it("refuses a delivery with no signature, or one not made with the repository's secret, and queues nothing", async () => {
    const body = JSON.stringify({
      action: "opened",
      issue: { ...issue13, labels: [{ name: "eu" }] },
      repository: { full_name: repo },
    });
    const attempts: Array<Record<string, string>> = [
      {},
      { "x-hub-signature-256": sign(body, "another secret") },
      { "x-hub-signature-256": "sha256=zz" },
    ];
    for (const headers of attempts) {
      const response = await deliver(body, { "x-github-delivery": "refused", ...headers });
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    // Signed right, but the body changed on the way.
    const tampered = await deliver(body.replace("opened", "closed"), { "x-hub-signature-256": sign(body) });
    expect(tampered.status).toBe(401);
    expect(await jobsOf()).toEqual([]);
  });

  it("answers a signed delivery 202, queues it once, and the worker makes its issue a commitment", async () => {
    const body = JSON.stringify({
      action: "closed",
      issue: {
        ...issue13,
        labels: [{ name: "eu" }, { name: "team:web" }],
        state: "closed",
        state_reason: "completed",
        closed_at: "2017-10-12T09:30:00Z",
        assignee: { login: "octocat" },
        milestone: { number: 1, title: "v1.0", due_on: "2017-10-20T07:00:00Z" },
      },
      repository: { full_name: repo },
    });
    const headers = { "x-hub-signature-256": sign(body), "x-github-delivery": `delivery-${org}` };
    const accepted = await deliver(body, headers);
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ queued: 1 });
    // GitHub sends it again: already queued.
    expect(await (await deliver(body, headers)).json()).toEqual({ queued: 0 });
    // Nothing is applied while the request is answered: the work is on the queue.
    expect((await loadInitiative(store.db, org, "replay"))!.commitments).toEqual([]);

    const handle = githubSyncHandler(api.services, null);
    for (;;) {
      const job = await claimJob(store.db, [SYNC_QUEUE], "test", new Date(), 60_000);
      expect(job).not.toBeNull();
      if (job!.orgId !== org) continue; // another test file's job on a shared database
      await handle(job!);
      await completeJob(store.db, job!, "test");
      break;
    }
    const [commitment] = (await loadInitiative(store.db, org, "replay"))!.commitments;
    expect(commitment).toMatchObject({
      id: "gh_13",
      teamId: "web",
      ownerId: "ana",
      due: "2017-10-20",
      done: "2017-10-12",
      provenance: {
        kind: "github",
        ref: `${repo}#13`,
        url: "https://github.com/octokit-fixture-org/paginate-issues/issues/13",
      },
    });
  });

  it("acknowledges a ping, and an event it does not read, without queueing", async () => {
    const body = JSON.stringify({ zen: "Keep it logically awesome.", repository: { full_name: repo } });
    const before = (await jobsOf()).length;
    for (const event of ["ping", "star"]) {
      const response = await deliver(body, { "x-github-event": event, "x-hub-signature-256": sign(body) });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ queued: 0 });
    }
    expect(await jobsOf()).toHaveLength(before);
  });

  it("queues a DORA refresh for a deployment's status, a merge or an incident, and the worker appends the points", async () => {
    const doraRepo = `${repo}-dora`;
    const github = await replayGitHub([]);
    try {
      const admin = await api.token(org, "admin");
      const document = {
        initiative: "DORA by webhook",
        id: "dora-hook",
        owner: "ana",
        sources: { github: { repo: doraRepo, api_url: github.apiUrl, team: "platform", dora: {} } },
        metrics: {
          deployment_frequency: { unit: "deployments/week" },
          lead_time_for_changes: { unit: "hours", direction: "down" },
          change_failure_rate: { unit: "percent", direction: "down" },
          time_to_restore: { unit: "hours", direction: "down" },
        },
        people: [{ id: "ana", name: "Ana Silva" }],
        teams: { platform: { lead: "ana" } },
      };
      expect((await api.call("POST", "/api/v1/initiatives", admin, document)).status).toBe(201);
      const before = (await jobsOf()).length;
      const send = async (event: string, payload: Record<string, unknown>, id: string) => {
        const body = JSON.stringify({ ...payload, repository: { full_name: doraRepo } });
        const response = await deliver(body, {
          "x-github-event": event,
          "x-hub-signature-256": sign(body),
          "x-github-delivery": `${id}-${org}`,
        });
        expect(response.status).toBe(202);
        return ((await response.json()) as { queued: number }).queued;
      };
      const status = {
        action: "created",
        deployment_status: examples.deployment_status,
        deployment: examples.deployment,
      };
      expect(await send("deployment_status", status, "status")).toBe(1);
      expect(await send("deployment_status", status, "status")).toBe(0); // sent again
      // Closed unmerged: nothing DORA counts.
      expect(
        await send("pull_request", { action: "closed", pull_request: examples.pull_request }, "unmerged"),
      ).toBe(0);
      const merged = { ...examples.pull_request, merged: true, merged_at: "2026-02-09T08:00:00Z" };
      expect(await send("pull_request", { action: "closed", pull_request: merged }, "merged")).toBe(1);
      // An incident: its issue, and a refresh; an issue without the label: its issue only.
      const labelled = { ...examples.issue, labels: [{ name: "incident" }] };
      expect(await send("issues", { action: "opened", issue: labelled }, "incident")).toBe(2);
      expect(await send("issues", { action: "opened", issue: examples.issue }, "bug")).toBe(1);
      expect((await jobsOf()).length).toBe(before + 5);

      const path = `/repos/${doraRepo}`;
      github.paths.set(`${path}/deployments`, [
        [{ ...examples.deployment, created_at: "2026-02-09T09:00:00Z" }],
      ]);
      github.paths.set(`${path}/deployments/${String(examples.deployment.id)}/statuses`, [
        [{ ...examples.deployment_status, state: "success", created_at: "2026-02-09T10:00:00Z" }],
      ]);
      github.paths.set(`${path}/pulls`, [[{ ...merged, updated_at: "2026-02-09T08:00:00Z" }]]);
      github.paths.set(`${path}/issues`, [[]]);
      const handle = githubSyncHandler(api.services, "github_pat_hook");
      for (;;) {
        const job = await claimJob(store.db, [SYNC_QUEUE], "test", new Date(), 60_000);
        if (!job) break;
        if (job.orgId !== org) continue; // another test file's job on a shared database: left to its lease
        await handle(job);
        await completeJob(store.db, job, "test");
      }
      const points = (await loadInitiative(store.db, org, "dora-hook"))!.metrics.map((m) => [m.id, m.points]);
      expect(Object.fromEntries(points)).toEqual({
        deployment_frequency: [{ date: "2026-02-09", value: 1 }],
        lead_time_for_changes: [{ date: "2026-02-09", value: 2 }],
        change_failure_rate: [{ date: "2026-02-09", value: 0 }],
        time_to_restore: [],
      });
      expect(github.asked.every((a) => a.authorization === "Bearer github_pat_hook")).toBe(true);
    } finally {
      await github.close();
    }
  });
});
