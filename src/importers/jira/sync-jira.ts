// One sync of an initiative from its Jira source: read the issues updated since the last sync (all of them
// the first time, or with `full`), map them, and apply the difference through the sync use-case.
import { AppError } from "../../domain/app-error.ts";
import type { Actor } from "../../use-cases/audit.ts";
import { loadInitiativeOrThrow } from "../../use-cases/read-initiative.ts";
import type { Services } from "../../use-cases/services.ts";
import { applySync, lastSync, orgPeople, type SyncOutcome } from "../../use-cases/sync/sync-source.ts";
import { fetchJiraIssues, type JiraFetchOptions } from "./fetch.ts";
import { latestUpdate, mapIssues } from "./to-model.ts";

export interface JiraSyncOptions {
  orgId: string;
  initiativeId: string;
  /** The account to read as; null when the environment names none. */
  credentials: { email: string; token: string } | null;
  actor: Actor;
  /** Read every issue the JQL finds, not only those updated since the last sync. */
  full?: boolean;
  /** Told after each page of issues. */
  onProgress?: (received: number, total: number | null) => void;
  /** How the reader waits and retries (tests shorten the waits). */
  fetch?: Pick<JiraFetchOptions, "sleep" | "maxRetries" | "maxWaitMs" | "pageSize">;
}

export interface JiraSyncReport extends SyncOutcome {
  received: number;
  incremental: boolean;
  /** Assignees who matched nobody in the org: their commitments have no owner. */
  unmatchedAssignees: string[];
}

export async function syncJira(services: Services, options: JiraSyncOptions): Promise<JiraSyncReport> {
  const { orgId, initiativeId } = options;
  const snapshot = await loadInitiativeOrThrow(services, orgId, initiativeId);
  const source = snapshot.initiative.sources?.jira;
  if (!source) {
    throw AppError.invalid(`initiative '${initiativeId}' has no Jira source`, [
      {
        path: "sources.jira",
        message:
          "add sources.jira (base_url, jql, teams) to the initiative file and import it (docs/connectors.md)",
      },
    ]);
  }
  if (!options.credentials) {
    throw AppError.invalid("no Jira account to read as", [
      { path: "PLUMBLINE_JIRA_EMAIL", message: "the e-mail address of the Jira account" },
      { path: "PLUMBLINE_JIRA_TOKEN", message: "an API token of that account (id.atlassian.com → Security)" },
    ]);
  }
  const scope = { orgId, initiativeId };
  const last = options.full ? null : await lastSync(services, scope, "jira");
  const fetchedAt = services.clock();
  const issues = await fetchJiraIssues({
    baseUrl: source.baseUrl,
    email: options.credentials.email,
    token: options.credentials.token,
    jql: source.jql,
    since: last?.cursor ?? null,
    onPage: options.onProgress,
    ...options.fetch,
  });
  const people = await orgPeople(services, orgId);
  const mapped = mapIssues(
    issues,
    {
      baseUrl: source.baseUrl,
      teams: source.teams,
      wontDo: source.wontDo ?? undefined,
      people: source.people,
    },
    people,
    fetchedAt,
  );
  const failures = mapped.failures.map((f) => ({ ref: f.key, reason: f.reason }));
  // An issue that failed is read again next time: the cursor only moves past a sync that took in everything.
  const cursor = failures.length > 0 ? null : latestUpdate(issues.map((i) => ({ updated: updatedOf(i) })));
  const outcome = await applySync(services, {
    orgId,
    initiativeId,
    source: "jira",
    incoming: {
      commitments: mapped.commitments.map((m) => m.commitment),
      links: mapped.links,
      cancelled: mapped.cancelled.map((c) => c.id),
    },
    received: issues.length,
    failures,
    cursor,
    actor: options.actor,
  });
  return {
    ...outcome,
    received: issues.length,
    incremental: Boolean(last?.cursor),
    unmatchedAssignees: [
      ...new Set(mapped.commitments.flatMap((m) => (m.unmatchedAssignee ? [m.unmatchedAssignee] : []))),
    ],
  };
}

function updatedOf(issue: unknown): string | null {
  const updated = (issue as { fields?: { updated?: unknown } } | null)?.fields?.updated;
  return typeof updated === "string" ? updated : null;
}
