// Request bodies have a limit, far lower on the routes open without an account: an oversized body is refused
// with 413 before anything reads or writes it, whether or not it declares its length.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/create-app.ts";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { smallDocument } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

describe.each(backends())("request body limits on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let lead: string;
  let share = "";
  let participation = "";

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    await api.seed(org, { ...smallDocument(), id: "small" });
    lead = (
      await createToken(servicesFor(store), {
        orgId: org,
        name: "d",
        role: "lead",
        expiresInDays: 1,
        personId: "dana",
      })
    ).secret;
    const opened = await api.call("POST", "/api/v1/initiatives/small/premortems", lead, {
      title: "It failed",
    });
    share = (opened.body as { share_path: string }).share_path;
    participation = ((await api.call("POST", `${share}/join`, null)).body as { participation_token: string })
      .participation_token;
  });
  afterAll(async () => store.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}, app = api.app) =>
    app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${lead}`, ...headers },
      body,
    });
  const items = async () => ((await api.call("GET", share, null)).body as { items: unknown[] }).items.length;
  const reports = async () =>
    ((await api.call("GET", "/api/v1/initiatives/small/reports", lead)).body as { items: unknown[] }).items
      .length;
  const risk = (padding: number) =>
    JSON.stringify({
      risk: "Support is swamped",
      likelihood: "high",
      impact: "high",
      pad: "x".repeat(padding),
    });

  it("refuses a share-link body over 16 KiB with a 413 problem, and stores nothing", async () => {
    const before = await items();
    const res = await post(`${share}/items`, risk(20 * 1024), { "x-participation-token": participation });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 413, title: "Content too large" });
    expect(await items()).toBe(before);
  });

  it("refuses by the declared length before reading the body", async () => {
    const res = await post(`${share}/items`, risk(10), {
      "x-participation-token": participation,
      "content-length": String(64 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
  });

  it("refuses sign-in bodies over 16 KiB", async () => {
    const res = await api.app.request("/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ org, email: "dana@example.com", password: "p".repeat(32 * 1024) }),
    });
    expect(res.status).toBe(413);
  });

  it("refuses an API body over the default 1 MiB, and takes one below it", async () => {
    const before = await reports();
    const report = {
      subject: "campaign",
      by: "dana",
      health: "on_track",
      date: "2026-02-09",
      greener_reason: "The vendor confirmed the fix ships on Monday",
    };
    const huge = await post(
      "/api/v1/initiatives/small/reports",
      JSON.stringify({ ...report, note: "x".repeat(2 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);
    expect(await reports()).toBe(before);
    const fine = await post("/api/v1/initiatives/small/reports", JSON.stringify({ ...report, note: "fine" }));
    expect(fine.status).toBe(201);
  });

  it("takes the API's limit from its options", async () => {
    const app = createApp(servicesFor(store), { maxBodyBytes: 4096 });
    const report = {
      subject: "campaign",
      by: "dana",
      health: "on_track",
      date: "2026-02-09",
      greener_reason: "The vendor confirmed the fix ships on Monday",
    };
    const res = await post(
      "/api/v1/initiatives/small/reports",
      JSON.stringify({
        ...report,
        note: "x".repeat(1500),
        cites: Array.from({ length: 300 }, () => "report-1"),
      }),
      {},
      app,
    );
    expect(res.status).toBe(413);
  });

  it("documents 422 on every route and 413 on every route that takes a body", async () => {
    const doc = (await api.call("GET", "/openapi.json", null)).body as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(20);
    for (const op of operations) {
      expect(op.responses).toHaveProperty("422");
      if (op.requestBody) expect(op.responses).toHaveProperty("413");
    }
    expect(doc.paths["/share/premortems/{secret}/items"]!.post!.responses).toHaveProperty("413");
  });
});
