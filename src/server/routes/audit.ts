// The audit log over HTTP, for admins: its events in order, and a check of the hash chain.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { verifyChain } from "../../domain/audit.ts";
import { readAudit } from "../../use-cases/reads/read-audit.ts";
import type { Services } from "../../use-cases/services.ts";
import { authorize, type AppEnv } from "../auth.ts";
import { decodeCursor, encodeCursor, PageQuerySchema } from "../pagination.ts";
import { authErrors, json } from "../responses.ts";

const AuditEventSchema = z.object({
  seq: z.int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  outcome: z.string(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

export function registerAudit(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/audit",
      tags: ["audit"],
      summary: "The org's audit events, oldest first",
      request: { query: PageQuerySchema },
      responses: {
        200: json(
          z.object({ items: z.array(AuditEventSchema), next_cursor: z.string().nullable() }),
          "A page of events",
        ),
        ...authErrors(),
      },
    }),
    async (c) => {
      const { orgId } = authorize(c, "administer");
      const { limit, cursor } = c.req.valid("query");
      const afterSeq = Number(decodeCursor(cursor) ?? 0) || 0;
      const rows = await readAudit(services, orgId, { afterSeq, limit: limit + 1 });
      const items = rows.slice(0, limit).map((e) => ({
        seq: e.seq,
        at: e.at.toISOString(),
        actor: e.actor,
        action: e.action,
        target: { type: e.targetType, id: e.targetId },
        outcome: e.outcome,
        details: e.details,
        hash: e.hash,
      }));
      const last = items.at(-1);
      return c.json(
        { items, next_cursor: rows.length > limit && last ? encodeCursor(String(last.seq)) : null },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/audit/verify",
      tags: ["audit"],
      summary: "Checks the hash chain: names the first event modified, deleted, inserted or reordered",
      responses: {
        200: json(
          z.object({
            ok: z.boolean(),
            events: z.int(),
            first_problem: z.object({ seq: z.int(), problem: z.string(), detail: z.string() }).nullable(),
          }),
          "The verdict",
        ),
        ...authErrors(),
      },
    }),
    async (c) => {
      const { orgId } = authorize(c, "administer");
      const events = await readAudit(services, orgId);
      const problem = verifyChain(events);
      return c.json({ ok: problem === null, events: events.length, first_problem: problem }, 200);
    },
  );
}
