// The evaluator's queue and results: which initiatives changed since they were last evaluated, leases so that
// one process evaluates each change, and the stored evidence health that reads serve.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { resultRows, type Database } from "./open-store.ts";
import type { Scope } from "./record-repository.ts";
import { versionOf } from "./event-repository.ts";
import * as t from "./schema.ts";

/** Called when an initiative is created: it waits for its first evaluation. */
export async function ensureEvaluation(db: Database, scope: Scope): Promise<void> {
  await db
    .insert(t.evaluations)
    // Behind any version, even 0: a new initiative is evaluated once whether or not a change named it.
    .values({ orgId: scope.orgId, initiativeId: scope.initiativeId, evaluatedVersion: -1 })
    .onConflictDoNothing();
}

export interface EvaluationClaim extends Scope {
  /** The initiative's version when it was claimed: at least this much is evaluated. */
  version: number;
  /** How many evaluations of it had completed when it was claimed (see `completeEvaluation`). */
  completions: number;
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
  /** Today: an initiative evaluated as of an earlier day (and fixed to no day of its own) is due again. */
  today?: string,
): Promise<EvaluationClaim | null> {
  const result = await db.execute(sql`
    with next as (
      select e.org_id, e.initiative_id, v.version
      from ${t.evaluations} e
      join ${t.initiatives} i on i.org_id = e.org_id and i.id = e.initiative_id
      cross join lateral (select ${versionOf(sql`e.org_id`, sql`e.initiative_id`)} as version) v
      where (v.version > e.evaluated_version
          ${today ? sql`or (i.as_of is null and (e.as_of is null or e.as_of < ${today}::date))` : sql``})
        and (e.lease_until is null or e.lease_until < now())
        ${only ? sql`and e.org_id = ${only.orgId} and e.initiative_id = ${only.initiativeId}` : sql``}
      -- The oldest change waiting first: every change up to its evaluated version is in, so the next is later.
      order by e.evaluated_version
      limit 1
      for update of e skip locked
    )
    update ${t.evaluations} e
    set lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${leaseMs / 1000})
    from next
    where e.org_id = next.org_id and e.initiative_id = next.initiative_id
    returning e.org_id, e.initiative_id, next.version, e.completions`);
  const [row] = resultRows<{
    org_id: string;
    initiative_id: string;
    version: string | number;
    completions: string | number;
  }>(result);
  return row
    ? {
        orgId: row.org_id,
        initiativeId: row.initiative_id,
        version: Number(row.version),
        completions: Number(row.completions),
      }
    : null;
}

/**
 * Stores an evaluation's evidence health as of `version`, if the lease is still this process's; returns how
 * many evaluations have completed with this one, or null when the lease is not (it ran out and another process
 * took the work), and then the caller rolls back.
 */
