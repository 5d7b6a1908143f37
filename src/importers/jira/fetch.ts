// Reads issues from Jira Cloud's REST API v3: a JQL search, paged, with each issue's changelog. Pages by
// `nextPageToken` (POST /rest/api/3/search/jql); a site without that endpoint is paged by startAt/maxResults
// (POST /rest/api/3/search). Waits out 429 and 503 as `Retry-After` says, a bounded number of times.
// Authenticates with an e-mail and an API token, which appear in no message.
import { JIRA_FIELDS } from "./to-model.ts";

/** Why a read from Jira failed, in words a person acts on; `status` is Jira's HTTP status (0: unreachable). */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "JiraError";
  }
}

export interface JiraFetchOptions {
  baseUrl: string;
  email: string;
  token: string;
  jql: string;
  /** Only issues updated at or after this instant (the last sync's cursor); all when null. */
  since?: Date | null;
  pageSize?: number;
  /** How many times one request is retried after 429, 503 or a network error. */
  maxRetries?: number;
  /** The longest wait between tries, in milliseconds, whatever Retry-After asks. */
  maxWaitMs?: number;
  /** Called after each page with how many issues have arrived and, when Jira says, how many there are. */
  onPage?: (received: number, total: number | null) => void;
  /** Waits; a test passes one that records the waits. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

const DEFAULT_PAGE = 100;
const DEFAULT_RETRIES = 4;
const DEFAULT_MAX_WAIT = 60_000;

/**
 * JQL's dates are read in the Jira user's own time zone, which a cursor in UTC does not know: the condition
 * starts a day early, and the issues read twice map to what is already stored (a sync is idempotent).
 */
const CURSOR_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** `jql` narrowed to issues updated since the cursor, keeping its ORDER BY. */
export function incrementalJql(jql: string, since: Date | null | undefined): string {
  if (!since) return jql;
  const start = new Date(since.getTime() - CURSOR_OVERLAP_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  const stamp =
    `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}-${pad(start.getUTCDate())} ` +
    `${pad(start.getUTCHours())}:${pad(start.getUTCMinutes())}`;
  const order = /(^|\s+)order\s+by\s+[\s\S]*$/i.exec(jql);
  const where = (order ? jql.slice(0, order.index) : jql).trim();
  const condition = `updated >= "${stamp}"`;
  return `${where ? `(${where}) AND ` : ""}${condition}${order ? ` ${order[0].trim()}` : ""}`;
}

/** How long a 429 or 503 asks to wait: `Retry-After` in seconds or as an HTTP date; null when it says not. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

function explain(status: number, baseUrl: string, detail: string): string {
  switch (status) {
    case 400:
      return `Jira rejected the search${detail ? `: ${detail}` : ""} (check sources.jira.jql)`;
    case 401:
      return "Jira refused the credentials (401): check PLUMBLINE_JIRA_EMAIL and PLUMBLINE_JIRA_TOKEN (an API token from id.atlassian.com)";
    case 403:
      return "Jira refused access (403): the account may not browse these projects, or API tokens are not allowed on this site";
    case 404:
      return `Jira has no REST API v3 at ${baseUrl} (404): check sources.jira.base_url`;
    case 429:
    case 503:
      return `Jira is still limiting requests (${status}) after every retry; try again later`;
    default:
      return `Jira answered ${status}${detail ? `: ${detail}` : ""}`;
  }
}

/** Jira's own words from an error body: `errorMessages` and `errors`. */
function detailOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errorMessages?: unknown; errors?: unknown };
    const messages = Array.isArray(parsed.errorMessages) ? parsed.errorMessages.map(String) : [];
    if (parsed.errors && typeof parsed.errors === "object")
      messages.push(...Object.entries(parsed.errors).map(([k, v]) => `${k}: ${String(v)}`));
    return messages.join("; ").slice(0, 500);
  } catch {
    return "";
  }
}

interface Requester {
  post(path: string, body: unknown): Promise<{ status: number; json: unknown }>;
}

