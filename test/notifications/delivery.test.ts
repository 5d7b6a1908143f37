// The job queue and webhook deliveries on every real database: a signed webhook reaches a local receiver that
// verifies it, failures are retried with backoff and recorded, and the same notice is sent once.
import { sql } from "drizzle-orm";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from "../../src/domain/webhook-signature.ts";
import { backoffMs, claimJob, enqueueJob, failJob } from "../../src/store/job-queue.ts";
import { listDeliveries, putEndpoint } from "../../src/store/notification-repository.ts";
import type { Store } from "../../src/store/open-store.ts";
import { notify, Notifier } from "../../src/use-cases/notifications/notifier.ts";
import type { Notice } from "../../src/use-cases/notifications/channels.ts";
import { backends, freshOrg, refusal, servicesFor } from "../support/databases.ts";

const SECRET = "webhook-secret-for-tests";

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
  verified: boolean;
}

/** A local receiver: verifies each request's signature (refusing a bad one when `signed`), answers `status()`. */
async function receiver(
  status: () => number,
  signed = true,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const verified = verifyWebhook({
        secret: SECRET,
        body,
        timestamp: request.headers[TIMESTAMP_HEADER] as string | undefined,
        signature: request.headers[SIGNATURE_HEADER] as string | undefined,
        now: new Date(Number(request.headers[TIMESTAMP_HEADER]) * 1000),
      });
      received.push({ headers: request.headers, body, verified });
      response.writeHead(verified || !signed ? status() : 401).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, server };
}

const notice: Notice = {
  kind: "reminder",
  title: "A report on Launch is due",
  text: "Launch expects a report every 7 days.",
  initiativeId: "launch",
  subject: "initiative:launch",
  to: { id: "ada", name: "Ada" },
};

