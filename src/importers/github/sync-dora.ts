// The DORA half of a GitHub sync (sources.github.dora): read the repository's deliveries, compute the four weekly
// series (domain/dora.ts) and append them to the metrics the file names (use-cases/metrics/append-source-points.ts).
// Incremental: the weeks from the latest one already written are computed again (it may have been partial), from
// what GitHub lists since four weeks before it, so that a change merged then and deployed in those weeks has its
// lead time; `full` reads everything. Reading is split from writing so that a sync reads all it needs before it
// writes anything.
import { addDays } from "../../domain/primitives.ts";
import { computeDora, DORA_METRICS, type DoraMetric, type DoraSeries } from "../../domain/dora.ts";
import { doraMetricsOf, type GitHubSource } from "../../domain/sources.ts";
import type { Actor } from "../../use-cases/audit.ts";
import { appendSourcePoints, latestSourcePoint } from "../../use-cases/metrics/append-source-points.ts";
import type { Services } from "../../use-cases/services.ts";
import type { GitHubFetchOptions } from "./fetch.ts";
import { fetchGitHubDora } from "./fetch-dora.ts";
import { mapGitHubDora } from "./to-dora.ts";

/** How far before the latest written week an incremental read starts, in days. */
export const DORA_LOOKBACK_DAYS = 28;

export interface DoraRead {
  series: DoraSeries;
  /** The first week computed; null: every week. */
  from: string | null;
  read: { deployments: number; releases: number; pulls: number; incidents: number };
  releasesAsDeployments: boolean;
  failures: Array<{ ref: string; reason: string }>;
}

export interface DoraReport extends DoraRead {
  /** Points appended per metric. */
  written: Record<string, number>;
  unchanged: number;
}

type Scope = { orgId: string; initiativeId: string };
type DoraSource = GitHubSource & { dora: NonNullable<GitHubSource["dora"]> };

export async function readGitHubDora(
  services: Services,
  scope: Scope,
  source: DoraSource,
  options: {
    apiUrl: string;
    token: string | null;
    full?: boolean;
    fetch?: Pick<GitHubFetchOptions, "sleep" | "maxRetries" | "maxWaitMs" | "pageSize">;
  },
): Promise<DoraRead> {
  const metrics = doraMetricsOf(source.dora).map((m) => m.metric);
  const latest = options.full
    ? null
    : await latestSourcePoint(services, { ...scope, metrics, source: source.repo });
  const since = latest ? new Date(`${addDays(latest, -DORA_LOOKBACK_DAYS)}T00:00:00Z`) : null;
  const payloads = await fetchGitHubDora({
    apiUrl: options.apiUrl,
    repo: source.repo,
    token: options.token,
    environment: source.dora.environment,
    incidentLabel: source.dora.incidentLabel,
    since,
    ...options.fetch,
  });
  const mapped = mapGitHubDora(payloads, {
    environment: source.dora.environment,
    incidentLabel: source.dora.incidentLabel,
  });
  return {
    series: computeDora(mapped.events, { from: latest }),
    from: latest,
    read: {
      deployments: payloads.deployments.length,
      releases: mapped.releasesAsDeployments ? payloads.releases.length : 0,
      pulls: payloads.pulls.length,
      incidents: payloads.incidents.length,
    },
    releasesAsDeployments: mapped.releasesAsDeployments,
    failures: mapped.failures,
  };
}

export async function writeGitHubDora(
  services: Services,
  scope: Scope,
  source: DoraSource,
  read: DoraRead,
  actor: Actor,
): Promise<DoraReport> {
  const named = new Map<DoraMetric, string>(doraMetricsOf(source.dora).map((m) => [m.series, m.metric]));
  const appended = await appendSourcePoints(services, {
    ...scope,
    actor,
    kind: "github",
    source: source.repo,
    series: DORA_METRICS.flatMap((series) => {
      const metric = named.get(series);
      return metric
        ? [
            {
              metric,
              path: source.dora.metrics ? `sources.github.dora.metrics.${series}` : "sources.github.dora",
              points: read.series[series],
            },
          ]
        : [];
    }),
  });
  return { ...read, written: appended.written, unchanged: appended.unchanged };
}
