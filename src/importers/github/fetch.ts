// Reads a repository's issues from GitHub's REST API (`GET /repos/{owner}/{repo}/issues?state=all`), paged by
// the `link` header's rel="next", narrowed by `since` and `labels`. Rate-limit aware: a 429, or a 403 with
// `x-ratelimit-remaining: 0`, is waited out as `Retry-After` or `x-ratelimit-reset` says, a bounded number of
// times. Authenticates with a token, which appears in no message.
import { retryAfterMs } from "../jira/fetch.ts";

/** Why a read from GitHub failed, in words a person acts on; `status` is GitHub's (0: unreachable). */
export class GitHubError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "GitHubError";
  }
}

export interface GitHubFetchOptions {
  /** https://api.github.com, or a GitHub Enterprise Server's https://<host>/api/v3. */
  apiUrl: string;
  /** `owner/repo`. */
  repo: string;
  /** A token that may read the repository's issues; null reads a public repository anonymously. */
  token: string | null;
  /** Only issues carrying every one of these labels. */
  labels?: readonly string[];
  /** Only issues updated at or after this instant (the last sync's cursor); all when null. */
  since?: Date | null;
  pageSize?: number;
  /** How many times one request is retried after a rate limit, a 5xx or a network error. */
  maxRetries?: number;
  /** The longest wait between tries, in milliseconds, whatever GitHub asks. */
  maxWaitMs?: number;
  /** Called after each page with how many issues have arrived. */
  onPage?: (received: number) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

const DEFAULT_PAGE = 100;
const DEFAULT_RETRIES = 4;
const DEFAULT_MAX_WAIT = 60_000;

/** The URL of the `rel="next"` page in a `link` header; null on the last page. */
export function nextPageUrl(link: string | null): string | null {
  for (const part of (link ?? "").split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match && match[2]!.split(/\s+/).includes("next")) return match[1]!;
  }
  return null;
}

/**
 * How long a limited response asks to wait: `Retry-After` (seconds or a date), else until
 * `x-ratelimit-reset` (epoch seconds; milliseconds when it is that large) when `x-ratelimit-remaining` is 0.
 * Null when it asks nothing, or it is not a limit at all.
 */
export function rateLimitWaitMs(status: number, headers: Headers, now: Date): number | null {
  const retryAfter = retryAfterMs(headers.get("retry-after"), now);
  if (retryAfter !== null && (status === 429 || status === 403 || status >= 500)) return retryAfter;
  const remaining = headers.get("x-ratelimit-remaining");
  const reset = Number(headers.get("x-ratelimit-reset"));
  if ((status === 429 || status === 403) && remaining === "0" && Number.isFinite(reset) && reset > 0) {
    const resetMs = reset > 1e11 ? reset : reset * 1000;
    return Math.max(0, resetMs - now.getTime());
  }
  return null;
}

function explain(status: number, repo: string, detail: string, what: string): string {
  switch (status) {
    case 401:
      return "GitHub refused the token (401): check PLUMBLINE_GITHUB_TOKEN";
    case 403:
      return `GitHub refused access to ${repo} (403)${detail ? `: ${detail}` : ""}: the token may not read its ${what}`;
    case 404:
      return `GitHub has no repository ${repo} that the token may read (404): check sources.github.repo`;
    case 410:
      return `${what} are turned off in ${repo} (410)`;
    case 422:
      return `GitHub rejected the request${detail ? `: ${detail}` : ""} (check sources.github.labels)`;
    case 429:
      return "GitHub is still limiting requests (429) after every retry; try again later";
    default:
      return `GitHub answered ${status}${detail ? `: ${detail}` : ""}`;
  }
}

/** GitHub's own words from an error body: `message` and each of `errors`. */
function detailOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; errors?: unknown };
    const parts = typeof parsed.message === "string" ? [parsed.message] : [];
    if (Array.isArray(parsed.errors))
      for (const e of parsed.errors as Array<Record<string, unknown>>)
        parts.push([e.resource, e.field, e.code, e.message].filter((v) => typeof v === "string").join(" "));
    return parts.join("; ").slice(0, 500);
  } catch {
    return "";
  }
}

