// Builds the HTTP application (no listening): health, OpenAPI, docs, the authorised /api/v1 routes, the live
// stream, sign-in, share links, and the web app's files.
import { OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import type { Services } from "../use-cases/services.ts";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { EventHub } from "../events/event-hub.ts";
import { requireCaller, type AppEnv } from "./auth.ts";
import { registerEvents } from "./routes/events.ts";
import { registerSession } from "./routes/session.ts";
import { renderDocsPage } from "./docs-page.ts";
import { handleError, validationHook } from "./problem.ts";
import { refuseUnstorableText } from "./storable-text.ts";
import { limitBodies } from "./body-limit.ts";
import { withCommonResponses } from "./responses.ts";
import { LoginThrottle } from "../use-cases/sign-in-throttle.ts";
import { securityHeaders, styleNonce } from "./secure-headers.ts";
import { registerCollections } from "./routes/collections.ts";
import { registerDirectory } from "./routes/directory.ts";
import { registerInitiatives } from "./routes/initiatives.ts";
import { teamPulse } from "../use-cases/pulses.ts";
import { registerAlignment } from "./routes/alignment.ts";
import { registerAudit } from "./routes/audit.ts";
import { registerGates, registerReviewClosing, registerTruthPromotion } from "./routes/rituals.ts";
import { registerPremortems } from "./routes/premortems.ts";
import { registerShareLinks } from "./routes/share.ts";
import { registerRadiator } from "./routes/radiator.ts";
import { registerMetricPoints } from "./routes/metric-points.ts";
import { registerSyncs } from "./routes/syncs.ts";
import { registerWebhooks } from "./routes/webhooks.ts";
import { registerSignals } from "./routes/signals.ts";
import { registerTokens } from "./routes/tokens.ts";
import { registerMyWork } from "./routes/my-work.ts";
import { registerNotifications } from "./routes/notifications.ts";
import { AppError } from "../domain/app-error.ts";
import { initiativeExists } from "../use-cases/read-initiative.ts";

export const API_VERSION = "0.1.0";

export interface AppOptions {
  /** The live stream's fan-out; one per process, started by the caller. Defaults to a fresh one. */
  hub?: EventHub;
  /** The built web app (web/dist); the app serves it at / when it exists. */
  webRoot?: string;
  /** Counts failed sign-ins; one per app by default. */
  loginThrottle?: LoginThrottle;
  /** The largest request body the API takes, in bytes (share links and sign-in take less). */
  maxBodyBytes?: number;
  /** The largest bulk ingest of metric points, in bytes (PLUMBLINE_MAX_INGEST_BYTES). */
  maxIngestBytes?: number;
  /** PLUMBLINE_ALLOW_PRIVATE_WEBHOOKS: webhook URLs may reach private and loopback addresses (tests). */
  allowPrivateWebhooks?: boolean;
  /** PLUMBLINE_GITHUB_WEBHOOK_SECRETS: each repository's (or `*`: any one's) webhook secret. */
  githubWebhookSecrets?: Record<string, string>;
}

/** Paths the web app must not shadow with its index.html fallback. */
const SERVER_PATHS = /^\/(api|auth|share|health|openapi\.json|docs)(\/|$)/;

export function createApp(services: Services, options: AppOptions = {}) {
  const hub = options.hub ?? new EventHub(services.store);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
  app.onError(handleError);
  // How long the server spent on each answer (RFC Server-Timing): what benchmarks and browsers' tools read.
  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    c.header("Server-Timing", `app;dur=${(performance.now() - started).toFixed(2)}`);
  });
  app.use("*", securityHeaders);
  app.use("*", limitBodies(options.maxBodyBytes));
  app.use("*", refuseUnstorableText);
  app.notFound((c) =>
    handleError(new AppError("not_found", `no route for ${c.req.method} ${c.req.path}`), c),
  );

  app.get("/health", async (c) => {
    const started = performance.now();
    try {
      await services.store.db.execute(sql`select 1`);
      return c.json({
        status: "ok",
        store: {
          kind: services.store.kind,
          location: services.store.location,
          state: "up",
          latency_ms: Math.round(performance.now() - started),
        },
      });
    } catch (error) {
      return c.json(
        {
          status: "unavailable",
          // The reason's code only: a driver's message can carry the server's address or the user's name.
          store: { kind: services.store.kind, state: "down", error: storeErrorCode(error) },
        },
        503,
      );
    }
  });

  registerShareLinks(app, services);
  // Signed by the sender, not called with a token: answered before the token check below.
  registerWebhooks(app, services, options.githubWebhookSecrets ?? {});
  app.use("/api/*", requireCaller(services));
  registerSession(app, services, options.loginThrottle ?? new LoginThrottle(services));
  registerEvents(app, services, hub);
  // An initiative outside the caller's org is not found, before any body is read or validated.
  app.use("/api/v1/initiatives/:initiativeId/*", async (c, next) => {
    const id = c.req.param("initiativeId");
    if (!(await initiativeExists(services, c.get("principal").orgId, id))) {
      throw AppError.notFound("initiative", id);
    }
    await next();
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API token (`plb_…`), from `plumb token create` or POST /api/v1/tokens",
  });
  registerDirectory(app, services);
  registerInitiatives(app, services);
  registerCollections(app, services);
  registerMetricPoints(app, services, options.maxIngestBytes);
  registerSyncs(app, services);
  registerSignals(app, services);
  registerRadiator(app, services);
  registerMyWork(app, services);
  registerGates(app, services);
  registerAlignment(app, services, { pulse: (orgId, teamId) => teamPulse(services, orgId, teamId) });
  registerTruthPromotion(app, services);
  registerReviewClosing(app, services);
  registerAudit(app, services);
  registerPremortems(app, services);
  registerTokens(app, services);
  registerNotifications(app, services, { allowPrivateWebhooks: options.allowPrivateWebhooks ?? false });

  const openapi = {
    openapi: "3.1.0",
    info: {
      title: "Plumbline API",
      version: API_VERSION,
      description:
        "Every health call beside the evidence, every connection with an owner. All /api/v1 routes need a bearer API token and act on the token's org; errors are RFC 9457 problem+json.",
    },
    security: [{ bearer: [] }],
  };
  const document = () => withCommonResponses(app.getOpenAPI31Document(openapi));
  app.get("/openapi.json", (c) => c.json(document()));
  app.get("/docs", (c) => c.html(renderDocsPage(document(), { styleNonce: styleNonce(c) })));

  const webRoot = options.webRoot;
  if (webRoot && existsSync(join(webRoot, "index.html"))) {
    app.use("/assets/*", async (c, next) => {
      await next();
      // Built assets have content hashes in their names: they never change, so browsers may keep them.
      if (c.res.status === 200) c.header("cache-control", "public, max-age=31536000, immutable");
    });
    app.use("/*", async (c, next) =>
      SERVER_PATHS.test(c.req.path) ? next() : serveStatic({ root: webRoot })(c, next),
    );
    // A missing asset is a 404, not the app's page (which a browser would refuse as the wrong type).
    app.get("/assets/*", (c) => handleError(new AppError("not_found", `no asset ${c.req.path}`), c));
    // Client routes (/initiatives/…, /tv, /p/…) all load the app, which routes in the browser. The page is
    // read on each request, so a rebuilt app is served without a restart.
    app.get("*", (c, next) => {
      if (SERVER_PATHS.test(c.req.path)) return next();
      c.header("cache-control", "no-cache");
      return c.html(readFileSync(join(webRoot, "index.html"), "utf8"));
    });
  }
  return app;
}

export type App = ReturnType<typeof createApp>;

/** What may be said about why the store did not answer, to anyone who asks `/health`. */
function storeErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[A-Z0-9_]{2,40}$/.test(code)
    ? `the store did not answer (${code})`
    : "the store did not answer";
}
