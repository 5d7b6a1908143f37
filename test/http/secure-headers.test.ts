// Every answer carries the security headers — the web app's page, the API's JSON and its problems alike — and
// the policy lets in only what the server serves (the docs page's inline style by its nonce).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/create-app.ts";
import type { Store } from "../../src/store/open-store.ts";
import { backends, servicesFor } from "../support/databases.ts";

describe.each(backends())("security headers on $name", (backend) => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  const webRoot = mkdtempSync(join(tmpdir(), "plumb-web-"));

  beforeAll(async () => {
    store = await backend.open();
    writeFileSync(join(webRoot, "index.html"), "<!doctype html><title>Plumbline</title><div id=root></div>");
    app = createApp(servicesFor(store), { webRoot });
  });
  afterAll(async () => {
    await store.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  function policy(res: Response): Map<string, string> {
    const header = res.headers.get("content-security-policy") ?? "";
    return new Map(
      header
        .split(";")
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => [d.split(" ")[0]!, d.slice(d.indexOf(" ") + 1)]),
    );
  }

  function expectSecure(res: Response) {
    const csp = policy(res);
    expect(csp.get("default-src")).toBe("'self'");
    expect(csp.get("script-src")).toBe("'self'");
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  }

  it("on the web app's page and its client routes", async () => {
    for (const path of ["/", "/initiatives/orbit", "/p/some-share-secret"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expectSecure(res);
      expect(policy(res).get("style-src")).not.toContain("unsafe-inline");
    }
  });

  it("on API answers and problems", async () => {
    for (const [path, status] of [
      ["/health", 200],
      ["/openapi.json", 200],
      ["/api/v1/initiatives", 401],
      ["/assets/missing.js", 404],
      ["/api/v1/no-such-route", 401],
    ] as const) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      expectSecure(res);
    }
    const tooLarge = await app.request("/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(1 << 20) },
      body: "{}",
    });
    expect(tooLarge.status).toBe(413);
    expectSecure(tooLarge);
  });

  it("lets the docs page's inline style in by a fresh nonce, and nothing else inline", async () => {
    const first = await app.request("/docs");
    const second = await app.request("/docs");
    expectSecure(first);
    const nonce = /'nonce-([^']+)'/.exec(policy(first).get("style-src") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(await first.text()).toContain(`<style nonce="${nonce}">`);
    expect(policy(second).get("style-src")).not.toContain(nonce);
  });
});
