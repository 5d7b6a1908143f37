// The audit log against someone who has the database but not the audit key: each of the seven tamperings
// (modify, delete, insert, reorder, remove the tail, remove everything, recompute the chain) is done the way
// such a person would — with the append-only guard switched off, as a superuser can — and verification,
// over the API and against an exported checkpoint, names it. The guard itself holds in replica mode.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENESIS_HASH, hashEvent, type AuditEvent } from "../../src/domain/audit.ts";
import { listAudit } from "../../src/store/audit-repository.ts";
import type { Database, Store } from "../../src/store/open-store.ts";
import * as t from "../../src/store/schema.ts";
import { backends, freshOrg } from "../support/databases.ts";
import { apiClient } from "../support/http.ts";

type Verdict = { ok: boolean; events: number; first_problem: { seq: number; problem: string } | null };

/** Re-chains events as an attacker would: hashes recomputed, signatures copied along (they cannot make new ones). */
function recompute(events: readonly AuditEvent[]): AuditEvent[] {
  let prev = GENESIS_HASH;
  return events.map((e, i) => {
    const unsigned = { ...e, seq: i + 1, prevHash: prev };
    const hash = hashEvent(unsigned);
    prev = hash;
    return { ...unsigned, hash };
  });
}

describe.each(backends())("the audit log under tampering on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
  });
  afterAll(async () => store.close());

  /** An org with six audited actions, an admin token and the verdict routes. */
  async function auditedOrg() {
    const org = await freshOrg(store, "audit");
    const admin = await api.token(org, "admin");
    for (let i = 0; i < 5; i++) await api.token(org, "member");
    const verify = async (body?: unknown) =>
      (await api.call(body ? "POST" : "GET", "/api/v1/audit/verify", admin, body)).body as Verdict;
    return { org, admin, verify };
  }

  /** Replaces an org's events (and, if asked, its head) with the guard off, in one transaction. */
  async function rewrite(
    org: string,
    change: (events: AuditEvent[]) => AuditEvent[],
    options = { head: true },
  ) {
    const events = change(await listAudit(store.db, org));
    await store.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await db.execute(sql`delete from audit_events where org_id = ${org}`);
      if (events.length) await db.insert(t.auditEvents).values(events.map((e) => ({ orgId: org, ...e })));
      if (!options.head) await db.execute(sql`delete from audit_heads where org_id = ${org}`);
      await db.execute(sql`alter table audit_events enable always trigger audit_events_append_only`);
    });
  }

  it("verifies an untouched log: six events, each signed", async () => {
    const { verify } = await auditedOrg();
    expect(await verify()).toMatchObject({ ok: true, events: 6, unsigned: 0, first_problem: null });
  });

  it.each([
    {
      tampering: "modify an event",
      change: (e: AuditEvent[]) => e.map((x) => (x.seq === 3 ? { ...x, actor: "person:mallory" } : x)),
      found: { seq: 3, problem: "modified" },
    },
    {
      tampering: "delete an event",
      change: (e: AuditEvent[]) => e.filter((x) => x.seq !== 3),
      found: { seq: 3, problem: "missing" },
    },
    {
      tampering: "insert an event and renumber the rest",
      change: (e: AuditEvent[]) => [
        ...e.slice(0, 2),
        ...recompute([
          ...e.slice(0, 2),
          { ...e[2]!, actor: "person:mallory", mac: null },
          ...e.slice(2),
        ]).slice(2),
      ],
      found: { seq: 3, problem: "inserted" },
    },
    {
      tampering: "swap two events",
      change: (e: AuditEvent[]) => [e[0]!, e[2]!, e[1]!, ...e.slice(3)].map((x, i) => ({ ...x, seq: i + 1 })),
      found: { seq: 2, problem: "out-of-order" },
    },
    {
      tampering: "remove the last two events",
      change: (e: AuditEvent[]) => e.slice(0, -2),
      found: { seq: 5, problem: "truncated" },
    },
    {
      tampering: "remove every event",
      change: () => [],
      found: { problem: "emptied" },
    },
    {
      tampering: "change an event and recompute every hash",
      change: (e: AuditEvent[]) => recompute(e.map((x) => (x.seq === 2 ? { ...x, action: "nothing" } : x))),
      found: { seq: 2, problem: "recomputed" },
    },
  ])(
    "names it when someone with the database but not the key does this: $tampering",
    async ({ change, found }) => {
      const { org, verify } = await auditedOrg();
      await rewrite(org, change);
      expect((await verify()).first_problem).toMatchObject(found);
    },
  );

  it("catches a tail removed together with the head only against an exported checkpoint", async () => {
    const { org, admin, verify } = await auditedOrg();
    const taken = await api.call("POST", "/api/v1/audit/checkpoints", admin);
    expect(taken.status).toBe(201);
    const checkpoint = taken.body as { org: string; seq: number; hash: string; mac: string };
    expect(checkpoint).toMatchObject({ org, seq: 6 });
    expect(await verify({ against: checkpoint })).toMatchObject({ ok: true });

    // Everything removed, the head with it: the database alone no longer knows there was a log.
    await rewrite(org, () => [], { head: false });
    expect(await verify()).toMatchObject({ ok: true, events: 0 });
    expect((await verify({ against: checkpoint })).first_problem).toMatchObject({ problem: "emptied" });

    const forged = { ...checkpoint, seq: 2 };
    expect((await verify({ against: forged })).first_problem).toMatchObject({ problem: "recomputed" });
  });

  it("refuses a checkpoint of a log that does not verify, and a checkpoint that is not one", async () => {
    const { org, admin } = await auditedOrg();
    await rewrite(org, (e) => e.map((x) => (x.seq === 4 ? { ...x, outcome: "refused" } : x)));
    const refused = await api.call("POST", "/api/v1/audit/checkpoints", admin);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toMatch(/does not verify/);
    const bad = await api.call("POST", "/api/v1/audit/verify", admin, { against: { org, seq: 0 } });
    expect(bad.status).toBe(422);
  });

  it("lets only an admin verify or take a checkpoint", async () => {
    const { org } = await auditedOrg();
    const member = await api.token(org, "member");
    expect((await api.call("POST", "/api/v1/audit/checkpoints", member)).status).toBe(403);
    expect((await api.call("GET", "/api/v1/audit/verify", member)).status).toBe(403);
  });

  it("keeps the append-only guard on in replica mode, which skips ordinary triggers", async () => {
    const { org, verify } = await auditedOrg();
    const attempt = (statement: ReturnType<typeof sql>) =>
      store.db
        .transaction(async (tx) => {
          const db = tx as unknown as Database;
          await db.execute(sql`set local session_replication_role = replica`);
          await db.execute(statement);
        })
        .then(
          () => "allowed",
          (error: unknown) => String((error as { cause?: Error }).cause?.message ?? error),
        );
    expect(await attempt(sql`update audit_events set actor = 'mallory' where org_id = ${org}`)).toMatch(
      /append-only: UPDATE/,
    );
    expect(await attempt(sql`delete from audit_events where org_id = ${org}`)).toMatch(/append-only: DELETE/);
    // Every record table's guard is set to fire always ('A'), not only in origin mode ('O').
    const { rows } = (await store.db.execute(
      sql`select tgname as name, tgenabled::text as enabled from pg_trigger where tgname like '%_append_only' or tgname like '%_no_truncate'`,
    )) as unknown as { rows: Array<{ name: string; enabled: string }> };
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.filter((r) => r.enabled !== "A")).toEqual([]);
    expect(await verify()).toMatchObject({ ok: true, events: 6 });
  });
});
