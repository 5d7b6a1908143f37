// Notifications over HTTP, for admins: the org's endpoints (generic webhooks, Slack) and the deliveries made.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { KeySchema } from "../../domain/primitives.ts";
import { AppError } from "../../domain/app-error.ts";
import {
  followInitiative,
  listOrgDeliveries,
  listOrgEndpoints,
  NOTIFICATION_KINDS,
  PERSONAL_CHANNELS,
  putMyPreferences,
  putOrgEndpoint,
  readMyPreferences,
} from "../../use-cases/notifications/manage-notifications.ts";
import type { Services } from "../../use-cases/services.ts";
import { authorize, type AppEnv } from "../auth.ts";
import { decodeCursor, encodeCursor, PageQuerySchema } from "../pagination.ts";
import { authErrors, invalidInput, json } from "../responses.ts";

const errors = authErrors("Not found in this org");

const EndpointSchema = z.object({
  id: z.string(),
  channel: z.enum(["webhook", "slack"]),
  url: z.string().describe("Shown to admins only"),
  has_secret: z.boolean().describe("The secret itself is never returned"),
  kinds: z.array(z.string()).describe("The kinds it receives; empty: every kind"),
});

const DeliverySchema = z.object({
  id: z.string(),
  channel: z.string(),
  recipient: z.string().describe("The endpoint's id"),
  kind: z.string(),
  initiative: z.string().nullable(),
  subject: z.string().nullable(),
  idempotency_key: z.string(),
  status: z.enum(["pending", "sent", "failed"]),
  attempts: z.number().int().describe("How many attempts were made"),
  history: z
    .array(
      z.object({
        attempt: z.number().int(),
        at: z.string(),
        outcome: z.enum(["sent", "retry", "failed"]),
        error: z.string().nullable(),
      }),
    )
    .describe("Every attempt, oldest first, as it was recorded"),
  last_error: z.string().nullable().describe("Without URL, secret or response body"),
  created_at: z.string(),
  sent_at: z.string().nullable(),
});

export interface NotificationRouteOptions {
  /** PLUMBLINE_ALLOW_PRIVATE_WEBHOOKS: webhook URLs may reach private and loopback addresses. */
  allowPrivateWebhooks: boolean;
}