function requester(options: JiraFetchOptions): Requester {
  const base = options.baseUrl.replace(/\/+$/, "");
  const authorization = `Basic ${Buffer.from(`${options.email}:${options.token}`).toString("base64")}`;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? (() => new Date());
  const maxRetries = options.maxRetries ?? DEFAULT_RETRIES;
  const maxWait = options.maxWaitMs ?? DEFAULT_MAX_WAIT;
  return {
    async post(path, body) {
      for (let attempt = 0; ; attempt++) {
        let response: Response;
        try {
          response = await fetch(`${base}${path}`, {
            method: "POST",
            headers: { authorization, accept: "application/json", "content-type": "application/json" },
            body: JSON.stringify(body),
            redirect: "error",
          });
        } catch (error) {
          if (attempt >= maxRetries) {
            const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
            throw new JiraError(0, `cannot reach Jira at ${base}${cause ? `: ${cause}` : ""}`);
          }
          await sleep(Math.min(maxWait, 1000 * 2 ** attempt));
          continue;
        }
        if ((response.status === 429 || response.status === 503) && attempt < maxRetries) {
          await response.body?.cancel();
          const asked = retryAfterMs(response.headers.get("retry-after"), now());
          await sleep(Math.min(maxWait, asked ?? 1000 * 2 ** attempt));
          continue;
        }
        const text = await response.text();
        if (!response.ok) return { status: response.status, json: text };
        try {
          return { status: response.status, json: JSON.parse(text) as unknown };
        } catch {
          throw new JiraError(response.status, `Jira answered ${path} with something that is not JSON`);
        }
      }
    },
  };
}

interface Page {
  issues?: unknown[];
  nextPageToken?: string;
  isLast?: boolean;
  startAt?: number;
  total?: number;
}

/** Every issue the JQL (narrowed by `since`) finds, each with its changelog, in Jira's order. */
export async function fetchJiraIssues(options: JiraFetchOptions): Promise<unknown[]> {
  const http = requester(options);
  const jql = incrementalJql(options.jql, options.since);
  const maxResults = options.pageSize ?? DEFAULT_PAGE;
  const fields = [...JIRA_FIELDS];
  const issues: unknown[] = [];
  const fail = (status: number, body: unknown): never => {
    throw new JiraError(status, explain(status, options.baseUrl, detailOf(String(body))));
  };

  // Cloud's search: pages chained by a token.
  let token: string | undefined;
  for (let first = true; ; first = false) {
    const { status, json } = await http.post("/rest/api/3/search/jql", {
      jql,
      fields,
      expand: "changelog",
      maxResults,
      ...(token ? { nextPageToken: token } : {}),
    });
    if (status === 404 && first) return fetchByOffset(http, jql, fields, maxResults, options, fail);
    if (status >= 400) return fail(status, json);
    const page = json as Page;
    issues.push(...(page.issues ?? []));
    options.onPage?.(issues.length, typeof page.total === "number" ? page.total : null);
    token = page.nextPageToken;
    if (!token || page.isLast === true || (page.issues ?? []).length === 0) return issues;
  }
}

/** The older search, paged by offset, for sites that do not have /search/jql. */
async function fetchByOffset(
  http: Requester,
  jql: string,
  fields: string[],
  maxResults: number,
  options: JiraFetchOptions,
  fail: (status: number, body: unknown) => never,
): Promise<unknown[]> {
  const issues: unknown[] = [];
  for (;;) {
    const { status, json } = await http.post("/rest/api/3/search", {
      jql,
      fields,
      expand: ["changelog"],
      startAt: issues.length,
      maxResults,
    });
    if (status >= 400) return fail(status, json);
    const page = json as Page;
    const got = page.issues ?? [];
    issues.push(...got);
    const total = typeof page.total === "number" ? page.total : null;
    options.onPage?.(issues.length, total);
    if (got.length === 0 || (total !== null && issues.length >= total)) return issues;
  }
}
