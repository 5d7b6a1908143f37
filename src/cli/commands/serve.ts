// plumb serve: the HTTP API on the configured store, until interrupted.
import { serve } from "@hono/node-server";
import type { Config } from "../../config/config.ts";
import { fileURLToPath } from "node:url";
import { EventHub } from "../../events/event-hub.ts";
import { createApp } from "../../server/create-app.ts";
import { Evaluator } from "../../use-cases/evaluation/evaluator.ts";
import { startEvaluatorWorker, type RunningEvaluation } from "../evaluator-worker.ts";
import type { Services } from "../../use-cases/services.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { loggableError } from "../../domain/loggable-error.ts";
import { Notifier } from "../../use-cases/notifications/notifier.ts";
import { hourlyScans, SCAN_QUEUE, scanHandler } from "../../use-cases/notifications/reminders.ts";
import { scheduleSyncs, SYNC_QUEUE } from "../../use-cases/sync/schedule-syncs.ts";
import { jiraSyncHandler } from "../../importers/jira/scheduled-sync.ts";
import { githubSyncHandler } from "../../importers/github/scheduled-sync.ts";

async function startEvaluation(services: Services, config: Config, io: CliIo): Promise<RunningEvaluation> {
  const report = (message: string) => io.stderr(`${message}\n`);
  if (services.store.kind === "postgres" && config.databaseUrl) {
    return startEvaluatorWorker(
      { url: config.databaseUrl, auditKey: Buffer.from(services.auditKey).toString("hex") },
      report,
    );
  }
  const evaluator = new Evaluator(services, {
    onError: (error, claim) =>
      report(
        `evaluation of ${claim.orgId}/${claim.initiativeId} failed (retried shortly): ${loggableError(error, { stack: false })}`,
      ),
  });
  await evaluator.start();
  return {
    async stop() {
      await evaluator.stop();
      return evaluator.stats;
    },
  };
}

/** Serves `services` until `io.untilStopped` resolves; returns the URL through `onListening`. */
export async function serveApp(
  services: Services,
  config: Config,
  io: CliIo,
  onListening: (url: string) => void,
): Promise<void> {
  const hub = new EventHub(services.store);
  await hub.start();
  // Signals are evaluated after each write commits, by this process and any other on the same database: in a
  // worker thread on a PostgreSQL server, beside the server on the embedded store.
  const evaluation = await startEvaluation(services, config, io);
  // Notifications and scheduled syncs from the durable job queue on the same database, shared with every other
  // server on it.
  const scans = hourlyScans(services);
  const jira = config.jira && config.syncEveryMinutes > 0 ? config.jira : null;
  if (jira) io.stderr(`Jira sources are synced every ${config.syncEveryMinutes} minutes\n`);
  const githubScheduled = config.githubToken !== null && config.syncEveryMinutes > 0;
  if (githubScheduled) io.stderr(`GitHub sources are synced every ${config.syncEveryMinutes} minutes\n`);
  const said =
    (source: string) =>
    (
      orgId: string,
      initiativeId: string,
      report: { written: boolean } & Record<"created" | "updated" | "removed", string[]>,
    ) =>
      report.written &&
      io.stderr(
        `${source} sync of ${orgId}/${initiativeId}: ${report.created.length} created, ` +
          `${report.updated.length} updated, ${report.removed.length} removed\n`,
      );
  const jiraSync = jira ? jiraSyncHandler(services, jira, { onSynced: said("jira") }) : null;
  const github = githubSyncHandler(services, config.githubToken, { onSynced: said("github") });
  const notifier = new Notifier(services, {
    allowPrivateWebhooks: config.allowPrivateWebhooks,
    mail: config.smtpUrl ? { smtpUrl: config.smtpUrl, from: config.mailFrom } : null,
    handlers: {
      [SCAN_QUEUE]: scanHandler(services, {
        escalateAfterHours: config.escalateAfterHours,
        email: config.smtpUrl !== null,
      }),
      // Each sync job is done by its source's importer; a webhook's deliveries need no GitHub token.
      [SYNC_QUEUE]: async (job) => {
        const source = (job.payload as { source?: unknown }).source;
        const handler = source === "github" ? github : source === "jira" ? jiraSync : null;
        if (!handler) throw new Error(`no credentials on this server to sync ${String(source)}`);
        await handler(job);
      },
    },
    onTick: async (now) => {
      await scans(now);
      if (jira) await scheduleSyncs(services, "jira", config.syncEveryMinutes, now);
      if (githubScheduled) await scheduleSyncs(services, "github", config.syncEveryMinutes, now);
    },
    onError: (error, job) =>
      io.stderr(
        `notification job ${job ? `${job.queue} #${job.id}` : "scheduling"} failed: ${loggableError(error, { stack: false })}\n`,
      ),
  });
  notifier.start();
  const app = createApp(services, {
    hub,
    webRoot: fileURLToPath(new URL("../../../web/dist", import.meta.url)),
    maxBodyBytes: config.maxBodyBytes,
    maxIngestBytes: config.maxIngestBytes,
    allowPrivateWebhooks: config.allowPrivateWebhooks,
    githubWebhookSecrets: config.githubWebhookSecrets,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
      onListening(`http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${info.port}`);
      resolveServer(s);
    });
    s.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE" ? new Error(`port ${config.port} is in use; set PORT to another`) : error,
      ),
    );
  });
  await (io.untilStopped ?? new Promise<void>(() => undefined));
  await new Promise<void>((done) => server.close(() => done()));
  await notifier.stop();
  await evaluation.stop();
  await hub.close();
}

export async function runServe(config: Config, io: CliIo): Promise<number> {
  return withServices(config, io, async (services) => {
    await serveApp(services, config, io, (url) => {
      io.stdout(
        `Plumbline is serving on ${url} (store: ${services.store.kind} at ${services.store.location})\n`,
      );
      io.stdout(`  API docs: ${url}/docs   OpenAPI: ${url}/openapi.json   health: ${url}/health\n`);
    });
    return EXIT.ok;
  });
}
