// Sealed submissions: anonymous input waiting, in a table of its own, to be released in shuffled batches.
import { and, eq, sql } from "drizzle-orm";
import { openSealedPayload, sealPayload } from "../domain/anonymity.ts";
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

/**
 * Takes a lock on the ritual until the transaction ends: shared by each sealing, exclusive for closing it, so a
 * submission sealed as its ritual closes is either counted by the close or refused. An advisory lock, which
 * writes nothing into any row (a row lock would mark the row with the sealing transaction's id).
 */
export async function lockRitual(db: Database, ritual: Ritual, mode: "shared" | "exclusive") {
  const key = `${ritual.orgId}/${ritual.kind}/${ritual.ritualId}`;
  await db.execute(
    mode === "shared"
      ? sql`select pg_advisory_xact_lock_shared(${RITUAL_LOCKS}, hashtext(${key}))`
      : sql`select pg_advisory_xact_lock(${RITUAL_LOCKS}, hashtext(${key}))`,
  );
}

/** The class of advisory locks on rituals (the migrations' lock is another, single key). */
const RITUAL_LOCKS = 0x706c;

/** What a sealed row holds in its `payload`: the submission encrypted (see `sealPayload`), never the text. */
interface SealedBox {
  sealed: string;
}

const isBox = (payload: unknown): payload is SealedBox =>
  typeof payload === "object" && payload !== null && typeof (payload as SealedBox).sealed === "string";

/**
 * Writes one sealed submission, encrypted under the anonymity key; the caller's transaction must touch nothing
 * else.
 */
export async function insertSealed(
  db: Database,
  anonymityKey: Uint8Array,
  row: typeof t.sealedSubmissions.$inferInsert,
) {
  const box: SealedBox = { sealed: sealPayload(anonymityKey, row, row.payload) };
  await db.insert(t.sealedSubmissions).values({ ...row, payload: box as unknown as Record<string, unknown> });
}

export async function countSealed(db: Database, ritual: Ritual): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t.sealedSubmissions)
    .where(ofRitual(ritual));
  return row?.n ?? 0;
}

/**
 * Removes and returns every waiting submission of the ritual, opened, for its release. Rows sealed before
 * submissions were encrypted hold their payload as it was sent, and are returned as they are.
 */
export async function takeSealed(
  db: Database,
  anonymityKey: Uint8Array,
  ritual: Ritual,
): Promise<SealedSubmission[]> {
  const rows = await db.delete(t.sealedSubmissions).where(ofRitual(ritual)).returning();
  return rows.map((row) =>
    isBox(row.payload)
      ? {
          ...row,
          payload: openSealedPayload(anonymityKey, row, row.payload.sealed) as Record<string, unknown>,
        }
      : row,
  );
}
