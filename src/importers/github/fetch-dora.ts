// Reads what the DORA metrics are computed from (to-dora.ts): a repository's deployments to one environment with
// each one's statuses, its releases when it has no deployments, its closed pull requests, and its issues carrying
// the incident label. Every listing goes through fetchGitHubList (paged by `link` on the API's own host, rate
// limits waited out, the token in no message). With `since`, only what may have changed from then is read: the
// listings that are newest first (deployments, releases, pull requests by update) stop at the first page that
// reaches before it (the older items of that page are kept: they only add to what is known), the incidents are
// asked `since`; a deployment's statuses are read only for those created from `since` on.
import { fetchGitHubList, type GitHubFetchOptions } from "./fetch.ts";
import type { GitHubDoraPayloads } from "./to-dora.ts";

export interface GitHubDoraFetchOptions extends Omit<GitHubFetchOptions, "labels" | "since" | "onPage"> {
  environment: string;
  incidentLabel: string;
  /** Read only what was created or updated at or after this instant; everything when null. */
  since: Date | null;
  /** Told after each listing, with what it is and how many items it held. */
  onList?: (what: string, received: number) => void;
}

const DEFAULT_PAGE = 100;

function repoUrl(options: GitHubDoraFetchOptions, tail: string, query: Record<string, string>): string {
  const base = options.apiUrl.replace(/\/+$/, "");
  const [owner, repo] = options.repo.split("/");
  const url = new URL(`${base}/repos/${encodeURIComponent(owner!)}/${encodeURIComponent(repo!)}/${tail}`);
  for (const [k, v] of Object.entries({ per_page: String(options.pageSize ?? DEFAULT_PAGE), ...query }))
    url.searchParams.set(k, v);
  return url.toString();
}

/** A page newest first reaches before `since` when its last item's `field` is earlier. */
const reachesBefore = (since: Date | null, field: string) => (page: unknown[]) => {
  if (!since) return false;
  const last = (page.at(-1) as Record<string, unknown> | undefined)?.[field];
  return typeof last === "string" && Date.parse(last) < since.getTime();
};

const notBefore = (since: Date | null, field: string) => (item: unknown) => {
  if (!since) return true;
  const at = (item as Record<string, unknown> | null)?.[field];
  return typeof at !== "string" || Date.parse(at) >= since.getTime();
};

export async function fetchGitHubDora(options: GitHubDoraFetchOptions): Promise<GitHubDoraPayloads> {
  const { since } = options;
  const listed = async (what: string, url: string, isDone?: (page: unknown[]) => boolean) => {
    const items = await fetchGitHubList(url, options, { what, isDone });
    options.onList?.(what, items.length);
    return items;
  };

  const all = await listed(
    "deployments",
    repoUrl(options, "deployments", { environment: options.environment }),
    reachesBefore(since, "created_at"),
  );
  const recent = all.filter(notBefore(since, "created_at"));
  const deployments: GitHubDoraPayloads["deployments"] = [];
  for (const deployment of recent) {
    const id = (deployment as { id?: unknown } | null)?.id;
    const statuses =
      typeof id === "number"
        ? await fetchGitHubList(repoUrl(options, `deployments/${id}/statuses`, {}), options, {
            what: "deployment statuses",
          })
        : [];
    deployments.push({ deployment, statuses });
  }

  // Releases stand for deployments only in a repository that has none.
  const releases =
    all.length === 0
      ? await listed("releases", repoUrl(options, "releases", {}), reachesBefore(since, "created_at"))
      : [];
  const pulls = await listed(
    "pull requests",
    repoUrl(options, "pulls", { state: "closed", sort: "updated", direction: "desc" }),
    reachesBefore(since, "updated_at"),
  );
  const incidents = await listed(
    "incidents",
    repoUrl(options, "issues", {
      state: "all",
      labels: options.incidentLabel,
      sort: "updated",
      direction: "asc",
      ...(since ? { since: since.toISOString() } : {}),
    }),
  );
  return { deployments, hasDeployments: all.length > 0, releases, pulls, incidents };
}