export async function completeEvaluation(
  db: Database,
  claim: EvaluationClaim,
  owner: string,
  result: { version: number; asOf: string; at: Date },
): Promise<number | null> {
  const rows = await db
    .update(t.evaluations)
    .set({
      completions: sql`${t.evaluations.completions} + 1`,
      evaluatedVersion: sql`greatest(${t.evaluations.evaluatedVersion}, ${result.version})`,
      evaluatedAt: result.at,
      asOf: result.asOf,
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
    .returning({ completions: t.evaluations.completions });
  return rows[0]?.completions ?? null;
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
  /** The initiative's version (the id of its latest change) and the version evaluated (0 before any). */
  version: number;
  evaluatedVersion: number;
  /** True while a change waits for evaluation: the results are of an earlier version, or there are none yet. */
  pending: boolean;
  evaluatedAt: Date | null;
  asOf: string | null;
  lastError: string | null;
}

export async function readEvaluation(db: Database, scope: Scope): Promise<StoredEvaluation | null> {
  const [row] = resultRows<{
    version: string | number;
    evaluated_version: string | number;
    evaluated_at: string | Date | null;
    as_of: string | null;
    last_error: string | null;
  }>(
    await db.execute(sql`
      select ${versionOf(scope.orgId, scope.initiativeId)} as version, e.evaluated_version,
             e.evaluated_at, e.as_of::text as as_of, e.last_error
      from ${t.evaluations} e
      where e.org_id = ${scope.orgId} and e.initiative_id = ${scope.initiativeId}`),
  );
  if (!row) return null;
  const version = Number(row.version);
  const evaluated = Number(row.evaluated_version);
  return {
    version,
    evaluatedVersion: Math.max(evaluated, 0),
    pending: version > evaluated,
    evaluatedAt: row.evaluated_at === null ? null : new Date(row.evaluated_at),
    asOf: row.as_of,
    lastError: row.last_error,
  };
}

/** How many initiatives wait for evaluation (in one org, or everywhere). */
export async function pendingEvaluations(db: Database, orgId?: string): Promise<number> {
  const result = await db.execute(sql`
    select count(*)::int as n from ${t.evaluations} e
    where ${versionOf(sql`e.org_id`, sql`e.initiative_id`)} > e.evaluated_version
      ${orgId ? sql`and e.org_id = ${orgId}` : sql``}`);
  return Number(resultRows<{ n: number }>(result)[0]?.n ?? 0);
}

export interface EvidenceAtPosting {
  /** The version of the initiative the evidence was evaluated at, and the day it was as of. */
  evaluated_version: number;
  as_of: string | null;
  /** The subject's evidence health then, or null when the engine assessed none for it. */
  evidence_health: { health: string; reasons: unknown[]; unknowns: unknown[] } | null;
  open_signals: Array<{ fingerprint: string; kind: string; severity: string; title: string }>;
}

/** One subject's evidence health beside its reported health, as the engine compared them. */
export interface StoredHealth {
  subject: { type: string; id: string };
  title: string;
  reported: { health: string; by: string; date: string } | null;
  evidence: { health: string; reasons: unknown[]; unknowns: unknown[] };
}

const healthKey = (h: { subject: { type: string; id: string } }) => `${h.subject.type}\u0000${h.subject.id}`;

/** What is compared to tell whether a subject's stored health must be written again. */
const healthText = (h: StoredHealth, position: number) => JSON.stringify({ ...h, position });

/** One subject's stored evidence health as a sync left it: its place, its text, and the value it came from. */
export interface KnownHealth {
  position: number;
  text: string;
  /** The value stored, when the sync had it (the same object again means nothing to compare). */
  value: StoredHealth | null;
}

/**
 * Brings the stored evidence health in line with `current`, writing only the subjects whose health moved;
 * `previous` (what the caller knows is stored, by subject, from the last sync) saves reading it. Returns what
 * is stored now. A subject given as the same object at the same place as last time is not compared again.
 */
export async function syncEvidenceHealth(
  db: Database,
  scope: Scope,
  current: readonly StoredHealth[],
  previous: ReadonlyMap<string, KnownHealth> | null,
): Promise<Map<string, KnownHealth>> {
  const where = and(
    eq(t.evidenceHealth.orgId, scope.orgId),
    eq(t.evidenceHealth.initiativeId, scope.initiativeId),
  );
  let before = previous;
  if (!before) {
    const rows = await readEvidenceHealth(db, scope);
    before = new Map(
      rows.map((h, position) => [healthKey(h), { position, text: healthText(h, position), value: null }]),
    );
  }
  const after = new Map<string, KnownHealth>();
  const changed = [];
  for (const [position, h] of current.entries()) {
    const key = healthKey(h);
    const known = before.get(key);
    if (known?.value === h && known.position === position) {
      after.set(key, known);
      continue;
    }
    const text = healthText(h, position);
    after.set(key, { position, text, value: h });
    if (known?.text !== text) {
      changed.push({
        orgId: scope.orgId,
        initiativeId: scope.initiativeId,
        subjectType: h.subject.type,
        subjectId: h.subject.id,
        position,
        title: h.title,
        health: h.evidence.health,
        reported: h.reported,
        reasons: h.evidence.reasons,
        unknowns: h.evidence.unknowns,
      });
    }
  }
  for (let i = 0; i < changed.length; i += 500) {
    await db
      .insert(t.evidenceHealth)
      .values(changed.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [
          t.evidenceHealth.orgId,
          t.evidenceHealth.initiativeId,
          t.evidenceHealth.subjectType,
          t.evidenceHealth.subjectId,
        ],
        set: {
          position: sql`excluded.position`,
          title: sql`excluded.title`,
          health: sql`excluded.health`,
          reported: sql`excluded.reported`,
          reasons: sql`excluded.reasons`,
          unknowns: sql`excluded.unknowns`,
        },
      });
  }
  for (const key of before.keys()) {
    if (after.has(key)) continue;
    const [subjectType, subjectId] = key.split("\u0000") as [string, string];
    await db
      .delete(t.evidenceHealth)
      .where(
        and(where, eq(t.evidenceHealth.subjectType, subjectType), eq(t.evidenceHealth.subjectId, subjectId)),
      );
  }
  return after;
}

/** Stored evidence health, in the engine's order: every subject, or only those of `subject`'s type and id. */
export async function readEvidenceHealth(
  db: Database,
  scope: Scope,
  subject?: { type: string; id?: string },
): Promise<StoredHealth[]> {
  const rows = await db
    .select()
    .from(t.evidenceHealth)
    .where(
      and(
        eq(t.evidenceHealth.orgId, scope.orgId),
        eq(t.evidenceHealth.initiativeId, scope.initiativeId),
        subject ? eq(t.evidenceHealth.subjectType, subject.type) : undefined,
        subject?.id !== undefined ? eq(t.evidenceHealth.subjectId, subject.id) : undefined,
      ),
    )
    .orderBy(asc(t.evidenceHealth.position));
  return rows.map((r) => ({
    subject: { type: r.subjectType, id: r.subjectId },
    title: r.title,
    reported: r.reported,
    evidence: { health: r.health, reasons: r.reasons, unknowns: r.unknowns },
  }));
}

export interface EvidenceAtPosting {
  /** The version of the initiative the evidence was evaluated at, and the day it was as of. */
  evaluated_version: number;
  as_of: string | null;
  /** The subject's evidence health then, or null when the engine assessed none for it. */
  evidence_health: { health: string; reasons: unknown[]; unknowns: unknown[] } | null;
  open_signals: Array<{ fingerprint: string; kind: string; severity: string; title: string }>;
}

/** The evidence on `subject` as last evaluated: what a report posted now is held against (three queries). */
export async function evidenceOn(
  db: Database,
  scope: Scope,
  subject: { type: string; id: string },
): Promise<EvidenceAtPosting> {
  const evaluation = await readEvaluation(db, scope);
  // The initiative is one subject, whatever id a report or a signal gives it.
  const initiative = subject.type === "initiative";
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
        initiative ? undefined : eq(t.signals.subjectId, subject.id),
        isNull(t.signals.resolvedAt),
      ),
    );
  const [mine] = await readEvidenceHealth(db, scope, initiative ? { type: "initiative" } : subject);
  return {
    evaluated_version: evaluation?.evaluatedVersion ?? 0,
    as_of: evaluation?.asOf ?? null,
    evidence_health: mine ? mine.evidence : null,
    open_signals: signals,
  };
}
