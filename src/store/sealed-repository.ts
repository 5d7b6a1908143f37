// Sealed submissions: anonymous input waiting, in a table of its own, to be released in shuffled batches.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

export type SealedSubmission = typeof t.sealedSubmissions.$inferSelect;
export type SealedKind = SealedSubmission["kind"];

export interface Ritual {
  orgId: string;
  kind: SealedKind;
  ritualId: string;
}

/** A review's id is a key within its initiative only: its sealed truths name both. */
export const reviewRitualId = (initiativeId: string, reviewId: string) => `${initiativeId}/${reviewId}`;

const ofRitual = (r: Ritual) =>
  and(
    eq(t.sealedSubmissions.orgId, r.orgId),
    eq(t.sealedSubmissions.kind, r.kind),
    eq(t.sealedSubmissions.ritualId, r.ritualId),
  );

/** Writes one sealed submission; the caller's transaction must touch nothing else. */
export async function insertSealed(db: Database, row: typeof t.sealedSubmissions.$inferInsert) {
  await db.insert(t.sealedSubmissions).values(row);
}

export async function countSealed(db: Database, ritual: Ritual): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t.sealedSubmissions)
    .where(ofRitual(ritual));
  return row?.n ?? 0;
}

/** Removes and returns every waiting submission of the ritual, for its release. */
export async function takeSealed(db: Database, ritual: Ritual): Promise<SealedSubmission[]> {
  return db.delete(t.sealedSubmissions).where(ofRitual(ritual)).returning();
}
