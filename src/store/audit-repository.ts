// Appends audit events to an org's hash chain (one writer at a time per org) and reads them back.
import { and, asc, desc, eq, gt } from "drizzle-orm";
import { hashEvent, GENESIS_HASH, type AuditEvent, type AuditEventInput } from "../domain/audit.ts";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

/** Appends one event; call inside the transaction of the action it records, so both land or neither. */
export async function appendAudit(
  db: Database,
  orgId: string,
  input: AuditEventInput,
  at: Date,
): Promise<AuditEvent> {
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
  const unsigned = { ...input, seq: (last?.seq ?? 0) + 1, at, prevHash: last?.hash ?? GENESIS_HASH };
  const event = { ...unsigned, hash: hashEvent(unsigned) };
  await db.insert(t.auditEvents).values({ orgId, ...event });
  return event;
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
