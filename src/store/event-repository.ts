// The change feed: an event row per change, announced with NOTIFY when its transaction commits.
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

export const EVENTS_CHANNEL = "plumbline_events";

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
    .returning({ id: t.events.id });
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${`${orgId}:${row!.id}`})`);
  return row!.id;
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
