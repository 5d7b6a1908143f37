// plumb sync INITIATIVE [--source jira|github]: reads the initiative's evidence from where work happens (its
// file's `sources`, each in turn unless one is named), applies what changed through the import path, and says
// what came in and what could not.
import type { Config } from "../../config/config.ts";
import { LOCAL_ACTOR } from "../../domain/actor.ts";
import { SYNC_SOURCES, type SyncSource } from "../../domain/sources.ts";
import { GitHubError } from "../../importers/github/fetch.ts";
import { syncGitHub, type GitHubSyncReport } from "../../importers/github/sync-github.ts";
import { JiraError } from "../../importers/jira/fetch.ts";
import { syncJira, type JiraSyncReport } from "../../importers/jira/sync-jira.ts";
import { loadInitiativeOrThrow } from "../../use-cases/read-initiative.ts";
import type { Services } from "../../use-cases/services.ts";
import { progress } from "../progress.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { resolveOrg } from "../resolve-org.ts";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
const NAMES: Record<SyncSource, string> = { jira: "Jira", github: "GitHub" };

function summary(initiativeId: string, source: SyncSource, r: JiraSyncReport | GitHubSyncReport): string {
  const prs =
    "pullRequests" in r && r.pullRequests > 0 ? `, ${plural(r.pullRequests, "pull request")} left out` : "";
  const read =
    `${plural(r.received - ("pullRequests" in r ? r.pullRequests : 0), "issue")}${prs} read from ${NAMES[source]}` +
    (r.incremental ? " (updated since the last sync)" : "");
  if (!r.written) return `${initiativeId}: ${read}; nothing changed, nothing written.\n`;
  const links = r.linksChanged ? ", dependencies changed" : "";
  return (
    `${initiativeId}: ${read}: ${r.created.length} created, ${r.updated.length} updated, ` +
    `${r.removed.length} removed (cancelled)${links}.\n`
  );
}

/** The DORA half of a GitHub sync: what was read, and the points appended per metric. */
function doraSummary(initiativeId: string, dora: NonNullable<GitHubSyncReport["dora"]>): string {
  const r = dora.read;
  const deployments = dora.releasesAsDeployments
    ? `${plural(r.releases, "release")} (no deployments)`
    : plural(r.deployments, "deployment");
  const read =
    `${deployments}, ${plural(r.pulls, "closed pull request")}, ${plural(r.incidents, "incident")} read from GitHub` +
    (dora.from ? ` (weeks from ${dora.from})` : "");
  const written = Object.entries(dora.written);
  if (written.length === 0) return `${initiativeId}: DORA: ${read}; no point changed, nothing written.\n`;
  const points = written.reduce((n, [, count]) => n + count, 0);
  return (
    `${initiativeId}: DORA: ${read}: ${plural(points, "point")} written ` +
    `(${written.map(([metric, count]) => `${metric} ${count}`).join(", ")}).\n`
  );
}

/** The sources to read: the one asked for, else every one the initiative's file names (Jira when none). */
async function sourcesToRead(
  services: Services,
  orgId: string,
  initiativeId: string,
  asked: SyncSource | undefined,
): Promise<SyncSource[]> {
  if (asked) return [asked];
  const { sources } = (await loadInitiativeOrThrow(services, orgId, initiativeId)).initiative;
  const named = SYNC_SOURCES.filter((s) => sources?.[s]);
  // With none, Jira's sync says what the file lacks.
  return named.length > 0 ? named : ["jira"];
}

export async function runSync(
  initiativeId: string,
  options: { org?: string; source?: SyncSource; full?: boolean },
  config: Config,
  io: CliIo,
): Promise<number> {
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    let exit: number = EXIT.ok;
    for (const source of await sourcesToRead(services, orgId, initiativeId, options.source)) {
      let report: JiraSyncReport | GitHubSyncReport;
      const shown = progress(io, source, "issues read");
      try {
        report =
          source === "jira"
            ? await syncJira(services, {
                orgId,
                initiativeId,
                credentials: config.jira,
                actor: LOCAL_ACTOR,
                full: options.full,
                onProgress: (received, total) => shown.update(received, total),
              })
            : await syncGitHub(services, {
                orgId,
                initiativeId,
                token: config.githubToken,
                actor: LOCAL_ACTOR,
                full: options.full,
                onProgress: (received) => shown.update(received, null),
              });
      } catch (error) {
        shown.stop();
        if (error instanceof JiraError || error instanceof GitHubError) {
          io.stderr(`plumb: ${error.message}; nothing was written.\n`);
          const invalid = error instanceof JiraError ? error.status === 400 : error.status === 422;
          return invalid ? EXIT.invalid : EXIT.failure;
        }
        throw error;
      }
      shown.stop();
      io.stdout(summary(initiativeId, source, report));
      const dora = "dora" in report ? (report as GitHubSyncReport).dora : null;
      if (dora) io.stdout(doraSummary(initiativeId, dora));
      for (const who of report.unmatchedAssignees)
        io.stderr(
          source === "jira"
            ? `  assignee ${who} matches no person's e-mail (nor sources.jira.people): left without an owner\n`
            : `  assignee ${who} is not in sources.github.people: left without an owner\n`,
        );
      if (report.failures.length > 0) {
        io.stderr(`Not taken in:\n`);
        for (const f of report.failures) io.stderr(`  ${f.ref}: ${f.reason}\n`);
        exit = EXIT.invalid;
      }
    }
    return exit;
  });
}
