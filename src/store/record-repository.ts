// Records (reports, votes, decisions, verdicts, points, truths, recognitions): inserted one by one, never
// rewritten; and the targeted reads a use-case needs before it inserts one, each a single query.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Gate, Milestone, SubjectRef, Vote } from "../domain/model.ts";
import type { Provenance } from "../domain/provenance.ts";
import { toVote } from "./record-rows.ts";
import { inTurn, type Database } from "./open-store.ts";
import * as t from "./schema.ts";

export interface Scope {
  orgId: string;
  initiativeId: string;
}

/**
 * How a write holds the initiative while it commits. `shared`: appends whose rule reads no other record (a
 * status report, metric points) run side by side. `exclusive`: a write whose rule reads what others write (a
 * vote and its gate's state, a correction, a plan change, an import) runs alone, and so does the evaluator for
 * the moment it reads which changes have committed.
 */
export type WriteLock = "shared" | "exclusive";

/**
 * Takes the initiative's row lock until the transaction ends; false when the org has no such initiative. Every
 * change event is published under it, so once the evaluator holds it exclusively, every event with a lower id
 * has committed. Call inside a transaction.
 */
export async function lockInitiative(
  db: Database,
  scope: Scope,
  mode: WriteLock = "exclusive",
): Promise<boolean> {
  const rows = await db
    .select({ id: t.initiatives.id })
    .from(t.initiatives)
    .where(and(eq(t.initiatives.orgId, scope.orgId), eq(t.initiatives.id, scope.initiativeId)))
    .for(mode === "shared" ? "share" : "update");
  return rows.length > 0;
}

type Positioned = PgTable & {
  orgId: PgColumn;
  initiativeId: PgColumn;
  position: PgColumn;
};

/** The position after the last of `table`'s rows in the initiative (within `parent`, for nested lists). */
export async function nextPosition(
  db: Database,
  table: Positioned,
  scope: Scope,
  parent?: { column: PgColumn; id: string },
): Promise<number> {
  // The last position by the index, backwards: one index entry read, however long the list.
  const [row] = await db
    .select({ last: table.position })
    .from(table)
    .where(
      and(
        eq(table.orgId, scope.orgId),
        eq(table.initiativeId, scope.initiativeId),
        parent ? eq(parent.column, parent.id) : undefined,
      ),
    )
    .orderBy(desc(table.position))
    .limit(1);
  return row === undefined ? 0 : Number(row.last) + 1;
}

/** Where each kind of subject lives: its table and the column that names it. */
const SUBJECT_TABLES = {
  commitment: [t.commitments, t.commitments.id],
  outcome: [t.outcomes, t.outcomes.id],
  milestone: [t.milestones, t.milestones.id],
  link: [t.links, t.links.id],
  gate: [t.gates, t.gates.id],
  risk: [t.risks, t.risks.id],
  requirement: [t.requirements, t.requirements.id],
} as const;

/** Whether the initiative has the subject a record names (one query, not the initiative). */
export async function subjectExists(db: Database, scope: Scope, subject: SubjectRef): Promise<boolean> {
  if (subject.type === "initiative") return true;
  if (subject.type === "person" || subject.type === "team") {
    // People and teams are the org's: a report may name any of them.
    const table = subject.type === "person" ? t.people : t.teams;
    const rows = await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.orgId, scope.orgId), eq(table.id, subject.id)));
    return rows.length > 0;
  }
  const entry = SUBJECT_TABLES[subject.type as keyof typeof SUBJECT_TABLES];
  if (!entry) return false;
  const [table, column] = entry as unknown as [typeof t.commitments, PgColumn];
  const rows = await db
    .select({ one: sql`1` })
    .from(table)
    .where(
      and(eq(table.orgId, scope.orgId), eq(table.initiativeId, scope.initiativeId), eq(column, subject.id)),
    )
    .limit(1);
  return rows.length > 0;
}

export type StatusReportRow = typeof t.statusReports.$inferSelect;

/** The order of an initiative's reports: by the change that recorded each, then by position (`changeId`). */
export function reportOrder(direction: "asc" | "desc" = "asc"): SQL[] {
  const by = direction === "asc" ? asc : desc;
  return [by(t.statusReports.changeId), by(t.statusReports.position)];
}

/** The reports with these ids (the ones found), for cites and corrections. */
export async function findReports(db: Database, scope: Scope, ids: string[]): Promise<StatusReportRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(t.statusReports)
    .where(
      and(
        eq(t.statusReports.orgId, scope.orgId),
        eq(t.statusReports.initiativeId, scope.initiativeId),
        inArray(t.statusReports.id, ids),
      ),
    );
}

