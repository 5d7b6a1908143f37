// The change feed: an event row per change, announced with NOTIFY when its transaction commits.
import { and, asc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Database } from "./open-store.ts";
import type { Scope } from "./record-repository.ts";
import * as t from "./schema.ts";

export const EVENTS_CHANNEL = "plumbline_events";

/** The type of every write's change event: what the evaluator takes in, and what numbers an initiative's versions. */
export const CHANGE_EVENT = "initiative.changed";

export type ChangeEvent = typeof t.events.$inferSelect;

/** Records a change and queues its announcement; NOTIFY is delivered only if the transaction commits. */
export async function publishEvent(
  db: Database,
  orgId: string,
  event: { type: string; initiativeId: string | null; data?: Record<string, unknown> },
  at: Date,
): Promise<number> {
  const [row] = await db
    .insert(t.events)
    .values({ orgId, type: event.type, initiativeId: event.initiativeId, data: event.data ?? {}, at })
    // Announced in the same statement: one round trip, not two.
    .returning({
      id: t.events.id,
      announced: sql`pg_notify(${EVENTS_CHANNEL}, ${`${orgId}:`} || ${t.events.id})`,
    });
  return row!.id;
}

/**
 * Publishes a write's change (`change` says what, e.g. "status_report.added"); its id is the initiative's new
 * version. Call under the initiative's lock (`lockInitiative`): that is what lets the evaluator know every
 * change below an id has committed.
 */
export async function publishChange(
  db: Database,
  scope: Scope,
  data: { change: string } & Record<string, unknown>,
  at: Date,
): Promise<number> {
  return publishEvent(db, scope.orgId, { type: CHANGE_EVENT, initiativeId: scope.initiativeId, data }, at);
}

/**
 * Publishes a change to the org's directory (people, teams), which every initiative of the org is evaluated
 * with: one `initiative.changed` event naming no initiative, which makes each initiative's new version at once,
 * whatever the org holds. Under the org's directory lock, exclusively (see `settleDirectory`).
 */
export async function publishDirectoryChange(
  db: Database,
  orgId: string,
  data: { change: string } & Record<string, unknown>,
  at: Date,
): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(${DIRECTORY_LOCK}, hashtext(${orgId}))`);
  return publishEvent(db, orgId, { type: CHANGE_EVENT, initiativeId: null, data }, at);
}

/**
 * Waits until any directory change of the org in flight has committed, and holds new ones back until the
 * transaction ends: what an evaluator does before it reads an initiative's changes, so that a directory change
 * with a lower id cannot commit after a later change was seen (as the initiative's lock does for its writes).
 */
export async function settleDirectory(db: Database, orgId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock_shared(${DIRECTORY_LOCK}, hashtext(${orgId}))`);
}

/** The first key of the org directory's advisory lock (the second is the org's hash). */
const DIRECTORY_LOCK = 0x706c6d62; // "plmb"

/**
 * The initiative's version: the id of its latest change event, or of the org's latest directory change if that
 * is later (0 before any). Every write makes a new one, and writes to one initiative need not take turns to
 * make it.
 */
export async function initiativeVersion(db: Database, scope: Scope): Promise<number> {
  const [row] = await db
    .select({ version: versionOf(scope.orgId, scope.initiativeId) })
    .from(sql`(select 1) one`);
  return Number(row?.version ?? 0);
}

/**
 * The version as a column of another query: two index entries read backwards (`events_initiative_changes`:
 * the initiative's latest change, and the org's latest directory change). Give the ids as values or as
 * qualified SQL (`sql\`i.org_id\``), not as columns, which a one-table select leaves unqualified.
 */
export function versionOf(orgId: SQL | string, initiativeId: SQL | string): SQL<number> {
  return sql`greatest(
    coalesce((select max(ev.id) from ${t.events} ev
      where ev.org_id = ${orgId} and ev.initiative_id = ${initiativeId} and ev.type = ${CHANGE_EVENT}), 0),
    coalesce((select max(ev.id) from ${t.events} ev
      where ev.org_id = ${orgId} and ev.initiative_id is null and ev.type = ${CHANGE_EVENT}), 0))`.mapWith(
    Number,
  );
}

export async function eventsAfter(
  db: Database,
  orgId: string,
  afterId: number,
  limit = 500,
): Promise<ChangeEvent[]> {
  return db
    .select()
    .from(t.events)
    .where(and(eq(t.events.orgId, orgId), gt(t.events.id, afterId)))
    .orderBy(asc(t.events.id))
    .limit(limit);
}

export async function latestEventId(db: Database, orgId: string): Promise<number> {
  const [row] = await db
    .select({ id: sql<number>`coalesce(max(${t.events.id}), 0)::bigint` })
    .from(t.events)
    .where(eq(t.events.orgId, orgId));
  return Number(row?.id ?? 0);
}
