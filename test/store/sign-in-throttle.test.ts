// The sign-in throttle's rule, over its counters in the database.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Store } from "../../src/store/open-store.ts";
import { LoginThrottle } from "../../src/use-cases/sign-in-throttle.ts";
import { backends, servicesFor } from "../support/databases.ts";

describe.each(backends())("LoginThrottle on $name", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => store.close());
  afterEach(() => vi.useRealTimers());
  // Each test its own counters: a throttle keyed by a fresh audit key.
  const fresh = (options: ConstructorParameters<typeof LoginThrottle>[1]) =>
    new LoginThrottle(
      { ...servicesFor(store), auditKey: crypto.getRandomValues(new Uint8Array(32)) },
      options,
    );

  it("locks an account after its failures, for twice as long each time it is locked again", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    const logs: string[] = [];
    const throttle = fresh({
      account: { failures: 3, windowSeconds: 600 },
      log: (line) => logs.push(line),
    });
    for (let i = 0; i < 3; i++) {
      expect(await throttle.retryAfter("Pat@Example.com", "10.0.0.1")).toBe(0);
      await throttle.failed("pat@example.com", `10.0.0.${i}`);
    }
    // The account is locked whatever the address and however the e-mail is written.
    expect(await throttle.retryAfter("PAT@example.com ", "10.9.9.9")).toBe(60);
    vi.advanceTimersByTime(61_000);
    expect(await throttle.retryAfter("pat@example.com", "10.0.0.1")).toBe(0);
    for (let i = 0; i < 3; i++) await throttle.failed("pat@example.com", "10.0.0.1");
    expect(await throttle.retryAfter("pat@example.com", "10.0.0.1")).toBe(120);
    expect(logs).toHaveLength(2);
    expect(logs.join("\n")).not.toMatch(/pat|example|10\.0\.0/i);
  });

  it("locks an address that tries many accounts, and forgets an account's failures on success", async () => {
    const throttle = fresh({
      account: { failures: 3, windowSeconds: 600 },
      address: { failures: 4, windowSeconds: 600 },
      log: () => undefined,
    });
    await throttle.failed("a@example.com", "10.0.0.1");
    await throttle.failed("a@example.com", "10.0.0.1");
    await throttle.succeeded("a@example.com");
    await throttle.failed("a@example.com", "10.0.0.1");
    expect(await throttle.retryAfter("a@example.com", "10.0.0.2")).toBe(0);
    await throttle.failed("b@example.com", "10.0.0.1");
    expect(await throttle.retryAfter("c@example.com", "10.0.0.1")).toBeGreaterThan(0);
    expect(await throttle.retryAfter("c@example.com", "10.0.0.2")).toBe(0);
  });
});
