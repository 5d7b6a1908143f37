// Appends audit events to an org's hash chain (one writer at a time per org) and reads them back.
import { and, asc, desc, eq, gt } from "drizzle-orm";
import {
  GENESIS_HASH,
  hashEvent,
  signCheckpoint,
  signEvent,
  type AuditCheckpoint,
  type AuditEvent,
  type AuditEventInput,
} from "../domain/audit.ts";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

/**
 * Appends one event, signed with the audit key, and moves the org's signed head to it; call inside the
 * transaction of the action it records, so all of it lands or none.
 */
export async function appendAudit(
  db: Database,
  key: Uint8Array,
  orgId: string,
  input: AuditEventInput,
  at: Date,
): Promise<AuditEvent> {
  const [event] = await appendAuditEvents(db, key, orgId, [input], at);
  return event!;
}

/**
 * Appends events in their order, each chained to the one before and signed, as one insert, and moves the
 * signed head once to the last: an action that records many acts (a bulk silence) takes the chain's turn once.
 */
export async function appendAuditEvents(
  db: Database,
  key: Uint8Array,
  orgId: string,
  inputs: readonly AuditEventInput[],
  at: Date,
): Promise<AuditEvent[]> {
  if (inputs.length === 0) return [];
  // Lock the org row: appends to one org's chain take turns, so seq and prevHash are never raced. NO KEY
  // UPDATE does not conflict with the KEY SHARE locks that foreign keys to orgs take, so it cannot deadlock
  // with a transaction that inserted a row referencing the org first.
  await db.select({ id: t.orgs.id }).from(t.orgs).where(eq(t.orgs.id, orgId)).for("no key update");
  const [last] = await db
    .select({ seq: t.auditEvents.seq, hash: t.auditEvents.hash })
    .from(t.auditEvents)
    .where(eq(t.auditEvents.orgId, orgId))
    .orderBy(desc(t.auditEvents.seq))
    .limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const events: AuditEvent[] = inputs.map((input) => {
    const unsigned = { ...input, seq: ++seq, at, prevHash };
    const hash = hashEvent(unsigned);
    prevHash = hash;
    return { ...unsigned, hash, mac: signEvent(key, orgId, hash) };
  });
  await db.insert(t.auditEvents).values(events.map((event) => ({ orgId, ...event })));
  const final = events.at(-1)!;
  const head = signCheckpoint(key, { org: orgId, seq: final.seq, hash: final.hash, at: at.toISOString() });
  const values = { seq: head.seq, hash: head.hash, at, mac: head.mac };
  await db
    .insert(t.auditHeads)
    .values({ orgId, ...values })
    .onConflictDoUpdate({ target: t.auditHeads.orgId, set: values });
  return events;
}

/** The org's signed head, as the last append left it; null before the first signed event. */
export async function readAuditHead(db: Database, orgId: string): Promise<AuditCheckpoint | null> {
  const [row] = await db.select().from(t.auditHeads).where(eq(t.auditHeads.orgId, orgId));
  return row ? { org: orgId, seq: row.seq, hash: row.hash, at: row.at.toISOString(), mac: row.mac } : null;
}

export async function listAudit(
  db: Database,
  orgId: string,
  page: { afterSeq?: number; limit?: number } = {},
): Promise<AuditEvent[]> {
  const query = db
    .select()
    .from(t.auditEvents)
    .where(
      and(eq(t.auditEvents.orgId, orgId), page.afterSeq ? gt(t.auditEvents.seq, page.afterSeq) : undefined),
    )
    .orderBy(asc(t.auditEvents.seq));
  const rows = await (page.limit ? query.limit(page.limit) : query);
  return rows.map(({ orgId: _org, ...event }) => event);
}
