// API tokens over HTTP, for admins: list, create (the secret is in the answer once), revoke.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { RoleSchema } from "../../domain/policy.ts";
import type { TokenRecord } from "../../use-cases/manage-tokens.ts";
import { createToken, listOrgTokens, revokeOrgToken } from "../../use-cases/manage-tokens.ts";
import type { Services } from "../../use-cases/services.ts";
import { actorOf, authorize, type AppEnv } from "../auth.ts";
import { authErrors, invalidInput, json } from "../responses.ts";

const errors = authErrors("No such token in this org");

const TokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: RoleSchema,
  person: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  last_used_on: z
    .string()
    .nullable()
    .describe("The day of last use: no finer, so it dates nothing done then"),
});

export function tokenOut(t: TokenRecord) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    role: t.role,
    person: t.personId,
    created_at: t.createdAt.toISOString(),
    expires_at: t.expiresAt?.toISOString() ?? null,
    revoked_at: t.revokedAt?.toISOString() ?? null,
    last_used_on: t.lastUsedOn,
  };
}

export function registerTokens(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/tokens",
      tags: ["tokens"],
      summary: "List the org's API tokens (never their secrets)",
      responses: {
        200: json(z.object({ items: z.array(TokenSchema), next_cursor: z.null() }), "The tokens"),
        ...errors,
      },
    }),
    async (c) => {
      const { orgId } = authorize(c, "administer");
      return c.json({ items: (await listOrgTokens(services, orgId)).map(tokenOut), next_cursor: null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/tokens",
      tags: ["tokens"],
      summary:
        "Create an API token; the answer holds its secret, shown this once. A token for yourself needs no more " +
        "than your own role; automation tokens, and tokens acting as someone else (with a reason), are for admins",
      request: {
        body: {
          content: {
            "application/json": {
              schema: z
                .object({
                  name: z.string().trim().min(1).max(100),
                  role: RoleSchema,
                  expires_in_days: z.int().min(1).max(3650).nullable().default(90),
                  person: z
                    .string()
                    .min(1)
                    .max(80)
                    .optional()
                    .describe(
                      "The person the token acts as (needed to vote): yourself, or, for an admin, someone else with a reason",
                    ),
                  reason: z
                    .string()
                    .trim()
                    .max(500)
                    .optional()
                    .describe(
                      "Why an admin creates a token that acts as someone else (kept in the audit log)",
                    ),
                })
                .strict(),
            },
          },
          required: true,
        },
      },
      responses: {
        201: json(TokenSchema.extend({ secret: z.string() }), "The token and its secret"),
        ...errors,
        ...invalidInput,
      },
    }),
    async (c) => {
      // Who may create which token is the token policy's call (a person for themself; admins, with a reason
      // for anyone else, and for automation), so any role may ask.
      const principal = authorize(c, "read");
      const body = c.req.valid("json");
      const { token, secret } = await createToken(services, {
        orgId: principal.orgId,
        name: body.name,
        role: body.role,
        expiresInDays: body.expires_in_days,
        personId: body.person ?? null,
        actor: actorOf(principal),
        actorRole: principal.role,
        reason: body.reason,
      });
      return c.json({ ...tokenOut(token), secret }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/tokens/{tokenId}",
      tags: ["tokens"],
      summary: "Revoke an API token",
      request: { params: z.object({ tokenId: z.string().min(1).max(100) }) },
      responses: { 204: { description: "Revoked" }, ...errors },
    }),
    async (c) => {
      const principal = authorize(c, "administer");
      await revokeOrgToken(services, principal.orgId, c.req.valid("param").tokenId, actorOf(principal));
      return c.body(null, 204);
    },
  );
}
