// The audit log over HTTP, for admins: its events in order, a check that nobody rewrote it, and signed
// checkpoints to keep outside the database and verify against later.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { AuditCheckpointSchema, type AuditVerdict } from "../../domain/audit.ts";
import { readAudit } from "../../use-cases/reads/read-audit.ts";
import { exportAuditCheckpoint, verifyAuditLog } from "../../use-cases/verify-audit-log.ts";
import type { Services } from "../../use-cases/services.ts";
import { authorize, type AppEnv } from "../auth.ts";
import { decodeCursor, encodeCursor, PageQuerySchema } from "../pagination.ts";
import { authErrors, json, problem } from "../responses.ts";

const AuditEventSchema = z.object({
  seq: z.int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  outcome: z.string(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
  /** The event's signature under the audit key; null on events written before the log was signed. */
  mac: z.string().nullable(),
});

const VerdictSchema = z.object({
  ok: z.boolean(),
  events: z.int(),
  unsigned: z.int().meta({ description: "Events written before the log was signed: chained, not signed" }),
  first_problem: z
    .object({
      seq: z.int(),
      problem: z.enum([
        "modified",
        "missing",
        "inserted",
        "out-of-order",
        "recomputed",
        "truncated",
        "emptied",
      ]),
      detail: z.string(),
    })
    .nullable(),
});

const verdictBody = (v: AuditVerdict) => ({
  ok: v.ok,
  events: v.events,
  unsigned: v.unsigned,
  first_problem: v.problem,
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
        mac: e.mac,
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
      summary:
        "Checks the log: names the first event modified, deleted, inserted, reordered or recomputed, and events removed from the end",
      responses: { 200: json(VerdictSchema, "The verdict"), ...authErrors() },
    }),
    async (c) => {
      const { orgId } = authorize(c, "administer");
      return c.json(verdictBody(await verifyAuditLog(services, orgId)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/audit/verify",
      tags: ["audit"],
      summary: "Checks the log as GET does, and also against a checkpoint exported earlier",
      request: {
        body: {
          required: true,
          content: { "application/json": { schema: z.object({ against: AuditCheckpointSchema }) } },
        },
      },
      responses: { 200: json(VerdictSchema, "The verdict"), ...authErrors() },
    }),
    async (c) => {
      const { orgId } = authorize(c, "administer");
      const { against } = c.req.valid("json");
      return c.json(verdictBody(await verifyAuditLog(services, orgId, against)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/audit/checkpoints",
      tags: ["audit"],
      summary:
        "A signed checkpoint of where the log stands, to keep outside the database and POST to /audit/verify later",
      responses: {
        201: json(AuditCheckpointSchema, "The checkpoint"),
        409: problem("The log does not verify, or has no events yet"),
        ...authErrors(),
      },
    }),
    async (c) => {
      const { orgId } = authorize(c, "administer");
      return c.json(await exportAuditCheckpoint(services, orgId), 201);
    },
  );
}
