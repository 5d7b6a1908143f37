// Orgs, their directory (people and teams) and API tokens.
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Person, Team } from "../domain/model.ts";
import type { Role } from "../domain/policy.ts";
import { publishDirectoryChange } from "./event-repository.ts";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

export async function findOrg(db: Database, id: string) {
  const [row] = await db.select().from(t.orgs).where(eq(t.orgs.id, id));
  return row ?? null;
}

export async function listOrgs(db: Database) {
  return db.select().from(t.orgs).orderBy(asc(t.orgs.id));
}

export async function ensureOrg(db: Database, id: string, name: string): Promise<void> {
  await db.insert(t.orgs).values({ id, name }).onConflictDoNothing();
}

export async function listPeople(
  db: Database,
  orgId: string,
  page: { after?: string; limit: number },
): Promise<Person[]> {
  const rows = await db
    .select()
    .from(t.people)
    .where(and(eq(t.people.orgId, orgId), page.after ? gt(t.people.id, page.after) : undefined))
    .orderBy(asc(t.people.id))
    .limit(page.limit);
  return rows.map(({ orgId: _org, ...person }) => person);
}

export async function findPerson(db: Database, orgId: string, id: string): Promise<Person | null> {
  const [row] = await db
    .select()
    .from(t.people)
    .where(and(eq(t.people.orgId, orgId), eq(t.people.id, id)));
  if (!row) return null;
  const { orgId: _org, ...person } = row;
  return person;
}

export async function savePerson(db: Database, orgId: string, person: Person): Promise<void> {
  const { id: _id, ...fields } = person;
  await db
    .insert(t.people)
    .values({ orgId, ...person })
    .onConflictDoUpdate({ target: [t.people.orgId, t.people.id], set: fields });
}

export async function listTeams(
  db: Database,
  orgId: string,
  page: { after?: string; limit: number },
): Promise<Team[]> {
  const rows = await db
    .select()
    .from(t.teams)
    .where(and(eq(t.teams.orgId, orgId), page.after ? gt(t.teams.id, page.after) : undefined))
    .orderBy(asc(t.teams.id))
    .limit(page.limit);
  return rows.map(({ orgId: _org, ...team }) => team);
}

export async function findTeam(db: Database, orgId: string, id: string): Promise<Team | null> {
  const [row] = await db
    .select()
    .from(t.teams)
    .where(and(eq(t.teams.orgId, orgId), eq(t.teams.id, id)));
  if (!row) return null;
  const { orgId: _org, ...team } = row;
  return team;
}

export async function saveTeam(db: Database, orgId: string, team: Team): Promise<void> {
  const { id: _id, ...fields } = team;
  await db
    .insert(t.teams)
    .values({ orgId, ...team })
    .onConflictDoUpdate({ target: [t.teams.orgId, t.teams.id], set: fields });
}

export async function personIds(db: Database, orgId: string): Promise<Set<string>> {
  const rows = await db.select({ id: t.people.id }).from(t.people).where(eq(t.people.orgId, orgId));
  return new Set(rows.map((r) => r.id));
}

export async function teamIds(db: Database, orgId: string): Promise<Set<string>> {
  const rows = await db.select({ id: t.teams.id }).from(t.teams).where(eq(t.teams.orgId, orgId));
  return new Set(rows.map((r) => r.id));
}

export interface TokenRecord {
  id: string;
  orgId: string;
  name: string;
  prefix: string;
  role: Role;
  personId: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** The day of last use, no finer. */
  lastUsedOn: string | null;
}

const tokenColumns = {
  id: t.apiTokens.id,
  orgId: t.apiTokens.orgId,
  name: t.apiTokens.name,
  prefix: t.apiTokens.prefix,
  role: t.apiTokens.role,
  personId: t.apiTokens.personId,
  createdAt: t.apiTokens.createdAt,
  expiresAt: t.apiTokens.expiresAt,
  revokedAt: t.apiTokens.revokedAt,
  lastUsedOn: t.apiTokens.lastUsedOn,
};

export async function insertToken(
  db: Database,
  token: Omit<TokenRecord, "createdAt" | "revokedAt" | "lastUsedOn"> & { secretHash: string },
): Promise<TokenRecord> {
  const [row] = await db.insert(t.apiTokens).values(token).returning(tokenColumns);
  return row!;
}

export async function findTokenByHash(db: Database, secretHash: string): Promise<TokenRecord | null> {
  const [row] = await db.select(tokenColumns).from(t.apiTokens).where(eq(t.apiTokens.secretHash, secretHash));
  return row ?? null;
}

export async function touchToken(db: Database, orgId: string, id: string, on: string): Promise<void> {
  await db
    .update(t.apiTokens)
    .set({ lastUsedOn: on })
    .where(and(eq(t.apiTokens.orgId, orgId), eq(t.apiTokens.id, id)));
}

export async function listTokens(db: Database, orgId: string): Promise<TokenRecord[]> {
  return db
    .select(tokenColumns)
    .from(t.apiTokens)
    .where(eq(t.apiTokens.orgId, orgId))
    .orderBy(asc(t.apiTokens.createdAt));
}

export async function revokeToken(db: Database, orgId: string, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(t.apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(t.apiTokens.orgId, orgId), eq(t.apiTokens.id, id), isNull(t.apiTokens.revokedAt)))
    .returning({ id: t.apiTokens.id });
  return rows.length > 0;
}

/** The org's directory entries with these ids (those that exist). */
export async function directoryEntries(
  db: Database,
  orgId: string,
  ids: { people: string[]; teams: string[] },
): Promise<{ people: Person[]; teams: Team[] }> {
  const people = ids.people.length
    ? await db
        .select()
        .from(t.people)
        .where(and(eq(t.people.orgId, orgId), inArray(t.people.id, ids.people)))
    : [];
  const teams = ids.teams.length
    ? await db
        .select()
        .from(t.teams)
        .where(and(eq(t.teams.orgId, orgId), inArray(t.teams.id, ids.teams)))
    : [];
  return {
    people: people.map(({ orgId: _org, ...p }) => p),
    teams: teams.map(({ orgId: _org, ...team }) => team),
  };
}

/** Revokes every live token that acts as the person; returns how many. */
export async function revokeTokensOf(
  db: Database,
  orgId: string,
  personId: string,
  at: Date,
): Promise<number> {
  const rows = await db
    .update(t.apiTokens)
    .set({ revokedAt: at })
    .where(
      and(eq(t.apiTokens.orgId, orgId), eq(t.apiTokens.personId, personId), isNull(t.apiTokens.revokedAt)),
    )
    .returning({ id: t.apiTokens.id });
  return rows.length;
}

/**
 * Marks every initiative of the org changed (the directory is part of what each is evaluated with: managers,
 * leads, who has left): one directory change event for the org, so the evaluator reads each again. It costs the
 * same whatever the org holds, and locks no initiative.
 */
export async function publishOrgDirectoryChange(db: Database, orgId: string, at: Date): Promise<void> {
  await publishDirectoryChange(db, orgId, { change: "directory.changed" }, at);
}
