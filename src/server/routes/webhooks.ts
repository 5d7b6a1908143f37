// Webhooks from where work happens, reached without an API token: a delivery proves itself by its signature.
// GitHub's (`X-Hub-Signature-256`: HMAC-SHA256 of the body with the repository's secret) is verified in
// constant time, then its issue is queued for every initiative that reads the repository (and a delivery that
// changes what the DORA metrics count, a refresh of them) and the request is answered 202 at once; the queue's
// worker does the work (use-cases/sync/queue-github-delivery.ts).
import { createHmac, timingSafeEqual } from "node:crypto";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { AppError } from "../../domain/app-error.ts";
import type { Services } from "../../use-cases/services.ts";
import {
  issueEssentials,
  queueGitHubDelivery,
  queueGitHubDoraRefresh,
} from "../../use-cases/sync/queue-github-delivery.ts";
import type { AppEnv } from "../auth.ts";
import { json, problem } from "../responses.ts";

/** Whether `signature` (`sha256=<hex>`) is the HMAC-SHA256 of `body` under `secret`; in constant time. */
export function isGitHubSignature(body: string, signature: string | undefined, secret: string): boolean {
  if (!signature?.startsWith("sha256=")) return false;
  const given = Buffer.from(signature.slice("sha256=".length), "hex");
  const expected = createHmac("sha256", secret).update(body, "utf8").digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The repository a delivery names, read before it is trusted only to choose the secret to verify it with. */
function repositoryOf(payload: unknown): string | null {
  const name = (payload as { repository?: { full_name?: unknown } } | null)?.repository?.full_name;
  return typeof name === "string" ? name : null;
}

/** The secret for `repo`: its own, else the one for every repository (`*`); matched without case. */
function secretFor(secrets: Record<string, string>, repo: string | null): string | null {
  if (repo) {
    const own = Object.entries(secrets).find(([k]) => k.toLowerCase() === repo.toLowerCase());
    if (own) return own[1];
  }
  return secrets["*"] ?? null;
}

const ISSUE_EVENTS = new Set(["issues"]);

/** Whether a delivery changes what the DORA metrics count: a deployment's status, a release, a merge. */
export function changesDora(event: string, payload: unknown): boolean {
  const p = (payload ?? {}) as { action?: unknown; pull_request?: { merged?: unknown; merged_at?: unknown } };
  switch (event) {
    case "deployment_status":
      return true;
    case "release":
      return ["published", "released", "unpublished", "deleted", "edited"].includes(String(p.action));
    case "pull_request":
      return p.action === "closed" && (p.pull_request?.merged === true || Boolean(p.pull_request?.merged_at));
    default:
      return false;
  }
}

export function registerWebhooks(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  secrets: Record<string, string>,
): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/webhooks/github",
      tags: ["connectors"],
      summary:
        "GitHub's webhook: an `issues` event signed (X-Hub-Signature-256) with the repository's secret from " +
        "PLUMBLINE_GITHUB_WEBHOOK_SECRETS is queued for every initiative reading that repository and answered " +
        "202; a `deployment_status`, a `release` (published, released, unpublished, edited, deleted), a merged " +
        "`pull_request`, or an issue with an initiative's incident label queues a refresh of the DORA metrics of " +
        "every initiative reading them from that repository; other events are acknowledged and left " +
        "(docs/connectors.md)",
      security: [],
      request: {
        headers: z.object({
          "x-hub-signature-256": z.string().optional().describe("sha256=<HMAC-SHA256 of the body, hex>"),
          "x-github-event": z.string().optional(),
          "x-github-delivery": z.string().optional(),
        }),
      },
      responses: {
        202: json(
          z.object({
            queued: z
              .int()
              .describe(
                "Sync jobs newly queued: one per initiative reading the repository (and, for an incident, one " +
                  "more per initiative reading its DORA metrics)",
              ),
          }),
          "Accepted; the work is on the queue",
        ),
        401: problem("No signature, or not the repository's"),
      },
    }),
    async (c) => {
      const body = await c.req.text();
      let payload: unknown = null;
      try {
        payload = JSON.parse(body);
      } catch {
        payload = null;
      }
      const repo = repositoryOf(payload);
      const secret = secretFor(secrets, repo);
      if (!secret || !isGitHubSignature(body, c.req.header("x-hub-signature-256"), secret)) {
        throw new AppError(
          "unauthenticated",
          "the delivery's X-Hub-Signature-256 is missing or not the repository's",
        );
      }
      const event = c.req.header("x-github-event") ?? "";
      const id =
        c.req.header("x-github-delivery") ?? createHmac("sha256", "delivery").update(body).digest("hex");
      if (repo && changesDora(event, payload)) {
        return c.json({ queued: await queueGitHubDoraRefresh(services, { id, event, repo }) }, 202);
      }
      const issue = (payload as { issue?: unknown } | null)?.issue;
      if (!repo || !ISSUE_EVENTS.has(event) || !issue || typeof issue !== "object")
        return c.json({ queued: 0 }, 202);
      const essentials = issueEssentials(issue);
      const queued = await queueGitHubDelivery(services, { id, event, repo, issues: [essentials] });
      // An incident's change is a DORA change too, for the initiatives whose incident label it carries.
      const labels = (essentials.labels as unknown[]).flatMap((l) =>
        typeof l === "string"
          ? [l]
          : typeof (l as { name?: unknown })?.name === "string"
            ? [(l as { name: string }).name]
            : [],
      );
      const refreshed = await queueGitHubDoraRefresh(services, { id, event, repo, labels });
      return c.json({ queued: queued + refreshed }, 202);
    },
  );
}
