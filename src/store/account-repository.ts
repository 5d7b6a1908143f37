// Local accounts and browser sessions.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Role } from "../domain/policy.ts";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

export type User = typeof t.users.$inferSelect;
export type Session = typeof t.sessions.$inferSelect;

export async function findUserByEmail(db: Database, email: string): Promise<User | null> {
  const [row] = await db.select().from(t.users).where(eq(t.users.email, email.toLowerCase()));
  return row ?? null;
}

export async function findUser(db: Database, orgId: string, personId: string): Promise<User | null> {
  const [row] = await db
    .select()
    .from(t.users)
    .where(and(eq(t.users.orgId, orgId), eq(t.users.personId, personId)));
  return row ?? null;
}

export async function saveUser(
  db: Database,
  user: { orgId: string; personId: string; email: string; passwordHash: string; role: Role },
): Promise<void> {
  await db
    .insert(t.users)
    .values({ ...user, email: user.email.toLowerCase() })
    .onConflictDoUpdate({
      target: [t.users.orgId, t.users.personId],
      set: {
        email: user.email.toLowerCase(),
        passwordHash: user.passwordHash,
        role: user.role,
        disabledAt: null,
      },
    });
}

/** Replaces an account's password hash (the same password, hashed at a higher cost). */
export async function setPasswordHash(
  db: Database,
  orgId: string,
  personId: string,
  passwordHash: string,
): Promise<void> {
  await db
    .update(t.users)
    .set({ passwordHash })
    .where(and(eq(t.users.orgId, orgId), eq(t.users.personId, personId)));
}

export async function insertSession(
  db: Database,
  session: Omit<Session, "createdAt" | "revokedAt">,
): Promise<void> {
  await db.insert(t.sessions).values(session);
}

export async function findSessionByHash(db: Database, secretHash: string): Promise<Session | null> {
  const [row] = await db.select().from(t.sessions).where(eq(t.sessions.secretHash, secretHash));
  return row ?? null;
}

export async function revokeSession(db: Database, orgId: string, id: string, at: Date): Promise<void> {
  await db
    .update(t.sessions)
    .set({ revokedAt: at })
    .where(and(eq(t.sessions.orgId, orgId), eq(t.sessions.id, id), isNull(t.sessions.revokedAt)));
}

export async function revokeSessionsOf(
  db: Database,
  orgId: string,
  personId: string,
  at: Date,
): Promise<number> {
  const rows = await db
    .update(t.sessions)
    .set({ revokedAt: at })
    .where(and(eq(t.sessions.orgId, orgId), eq(t.sessions.personId, personId), isNull(t.sessions.revokedAt)))
    .returning({ id: t.sessions.id });
  return rows.length;
}

export async function countUsers(db: Database, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t.users)
    .where(eq(t.users.orgId, orgId));
  return row?.n ?? 0;
}

/** Disables the person's account: they can no longer sign in. */
export async function disableUser(db: Database, orgId: string, personId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(t.users)
    .set({ disabledAt: at })
    .where(and(eq(t.users.orgId, orgId), eq(t.users.personId, personId), isNull(t.users.disabledAt)))
    .returning({ id: t.users.personId });
  return rows.length > 0;
}
