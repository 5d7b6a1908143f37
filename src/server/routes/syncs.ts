// The sync history of an initiative: each `plumb sync` that changed it, what came in, and what could not.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { KeySchema } from "../../domain/primitives.ts";
import type { Services } from "../../use-cases/services.ts";
import { readSyncs } from "../../use-cases/sync/sync-source.ts";
import { authorize, type AppEnv } from "../auth.ts";
import { authErrors, invalidInput, json } from "../responses.ts";

const SyncSchema = z.object({
  id: z.string(),
  source: z.string().describe("Where the evidence came from: jira | github"),
  synced_at: z.string(),
  cursor: z
    .string()
    .nullable()
    .describe("Where the next incremental read starts: the latest update taken in; null reads everything"),
  received: z.int().describe("How many items the source sent"),
  created: z.array(z.string()).describe("Commitments created"),
  updated: z.array(z.string()).describe("Commitments changed"),
  removed: z.array(z.string()).describe("Commitments removed because they were cancelled at the source"),
  failures: z
    .array(z.object({ ref: z.string(), reason: z.string() }))
    .describe("What could not be taken in, each with its reason in words"),
  version: z.int().describe("The initiative's version the sync wrote"),
});

export function registerSyncs(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}/syncs",
      tags: ["connectors"],
      summary:
        "The initiative's syncs from its sources, latest first: when, what came in and what failed and why " +
        "(a sync that changed nothing writes none; see docs/connectors.md)",
      request: {
        params: z.object({ initiativeId: KeySchema }),
        query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      },
      responses: {
        200: json(z.object({ items: z.array(SyncSchema) }), "The syncs, latest first"),
        ...authErrors("No such initiative in this org"),
        ...invalidInput,
      },
    }),
    (async (ctx: Context<AppEnv>) => {
      const { orgId } = authorize(ctx, "read");
      const initiativeId = ctx.req.param("initiativeId")!;
      const { limit } = (ctx.req as unknown as { valid(t: "query"): { limit: number } }).valid("query");
      const rows = await readSyncs(services, { orgId, initiativeId }, limit);
      return ctx.json({
        items: rows.map((row) => ({
          id: row.id,
          source: row.source,
          synced_at: row.syncedAt.toISOString(),
          cursor: row.cursor?.toISOString() ?? null,
          received: row.received,
          created: row.created,
          updated: row.updated,
          removed: row.removed,
          failures: row.failures,
          version: row.version,
        })),
      });
    }) as never,
  );
}
