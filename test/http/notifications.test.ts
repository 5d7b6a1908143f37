// Notification endpoints and deliveries over HTTP on every real database: admins only, webhook URLs checked
// against SSRF, and what the notifier delivered listed with its status.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from "../../src/domain/webhook-signature.ts";
import type { Store } from "../../src/store/open-store.ts";
import { notify, Notifier } from "../../src/use-cases/notifications/notifier.ts";
import { listDeliveries, listFollowers } from "../../src/store/notification-repository.ts";
import * as t from "../../src/store/schema.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { backends, freshOrg } from "../support/databases.ts";
import { apiClient } from "../support/http.ts";
import { orbitText } from "../support/files.ts";
import { parse } from "yaml";

const SECRET = "a-secret-of-sixteen-or-more";

describe.each(backends())("notifications over HTTP on $name", (backend) => {
  let store: Store;
  let server: Server;
  let url: string;
  const received: Array<{ verified: boolean; body: string }> = [];
  beforeAll(async () => {
    store = await backend.open();
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        const verified = verifyWebhook({
          secret: SECRET,
          body,
          timestamp: request.headers[TIMESTAMP_HEADER] as string,
          signature: request.headers[SIGNATURE_HEADER] as string,
          now: new Date(Number(request.headers[TIMESTAMP_HEADER]) * 1000),
        });
        received.push({ verified, body });
        response.writeHead(verified ? 204 : 401).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/plumbline`;
  });
  afterAll(async () => {
    server.close();
    await store.close();
  });

  it("lets only admins set endpoints, and refuses loopback URLs unless private webhooks are allowed", async () => {
    const strict = apiClient(store);
    const org = await freshOrg(store);
    const admin = await strict.token(org, "admin");
    const lead = await strict.token(org, "lead");
    const body = { channel: "webhook", url, secret: SECRET };
    expect((await strict.call("PUT", "/api/v1/notifications/endpoints/ops", lead, body)).status).toBe(403);
    const refused = await strict.call("PUT", "/api/v1/notifications/endpoints/ops", admin, body);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toMatch(/private, loopback/);
    for (const internal of [
      "http://169.254.169.254/latest",
      "http://[::1]:80/",
      "http://10.0.0.1/",
      "ftp://x.example/",
    ]) {
      const r = await strict.call("PUT", "/api/v1/notifications/endpoints/ops", admin, {
        ...body,
        url: internal,
      });
      expect(r.status, internal).toBe(422);
    }
    const noSecret = await strict.call("PUT", "/api/v1/notifications/endpoints/ops", admin, {
      channel: "webhook",
      url: "http://93.184.215.14/hook",
    });
    expect(noSecret.status).toBe(422);
    expect((await strict.call("GET", "/api/v1/notifications/deliveries", lead)).status).toBe(403);
  });

  it("delivers to an endpoint an admin set, and lists the delivery for admins", async () => {
    const api = apiClient(store, { app: { allowPrivateWebhooks: true } });
    const org = await freshOrg(store);
    const admin = await api.token(org, "admin");
    const put = await api.call("PUT", "/api/v1/notifications/endpoints/ops", admin, {
      channel: "webhook",
      url,
      secret: SECRET,
      kinds: ["reminder"],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toEqual({ id: "ops", channel: "webhook", url, has_secret: true, kinds: ["reminder"] });
    const listed = await api.call("GET", "/api/v1/notifications/endpoints", admin);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    const notice = {
      kind: "reminder",
      title: "Due",
      text: "A report is due",
      initiativeId: null,
      subject: null,
      to: null,
    };
    await notify(store.db, org, notice, "k1", api.services.clock());
    await notify(store.db, org, { ...notice, kind: "escalation" }, "k2", api.services.clock());
    const before = received.length;
    await new Notifier(api.services, { allowPrivateWebhooks: true }).drain();
    expect(received.slice(before).map((r) => r.verified)).toEqual([true]);
    const deliveries = await api.call("GET", "/api/v1/notifications/deliveries?limit=1", admin);
    expect(deliveries.status).toBe(200);
    const page = deliveries.body as { items: Array<Record<string, unknown>>; next_cursor: string | null };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ kind: "reminder", status: "sent", attempts: 1, recipient: "ops" });
    expect(page.next_cursor).toBeNull();
  });

  it("lets each person choose what they get, and e-mails only what they chose", async () => {
    const api = apiClient(store);
    const org = await freshOrg(store);
    await store.db.insert(t.people).values({ orgId: org, id: "pat", name: "Pat", email: "pat@example.com" });
    const pat = (
      await createToken(api.services, {
        orgId: org,
        name: "pat",
        role: "viewer",
        expiresInDays: 1,
        personId: "pat",
      })
    ).secret;
    const automation = await api.token(org, "member");
    const initial = await api.call("GET", "/api/v1/me/notifications", pat);
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      preferences: [
        { kind: "reminder", channel: "email", enabled: true },
        { kind: "escalation", channel: "email", enabled: true },
        { kind: "digest", channel: "email", enabled: true },
      ],
    });
    expect((await api.call("GET", "/api/v1/me/notifications", automation)).status).toBe(422);
    const put = await api.call("PUT", "/api/v1/me/notifications", pat, {
      preferences: [{ kind: "reminder", channel: "email", enabled: false }],
    });
    expect(put.status).toBe(200);
    expect((put.body as { preferences: unknown[] }).preferences).toContainEqual({
      kind: "reminder",
      channel: "email",
      enabled: false,
    });
    const bad = await api.call("PUT", "/api/v1/me/notifications", pat, {
      preferences: [{ kind: "gossip", channel: "email", enabled: true }],
    });
    expect(bad.status).toBe(422);
    const notice = {
      title: "t",
      text: "x",
      initiativeId: null,
      subject: null,
      to: { id: "pat", name: "Pat" },
    };
    const now = api.services.clock();
    expect(await notify(store.db, org, { ...notice, kind: "reminder" }, "a", now, { email: true })).toBe(0);
    expect(await notify(store.db, org, { ...notice, kind: "escalation" }, "b", now, { email: true })).toBe(1);
    const deliveries = await listDeliveries(store.db, org, { limit: 5 });
    expect(deliveries.map((d) => [d.channel, d.kind])).toEqual([["email", "escalation"]]);
  });

  it("lets a person follow and stop following an initiative of their org only", async () => {
    const api = apiClient(store);
    const org = await freshOrg(store);
    await api.seed(org, parse(orbitText()));
    const mia = (
      await createToken(api.services, {
        orgId: org,
        name: "mia",
        role: "viewer",
        expiresInDays: 1,
        personId: "mia",
      })
    ).secret;
    const path = "/api/v1/initiatives/orbit-self-serve-launch/follow";
    const scope = { orgId: org, initiativeId: "orbit-self-serve-launch" };
    for (let i = 0; i < 2; i++) {
      const followed = await api.call("POST", path, mia);
      expect(followed.status).toBe(200);
      expect(followed.body).toEqual({ initiative: scope.initiativeId, person: "mia", following: true });
    }
    expect(await listFollowers(store.db, scope)).toEqual(["mia"]);
    expect((await api.call("DELETE", path, mia)).body).toMatchObject({ following: false });
    expect(await listFollowers(store.db, scope)).toEqual([]);
    expect((await api.call("POST", "/api/v1/initiatives/nope/follow", mia)).status).toBe(404);
    expect((await api.call("POST", path, await api.token(org, "member"))).status).toBe(422);
  });
});
