// Pre-mortem sessions, participation tokens (by hash), items and group votes.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

export type PremortemSession = typeof t.premortemSessions.$inferSelect;
export type PremortemItem = typeof t.premortemItems.$inferSelect;
export type PremortemVote = typeof t.premortemVotes.$inferSelect;

export async function insertSession(db: Database, session: typeof t.premortemSessions.$inferInsert) {
  await db.insert(t.premortemSessions).values(session);
}

export async function findSessionByShareHash(
  db: Database,
  shareHash: string,
): Promise<PremortemSession | null> {
  const [row] = await db
    .select()
    .from(t.premortemSessions)
    .where(eq(t.premortemSessions.shareHash, shareHash));
  return row ?? null;
}

export async function findSession(db: Database, orgId: string, initiativeId: string, id: string) {
  const [row] = await db
    .select()
    .from(t.premortemSessions)
    .where(
      and(
        eq(t.premortemSessions.orgId, orgId),
        eq(t.premortemSessions.initiativeId, initiativeId),
        eq(t.premortemSessions.id, id),
      ),
    );
  return row ?? null;
}

/**
 * Locks the session's row until commit: joins, releases and phase changes of one session take turns, so a
 * count read under the lock (participants, sealed submissions) stays true until the write that relies on it.
 */
export async function lockSession(db: Database, s: PremortemSession): Promise<PremortemSession | null> {
  const [row] = await db
    .select()
    .from(t.premortemSessions)
    .where(
      and(
        eq(t.premortemSessions.orgId, s.orgId),
        eq(t.premortemSessions.initiativeId, s.initiativeId),
        eq(t.premortemSessions.id, s.id),
      ),
    )
    .for("update");
  return row ?? null;
}

export async function listSessions(db: Database, orgId: string, initiativeId: string) {
  return db
    .select()
    .from(t.premortemSessions)
    .where(and(eq(t.premortemSessions.orgId, orgId), eq(t.premortemSessions.initiativeId, initiativeId)))
    .orderBy(asc(t.premortemSessions.openedOn), asc(t.premortemSessions.id));
}

export async function setSessionState(db: Database, s: PremortemSession, state: PremortemSession["state"]) {
  await db
    .update(t.premortemSessions)
    .set({ state })
    .where(
      and(
        eq(t.premortemSessions.orgId, s.orgId),
        eq(t.premortemSessions.initiativeId, s.initiativeId),
        eq(t.premortemSessions.id, s.id),
      ),
    );
}

const sessionScope = (
  table: typeof t.premortemItems | typeof t.premortemParticipants | typeof t.premortemVotes,
  s: PremortemSession,
) => and(eq(table.orgId, s.orgId), eq(table.initiativeId, s.initiativeId), eq(table.sessionId, s.id));

export async function countParticipants(db: Database, s: PremortemSession): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t.premortemParticipants)
    .where(sessionScope(t.premortemParticipants, s));
  return row?.n ?? 0;
}

export async function insertParticipant(db: Database, s: PremortemSession, tokenHash: string) {
  await db
    .insert(t.premortemParticipants)
    .values({ orgId: s.orgId, initiativeId: s.initiativeId, sessionId: s.id, tokenHash });
}

/**
 * The participant with this token hash; `lock` to count a submission. A vote reads without locking: a lock
 * marks the row with the locking transaction, which would then be the vote's.
 */
export async function findParticipant(
  db: Database,
  s: PremortemSession,
  tokenHash: string,
  options: { lock: boolean },
) {
  const query = db
    .select()
    .from(t.premortemParticipants)
    .where(and(sessionScope(t.premortemParticipants, s), eq(t.premortemParticipants.tokenHash, tokenHash)));
  const [row] = options.lock ? await query.for("update") : await query;
  return row ?? null;
}

export async function countSubmission(db: Database, s: PremortemSession, tokenHash: string) {
  await db
    .update(t.premortemParticipants)
    .set({ submissions: sql`${t.premortemParticipants.submissions} + 1` })
    .where(and(sessionScope(t.premortemParticipants, s), eq(t.premortemParticipants.tokenHash, tokenHash)));
}

export async function insertItem(db: Database, item: typeof t.premortemItems.$inferInsert) {
  await db.insert(t.premortemItems).values(item);
}

/** Inserts items in the order given (a release shuffles them first): one statement, one transaction. */
export async function insertItems(db: Database, items: Array<typeof t.premortemItems.$inferInsert>) {
  if (items.length > 0) await db.insert(t.premortemItems).values(items);
}

/** Items ordered by day and then by their random id: the order says nothing about who came first. */
export async function listItems(db: Database, s: PremortemSession): Promise<PremortemItem[]> {
  return db
    .select()
    .from(t.premortemItems)
    .where(sessionScope(t.premortemItems, s))
    .orderBy(asc(t.premortemItems.submittedOn), asc(t.premortemItems.id));
}

export async function updateItem(db: Database, s: PremortemSession, id: string, set: Partial<PremortemItem>) {
  const rows = await db
    .update(t.premortemItems)
    .set(set)
    .where(and(sessionScope(t.premortemItems, s), eq(t.premortemItems.id, id)))
    .returning({ id: t.premortemItems.id });
  return rows.length > 0;
}

export async function upsertVote(db: Database, vote: typeof t.premortemVotes.$inferInsert) {
  await db
    .insert(t.premortemVotes)
    .values(vote)
    .onConflictDoUpdate({
      target: [
        t.premortemVotes.orgId,
        t.premortemVotes.initiativeId,
        t.premortemVotes.sessionId,
        t.premortemVotes.itemId,
        t.premortemVotes.voterKey,
      ],
      set: { likelihood: vote.likelihood, impact: vote.impact },
    });
}

export async function listVotes(db: Database, s: PremortemSession): Promise<PremortemVote[]> {
  return db.select().from(t.premortemVotes).where(sessionScope(t.premortemVotes, s));
}
