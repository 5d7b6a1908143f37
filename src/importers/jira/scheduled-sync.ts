// A scheduled sync (use-cases/sync/schedule-syncs.ts) of one initiative from Jira, done by whichever server
// claims its job: the same sync as `plumb sync`, incremental from the last cursor. A failure fails the job,
// which the queue retries; an initiative removed since, or no longer read from Jira, is nothing to do.
import { LOCAL_ACTOR } from "../../domain/actor.ts";
import type { Services } from "../../use-cases/services.ts";
import { nothingToSync, type SyncJob } from "../../use-cases/sync/schedule-syncs.ts";
import { syncJira, type JiraSyncOptions, type JiraSyncReport } from "./sync-jira.ts";

export function jiraSyncHandler(
  services: Services,
  credentials: { email: string; token: string },
  options: {
    onSynced?: (orgId: string, initiativeId: string, report: JiraSyncReport) => void;
    fetch?: JiraSyncOptions["fetch"];
  } = {},
) {
  return async (job: { orgId: string; payload: Record<string, unknown> }): Promise<void> => {
    const { initiativeId } = job.payload as unknown as SyncJob;
    try {
      const report = await syncJira(services, {
        orgId: job.orgId,
        initiativeId,
        credentials,
        actor: LOCAL_ACTOR,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      options.onSynced?.(job.orgId, initiativeId, report);
    } catch (error) {
      if (!nothingToSync(error, "jira")) throw error;
    }
  };
}
