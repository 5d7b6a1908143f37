// Pulse surveys, their participation tokens (by hash) and their anonymous answers.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

export type PulseSurvey = typeof t.pulseSurveys.$inferSelect;

export async function insertSurvey(db: Database, survey: typeof t.pulseSurveys.$inferInsert) {
  await db.insert(t.pulseSurveys).values(survey);
}

export async function findSurvey(db: Database, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(t.pulseSurveys)
    .where(and(eq(t.pulseSurveys.orgId, orgId), eq(t.pulseSurveys.id, id)));
  return row ?? null;
}

export async function findSurveyByShareHash(db: Database, shareHash: string) {
  const [row] = await db.select().from(t.pulseSurveys).where(eq(t.pulseSurveys.shareHash, shareHash));
  return row ?? null;
}

export async function listSurveys(db: Database, orgId: string, teamId?: string) {
  return db
    .select()
    .from(t.pulseSurveys)
    .where(and(eq(t.pulseSurveys.orgId, orgId), teamId ? eq(t.pulseSurveys.teamId, teamId) : undefined))
    .orderBy(asc(t.pulseSurveys.openedOn), asc(t.pulseSurveys.id));
}

/** Locks the survey's row until commit: joins, releases and closing take turns (see `lockSession`). */
export async function lockSurvey(db: Database, s: PulseSurvey): Promise<PulseSurvey | null> {
  const [row] = await db
    .select()
    .from(t.pulseSurveys)
    .where(and(eq(t.pulseSurveys.orgId, s.orgId), eq(t.pulseSurveys.id, s.id)))
    .for("update");
  return row ?? null;
}

export async function closeSurvey(db: Database, s: PulseSurvey, on: string) {
  await db
    .update(t.pulseSurveys)
    .set({ closedOn: on })
    .where(and(eq(t.pulseSurveys.orgId, s.orgId), eq(t.pulseSurveys.id, s.id)));
}

export async function countPulseParticipants(db: Database, s: PulseSurvey): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t.pulseParticipants)
    .where(and(eq(t.pulseParticipants.orgId, s.orgId), eq(t.pulseParticipants.surveyId, s.id)));
  return row?.n ?? 0;
}

export async function insertPulseParticipant(db: Database, s: PulseSurvey, tokenHash: string) {
  await db.insert(t.pulseParticipants).values({ orgId: s.orgId, surveyId: s.id, tokenHash });
}

/** The participant with this token hash, read without a lock (a lock would mark its row). */
export async function findPulseParticipant(db: Database, s: PulseSurvey, tokenHash: string) {
  const [row] = await db
    .select({ answered: t.pulseParticipants.answered })
    .from(t.pulseParticipants)
    .where(
      and(
        eq(t.pulseParticipants.orgId, s.orgId),
        eq(t.pulseParticipants.surveyId, s.id),
        eq(t.pulseParticipants.tokenHash, tokenHash),
      ),
    );
  return row ?? null;
}

/** Marks the participant as having answered; false when unknown or already answered. */
export async function markAnswered(db: Database, s: PulseSurvey, tokenHash: string): Promise<boolean> {
  const rows = await db
    .update(t.pulseParticipants)
    .set({ answered: true })
    .where(
      and(
        eq(t.pulseParticipants.orgId, s.orgId),
        eq(t.pulseParticipants.surveyId, s.id),
        eq(t.pulseParticipants.tokenHash, tokenHash),
        eq(t.pulseParticipants.answered, false),
      ),
    )
    .returning({ tokenHash: t.pulseParticipants.tokenHash });
  return rows.length > 0;
}

/** Inserts answers in the order given (a release shuffles them first): one statement, one transaction. */
export async function insertResponses(db: Database, responses: Array<typeof t.pulseResponses.$inferInsert>) {
  if (responses.length > 0) await db.insert(t.pulseResponses).values(responses);
}

export async function listResponses(db: Database, s: PulseSurvey): Promise<number[][]> {
  const rows = await db
    .select({ answers: t.pulseResponses.answers })
    .from(t.pulseResponses)
    .where(and(eq(t.pulseResponses.orgId, s.orgId), eq(t.pulseResponses.surveyId, s.id)));
  return rows.map((r) => r.answers);
}
