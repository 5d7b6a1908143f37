// Text the store cannot keep (a NUL character, an unpaired surrogate) is refused at the door with a 422 naming
// the field, in any body, key, path or query — never a 500, never stored altered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.ts";
import { backends, freshOrg } from "../support/databases.ts";
import { smallDocument } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

describe.each(backends())("unstorable text on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let admin: string;
  const report = {
    subject: "campaign",
    by: "mia",
    health: "on_track",
    date: "2026-02-09",
    greener_reason: "The vendor confirmed the fix ships on Monday",
  };

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    const org = await freshOrg(store);
    admin = await api.token(org, "admin");
    await api.seed(org, { ...smallDocument(), id: "small" });
  });
  afterAll(async () => store.close());

  const reports = async () =>
    ((await api.call("GET", "/api/v1/initiatives/small/reports", admin)).body as { items: unknown[] }).items;

  it.each([
    ["a NUL character", "p95 is 8 s\u0000; DROP"],
    ["a lone high surrogate", "p95 \uD800 is 8 s"],
    ["a lone low surrogate", "\uDC00p95 is 8 s"],
  ])("refuses %s in a field with a 422 naming it, and stores nothing", async (_, note) => {
    const before = (await reports()).length;
    const res = await api.call("POST", "/api/v1/initiatives/small/reports", admin, { ...report, note });
    expect(res.status).toBe(422);
    expect(res.contentType).toContain("application/problem+json");
    expect(res.body).toMatchObject({ status: 422, errors: [{ field: "note" }] });
    expect((await reports()).length).toBe(before);
  });

  it("refuses such text in a key, in a list, in the path and in the query", async () => {
    const inKey = await api.call("POST", "/api/v1/initiatives/small/reports", admin, {
      ...report,
      note: "fine",
      "x\u0000": 1,
    });
    expect(inKey.status).toBe(422);
    expect(inKey.body).toMatchObject({
      errors: [{ field: "(body)", message: expect.stringContaining("key") }],
    });
    const inList = await api.call("POST", "/api/v1/initiatives/small/reports", admin, {
      ...report,
      cites: ["report-1", "\uD83D"],
    });
    expect(inList.body).toMatchObject({ status: 422, errors: [{ field: "cites.1" }] });
    expect((await api.call("GET", "/api/v1/initiatives/sm%00all", admin)).status).toBe(422);
    expect((await api.call("GET", "/api/v1/initiatives?cursor=a%00b", admin)).status).toBe(422);
  });

  it("still accepts emoji and other well-formed text", async () => {
    const res = await api.call("POST", "/api/v1/initiatives/small/reports", admin, {
      ...report,
      note: "Launch 🚀 — ünïcødé",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ note: "Launch 🚀 — ünïcødé" });
  });
});
