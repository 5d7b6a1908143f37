// What one sync did, in words: the line a person scans in the history, and what each source is set to read.
import type { Sources, SyncRecord } from "../../lib/api-types.ts";

export const SOURCE_NAME: Record<string, string> = { jira: "Jira", github: "GitHub" };

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Read 12 issues: 2 created, 3 updated, 1 removed", or "Read 4 issues: nothing changed". */
export function syncSummary(sync: SyncRecord): string {
  const changes = [
    sync.created.length > 0 ? `${sync.created.length} created` : null,
    sync.updated.length > 0 ? `${sync.updated.length} updated` : null,
    sync.removed.length > 0 ? `${sync.removed.length} removed` : null,
    sync.failures.length > 0 ? `${sync.failures.length} not taken in` : null,
  ].filter(Boolean);
  return `Read ${count(sync.received, "issue")}: ${changes.length > 0 ? changes.join(", ") : "nothing changed"}`;
}

/** Each configured source as a name and what it reads ("GitHub", "acme/billing, labels q3"). */
export function describeSources(
  sources: Sources | undefined,
): Array<{ key: string; name: string; reads: string }> {
  const described: Array<{ key: string; name: string; reads: string }> = [];
  if (sources?.jira) {
    described.push({ key: "jira", name: "Jira", reads: `${sources.jira.base_url}: ${sources.jira.jql}` });
  }
  if (sources?.github) {
    const { repo, labels } = sources.github;
    const filter =
      labels && labels.length > 0 ? `, issues labelled ${labels.join(" and ")}` : ", every issue";
    described.push({ key: "github", name: "GitHub", reads: `${repo}${filter}` });
  }
  return described;
}
