// Pre-mortem sessions, participation tokens (by hash), and the records: items, their merges and promotions, and
// group votes, each appended and never changed (a changed vote is its voter's next revision).
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

export type PremortemSession = typeof t.premortemSessions.$inferSelect;
/** An item as recorded, with what its facilitator did with it since: the item it was merged into, its risk. */
export type PremortemItem = typeof t.premortemItems.$inferSelect & {
  mergedInto: string | null;
  promotedRiskId: string | null;
};
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
  table:
    | typeof t.premortemItems
    | typeof t.premortemParticipants
    | typeof t.premortemVotes
    | typeof t.premortemItemMerges
    | typeof t.premortemItemPromotions,
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

/** The session's items (those with `id`, if given) with their merge and promotion, if any: one query. */
function selectItems(db: Database, s: PremortemSession, id?: string) {
  const merges = t.premortemItemMerges;
  const promotions = t.premortemItemPromotions;
  const ofItem = (table: typeof merges | typeof promotions) =>
    and(
      eq(table.orgId, t.premortemItems.orgId),
      eq(table.initiativeId, t.premortemItems.initiativeId),
      eq(table.sessionId, t.premortemItems.sessionId),
      eq(table.itemId, t.premortemItems.id),
    );
  return db
    .select({
      orgId: t.premortemItems.orgId,
      initiativeId: t.premortemItems.initiativeId,
      sessionId: t.premortemItems.sessionId,
      id: t.premortemItems.id,
      risk: t.premortemItems.risk,
      likelihood: t.premortemItems.likelihood,
      impact: t.premortemItems.impact,
      earlyWarning: t.premortemItems.earlyWarning,
      mitigation: t.premortemItems.mitigation,
      raisedBy: t.premortemItems.raisedBy,
      submittedOn: t.premortemItems.submittedOn,
      mergedInto: merges.intoId,
      promotedRiskId: promotions.riskId,
    })
    .from(t.premortemItems)
    .leftJoin(merges, ofItem(merges))
    .leftJoin(promotions, ofItem(promotions))
    .where(and(sessionScope(t.premortemItems, s), id === undefined ? undefined : eq(t.premortemItems.id, id)))
    .$dynamic();
}

/** Items ordered by day and then by their random id: the order says nothing about who came first. */
export async function listItems(db: Database, s: PremortemSession): Promise<PremortemItem[]> {
  return selectItems(db, s).orderBy(asc(t.premortemItems.submittedOn), asc(t.premortemItems.id));
}

export async function findItem(db: Database, s: PremortemSession, id: string): Promise<PremortemItem | null> {
  const [row] = await selectItems(db, s, id);
  return row ?? null;
}

/** Records that the facilitator merged an item into another; an item is merged once (its key says so). */
export async function insertMerge(db: Database, merge: typeof t.premortemItemMerges.$inferInsert) {
  await db.insert(t.premortemItemMerges).values(merge);
}

/** Records the risk an item was promoted to; an item is promoted once (its key says so). */
export async function insertPromotion(
  db: Database,
  promotion: typeof t.premortemItemPromotions.$inferInsert,
) {
  await db.insert(t.premortemItemPromotions).values(promotion);
}

/**
 * Appends a vote as its voter's next revision on the item (the first is 1), in one statement that reads only
 * the votes: the one before stays, superseded. Two at once from one voter conflict on the key.
 */
export async function appendVote(db: Database, vote: Omit<typeof t.premortemVotes.$inferInsert, "revision">) {
  const v = t.premortemVotes;
  await db.execute(sql`
    insert into ${v} (${sql.identifier(v.orgId.name)}, ${sql.identifier(v.initiativeId.name)},
      ${sql.identifier(v.sessionId.name)}, ${sql.identifier(v.itemId.name)}, ${sql.identifier(v.voterKey.name)},
      ${sql.identifier(v.revision.name)}, ${sql.identifier(v.likelihood.name)}, ${sql.identifier(v.impact.name)})
    select ${vote.orgId}, ${vote.initiativeId}, ${vote.sessionId}, ${vote.itemId}, ${vote.voterKey},
      coalesce(max(${v.revision}), 0) + 1, ${vote.likelihood}, ${vote.impact}
    from ${v}
    where ${v.orgId} = ${vote.orgId} and ${v.initiativeId} = ${vote.initiativeId}
      and ${v.sessionId} = ${vote.sessionId} and ${v.itemId} = ${vote.itemId} and ${v.voterKey} = ${vote.voterKey}`);
}

/** Each voter's latest vote on each item of the session: what the tally counts. */
export async function listCurrentVotes(db: Database, s: PremortemSession): Promise<PremortemVote[]> {
  const v = t.premortemVotes;
  return db
    .selectDistinctOn([v.itemId, v.voterKey])
    .from(v)
    .where(sessionScope(v, s))
    .orderBy(v.itemId, v.voterKey, desc(v.revision));
}
