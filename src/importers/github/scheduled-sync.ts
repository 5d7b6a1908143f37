// A queued sync (use-cases/sync/schedule-syncs.ts) of one initiative from GitHub, done by whichever server
// claims its job: on a schedule, the same sync as `plumb sync` (incremental from the last cursor); from a
// webhook, the delivered issues applied as they are. A failure fails the job, which the queue retries; an
// initiative removed since, or no longer read from GitHub, is nothing to do.
import { LOCAL_ACTOR } from "../../domain/actor.ts";
import type { Services } from "../../use-cases/services.ts";
import { nothingToSync, type SyncJob } from "../../use-cases/sync/schedule-syncs.ts";
import {
  applyGitHubDelivery,
  refreshGitHubDora,
  syncGitHub,
  type GitHubSyncOptions,
  type GitHubSyncReport,
} from "./sync-github.ts";

/** A webhook's job: the issues its delivery carried, or a refresh of the DORA metrics it asks for. */
export interface GitHubDeliveryJob extends SyncJob {
  source: "github";
  delivery?: { id: string; event: string; issues: unknown[] };
  doraRefresh?: { id: string; event: string };
}

export function githubSyncHandler(
  services: Services,
  token: string | null,
  options: {
    onSynced?: (orgId: string, initiativeId: string, report: GitHubSyncReport) => void;
    fetch?: GitHubSyncOptions["fetch"];
  } = {},
) {
  return async (job: { orgId: string; payload: Record<string, unknown> }): Promise<void> => {
    const payload = job.payload as unknown as SyncJob & Partial<GitHubDeliveryJob>;
    const { initiativeId } = payload;
    try {
      const report = payload.delivery
        ? await applyGitHubDelivery(services, {
            orgId: job.orgId,
            initiativeId,
            issues: payload.delivery.issues,
            actor: LOCAL_ACTOR,
          })
        : payload.doraRefresh
          ? await refreshGitHubDora(services, {
              orgId: job.orgId,
              initiativeId,
              token,
              actor: LOCAL_ACTOR,
              ...(options.fetch ? { fetch: options.fetch } : {}),
            })
          : await syncGitHub(services, {
              orgId: job.orgId,
              initiativeId,
              token,
              actor: LOCAL_ACTOR,
              ...(options.fetch ? { fetch: options.fetch } : {}),
            });
      options.onSynced?.(job.orgId, initiativeId, report);
    } catch (error) {
      if (!nothingToSync(error, "github")) throw error;
    }
  };
}
