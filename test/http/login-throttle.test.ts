// The attack: password guessing at /auth/login. After ten failures the account is locked — the right password
// included — with 429 and Retry-After; an address that sprays many accounts is locked too; the log names no one.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/server/create-app.ts";
import { LoginThrottle } from "../../src/use-cases/sign-in-throttle.ts";
import type { Store } from "../../src/store/open-store.ts";
import { createAccount } from "../../src/use-cases/accounts.ts";
import { backends, freshOrg, servicesFor, TEST_PASSWORD_COST } from "../support/databases.ts";
import { smallDocument } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const PASSWORD = "correct horse battery";

describe.each(backends())("sign-in throttling on $name", (backend) => {
  let store: Store;
  let org: string;
  let email = "";

  beforeAll(async () => {
    store = await backend.open();
    org = await freshOrg(store);
    await apiClient(store).seed(org, { ...smallDocument(), id: "small" });
    email = `mia@${org}.example`;
    await createAccount(
      servicesFor(store),
      { orgId: org, personId: "mia", email, password: PASSWORD, role: "member" },
      { passwordCost: TEST_PASSWORD_COST },
    );
  });
  afterAll(async () => store.close());
  afterEach(() => vi.restoreAllMocks());

  // Each test its own counters (keyed under the audit key): the first locks the address every test signs in from.
  const own = (key = randomBytes(32), on: Store = store) => ({ ...servicesFor(on), auditKey: key });
  const signIn = (app: ReturnType<typeof createApp>, as: string, password: string) =>
    app.request("/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: as, password }),
    });

  it("locks the account after ten wrong passwords, and refuses the right one while locked", async () => {
    const logs: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void logs.push(args.join(" ")));
    const app = createApp(own());
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await signIn(app, email, `guess-${i}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(new Set(statuses.slice(10))).toEqual(new Set([429]));

    const right = await signIn(app, email, PASSWORD);
    expect(right.status).toBe(429);
    expect(right.headers.get("set-cookie")).toBeNull();
    expect(right.headers.get("content-type")).toContain("application/problem+json");
    const wait = Number(right.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await right.json()).toMatchObject({ status: 429, title: "Too many requests" });

    expect(logs.some((line) => line.includes("sign-in locked"))).toBe(true);
    const logged = logs.join("\n");
    expect(logged).not.toContain(email);
    expect(logged).not.toContain("mia");
    expect(logged).not.toContain("guess-");
    expect(logged).not.toContain(PASSWORD);
  });

  it("locks an address that tries many accounts, whoever it tries next", async () => {
    const throttle = new LoginThrottle(own(), {
      address: { failures: 5, windowSeconds: 600 },
      log: () => undefined,
    });
    const app = createApp(servicesFor(store), { loginThrottle: throttle });
    for (let i = 0; i < 5; i++)
      expect((await signIn(app, `nobody-${i}@${org}.example`, "x")).status).toBe(401);
    expect((await signIn(app, email, PASSWORD)).status).toBe(429);
  });

  it("counts failures across servers: ten at one, and the next server refuses the right password", async () => {
    const other = await freshOrg(store);
    await apiClient(store).seed(other, { ...smallDocument(), id: "small" });
    const pat = `mia@${other}.example`;
    await createAccount(
      servicesFor(store),
      { orgId: other, personId: "mia", email: pat, password: PASSWORD, role: "member" },
      { passwordCost: TEST_PASSWORD_COST },
    );
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // A second server: its own connections where the backend has them, its own app and throttle.
    const second = backend.name === "postgres" ? await backend.open() : store;
    try {
      // Servers that share a database share its audit key.
      const key = randomBytes(32);
      const one = createApp(own(key));
      const two = createApp(own(key, second));
      for (let i = 0; i < 10; i++) expect((await signIn(one, pat, `guess-${i}`)).status).toBe(401);
      expect((await signIn(two, pat, PASSWORD)).status).toBe(429);
      // What the database keeps names neither the account nor the address.
      const rows = (await store.db.execute(sql`select key from sign_in_throttle`)) as unknown as {
        rows: Array<{ key: string }>;
      };
      expect(rows.rows.length).toBeGreaterThan(0);
      expect(rows.rows.map((r) => r.key).join("\n")).not.toMatch(new RegExp(`${other}|mia|unknown`));
    } finally {
      if (second !== store) await second.close();
    }
  });

  it("still signs in with the right password when not locked", async () => {
    const app = createApp(own());
    expect((await signIn(app, email, "wrong")).status).toBe(401);
    expect((await signIn(app, email, PASSWORD)).status).toBe(200);
  });
});
