// One sync of an initiative from its GitHub source: read the issues updated since the last sync (all of them
// the first time, or with `full`), map them, and apply the difference through the sync use-case. A webhook's
// issue (server/routes/webhooks.ts, done from the queue) is applied the same way, without reading GitHub.
import { AppError } from "../../domain/app-error.ts";
import type { GitHubSource } from "../../domain/sources.ts";
import type { Actor } from "../../use-cases/audit.ts";
import { loadInitiativeOrThrow } from "../../use-cases/read-initiative.ts";
import type { Services } from "../../use-cases/services.ts";
import { applySync, lastSync, type SyncOutcome } from "../../use-cases/sync/sync-source.ts";
import { fetchGitHubIssues, type GitHubFetchOptions } from "./fetch.ts";
import { readGitHubDora, writeGitHubDora, type DoraReport } from "./sync-dora.ts";
import { latestUpdate, mapGitHubIssues } from "./to-model.ts";

export const DEFAULT_GITHUB_API = "https://api.github.com";

export interface GitHubSyncOptions {
  orgId: string;
  initiativeId: string;
  /** The token to read with; null when the environment names none. */
  token: string | null;
  actor: Actor;
  /** Read every issue, not only those updated since the last sync. */
  full?: boolean;
  /** Told after each page of issues. */
  onProgress?: (received: number) => void;
  /** How the reader waits and retries (tests shorten the waits). */
  fetch?: Pick<GitHubFetchOptions, "sleep" | "maxRetries" | "maxWaitMs" | "pageSize">;
}

export interface GitHubSyncReport extends SyncOutcome {
  received: number;
  incremental: boolean;
  /** Pull requests the listing held: read, not commitments. */
  pullRequests: number;
  /** Assignees' logins that matched nobody in sources.github.people: their commitments have no owner. */
  unmatchedAssignees: string[];
  /** The DORA metrics read and written, when the source has `dora`; null otherwise. */
  dora: DoraReport | null;
}

async function githubSourceOf(
  services: Services,
  orgId: string,
  initiativeId: string,
): Promise<GitHubSource> {
  const snapshot = await loadInitiativeOrThrow(services, orgId, initiativeId);
  const source = snapshot.initiative.sources?.github;
  if (!source) {
    throw AppError.invalid(`initiative '${initiativeId}' has no GitHub source`, [
      {
        path: "sources.github",
        message:
          "add sources.github (repo, and teams or team) to the initiative file and import it (docs/connectors.md)",
      },
    ]);
  }
  return source;
}

function requireToken(token: string | null): void {
  if (!token) {
    throw AppError.invalid("no GitHub token to read with", [
      {
        path: "PLUMBLINE_GITHUB_TOKEN",
        message: "a token that may read the repository's issues (a fine-grained token with Issues: read)",
      },
    ]);
  }
}

/** Maps `issues` and applies them; the cursor moves to their latest update only when `cursor` says so. */
async function applyIssues(
  services: Services,
  scope: { orgId: string; initiativeId: string },
  source: GitHubSource,
  issues: unknown[],
  options: { actor: Actor; moveCursor: boolean; incremental: boolean },
): Promise<GitHubSyncReport> {
  const mapped = mapGitHubIssues(
    issues,
    { repo: source.repo, teams: source.teams, team: source.team, people: source.people },
    services.clock(),
  );
  // An issue that failed is read again next time: the cursor only moves past a sync that took in everything.
  const cursor = options.moveCursor && mapped.failures.length === 0 ? latestUpdate(issues) : null;
  const outcome = await applySync(services, {
    ...scope,
    source: "github",
    incoming: {
      commitments: mapped.commitments.map((m) => m.commitment),
      links: [],
      cancelled: mapped.cancelled.map((c) => c.id),
    },
    received: issues.length,
    failures: mapped.failures,
    cursor,
    actor: options.actor,
  });
  return {
    ...outcome,
    received: issues.length,
    incremental: options.incremental,
    pullRequests: mapped.pullRequests.length,
    unmatchedAssignees: [
      ...new Set(mapped.commitments.flatMap((m) => (m.unmatchedAssignee ? [m.unmatchedAssignee] : []))),
    ],
    dora: null,
  };
}

