// Notifications: deliveries (one row per message, keyed for idempotency, never deleted) queued as jobs in the
// same transaction, and the org's endpoints (webhooks, Slack).
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { enqueueJob } from "./job-queue.ts";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

export const DELIVER_QUEUE = "notification.deliver";

export type Channel = "webhook" | "slack" | "email";

export interface NewDelivery {
  channel: Channel;
  recipient: string;
  kind: string;
  initiativeId: string | null;
  subject: string | null;
  idempotencyKey: string;
  payload: Record<string, unknown>;
}

export type Attempt = Omit<typeof t.notificationAttempts.$inferSelect, "orgId" | "deliveryId">;

/** A delivery as recorded, with what its attempts tell: its status is its last attempt's. */
export type Delivery = typeof t.notificationDeliveries.$inferSelect & {
  status: "pending" | "sent" | "failed";
  /** How many attempts were made; `history` holds each. */
  attempts: number;
  history: Attempt[];
  /** The last attempt's error: none once it was sent. */
  lastError: string | null;
  sentAt: Date | null;
};

function withAttempts(row: typeof t.notificationDeliveries.$inferSelect, attempts: Attempt[]): Delivery {
  const last = attempts.at(-1);
  return {
    ...row,
    status: last?.outcome === "sent" ? "sent" : last?.outcome === "failed" ? "failed" : "pending",
    attempts: attempts.length,
    history: attempts,
    lastError: last?.error ?? null,
    sentAt: last?.outcome === "sent" ? last.at : null,
  };
}

async function attemptsOf(db: Database, orgId: string, ids: number[]): Promise<Map<number, Attempt[]>> {
  const found = new Map<number, Attempt[]>();
  if (ids.length === 0) return found;
  const rows = await db
    .select()
    .from(t.notificationAttempts)
    .where(and(eq(t.notificationAttempts.orgId, orgId), inArray(t.notificationAttempts.deliveryId, ids)))
    .orderBy(asc(t.notificationAttempts.deliveryId), asc(t.notificationAttempts.attempt));
  for (const { orgId: _org, deliveryId, ...attempt } of rows)
    found.set(deliveryId, [...(found.get(deliveryId) ?? []), attempt]);
  return found;
}
export type Endpoint = typeof t.notificationEndpoints.$inferSelect;

/**
 * Records a delivery and queues it, once per idempotency key: returns its id, or null when it was recorded
 * before (then nothing is queued). The row and its job land together, in one transaction.
 */
export async function recordDelivery(
  db: Database,
  orgId: string,
  delivery: NewDelivery,
  now: Date,
): Promise<number | null> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Database;
    const [row] = await tx
      .insert(t.notificationDeliveries)
      .values({ orgId, ...delivery })
      .onConflictDoNothing()
      .returning({ id: t.notificationDeliveries.id });
    if (!row) return null;
    await enqueueJob(tx, orgId, DELIVER_QUEUE, { deliveryId: row.id }, now, {
      singletonKey: `deliver:${row.id}`,
    });
    return row.id;
  });
}

export async function readDelivery(db: Database, orgId: string, id: number): Promise<Delivery | null> {
  const [row] = await db
    .select()
    .from(t.notificationDeliveries)
    .where(and(eq(t.notificationDeliveries.orgId, orgId), eq(t.notificationDeliveries.id, id)));
  if (!row) return null;
  return withAttempts(row, (await attemptsOf(db, orgId, [id])).get(id) ?? []);
}

/**
 * Appends one attempt's outcome: sent, to be retried, or failed for good. The delivery's job holds its lease
 * while it runs, so attempts of one delivery do not race; the key refuses a second row with the same number.
 */
export async function recordAttempt(
  db: Database,
  orgId: string,
  id: number,
  outcome: { outcome: "sent" | "retry" | "failed"; error: string | null; at: Date },
): Promise<void> {
  await db.insert(t.notificationAttempts).values({
    orgId,
    deliveryId: id,
    attempt: sql`(select coalesce(max(${t.notificationAttempts.attempt}), 0) + 1 from ${t.notificationAttempts}
      where ${t.notificationAttempts.orgId} = ${orgId} and ${t.notificationAttempts.deliveryId} = ${id})`,
    at: outcome.at,
    outcome: outcome.outcome,
    error: outcome.error?.slice(0, 500) ?? null,
  });
}

