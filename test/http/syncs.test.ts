// The sync history over HTTP: what each sync took in and what it could not, latest first, readable by any
// member of the org and by no one outside it.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Store } from "../../src/store/open-store.ts";
import { insertSync } from "../../src/store/sync-repository.ts";
import { backends, freshOrg, refusal } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const INITIATIVE = "orbit-self-serve-launch";
const path = `/api/v1/initiatives/${INITIATIVE}/syncs`;

describe.each(backends())("the sync history on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org = "";

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    await api.seed(org, parse(orbitText()));
    const scope = { orgId: org, initiativeId: INITIATIVE };
    await insertSync(store.db, scope, {
      source: "jira",
      syncedAt: new Date("2026-02-09T08:00:00Z"),
      cursor: new Date("2026-02-09T07:55:00Z"),
      received: 9,
      created: ["ORB_1", "ORB_2"],
      updated: [],
      removed: [],
      failures: [],
      version: 3,
    });
    await insertSync(store.db, scope, {
      source: "jira",
      syncedAt: new Date("2026-02-10T08:00:00Z"),
      cursor: new Date("2026-02-10T07:40:00Z"),
      received: 2,
      created: [],
      updated: ["ORB_1"],
      removed: ["ORB_2"],
      failures: [{ ref: "OPS-4", reason: "project OPS maps to no team: add it to sources.jira.teams" }],
      version: 4,
    });
  });
  afterAll(() => store.close());

  it("lists each sync, latest first, with what came in and what failed and why", async () => {
    const res = await api.call("GET", path, await api.token(org, "viewer"));
    expect(res.status).toBe(200);
    const { items } = res.body as { items: Array<Record<string, unknown>> };
    expect(items.map((s) => s.synced_at)).toEqual(["2026-02-10T08:00:00.000Z", "2026-02-09T08:00:00.000Z"]);
    expect(items[0]).toMatchObject({
      source: "jira",
      received: 2,
      updated: ["ORB_1"],
      removed: ["ORB_2"],
      failures: [{ ref: "OPS-4", reason: "project OPS maps to no team: add it to sources.jira.teams" }],
      cursor: "2026-02-10T07:40:00.000Z",
      version: 4,
    });
    const one = (await api.call("GET", `${path}?limit=1`, await api.token(org, "member"))).body as {
      items: unknown[];
    };
    expect(one.items).toHaveLength(1);
  });

  it("keeps the history as a record: the database refuses to change or remove a sync", async () => {
    const refused = (statement: ReturnType<typeof sql>) => refusal(store, statement);
    expect(await refused(sql`update source_syncs set received = 0 where org_id = ${org}`)).toMatch(
      /append-only/,
    );
    expect(await refused(sql`delete from source_syncs where org_id = ${org}`)).toMatch(/append-only/);
  });

  it("answers 404 to another org, and 422 to a limit out of range", async () => {
    const other = await freshOrg(store);
    expect((await api.call("GET", path, await api.token(other, "admin"))).status).toBe(404);
    expect((await api.call("GET", `${path}?limit=0`, await api.token(org, "admin"))).status).toBe(422);
  });
});
