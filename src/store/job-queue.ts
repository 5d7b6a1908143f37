// The durable job queue on PostgreSQL (PGlite and a server alike): jobs are rows, claimed with SKIP LOCKED under
// a lease, so several servers share them and a job claimed by a process that died is claimed again when its
// lease runs out. Failures are retried with exponential backoff until the last attempt.
import { and, eq, lt, sql } from "drizzle-orm";
import { resultRows, type Database } from "./open-store.ts";
import * as t from "./schema.ts";

export interface Job {
  orgId: string;
  id: number;
  queue: string;
  payload: Record<string, unknown>;
  /** This claim's attempt, from 1. */
  attempt: number;
  maxAttempts: number;
}

export interface EnqueueOptions {
  /** At most one job with this key per org, ever: enqueueing it again does nothing. */
  singletonKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** The first retry waits this long; each next one twice as long, up to `MAX_BACKOFF_MS`. */
export const BASE_BACKOFF_MS = 30_000;
export const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

/** How long to wait before attempt `attempt + 1`, after `attempt` failed (exponential, capped). */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
}

/** Queues a job; returns its id, or null when a job with the same singleton key exists already. */
export async function enqueueJob(
  db: Database,
  orgId: string,
  queue: string,
  payload: Record<string, unknown>,
  now: Date,
  options: EnqueueOptions = {},
): Promise<number | null> {
  const rows = await db
    .insert(t.jobs)
    .values({
      orgId,
      queue,
      payload,
      singletonKey: options.singletonKey ?? null,
      runAt: options.runAt ?? now,
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    })
    .onConflictDoNothing()
    .returning({ id: t.jobs.id });
  return rows[0]?.id ?? null;
}

/** Claims the next due job of `queues` for `leaseMs`; null when none is due. */
export async function claimJob(
  db: Database,
  queues: readonly string[],
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<Job | null> {
  if (queues.length === 0) return null;
  const result = await db.execute(sql`
    with next as (
      select org_id, id from ${t.jobs}
      where state = 'queued' and run_at <= ${now.toISOString()}::timestamptz
        and (locked_until is null or locked_until < ${now.toISOString()}::timestamptz)
        and queue in (${sql.join(
          queues.map((q) => sql`${q}`),
          sql`, `,
        )})
      order by run_at, id
      limit 1
      for update skip locked
    )
    update ${t.jobs} j
    set locked_by = ${owner}, attempts = j.attempts + 1,
      locked_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
    from next
    where j.org_id = next.org_id and j.id = next.id
    returning j.org_id, j.id, j.queue, j.payload, j.attempts, j.max_attempts`);
  const [row] = resultRows<{
    org_id: string;
    id: string | number;
    queue: string;
    payload: Record<string, unknown>;
    attempts: number;
    max_attempts: number;
  }>(result);
  return row
    ? {
        orgId: row.org_id,
        id: Number(row.id),
        queue: row.queue,
        payload: row.payload,
        attempt: Number(row.attempts),
        maxAttempts: Number(row.max_attempts),
      }
    : null;
}

export async function completeJob(db: Database, job: Job, owner: string): Promise<void> {
  await db.execute(sql`
    update ${t.jobs} set state = 'done', locked_by = null, locked_until = null, last_error = null
    where org_id = ${job.orgId} and id = ${job.id} and locked_by = ${owner}`);
}

/**
 * Records a failed attempt: the job runs again after its backoff, or is failed for good after its last attempt.
 * Returns whether it will be retried. `error` must hold no secret: it is stored.
 */
export async function failJob(
  db: Database,
  job: Job,
  owner: string,
  error: string,
  now: Date,
): Promise<boolean> {
  const retry = job.attempt < job.maxAttempts;
  const runAt = new Date(now.getTime() + backoffMs(job.attempt));
  await db.execute(sql`
    update ${t.jobs}
    set state = ${retry ? "queued" : "failed"}, run_at = ${runAt.toISOString()}::timestamptz,
      locked_by = null, locked_until = null, last_error = ${error.slice(0, 500)}
    where org_id = ${job.orgId} and id = ${job.id} and locked_by = ${owner}`);
  return retry;
}

/** Done jobs are kept this long (for a look at what ran), then pruned; failed ones are kept. */
export const DONE_JOBS_KEPT_DAYS = 7;

/**
 * Removes the jobs done before `before`; returns how many. Their work is on record elsewhere (a delivery and
 * its attempts); a singleton key freed this way belongs to an hour, or a delivery, long past.
 */
export async function pruneDoneJobs(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(t.jobs)
    .where(and(eq(t.jobs.state, "done"), lt(t.jobs.runAt, before)))
    .returning({ id: t.jobs.id });
  return rows.length;
}
