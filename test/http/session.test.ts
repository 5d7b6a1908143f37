import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EventHub } from "../../src/events/event-hub.ts";
import { createApp } from "../../src/server/create-app.ts";
import type { Store } from "../../src/store/open-store.ts";
import { findUser } from "../../src/store/account-repository.ts";
import { createAccount } from "../../src/use-cases/accounts.ts";
import { backends, freshOrg, servicesFor, TEST_PASSWORD_COST } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const PASSWORD = "correct horse battery";

/** Reads a server-sent event stream until `until` matches what arrived, or the time runs out. */
async function readStream(response: Response, until: (text: string) => boolean, ms = 3000): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  while (!until(text) && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
    ]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value);
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

describe.each(backends())("browser sessions and the live stream on $name", (backend) => {
  let store: Store;
  let hub: EventHub;
  let app: ReturnType<typeof createApp>;
  let org: string;
  let admin: string;

  beforeAll(async () => {
    store = await backend.open();
    hub = new EventHub(store);
    await hub.start();
    app = createApp(servicesFor(store), { hub });
    const api = apiClient(store);
    org = await freshOrg(store);
    admin = await api.token(org, "admin");
    await api.seed(org, parse(orbitText()));
    await createAccount(
      servicesFor(store),
      { orgId: org, personId: "pat", email: `pat@${org}.example`, password: PASSWORD, role: "lead" },
      { passwordCost: TEST_PASSWORD_COST },
    );
  });
  afterAll(async () => {
    await hub.close();
    await store.close();
  });

  async function signIn(password = PASSWORD) {
    const res = await app.request("/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `pat@${org}.example`, password }),
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    return {
      res,
      cookie: cookie.split(";")[0]!,
      setCookie: cookie,
      body: (await res.json()) as { csrf_token: string; user: Record<string, string> },
    };
  }

  it("signs in with a hashed password and sets a secure-by-default session cookie", async () => {
    expect((await signIn("wrong password")).res.status).toBe(401);
    const { res, setCookie, body } = await signIn();
    expect(res.status).toBe(200);
    expect(body.user).toEqual({ person: "pat", name: "Pat Okafor", org, role: "lead" });
    // What the role allows, by the server's policy: the app asks rather than deciding.
    expect((body as unknown as { can: unknown }).can).toEqual({
      read: true,
      contribute: true,
      plan: true,
      administer: false,
    });
    expect(setCookie).toMatch(/plumb_session=pls_/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const stored = await store.db.execute(
      `select password_hash from users where person_id = 'pat' and org_id = '${org}'` as never,
    );
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
  });

  it("makes a hash of a lower cost again at OWASP's on the next successful sign-in", async () => {
    const hashOf = async () =>
      (await findUser(store.db, org, "pat"))!.passwordHash.split("$").slice(0, 4).join("$");
    await createAccount(
      servicesFor(store),
      { orgId: org, personId: "pat", email: `pat@${org}.example`, password: PASSWORD, role: "lead" },
      { passwordCost: { N: 2 ** 15, r: 8, p: 1 } },
    );
    expect(await hashOf()).toBe("scrypt$32768$8$1");
    expect((await signIn("wrong password")).res.status).toBe(401);
    expect(await hashOf()).toBe("scrypt$32768$8$1");
    expect((await signIn()).res.status).toBe(200);
    expect(await hashOf()).toBe("scrypt$131072$8$1");
    expect((await signIn()).res.status).toBe(200);
  });

  it("accepts the cookie for reads, and for changes only with the session's CSRF token", async () => {
    const { cookie, body } = await signIn();
    expect((await app.request("/api/v1/initiatives", { headers: { cookie } })).status).toBe(200);
    const report = JSON.stringify({ subject: "release", date: "2026-02-09", health: "off_track" });
    const post = (headers: Record<string, string>) =>
      app.request("/api/v1/initiatives/orbit-self-serve-launch/reports", {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: report,
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ "x-csrf-token": "forged" })).status).toBe(403);
    const ok = await post({ "x-csrf-token": body.csrf_token });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ by: "pat" });
  });

  it("revokes sessions on sign-out, and all of a person's sessions at an admin's request", async () => {
    const first = await signIn();
    const out = await app.request("/auth/logout", {
      method: "POST",
      headers: { cookie: first.cookie, "x-csrf-token": first.body.csrf_token },
    });
    expect(out.status).toBe(200);
    expect((await app.request("/auth/me", { headers: { cookie: first.cookie } })).status).toBe(401);
    const second = await signIn();
    const revoked = await app.request("/api/v1/people/pat/sessions", {
      method: "DELETE",
      headers: { authorization: `Bearer ${admin}` },
    });
    // Every live session of Pat's goes, this one and those of the tests before.
    expect(((await revoked.json()) as { revoked: number }).revoked).toBeGreaterThanOrEqual(1);
    expect((await app.request("/api/v1/initiatives", { headers: { cookie: second.cookie } })).status).toBe(
      401,
    );
  });

  it("streams changes as they happen, and resumes after Last-Event-ID", async () => {
    const stream = await app.request("/api/v1/events", { headers: { authorization: `Bearer ${admin}` } });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const reading = readStream(stream, (t) => t.includes("event: initiative.changed"));
    await new Promise((r) => setTimeout(r, 100));
    const changed = await app.request("/api/v1/initiatives/orbit-self-serve-launch/links/link-1", {
      method: "PATCH",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({ owner: "omar" }),
    });
    expect(changed.status).toBe(200);
    const text = await reading;
    expect(text).toContain("event: initiative.changed");
    expect(text).toContain('"initiative":"orbit-self-serve-launch"');
    // The ids of the change events (the first, `ready`, carries the id to resume from).
    const ids = text
      .split("\n\n")
      .filter((block) => /^event: (?!ready)/m.test(block))
      .map((block) => Number(/^id: (\d+)$/m.exec(block)?.[1]));
    expect(ids.length).toBeGreaterThan(0);
    // Reconnecting from before the change replays it; from after, nothing old comes back.
    const replay = await app.request("/api/v1/events", {
      headers: { authorization: `Bearer ${admin}`, "last-event-id": String(ids[0]! - 1) },
    });
    expect(await readStream(replay, (t) => t.includes(`id: ${ids[0]}`), 1500)).toContain(`id: ${ids[0]}`);
    const fresh = await app.request("/api/v1/events", {
      headers: { authorization: `Bearer ${admin}`, "last-event-id": String(Math.max(...ids)) },
    });
    expect(await readStream(fresh, () => false, 500)).not.toMatch(/^event: (?!ready)/m);
  });

  it("refuses the stream without a caller", async () => {
    expect((await app.request("/api/v1/events")).status).toBe(401);
  });
});