export function registerNotifications(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  options: NotificationRouteOptions,
): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/notifications/endpoints",
      tags: ["notifications"],
      summary: "List the org's notification endpoints (admins; never their secrets)",
      responses: { 200: json(z.object({ items: z.array(EndpointSchema) }), "The endpoints"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "administer");
      const items = (await listOrgEndpoints(services, orgId)).map((e) => ({
        id: e.id,
        channel: e.channel as "webhook" | "slack",
        url: e.url,
        has_secret: e.secret !== null,
        kinds: e.kinds,
      }));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/notifications/endpoints/{endpointId}",
      tags: ["notifications"],
      summary:
        "Create or replace an endpoint (admins): a generic webhook signed with HMAC-SHA256 under `secret`, or a " +
        "Slack incoming webhook. URLs reaching private, loopback or link-local addresses are refused",
      request: {
        params: z.object({ endpointId: KeySchema }),
        body: {
          content: {
            "application/json": {
              schema: z
                .object({
                  channel: z.enum(["webhook", "slack"]),
                  url: z.url().max(2000),
                  secret: z.string().min(16).max(200).nullable().default(null),
                  kinds: z.array(z.enum(NOTIFICATION_KINDS)).max(10).default([]),
                })
                .strict(),
            },
          },
        },
      },
      responses: { 200: json(EndpointSchema, "The endpoint"), ...errors, ...invalidInput },
    }),
    async (c) => {
      const { orgId } = authorize(c, "administer");
      const { endpointId } = c.req.valid("param");
      const body = c.req.valid("json");
      const e = await putOrgEndpoint(services, orgId, endpointId, body, options.allowPrivateWebhooks);
      return c.json(
        { id: e.id, channel: body.channel, url: e.url, has_secret: e.secret !== null, kinds: e.kinds },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/notifications/deliveries",
      tags: ["notifications"],
      summary: "Every notification delivery, newest first, with its attempts and status (admins)",
      request: { query: PageQuerySchema },
      responses: {
        200: json(
          z.object({ items: z.array(DeliverySchema), next_cursor: z.string().nullable() }),
          "Deliveries",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { orgId } = authorize(c, "administer");
      const query = c.req.valid("query");
      const before = decodeCursor(query.cursor);
      const rows = await listOrgDeliveries(services, orgId, {
        limit: query.limit + 1,
        ...(before !== undefined && Number.isSafeInteger(Number(before)) ? { before: Number(before) } : {}),
      });
      const items = rows.slice(0, query.limit).map((d) => ({
        id: String(d.id),
        channel: d.channel,
        recipient: d.recipient,
        kind: d.kind,
        initiative: d.initiativeId,
        subject: d.subject,
        idempotency_key: d.idempotencyKey,
        status: d.status as "pending" | "sent" | "failed",
        attempts: d.attempts,
        history: d.history.map((a) => ({
          attempt: a.attempt,
          at: a.at.toISOString(),
          outcome: a.outcome,
          error: a.error,
        })),
        last_error: d.lastError,
        created_at: d.createdAt.toISOString(),
        sent_at: d.sentAt?.toISOString() ?? null,
      }));
      const last = items.at(-1);
      return c.json(
        { items, next_cursor: rows.length > query.limit && last ? encodeCursor(last.id) : null },
        200,
      );
    },
  );

  const PreferenceSchema = z.object({
    kind: z.enum(NOTIFICATION_KINDS),
    channel: z.enum(PERSONAL_CHANNELS),
    enabled: z.boolean(),
  });
  const Preferences = z.object({ preferences: z.array(PreferenceSchema) });
  const me = (personId: string | null): string => {
    if (personId) return personId;
    throw AppError.invalid("notification preferences belong to a person", [
      { path: "token", message: "acts for no person: use a person's token or session" },
    ]);
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/notifications",
      tags: ["notifications"],
      summary: "Which kinds of notification you get on which channel (on unless you turned them off)",
      responses: { 200: json(Preferences, "Your preferences"), ...errors, ...invalidInput },
    }),
    async (c) => {
      const principal = authorize(c, "read");
      const preferences = await readMyPreferences(services, principal.orgId, me(principal.personId));
      return c.json({ preferences: preferences.map((p) => PreferenceSchema.parse(p)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/me/notifications",
      tags: ["notifications"],
      summary:
        "Choose which kinds of notification you get on which channel; kinds not named stay as they were",
      request: { body: { content: { "application/json": { schema: Preferences.strict() } } } },
      responses: { 200: json(Preferences, "Your preferences"), ...errors, ...invalidInput },
    }),
    async (c) => {
      const principal = authorize(c, "read");
      const body = c.req.valid("json");
      const preferences = await putMyPreferences(
        services,
        principal.orgId,
        me(principal.personId),
        body.preferences,
      );
      return c.json({ preferences: preferences.map((p) => PreferenceSchema.parse(p)) }, 200);
    },
  );

  const Following = z.object({ initiative: z.string(), person: z.string(), following: z.boolean() });
  for (const [method, following] of [
    ["post", true],
    ["delete", false],
  ] as const) {
    app.openapi(
      createRoute({
        method,
        path: "/api/v1/initiatives/{initiativeId}/follow",
        tags: ["notifications"],
        summary: following
          ? "Follow an initiative: its weekly digest reaches you as it does its owner"
          : "Stop following an initiative",
        request: { params: z.object({ initiativeId: KeySchema }) },
        responses: { 200: json(Following, "Whether you follow it now"), ...errors, ...invalidInput },
      }),
      async (c) => {
        const principal = authorize(c, "read");
        const { initiativeId } = c.req.valid("param");
        const person = me(principal.personId);
        const now = await followInitiative(
          services,
          { orgId: principal.orgId, initiativeId },
          person,
          following,
        );
        return c.json({ initiative: initiativeId, person, following: now }, 200);
      },
    );
  }
}
