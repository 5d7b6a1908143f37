// The evaluator's queue and results: which initiatives changed since they were last evaluated, leases so that
// one process evaluates each change, and the stored evidence health that reads serve.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "./open-store.ts";
import type { Scope } from "./record-repository.ts";
import * as t from "./schema.ts";

/** Called when an initiative is created: it waits for its first evaluation. */
export async function ensureEvaluation(db: Database, scope: Scope): Promise<void> {
  await db
    .insert(t.evaluations)
    .values({ orgId: scope.orgId, initiativeId: scope.initiativeId })
    .onConflictDoNothing();
}

export interface EvaluationClaim extends Scope {
  /** The initiative's version when it was claimed: at least this much is evaluated. */
  version: number;
}

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/**
 * Claims the initiative that has waited longest for evaluation, for `leaseMs`: an initiative whose lease is held
 * by another process is skipped (never evaluated twice at once), and one whose lease ran out (its process died
 * between claim and result) is claimed again, so nothing committed goes unevaluated.
 */
export async function claimNextEvaluation(
  db: Database,
  owner: string,
  leaseMs: number,
  only?: Scope,
): Promise<EvaluationClaim | null> {
  const result = await db.execute(sql`
    with next as (
      select e.org_id, e.initiative_id, i.version
      from ${t.evaluations} e
      join ${t.initiatives} i on i.org_id = e.org_id and i.id = e.initiative_id
      where i.version > e.evaluated_version
        and (e.lease_until is null or e.lease_until < now())
        ${only ? sql`and e.org_id = ${only.orgId} and e.initiative_id = ${only.initiativeId}` : sql``}
      order by i.updated_at
      limit 1
      for update of e skip locked
    )
    update ${t.evaluations} e
    set lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${leaseMs / 1000})
    from next
    where e.org_id = next.org_id and e.initiative_id = next.initiative_id
    returning e.org_id, e.initiative_id, next.version`);
  const [row] = rowsOf<{ org_id: string; initiative_id: string; version: string | number }>(result);
  return row ? { orgId: row.org_id, initiativeId: row.initiative_id, version: Number(row.version) } : null;
}

/**
 * Stores an evaluation's evidence health as of `version`, if the lease is still this process's; returns false
 * when it is not (the lease ran out and another process took the work), and then the caller rolls back.
 */
export async function completeEvaluation(
  db: Database,
  claim: EvaluationClaim,
  owner: string,
  result: { version: number; asOf: string; health: unknown[]; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(t.evaluations)
    .set({
      evaluatedVersion: sql`greatest(${t.evaluations.evaluatedVersion}, ${result.version})`,
      evaluatedAt: result.at,
      asOf: result.asOf,
      health: result.health,
      leaseOwner: null,
      leaseUntil: null,
      lastError: null,
    })
    .where(
      and(
        eq(t.evaluations.orgId, claim.orgId),
        eq(t.evaluations.initiativeId, claim.initiativeId),
        eq(t.evaluations.leaseOwner, owner),
      ),
    )
    .returning({ v: t.evaluations.evaluatedVersion });
  return rows.length > 0;
}

/** Records why an evaluation failed and releases the lease after a pause, so it is retried later. */
export async function failEvaluation(
  db: Database,
  claim: EvaluationClaim,
  owner: string,
  error: string,
  retryAfterMs: number,
): Promise<void> {
  await db
    .update(t.evaluations)
    .set({ lastError: error, leaseUntil: sql`now() + make_interval(secs => ${retryAfterMs / 1000})` })
    .where(
      and(
        eq(t.evaluations.orgId, claim.orgId),
        eq(t.evaluations.initiativeId, claim.initiativeId),
        eq(t.evaluations.leaseOwner, owner),
      ),
    );
}

export interface StoredEvaluation {
  version: number;
  evaluatedVersion: number;
  evaluatedAt: Date | null;
  asOf: string | null;
  health: unknown[];
  lastError: string | null;
}

export async function readEvaluation(db: Database, scope: Scope): Promise<StoredEvaluation | null> {
  const [row] = await db
    .select({
      version: t.initiatives.version,
      evaluatedVersion: t.evaluations.evaluatedVersion,
      evaluatedAt: t.evaluations.evaluatedAt,
      asOf: t.evaluations.asOf,
      health: t.evaluations.health,
      lastError: t.evaluations.lastError,
    })
    .from(t.initiatives)
    .innerJoin(
      t.evaluations,
      and(eq(t.evaluations.orgId, t.initiatives.orgId), eq(t.evaluations.initiativeId, t.initiatives.id)),
    )
    .where(and(eq(t.initiatives.orgId, scope.orgId), eq(t.initiatives.id, scope.initiativeId)));
  return row ?? null;
}

/** How many initiatives wait for evaluation (in one org, or everywhere). */
export async function pendingEvaluations(db: Database, orgId?: string): Promise<number> {
  const result = await db.execute(sql`
    select count(*)::int as n from ${t.evaluations} e
    join ${t.initiatives} i on i.org_id = e.org_id and i.id = e.initiative_id
    where i.version > e.evaluated_version ${orgId ? sql`and e.org_id = ${orgId}` : sql``}`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

export interface EvidenceAtPosting {
  /** The version of the initiative the evidence was evaluated at, and the day it was as of. */
  evaluated_version: number;
  as_of: string | null;
  /** The subject's evidence health then, or null when the engine assessed none for it. */
  evidence_health: { health: string; reasons: unknown[]; unknowns: unknown[] } | null;
  open_signals: Array<{ fingerprint: string; kind: string; severity: string; title: string }>;
}

/** The evidence on `subject` as last evaluated: what a report posted now is held against. */
export async function evidenceOn(
  db: Database,
  scope: Scope,
  subject: { type: string; id: string },
): Promise<EvidenceAtPosting> {
  const evaluation = await readEvaluation(db, scope);
  const signals = await db
    .select({
      fingerprint: t.signals.fingerprint,
      kind: t.signals.kind,
      severity: t.signals.severity,
      title: t.signals.title,
    })
    .from(t.signals)
    .where(
      and(
        eq(t.signals.orgId, scope.orgId),
        eq(t.signals.initiativeId, scope.initiativeId),
        eq(t.signals.subjectType, subject.type),
        subject.type === "initiative" ? undefined : eq(t.signals.subjectId, subject.id),
        isNull(t.signals.resolvedAt),
      ),
    );
  const health = (evaluation?.health ?? []) as Array<{
    subject: { type: string; id: string };
    evidence: { health: string; reasons: unknown[]; unknowns: unknown[] };
  }>;
  // The initiative is one subject, whatever id a report or a signal gives it.
  const same = (other: { type: string; id: string }) =>
    other.type === subject.type && (subject.type === "initiative" || other.id === subject.id);
  const mine = health.find((h) => same(h.subject));
  return {
    evaluated_version: evaluation?.evaluatedVersion ?? 0,
    as_of: evaluation?.asOf ?? null,
    evidence_health: mine ? mine.evidence : null,
    open_signals: signals,
  };
}
