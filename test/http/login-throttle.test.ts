// The attack: password guessing at /auth/login. After ten failures the account is locked — the right password
// included — with 429 and Retry-After; an address that sprays many accounts is locked too; the log names no one.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/server/create-app.ts";
import { LoginThrottle } from "../../src/server/login-throttle.ts";
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

  const signIn = (app: ReturnType<typeof createApp>, as: string, password: string) =>
    app.request("/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: as, password }),
    });

  it("locks the account after ten wrong passwords, and refuses the right one while locked", async () => {
    const logs: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void logs.push(args.join(" ")));
    const app = createApp(servicesFor(store));
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
    const throttle = new LoginThrottle({
      address: { failures: 5, windowSeconds: 600 },
      log: () => undefined,
    });
    const app = createApp(servicesFor(store), { loginThrottle: throttle });
    for (let i = 0; i < 5; i++)
      expect((await signIn(app, `nobody-${i}@${org}.example`, "x")).status).toBe(401);
    expect((await signIn(app, email, PASSWORD)).status).toBe(429);
  });

  it("still signs in with the right password when not locked", async () => {
    const app = createApp(servicesFor(store));
    expect((await signIn(app, email, "wrong")).status).toBe(401);
    expect((await signIn(app, email, PASSWORD)).status).toBe(200);
  });
});
