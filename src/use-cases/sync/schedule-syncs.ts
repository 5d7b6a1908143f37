// Syncs on a schedule: every so many minutes, a job on the durable queue (store/job-queue.ts) for each
// initiative whose file names a source, queued once per initiative and period however many servers ask. The
// job is done by that source's importer (importers/jira/scheduled-sync.ts), as `plumb sync` would do it.
import { enqueueJob } from "../../store/job-queue.ts";
import { initiativesWithSource } from "../../store/initiative-repository.ts";
import { listOrgs } from "../../store/org-repository.ts";
import { AppError } from "../../domain/app-error.ts";
import type { SyncSource } from "../../domain/sources.ts";
import type { Services } from "../services.ts";

export const SYNC_QUEUE = "source.sync";

/** What a sync job carries. */
export interface SyncJob {
  initiativeId: string;
  source: SyncSource;
}

/**
 * Queues this period's sync of every initiative with a `source` (periods of `everyMinutes`, counted from the
 * epoch, so every server agrees on them); returns how many jobs were newly queued.
 */
export async function scheduleSyncs(
  services: Services,
  source: SyncSource,
  everyMinutes: number,
  now: Date,
): Promise<number> {
  if (everyMinutes <= 0) return 0;
  const period = Math.floor(now.getTime() / (everyMinutes * 60_000));
  const db = services.store.db;
  let queued = 0;
  for (const org of await listOrgs(db)) {
    for (const initiativeId of await initiativesWithSource(db, org.id, source)) {
      const job: SyncJob = { initiativeId, source };
      const id = await enqueueJob(db, org.id, SYNC_QUEUE, { ...job }, now, {
        singletonKey: `sync:${source}:${initiativeId}:${everyMinutes}:${period}`,
        maxAttempts: 3,
      });
      if (id !== null) queued++;
    }
  }
  return queued;
}

/**
 * True when a queued sync failed because there is nothing left to do: its initiative was removed since, or no
 * longer reads from `source`. Any other failure fails the job, which the queue retries.
 */
export function nothingToSync(error: unknown, source: SyncSource): boolean {
  return (
    error instanceof AppError &&
    (error.code === "not_found" || error.problems.some((p) => p.path === `sources.${source}`))
  );
}