/** The org's deliveries, newest first, `limit` at a time before the id `before`. */
export async function listDeliveries(
  db: Database,
  orgId: string,
  options: { limit: number; before?: number },
): Promise<Delivery[]> {
  const rows = await db
    .select()
    .from(t.notificationDeliveries)
    .where(
      and(
        eq(t.notificationDeliveries.orgId, orgId),
        options.before === undefined ? undefined : lt(t.notificationDeliveries.id, options.before),
      ),
    )
    .orderBy(desc(t.notificationDeliveries.id))
    .limit(options.limit);
  const attempts = await attemptsOf(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => withAttempts(row, attempts.get(row.id) ?? []));
}

export async function putEndpoint(db: Database, endpoint: Omit<Endpoint, "createdAt">): Promise<void> {
  await db
    .insert(t.notificationEndpoints)
    .values(endpoint)
    .onConflictDoUpdate({
      target: [t.notificationEndpoints.orgId, t.notificationEndpoints.id],
      set: { channel: endpoint.channel, url: endpoint.url, secret: endpoint.secret, kinds: endpoint.kinds },
    });
}

export async function listEndpoints(db: Database, orgId: string): Promise<Endpoint[]> {
  return db.select().from(t.notificationEndpoints).where(eq(t.notificationEndpoints.orgId, orgId));
}

export async function readEndpoint(db: Database, orgId: string, id: string): Promise<Endpoint | null> {
  const [row] = await db
    .select()
    .from(t.notificationEndpoints)
    .where(and(eq(t.notificationEndpoints.orgId, orgId), eq(t.notificationEndpoints.id, id)));
  return row ?? null;
}

/** A person's e-mail address from the org directory, if they have one and have not left. */
export async function personEmail(db: Database, orgId: string, personId: string): Promise<string | null> {
  const [row] = await db
    .select({ email: t.people.email, leftOn: t.people.leftOn })
    .from(t.people)
    .where(and(eq(t.people.orgId, orgId), eq(t.people.id, personId)));
  return row && !row.leftOn ? row.email : null;
}

export interface Preference {
  kind: string;
  channel: string;
  enabled: boolean;
}

export async function readPreferences(db: Database, orgId: string, personId: string): Promise<Preference[]> {
  return db
    .select({
      kind: t.notificationPreferences.kind,
      channel: t.notificationPreferences.channel,
      enabled: t.notificationPreferences.enabled,
    })
    .from(t.notificationPreferences)
    .where(and(eq(t.notificationPreferences.orgId, orgId), eq(t.notificationPreferences.personId, personId)));
}

export async function putPreferences(
  db: Database,
  orgId: string,
  personId: string,
  preferences: readonly Preference[],
): Promise<void> {
  for (const p of preferences) {
    await db
      .insert(t.notificationPreferences)
      .values({ orgId, personId, ...p })
      .onConflictDoUpdate({
        target: [
          t.notificationPreferences.orgId,
          t.notificationPreferences.personId,
          t.notificationPreferences.kind,
          t.notificationPreferences.channel,
        ],
        set: { enabled: p.enabled },
      });
  }
}

/** Whether a person gets `kind` on `channel`: yes unless they turned it off. */
export async function wants(
  db: Database,
  orgId: string,
  personId: string,
  kind: string,
  channel: string,
): Promise<boolean> {
  const [row] = await db
    .select({ enabled: t.notificationPreferences.enabled })
    .from(t.notificationPreferences)
    .where(
      and(
        eq(t.notificationPreferences.orgId, orgId),
        eq(t.notificationPreferences.personId, personId),
        eq(t.notificationPreferences.kind, kind),
        eq(t.notificationPreferences.channel, channel),
      ),
    );
  return row?.enabled ?? true;
}

/** Starts or stops `personId` following an initiative; idempotent. */
export async function setFollowing(
  db: Database,
  scope: { orgId: string; initiativeId: string },
  personId: string,
  following: boolean,
): Promise<void> {
  if (following) {
    await db
      .insert(t.initiativeFollowers)
      .values({ ...scope, personId })
      .onConflictDoNothing();
    return;
  }
  await db
    .delete(t.initiativeFollowers)
    .where(
      and(
        eq(t.initiativeFollowers.orgId, scope.orgId),
        eq(t.initiativeFollowers.initiativeId, scope.initiativeId),
        eq(t.initiativeFollowers.personId, personId),
      ),
    );
}

export async function listFollowers(
  db: Database,
  scope: { orgId: string; initiativeId: string },
): Promise<string[]> {
  const rows = await db
    .select({ personId: t.initiativeFollowers.personId })
    .from(t.initiativeFollowers)
    .where(
      and(
        eq(t.initiativeFollowers.orgId, scope.orgId),
        eq(t.initiativeFollowers.initiativeId, scope.initiativeId),
      ),
    );
  return rows.map((r) => r.personId);
}