export async function syncGitHub(services: Services, options: GitHubSyncOptions): Promise<GitHubSyncReport> {
  const { orgId, initiativeId } = options;
  const source = await githubSourceOf(services, orgId, initiativeId);
  requireToken(options.token);
  const scope = { orgId, initiativeId };
  const last = options.full ? null : await lastSync(services, scope, "github");
  const apiUrl = source.apiUrl ?? DEFAULT_GITHUB_API;
  const issues = await fetchGitHubIssues({
    apiUrl,
    repo: source.repo,
    token: options.token,
    labels: source.labels,
    since: last?.cursor ?? null,
    onPage: options.onProgress,
    ...options.fetch,
  });
  // Everything is read before anything is written: a refusal from GitHub writes nothing.
  const { dora } = source;
  const doraRead = dora
    ? await readGitHubDora(services, scope, { ...source, dora }, { apiUrl, ...options })
    : null;
  const report = await applyIssues(services, scope, source, issues, {
    actor: options.actor,
    moveCursor: true,
    incremental: Boolean(last?.cursor),
  });
  if (!dora || !doraRead) return report;
  const written = await writeGitHubDora(services, scope, { ...source, dora }, doraRead, options.actor);
  return { ...report, failures: [...report.failures, ...doraRead.failures], dora: written };
}

/**
 * Applies issues a webhook delivered (of the source's repository, carrying its labels): as a sync that read
 * them, leaving the cursor where it was, since a delivery says nothing of the issues it does not carry.
 */
export async function applyGitHubDelivery(
  services: Services,
  options: { orgId: string; initiativeId: string; issues: unknown[]; actor: Actor },
): Promise<GitHubSyncReport> {
  const { orgId, initiativeId } = options;
  const source = await githubSourceOf(services, orgId, initiativeId);
  const wanted = source.labels;
  const issues = options.issues.filter((issue) => {
    const labels = ((issue as { labels?: unknown[] } | null)?.labels ?? []).map((l) =>
      typeof l === "string" ? l : (l as { name?: unknown } | null)?.name,
    );
    return wanted.every((w) => labels.includes(w));
  });
  return applyIssues(services, { orgId, initiativeId }, source, issues, {
    actor: options.actor,
    moveCursor: false,
    incremental: true,
  });
}

/**
 * Refreshes only the DORA metrics, as a webhook's delivery of a deployment status, a release, a merged pull
 * request or an incident asks (incremental, as a sync's DORA half); the issues wait for the next sync.
 */
export async function refreshGitHubDora(
  services: Services,
  options: Omit<GitHubSyncOptions, "onProgress">,
): Promise<GitHubSyncReport> {
  const { orgId, initiativeId } = options;
  const scope = { orgId, initiativeId };
  const source = await githubSourceOf(services, orgId, initiativeId);
  const nothing: GitHubSyncReport = {
    written: false,
    created: [],
    updated: [],
    removed: [],
    linksChanged: false,
    failures: [],
    version: null,
    received: 0,
    incremental: true,
    pullRequests: 0,
    unmatchedAssignees: [],
    dora: null,
  };
  const { dora } = source;
  if (!dora) return nothing;
  requireToken(options.token);
  const apiUrl = source.apiUrl ?? DEFAULT_GITHUB_API;
  const read = await readGitHubDora(services, scope, { ...source, dora }, { apiUrl, ...options });
  const written = await writeGitHubDora(services, scope, { ...source, dora }, read, options.actor);
  const count = Object.values(written.written).reduce((a, b) => a + b, 0);
  return { ...nothing, written: count > 0, failures: read.failures, dora: written };
}
