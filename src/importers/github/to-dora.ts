// GitHub's deployments (with their statuses), releases, pull requests and incident issues mapped to the delivery
// events the DORA metrics are computed from (domain/dora.ts). Pure and table-tested. The rules:
// - a deployment to the chosen environment succeeded when one of its statuses is `success` (at the first such
//   status), failed when one is `failure` or `error` and none is `success`, and is no attempt yet otherwise;
// - when the repository has no deployments to that environment, each published release (not a draft, not a
//   prerelease) is a successful deployment at its `published_at`;
// - a pull request is a change when it was merged (`merged_at`); closed unmerged, it is none;
// - an issue carrying the incident label is an incident from `created_at` to `closed_at`; one closed as not
//   planned or a duplicate was no incident. Pull requests with the label are not incidents.
import { z } from "zod";
import type { DoraDeployment, DoraChange, DoraEvents, DoraIncident } from "../../domain/dora.ts";
import { CANCELLED_REASONS, GitHubIssueSchema, labelsOf } from "./to-model.ts";

export interface GitHubDoraMapping {
  /** The deployments' environment, e.g. production. */
  environment: string;
  /** The label that makes an issue an incident. */
  incidentLabel: string;
}

/** What the fetch read (fetch-dora.ts), or a webhook carried. */
export interface GitHubDoraPayloads {
  /** Deployments, each with its statuses (any order). */
  deployments: Array<{ deployment: unknown; statuses: unknown[] }>;
  /** Whether the repository has any deployment to the environment (beyond those read). */
  hasDeployments: boolean;
  releases: unknown[];
  pulls: unknown[];
  incidents: unknown[];
}

export interface MappedGitHubDora {
  events: DoraEvents;
  /** Whether releases stood for deployments (the repository has none). */
  releasesAsDeployments: boolean;
  failures: Array<{ ref: string; reason: string }>;
}

const Instant = z.string().refine((s) => Number.isFinite(Date.parse(s)), "must be an ISO 8601 instant");
const DeploymentSchema = z.looseObject({ id: z.int(), environment: z.string().nullish() });
const StatusSchema = z.looseObject({ state: z.string(), created_at: Instant });
const ReleaseSchema = z.looseObject({
  id: z.int(),
  draft: z.boolean().nullish(),
  prerelease: z.boolean().nullish(),
  published_at: Instant.nullish(),
});
const PullSchema = z.looseObject({ number: z.int(), merged_at: Instant.nullish() });

const SUCCESS = ["success"];
const FAILURE = ["failure", "error"];

const problem = (error: z.ZodError) => {
  const issue = error.issues[0]!;
  return `${issue.path.join(".") || "item"} ${issue.message}`;
};

/** One deployment's outcome from its statuses: when it went live or failed, or null while it is neither. */
export function deploymentOutcome(statuses: ReadonlyArray<{ state: string; created_at: string }>) {
  const earliest = (states: string[]) =>
    statuses
      .filter((s) => states.includes(s.state))
      .map((s) => s.created_at)
      .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  const success = earliest(SUCCESS);
  if (success) return { at: success, succeeded: true };
  const failure = earliest(FAILURE);
  return failure ? { at: failure, succeeded: false } : null;
}

export function mapGitHubDora(payloads: GitHubDoraPayloads, mapping: GitHubDoraMapping): MappedGitHubDora {
  const failures: MappedGitHubDora["failures"] = [];
  const deployments: DoraDeployment[] = [];
  for (const { deployment, statuses } of payloads.deployments) {
    const parsed = DeploymentSchema.safeParse(deployment);
    if (!parsed.success) {
      failures.push({ ref: "deployment", reason: problem(parsed.error) });
      continue;
    }
    const d = parsed.data;
    if ((d.environment ?? "") !== mapping.environment) continue;
    const read = z.array(StatusSchema).safeParse(statuses);
    if (!read.success) {
      failures.push({ ref: `deployment ${d.id}`, reason: `statuses: ${problem(read.error)}` });
      continue;
    }
    const outcome = deploymentOutcome(read.data);
    if (outcome) deployments.push({ id: `deployment:${d.id}`, ...outcome });
  }

  const releasesAsDeployments = !payloads.hasDeployments && payloads.deployments.length === 0;
  if (releasesAsDeployments) {
    for (const raw of payloads.releases) {
      const parsed = ReleaseSchema.safeParse(raw);
      if (!parsed.success) {
        failures.push({ ref: "release", reason: problem(parsed.error) });
        continue;
      }
      const r = parsed.data;
      if (r.draft || r.prerelease || !r.published_at) continue;
      deployments.push({ id: `release:${r.id}`, at: r.published_at, succeeded: true });
    }
  }

  const changes: DoraChange[] = [];
  for (const raw of payloads.pulls) {
    const parsed = PullSchema.safeParse(raw);
    if (!parsed.success) {
      failures.push({ ref: "pull request", reason: problem(parsed.error) });
      continue;
    }
    changes.push({ id: `pull:${parsed.data.number}`, mergedAt: parsed.data.merged_at ?? null });
  }

  const incidents: DoraIncident[] = [];
  for (const raw of payloads.incidents) {
    const parsed = GitHubIssueSchema.extend({ created_at: Instant }).safeParse(raw);
    if (!parsed.success) {
      failures.push({ ref: "incident", reason: problem(parsed.error) });
      continue;
    }
    const issue = parsed.data;
    if (issue.pull_request !== undefined && issue.pull_request !== null) continue;
    if (!labelsOf(issue).includes(mapping.incidentLabel)) continue;
    const closed = issue.state === "closed";
    const reason = closed ? issue.state_reason : null;
    if (reason && (CANCELLED_REASONS as readonly string[]).includes(reason)) continue;
    incidents.push({
      id: `issue:${issue.number}`,
      openedAt: issue.created_at,
      closedAt: closed ? (issue.closed_at ?? null) : null,
    });
  }

  return { events: { deployments, changes, incidents }, releasesAsDeployments, failures };
}
