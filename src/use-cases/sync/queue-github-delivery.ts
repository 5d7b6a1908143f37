// A GitHub webhook's delivery, once its signature is verified (server/routes/webhooks.ts), queued as a sync job
// for every initiative that reads its repository, on the durable queue the scheduled syncs use: the request is
// answered as soon as the jobs are written, and importers/github/scheduled-sync.ts applies the issues. Each
// delivery is queued once per initiative however often GitHub sends it again.
import { enqueueJob } from "../../store/job-queue.ts";
import {
  initiativesReadingGitHubDora,
  initiativesReadingGitHubRepo,
} from "../../store/initiative-repository.ts";
import type { Services } from "../services.ts";
import { SYNC_QUEUE, type SyncJob } from "./schedule-syncs.ts";

export interface GitHubDelivery {
  /** X-GitHub-Delivery: the delivery's id. */
  id: string;
  /** X-GitHub-Event, e.g. issues. */
  event: string;
  /** The repository, owner/repo. */
  repo: string;
  /** The issues it carries, as the REST API shapes them. */
  issues: unknown[];
}

/** Queues the delivery for every initiative reading its repository; returns how many jobs were newly queued. */
export async function queueGitHubDelivery(services: Services, delivery: GitHubDelivery): Promise<number> {
  const db = services.store.db;
  let queued = 0;
  for (const { orgId, initiativeId } of await initiativesReadingGitHubRepo(db, delivery.repo)) {
    const job: SyncJob & { delivery: Omit<GitHubDelivery, "repo"> } = {
      initiativeId,
      source: "github",
      delivery: { id: delivery.id, event: delivery.event, issues: delivery.issues },
    };
    const id = await enqueueJob(db, orgId, SYNC_QUEUE, { ...job }, services.clock(), {
      singletonKey: `github-delivery:${delivery.id}:${initiativeId}`,
      maxAttempts: 3,
    });
    if (id !== null) queued++;
  }
  return queued;
}

/**
 * Queues a refresh of the DORA metrics (importers/github/sync-dora.ts) for every initiative that reads them from
 * the delivery's repository: a deployment's status, a release or a merged pull request changed what they count.
 * An issue's delivery (`labels` given) refreshes only the initiatives whose incident label it carries. Once per
 * delivery and initiative; returns how many jobs were newly queued.
 */
export async function queueGitHubDoraRefresh(
  services: Services,
  delivery: { id: string; event: string; repo: string; labels?: readonly string[] },
): Promise<number> {
  const db = services.store.db;
  let queued = 0;
  for (const { orgId, initiativeId, incidentLabel } of await initiativesReadingGitHubDora(
    db,
    delivery.repo,
  )) {
    if (delivery.labels && !delivery.labels.includes(incidentLabel)) continue;
    const job: SyncJob & { doraRefresh: { id: string; event: string } } = {
      initiativeId,
      source: "github",
      doraRefresh: { id: delivery.id, event: delivery.event },
    };
    const id = await enqueueJob(db, orgId, SYNC_QUEUE, { ...job }, services.clock(), {
      singletonKey: `github-dora:${delivery.id}:${initiativeId}`,
      maxAttempts: 3,
    });
    if (id !== null) queued++;
  }
  return queued;
}

/** What the GitHub mapping (importers/github/to-model.ts) reads of an issue, and nothing else: what is queued. */
export function issueEssentials(raw: unknown): Record<string, unknown> {
  const issue = (raw ?? {}) as Record<string, unknown>;
  const pick = (value: unknown, keys: string[]) =>
    value && typeof value === "object"
      ? Object.fromEntries(keys.map((k) => [k, (value as Record<string, unknown>)[k]]))
      : value;
  return {
    ...(pick(issue, [
      "number",
      "title",
      "html_url",
      "state",
      "state_reason",
      "closed_at",
      "updated_at",
    ]) as object),
    assignee: pick(issue.assignee, ["login"]),
    assignees: Array.isArray(issue.assignees) ? issue.assignees.map((a) => pick(a, ["login"])) : [],
    labels: Array.isArray(issue.labels)
      ? issue.labels.map((l) => (typeof l === "string" ? l : pick(l, ["name"])))
      : [],
    milestone: pick(issue.milestone, ["number", "title", "due_on"]),
    ...(issue.pull_request ? { pull_request: true } : {}),
  };
}