describe.each(backends().filter((b) => b.name === "postgres"))(
  "several server processes on one $name",
  (backend) => {
    it("fans an event out through LISTEN/NOTIFY to a stream held by another server", async () => {
      const [storeA, storeB] = [await backend.open(), await backend.open()];
      const [hubA, hubB] = [new EventHub(storeA), new EventHub(storeB)];
      await Promise.all([hubA.start(), hubB.start()]);
      try {
        const appA = createApp(servicesFor(storeA), { hub: hubA });
        const appB = createApp(servicesFor(storeB), { hub: hubB });
        const api = apiClient(storeA);
        const org = await freshOrg(storeA);
        const admin = await api.token(org, "admin");
        await api.seed(org, parse(orbitText()));
        const stream = await appB.request("/api/v1/events", {
          headers: { authorization: `Bearer ${admin}` },
        });
        const reading = readStream(
          stream,
          (t) => t.includes("event: gate.changed") || t.includes("event: initiative.changed"),
        );
        await new Promise((r) => setTimeout(r, 100));
        await appA.request("/api/v1/initiatives/orbit-self-serve-launch/links/link-1", {
          method: "PATCH",
          headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
          body: JSON.stringify({ owner: "omar" }),
        });
        expect(await reading).toContain("event: initiative.changed");
      } finally {
        await Promise.all([hubA.close(), hubB.close()]);
        await Promise.all([storeA.close(), storeB.close()]);
      }
    });
  },
);
