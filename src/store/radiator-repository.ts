// The radiator's reads: one page of initiatives with everything their cards show, in a fixed number of
// queries whatever the page holds (each filtered to the page's initiatives), from stored evaluation results.
import { and, asc, eq, getTableColumns, gt, inArray, isNull } from "drizzle-orm";
import type { Database } from "./open-store.ts";
import { silencesWhere, type SignalSilence } from "./signal-repository.ts";
import * as t from "./schema.ts";

export interface RadiatorRows {
  initiatives: Array<typeof t.initiatives.$inferSelect>;
  evaluations: Array<typeof t.evaluations.$inferSelect>;
  /** The initiative subject's evidence health of each initiative. */
  health: Array<typeof t.evidenceHealth.$inferSelect>;
  /** Open signals without their explanation and evidence (a card names them; the signal list explains). */
  signals: Array<Omit<typeof t.signals.$inferSelect, "explanation" | "evidence">>;
  /** Open outcome-off-track signals whole: a card's outcome shows its projection from their evidence. */
  projections: Array<typeof t.signals.$inferSelect>;
  silences: SignalSilence[];
  outcomes: Array<typeof t.outcomes.$inferSelect>;
  metrics: Array<typeof t.metrics.$inferSelect>;
  points: Array<typeof t.metricPoints.$inferSelect>;
  gates: Array<typeof t.gates.$inferSelect>;
  authorities: Array<typeof t.gateAuthorities.$inferSelect>;
  votes: Array<typeof t.votes.$inferSelect>;
  milestones: Array<{ initiativeId: string; id: string; gateId: string | null }>;
  people: Array<{ id: string; name: string }>;
}

export async function radiatorRows(
  db: Database,
  orgId: string,
  page: { after?: string; limit: number },
): Promise<RadiatorRows> {
  const initiatives = await db
    .select()
    .from(t.initiatives)
    .where(and(eq(t.initiatives.orgId, orgId), page.after ? gt(t.initiatives.id, page.after) : undefined))
    .orderBy(asc(t.initiatives.id))
    .limit(page.limit);
  const ids = initiatives.map((i) => i.id);
  if (ids.length === 0) {
    return {
      initiatives,
      evaluations: [],
      health: [],
      signals: [],
      projections: [],
      silences: [],
      outcomes: [],
      metrics: [],
      points: [],
      gates: [],
      authorities: [],
      votes: [],
      milestones: [],
      people: [],
    };
  }
  const inPage = <T extends { orgId: typeof t.outcomes.orgId; initiativeId: typeof t.outcomes.initiativeId }>(
    table: T,
  ) => and(eq(table.orgId, orgId), inArray(table.initiativeId, ids));
  const outcomes = await db
    .select()
    .from(t.outcomes)
    .where(inPage(t.outcomes))
    .orderBy(asc(t.outcomes.position));
  const metricIds = [...new Set(outcomes.map((o) => o.metricId))];
  const { explanation: _explanation, evidence: _evidence, ...brief } = getTableColumns(t.signals);
  const [
    evaluations,
    health,
    signals,
    projections,
    silences,
    metrics,
    points,
    gates,
    authorities,
    votes,
    milestones,
    people,
  ] = await Promise.all([
    db.select().from(t.evaluations).where(inPage(t.evaluations)),
    db
      .select()
      .from(t.evidenceHealth)
      .where(and(inPage(t.evidenceHealth), eq(t.evidenceHealth.subjectType, "initiative"))),
    db
      .select(brief)
      .from(t.signals)
      .where(and(inPage(t.signals), isNull(t.signals.resolvedAt))),
    db
      .select()
      .from(t.signals)
      .where(and(inPage(t.signals), isNull(t.signals.resolvedAt), eq(t.signals.kind, "outcome-off-track"))),
    silencesWhere(db, inPage(t.signalSilences)),
    metricIds.length
      ? db
          .select()
          .from(t.metrics)
          .where(and(inPage(t.metrics), inArray(t.metrics.id, metricIds)))
      : Promise.resolve([]),
    metricIds.length
      ? db
          .select()
          .from(t.metricPoints)
          .where(and(inPage(t.metricPoints), inArray(t.metricPoints.metricId, metricIds)))
      : Promise.resolve([]),
    db.select().from(t.gates).where(inPage(t.gates)).orderBy(asc(t.gates.position)),
    db
      .select()
      .from(t.gateAuthorities)
      .where(inPage(t.gateAuthorities))
      .orderBy(asc(t.gateAuthorities.position)),
    db.select().from(t.votes).where(inPage(t.votes)).orderBy(asc(t.votes.position)),
    db
      .select({ initiativeId: t.milestones.initiativeId, id: t.milestones.id, gateId: t.milestones.gateId })
      .from(t.milestones)
      .where(inPage(t.milestones)),
    db
      .select({ id: t.people.id, name: t.people.name })
      .from(t.people)
      .where(
        and(eq(t.people.orgId, orgId), inArray(t.people.id, [...new Set(initiatives.map((i) => i.ownerId))])),
      ),
  ]);
  return {
    initiatives,
    evaluations,
    health,
    signals,
    projections,
    silences,
    outcomes,
    metrics,
    points,
    gates,
    authorities,
    votes,
    milestones,
    people,
  };
}