describe.each(backends())("notification deliveries on $name", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it("enqueues a singleton job once and backs off exponentially after failures", async () => {
    const org = await freshOrg(store);
    const now = new Date("2026-02-10T12:00:00Z");
    const first = await enqueueJob(store.db, org, "test.q", { a: 1 }, now, {
      singletonKey: "k",
      maxAttempts: 2,
    });
    const again = await enqueueJob(store.db, org, "test.q", { a: 1 }, now, { singletonKey: "k" });
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    const job = await claimJob(store.db, ["test.q"], "me", now, 60_000);
    expect(job).toMatchObject({ id: first, attempt: 1, payload: { a: 1 } });
    // Leased: no one else takes it meanwhile.
    expect(await claimJob(store.db, ["test.q"], "other", now, 60_000)).toBeNull();
    expect(await failJob(store.db, job!, "me", "boom", now)).toBe(true);
    expect(
      await claimJob(store.db, ["test.q"], "me", new Date(now.getTime() + backoffMs(1) - 1), 60_000),
    ).toBeNull();
    const retried = await claimJob(
      store.db,
      ["test.q"],
      "me",
      new Date(now.getTime() + backoffMs(1)),
      60_000,
    );
    expect(retried?.attempt).toBe(2);
    expect(await failJob(store.db, retried!, "me", "boom", now)).toBe(false);
    expect(
      await claimJob(store.db, ["test.q"], "me", new Date(now.getTime() + 10 * backoffMs(8)), 60_000),
    ).toBeNull();
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
  });

  it("sends a signed webhook once, however often the same notice is queued", async () => {
    const org = await freshOrg(store);
    const hook = await receiver(() => 200);
    try {
      const services = servicesFor(store);
      await putEndpoint(store.db, {
        orgId: org,
        id: "ops",
        channel: "webhook",
        url: hook.url,
        secret: SECRET,
        kinds: [],
      });
      const key = "reminder:initiative:launch:2026-02-10";
      expect(await notify(store.db, org, notice, key, services.clock())).toBe(1);
      expect(await notify(store.db, org, notice, key, services.clock())).toBe(0);
      const notifier = new Notifier(services, { allowPrivateWebhooks: true });
      await notifier.drain();
      await notifier.drain();
      expect(hook.received).toHaveLength(1);
      expect(hook.received[0]!.verified).toBe(true);
      expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ kind: "reminder", org, to: { id: "ada" } });
      const [delivery] = await listDeliveries(store.db, org, { limit: 10 });
      expect(delivery).toMatchObject({ status: "sent", attempts: 1, channel: "webhook", kind: "reminder" });
      expect(delivery!.lastError).toBeNull();
    } finally {
      hook.server.close();
    }
  });

  it("retries a failing endpoint with backoff and records each attempt without secrets", async () => {
    const org = await freshOrg(store);
    let answer = 500;
    const hook = await receiver(() => answer);
    try {
      let now = new Date("2026-02-10T12:00:00Z");
      const services = { ...servicesFor(store), clock: () => now };
      await putEndpoint(store.db, {
        orgId: org,
        id: "ops",
        channel: "webhook",
        url: hook.url,
        secret: SECRET,
        kinds: [],
      });
      await notify(store.db, org, notice, "reminder:x", now);
      const notifier = new Notifier(services, { allowPrivateWebhooks: true });
      await notifier.drain();
      let [delivery] = await listDeliveries(store.db, org, { limit: 10 });
      expect(delivery).toMatchObject({
        status: "pending",
        attempts: 1,
        lastError: "the endpoint answered HTTP 500",
      });
      expect(delivery!.lastError).not.toContain("127.0.0.1");
      // Not before its backoff.
      await notifier.drain();
      expect(hook.received).toHaveLength(1);
      answer = 200;
      now = new Date(now.getTime() + backoffMs(1));
      await notifier.drain();
      [delivery] = await listDeliveries(store.db, org, { limit: 10 });
      expect(delivery).toMatchObject({ status: "sent", attempts: 2, lastError: null });
      // Both attempts stay on record, the failure with its reason.
      expect(delivery!.history.map(({ attempt, outcome, error }) => ({ attempt, outcome, error }))).toEqual([
        { attempt: 1, outcome: "retry", error: "the endpoint answered HTTP 500" },
        { attempt: 2, outcome: "sent", error: null },
      ]);
      // A delivery and its attempts are records: the database refuses to rewrite them.
      const refused = (statement: ReturnType<typeof sql>) => refusal(store, statement);
      expect(
        await refused(sql`update notification_attempts set outcome = 'sent' where org_id = ${org}`),
      ).toMatch(/append-only/);
      expect(await refused(sql`delete from notification_deliveries where org_id = ${org}`)).toMatch(
        /append-only/,
      );
      expect(hook.received.map((r) => r.verified)).toEqual([true, true]);
    } finally {
      hook.server.close();
    }
  });

  it("posts a Block Kit message to a Slack incoming webhook, unsigned", async () => {
    const org = await freshOrg(store);
    const hook = await receiver(() => 200, false);
    try {
      const services = servicesFor(store);
      await putEndpoint(store.db, {
        orgId: org,
        id: "slack",
        channel: "slack",
        url: hook.url,
        secret: null,
        kinds: ["reminder"],
      });
      await notify(store.db, org, notice, "reminder:slack", services.clock());
      await notify(store.db, org, { ...notice, kind: "escalation" }, "escalation:slack", services.clock());
      await new Notifier(services, { allowPrivateWebhooks: true }).drain();
      expect(hook.received).toHaveLength(1);
      expect(hook.received[0]!.headers[SIGNATURE_HEADER]).toBeUndefined();
      expect(JSON.parse(hook.received[0]!.body)).toEqual({
        text: notice.title,
        blocks: [
          { type: "header", text: { type: "plain_text", text: notice.title } },
          { type: "section", text: { type: "mrkdwn", text: notice.text } },
          { type: "context", elements: [{ type: "mrkdwn", text: "initiative `launch` · for Ada" }] },
        ],
      });
      const [delivery] = await listDeliveries(store.db, org, { limit: 5 });
      expect(delivery).toMatchObject({ channel: "slack", status: "sent", kind: "reminder" });
    } finally {
      hook.server.close();
    }
  });

  it("refuses a private address unless private webhooks are allowed", async () => {
    const org = await freshOrg(store);
    const hook = await receiver(() => 200);
    try {
      const services = servicesFor(store);
      await putEndpoint(store.db, {
        orgId: org,
        id: "ops",
        channel: "webhook",
        url: hook.url,
        secret: SECRET,
        kinds: [],
      });
      await notify(store.db, org, notice, "reminder:y", services.clock());
      await new Notifier(services).drain();
      expect(hook.received).toHaveLength(0);
      const [delivery] = await listDeliveries(store.db, org, { limit: 10 });
      expect(delivery!.lastError).toMatch(/refused/);
    } finally {
      hook.server.close();
    }
  });
});

describe("verifyWebhook", () => {
  it("refuses a wrong signature, a changed body and a stale timestamp", async () => {
    const { signWebhook } = await import("../../src/domain/webhook-signature.ts");
    const now = new Date("2026-02-10T12:00:00Z");
    const headers = signWebhook(SECRET, "{}", now);
    const input = {
      secret: SECRET,
      body: "{}",
      timestamp: headers[TIMESTAMP_HEADER],
      signature: headers[SIGNATURE_HEADER],
      now,
    };
    expect(verifyWebhook(input)).toBe(true);
    expect(verifyWebhook({ ...input, body: "{ }" })).toBe(false);
    expect(verifyWebhook({ ...input, secret: "other" })).toBe(false);
    expect(verifyWebhook({ ...input, now: new Date(now.getTime() + 301_000) })).toBe(false);
    expect(verifyWebhook({ ...input, signature: undefined })).toBe(false);
  });
});
