// Records as the domain reads them, from their rows: shared by the loader, the gate and radiator reads and
// the evaluator's incremental reads.
import type {
  AssumptionTest,
  Decision,
  Recognition,
  SeriesPoint,
  StatusReport,
  SubjectRef,
  Truth,
  Vote,
} from "../domain/model.ts";
import type * as t from "./schema.ts";

export const toReport = (r: typeof t.statusReports.$inferSelect): StatusReport => ({
  id: r.id,
  subject: { type: r.subjectType as SubjectRef["type"], id: r.subjectId },
  authorId: r.authorId,
  date: r.date,
  health: r.health as StatusReport["health"],
  narrative: r.narrative,
  confidence: r.confidence,
  cites: r.cites,
  ...(r.greenerReason !== null ? { greenerReason: r.greenerReason } : {}),
});
export const toTest = (x: typeof t.assumptionTests.$inferSelect): AssumptionTest => ({
  id: x.id,
  assumptionId: x.assumptionId,
  verdict: x.verdict as AssumptionTest["verdict"],
  evidence: x.evidence,
  date: x.date,
});
export const toTruth = (x: typeof t.truths.$inferSelect): Truth => ({
  id: x.id,
  authorId: x.authorId,
  better: x.better,
  asExpected: x.asExpected,
  worse: x.worse,
});
export const toDecision = (d: typeof t.decisions.$inferSelect): Decision => ({
  id: d.id,
  date: d.date,
  kind: d.kind as Decision["kind"],
  byId: d.byId,
  respondsTo: d.respondsTo,
  rationale: d.rationale,
});
export const toVote = (v: typeof t.votes.$inferSelect): Vote => ({
  id: v.id,
  role: v.role,
  personId: v.personId,
  vote: v.vote as Vote["vote"],
  reason: v.reason,
  date: v.date,
});
export const toRecognition = (r: typeof t.recognitions.$inferSelect): Recognition => ({
  id: r.id,
  personId: r.personId,
  byId: r.byId,
  date: r.date,
  reason: r.reason,
});

/** The points in force, by date: the latest recorded on each date. */
export function currentPoints(rows: ReadonlyArray<typeof t.metricPoints.$inferSelect>): SeriesPoint[] {
  const latest = new Map<string, (typeof rows)[number]>();
  for (const p of rows) {
    const seen = latest.get(p.date);
    if (!seen || seen.seq < p.seq) latest.set(p.date, p);
  }
  return [...latest.values()]
    .map((p) => ({ date: p.date, value: p.value }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** The votes in force: the latest per role. */
export function currentVotes<T extends { role: string }>(votes: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const v of votes) latest.set(v.role, v);
  return votes.filter((v) => latest.get(v.role) === v);
}