/** The correction of a report, if it has one (a report is corrected at most once; corrections chain). */
export async function correctionOf(db: Database, scope: Scope, reportId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: t.statusReports.id })
    .from(t.statusReports)
    .where(
      and(
        eq(t.statusReports.orgId, scope.orgId),
        eq(t.statusReports.initiativeId, scope.initiativeId),
        eq(t.statusReports.supersedesId, reportId),
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

export async function insertStatusReport(
  db: Database,
  row: typeof t.statusReports.$inferInsert,
): Promise<StatusReportRow> {
  // The next position read in the insert itself (one round trip): reports written side by side may share it,
  // and are ordered by their change (`changeId`).
  const position = sql<number>`(select coalesce(max(r.position) + 1, 0) from ${t.statusReports} r
    where r.org_id = ${row.orgId} and r.initiative_id = ${row.initiativeId})`;
  const [inserted] = await db
    .insert(t.statusReports)
    .values({ ...row, position })
    .returning();
  return inserted!;
}

export interface GateRecord {
  id: string;
  name: string;
  date: string | null;
  authorities: Array<{ role: string; personId: string }>;
  /** Every vote ever cast, in order; the latest per role is in force. */
  votes: Array<typeof t.votes.$inferSelect>;
  milestones: string[];
}

export async function findGate(db: Database, scope: Scope, gateId: string): Promise<GateRecord | null> {
  const where = <T extends typeof t.gateAuthorities | typeof t.votes | typeof t.milestones>(table: T) =>
    and(eq(table.orgId, scope.orgId), eq(table.initiativeId, scope.initiativeId));
  const [gate] = await db
    .select()
    .from(t.gates)
    .where(
      and(
        eq(t.gates.orgId, scope.orgId),
        eq(t.gates.initiativeId, scope.initiativeId),
        eq(t.gates.id, gateId),
      ),
    );
  if (!gate) return null;
  const [authorities, votes, milestones] = await inTurn([
    db
      .select()
      .from(t.gateAuthorities)
      .where(and(where(t.gateAuthorities), eq(t.gateAuthorities.gateId, gateId)))
      .orderBy(t.gateAuthorities.position),
    db
      .select()
      .from(t.votes)
      .where(and(where(t.votes), eq(t.votes.gateId, gateId)))
      .orderBy(t.votes.position),
    db
      .select({ id: t.milestones.id })
      .from(t.milestones)
      .where(and(where(t.milestones), eq(t.milestones.gateId, gateId)))
      .orderBy(t.milestones.position),
  ]);
  return {
    id: gate.id,
    name: gate.name,
    date: gate.date,
    authorities: authorities.map((a) => ({ role: a.role, personId: a.personId })),
    votes,
    milestones: milestones.map((m) => m.id),
  };
}

/** The gate as the domain reads it (the latest vote per role in force), with `extra` cast on top. */
export function gateOf(record: GateRecord, extra?: Vote): { gate: Gate; milestones: Milestone[] } {
  const votes: Vote[] = [...record.votes.map(toVote), ...(extra ? [extra] : [])];
  const gate = {
    id: record.id,
    name: record.name,
    date: record.date,
    authorities: record.authorities,
    votes,
  };
  const milestones = record.milestones.map((id) => ({ id, gateId: record.id }) as Milestone);
  return { gate, milestones };
}

export async function insertVote(db: Database, row: Omit<typeof t.votes.$inferInsert, "id" | "position">) {
  const position = await nextPosition(db, t.votes, row, { column: t.votes.gateId, id: row.gateId });
  const [inserted] = await db
    .insert(t.votes)
    .values({ ...row, id: `vote-${position + 1}`, position })
    .returning();
  return inserted!;
}

export async function insertDecision(db: Database, row: Omit<typeof t.decisions.$inferInsert, "position">) {
  const position = await nextPosition(db, t.decisions, row);
  const [inserted] = await db
    .insert(t.decisions)
    .values({ ...row, position })
    .returning();
  return inserted!;
}

export async function decisionExists(db: Database, scope: Scope, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: t.decisions.id })
    .from(t.decisions)
    .where(
      and(
        eq(t.decisions.orgId, scope.orgId),
        eq(t.decisions.initiativeId, scope.initiativeId),
        eq(t.decisions.id, id),
      ),
    );
  return rows.length > 0;
}

export interface MilestoneRecord {
  id: string;
  assumptions: Array<{ id: string; statement: string }>;
  tests: number;
}

