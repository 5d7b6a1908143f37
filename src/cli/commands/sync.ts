// plumb sync INITIATIVE [--source jira]: reads the initiative's evidence from where work happens (its file's
// `sources`), applies what changed through the import path, and says what came in and what could not.
import type { Config } from "../../config/config.ts";
import { LOCAL_ACTOR } from "../../domain/actor.ts";
import { JiraError } from "../../importers/jira/fetch.ts";
import { syncJira, type JiraSyncReport } from "../../importers/jira/sync-jira.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { resolveOrg } from "../resolve-org.ts";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

function summary(initiativeId: string, r: JiraSyncReport): string {
  const read = `${plural(r.received, "issue")} read from Jira${r.incremental ? " (updated since the last sync)" : ""}`;
  if (!r.written) return `${initiativeId}: ${read}; nothing changed, nothing written.\n`;
  const links = r.linksChanged ? ", dependencies changed" : "";
  return (
    `${initiativeId}: ${read}: ${r.created.length} created, ${r.updated.length} updated, ` +
    `${r.removed.length} removed (cancelled)${links}.\n`
  );
}

export async function runSync(
  initiativeId: string,
  options: { org?: string; source: "jira"; full?: boolean },
  config: Config,
  io: CliIo,
): Promise<number> {
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    let report: JiraSyncReport;
    try {
      report = await syncJira(services, {
        orgId,
        initiativeId,
        credentials: config.jira,
        actor: LOCAL_ACTOR,
        full: options.full,
        onProgress: (received, total) =>
          io.stderr(`jira: ${received}${total !== null ? ` of ${total}` : ""} issues read\n`),
      });
    } catch (error) {
      if (error instanceof JiraError) {
        io.stderr(`plumb: ${error.message}; nothing was written.\n`);
        return error.status === 400 ? EXIT.invalid : EXIT.failure;
      }
      throw error;
    }
    io.stdout(summary(initiativeId, report));
    for (const who of report.unmatchedAssignees)
      io.stderr(
        `  assignee ${who} matches no person's e-mail (nor sources.jira.people): left without an owner\n`,
      );
    if (report.failures.length > 0) {
      io.stderr(`Not taken in:\n`);
      for (const f of report.failures) io.stderr(`  ${f.ref}: ${f.reason}\n`);
      return EXIT.invalid;
    }
    return EXIT.ok;
  });
}