/** The first page's URL: every issue (open and closed), oldest update first so a cursor can resume. */
export function firstPageUrl(options: GitHubFetchOptions): string {
  const base = options.apiUrl.replace(/\/+$/, "");
  const [owner, repo] = options.repo.split("/");
  const url = new URL(`${base}/repos/${encodeURIComponent(owner!)}/${encodeURIComponent(repo!)}/issues`);
  url.searchParams.set("state", "all");
  url.searchParams.set("sort", "updated");
  url.searchParams.set("direction", "asc");
  url.searchParams.set("per_page", String(options.pageSize ?? DEFAULT_PAGE));
  if (options.labels && options.labels.length > 0) url.searchParams.set("labels", options.labels.join(","));
  if (options.since) url.searchParams.set("since", options.since.toISOString());
  return url.toString();
}

/** Every issue (and pull request) of the repository the options select, in GitHub's order. */
export function fetchGitHubIssues(options: GitHubFetchOptions): Promise<unknown[]> {
  return fetchGitHubList(firstPageUrl(options), options);
}

/** How a listing other than the issues is read: what it lists (for messages), and where to stop. */
export interface GitHubListOptions {
  /** What the listing holds, in words: "deployments", "releases"… (default "issues"). */
  what?: string;
  /** Asked after each page: true stops the paging there (a listing newest first, read back to a cursor). */
  isDone?: (page: unknown[]) => boolean;
}

/**
 * Every item of a listing of the REST API, from its first page's URL, following `rel="next"` on the API's own
 * host, waiting out rate limits. The token is sent to that host only and appears in no message.
 */
export async function fetchGitHubList(
  firstUrl: string,
  options: Omit<GitHubFetchOptions, "labels" | "since">,
  list: GitHubListOptions = {},
): Promise<unknown[]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? (() => new Date());
  const maxRetries = options.maxRetries ?? DEFAULT_RETRIES;
  const maxWait = options.maxWaitMs ?? DEFAULT_MAX_WAIT;
  const origin = new URL(options.apiUrl).origin;
  const what = list.what ?? "issues";
  const headers: Record<string, string> = {
    accept: "application/vnd.github+json",
    "x-github-api-version": "2022-11-28",
    "user-agent": "plumbline",
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  };
  const items: unknown[] = [];
  let url: string | null = firstUrl;
  while (url) {
    // The token goes only where it was meant for: a `next` link elsewhere is not followed.
    if (new URL(url).origin !== origin) throw new GitHubError(0, `GitHub's next page is on another host`);
    let response!: Response;
    for (let attempt = 0; ; attempt++) {
      try {
        response = await fetch(url, { headers, redirect: "error" });
      } catch (error) {
        if (attempt >= maxRetries) {
          const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
          throw new GitHubError(0, `cannot reach GitHub at ${origin}${cause ? `: ${cause}` : ""}`);
        }
        await sleep(Math.min(maxWait, 1000 * 2 ** attempt));
        continue;
      }
      const wait = rateLimitWaitMs(response.status, response.headers, now());
      const limited = wait !== null || response.status === 429 || response.status >= 500;
      if (limited && attempt < maxRetries) {
        await response.body?.cancel();
        await sleep(Math.min(maxWait, wait ?? 1000 * 2 ** attempt));
        continue;
      }
      break;
    }
    const text = await response.text();
    if (!response.ok)
      throw new GitHubError(response.status, explain(response.status, options.repo, detailOf(text), what));
    let page: unknown;
    try {
      page = JSON.parse(text);
    } catch {
      throw new GitHubError(response.status, "GitHub answered with something that is not JSON");
    }
    if (!Array.isArray(page))
      throw new GitHubError(response.status, `GitHub answered with no list of ${what}`);
    items.push(...(page as unknown[]));
    options.onPage?.(items.length);
    url = page.length === 0 || list.isDone?.(page) ? null : nextPageUrl(response.headers.get("link"));
  }
  return items;
}