export async function findMilestone(db: Database, scope: Scope, id: string): Promise<MilestoneRecord | null> {
  const [milestone] = await db
    .select({ id: t.milestones.id })
    .from(t.milestones)
    .where(
      and(
        eq(t.milestones.orgId, scope.orgId),
        eq(t.milestones.initiativeId, scope.initiativeId),
        eq(t.milestones.id, id),
      ),
    );
  if (!milestone) return null;
  const assumptions = await db
    .select({ id: t.assumptions.id, statement: t.assumptions.statement })
    .from(t.assumptions)
    .where(
      and(
        eq(t.assumptions.orgId, scope.orgId),
        eq(t.assumptions.initiativeId, scope.initiativeId),
        eq(t.assumptions.milestoneId, id),
      ),
    )
    .orderBy(t.assumptions.position);
  const tests = await nextPosition(db, t.assumptionTests, scope, {
    column: t.assumptionTests.milestoneId,
    id,
  });
  return { id, assumptions, tests };
}

export async function insertAssumptionTest(
  db: Database,
  row: Omit<typeof t.assumptionTests.$inferInsert, "id" | "position">,
) {
  const position = await nextPosition(db, t.assumptionTests, row, {
    column: t.assumptionTests.milestoneId,
    id: row.milestoneId,
  });
  const [inserted] = await db
    .insert(t.assumptionTests)
    .values({ ...row, id: `test-${position + 1}`, position })
    .returning();
  return inserted!;
}

export async function findMetric(db: Database, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(t.metrics)
    .where(
      and(
        eq(t.metrics.orgId, scope.orgId),
        eq(t.metrics.initiativeId, scope.initiativeId),
        eq(t.metrics.id, id),
      ),
    );
  return row ?? null;
}

/** Appends points; a point on a date that already has one corrects it (both stay, the later is in force). */
export async function insertMetricPoints(
  db: Database,
  scope: Scope & { metricId: string; recordedBy: string | null; provenance?: Provenance | null },
  points: Array<{ date: string; value: number }>,
): Promise<void> {
  const rows = points.map((p, i) => ({
    provenance: scope.provenance ?? null,
    orgId: scope.orgId,
    initiativeId: scope.initiativeId,
    metricId: scope.metricId,
    recordedBy: scope.recordedBy,
    date: p.date,
    value: p.value,
    position: i,
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(t.metricPoints).values(rows.slice(i, i + 1000));
}

export async function findReview(db: Database, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(t.reviews)
    .where(
      and(
        eq(t.reviews.orgId, scope.orgId),
        eq(t.reviews.initiativeId, scope.initiativeId),
        eq(t.reviews.id, id),
      ),
    );
  return row ?? null;
}

/** The day a review was closed, or null while it takes truths. */
export async function findReviewClosure(db: Database, scope: Scope, reviewId: string) {
  const [row] = await db
    .select({ closedOn: t.reviewClosures.closedOn })
    .from(t.reviewClosures)
    .where(
      and(
        eq(t.reviewClosures.orgId, scope.orgId),
        eq(t.reviewClosures.initiativeId, scope.initiativeId),
        eq(t.reviewClosures.reviewId, reviewId),
      ),
    );
  return row?.closedOn ?? null;
}

export async function insertReviewClosure(db: Database, scope: Scope, reviewId: string, closedOn: string) {
  await db.insert(t.reviewClosures).values({ ...scope, reviewId, closedOn });
}

export async function insertTruth(db: Database, row: Omit<typeof t.truths.$inferInsert, "id" | "position">) {
  const position = await nextPosition(db, t.truths, row, { column: t.truths.reviewId, id: row.reviewId });
  const [inserted] = await db
    .insert(t.truths)
    .values({ ...row, id: `truth-${position + 1}`, position })
    .returning();
  return inserted!;
}

export async function insertRecognition(
  db: Database,
  row: Omit<typeof t.recognitions.$inferInsert, "position">,
) {
  const position = await nextPosition(db, t.recognitions, row);
  const [inserted] = await db
    .insert(t.recognitions)
    .values({ ...row, position })
    .returning();
  return inserted!;
}

/** The latest reports, newest first, for reading history without loading the initiative. */
export async function recentReports(db: Database, scope: Scope, limit: number): Promise<StatusReportRow[]> {
  return db
    .select()
    .from(t.statusReports)
    .where(and(eq(t.statusReports.orgId, scope.orgId), eq(t.statusReports.initiativeId, scope.initiativeId)))
    .orderBy(...reportOrder("desc"))
    .limit(limit);
}
