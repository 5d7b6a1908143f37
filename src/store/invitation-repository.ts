// Personal single-use invitations to a ritual, by keyed hash only (docs/anonymity.md).
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

export type InvitationKind = (typeof t.ritualInvitations.$inferSelect)["kind"];

export interface InvitedRitual {
  orgId: string;
  kind: InvitationKind;
  ritualId: string;
}

const ofRitual = (r: InvitedRitual) =>
  and(
    eq(t.ritualInvitations.orgId, r.orgId),
    eq(t.ritualInvitations.kind, r.kind),
    eq(t.ritualInvitations.ritualId, r.ritualId),
  );

/** Writes a ritual's new invitations in one statement: they share one transaction and carry the day only. */
export async function insertInvitations(
  db: Database,
  ritual: InvitedRitual,
  rows: Array<{ id: string; secretHash: string; issuedOn: string }>,
) {
  if (rows.length === 0) return;
  await db.insert(t.ritualInvitations).values(rows.map((r) => ({ ...ritual, ...r })));
}

/** How many invitations a ritual has: any at all makes it invitation-only. */
export async function countInvitations(db: Database, ritual: InvitedRitual): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t.ritualInvitations)
    .where(ofRitual(ritual));
  return row?.n ?? 0;
}

/**
 * Marks the invitation used, if it is the ritual's and unused: true when this call used it. One statement, so
 * two joins with one invitation cannot both succeed.
 */
export async function useInvitation(db: Database, ritual: InvitedRitual, secretHash: string) {
  const used = await db
    .update(t.ritualInvitations)
    .set({ used: true })
    .where(
      and(
        ofRitual(ritual),
        eq(t.ritualInvitations.secretHash, secretHash),
        eq(t.ritualInvitations.used, false),
      ),
    )
    .returning({ id: t.ritualInvitations.id });
  return used.length > 0;
}

export async function findInvitation(db: Database, ritual: InvitedRitual, secretHash: string) {
  const [row] = await db
    .select({ used: t.ritualInvitations.used })
    .from(t.ritualInvitations)
    .where(and(ofRitual(ritual), eq(t.ritualInvitations.secretHash, secretHash)));
  return row ?? null;
}
