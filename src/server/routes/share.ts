// Share links: what people reach without an account — a pre-mortem to join, add risks to and vote in, a pulse
// to answer. They carry no identity: the link's secret and a participation token are all they know.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { LevelSchema } from "../../domain/primitives.ts";
import * as premortems from "../../use-cases/premortems.ts";
import * as pulses from "../../use-cases/pulses.ts";
import type { Services } from "../../use-cases/services.ts";
import type { AppEnv } from "../auth.ts";
import { json, problem } from "../responses.ts";
import { ItemBodySchema, itemInput, SessionViewSchema } from "./premortems.ts";

const ShareParams = z.object({ secret: z.string().min(10).max(200) });
const TokenHeader = z.object({
  "x-participation-token": z.string().max(200).optional().describe("From the link's /join"),
});
const InvitationHeader = z.object({
  "x-invitation": z
    .string()
    .max(200)
    .optional()
    .describe(
      "A personal invitation: needed when the ritual is invitation-only; joined again, it is the same participation",
    ),
});
const errors = {
  401: problem("No or unknown participation token"),
  404: problem("No such link"),
  409: problem("The session or pulse does not take this now"),
  422: problem("Invalid input; `errors` names each field"),
};
const open = { security: [] as Array<Record<string, string[]>> };

export function registerShareLinks(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/share/premortems/{secret}",
      tags: ["share links"],
      summary: "A pre-mortem as its participants see it (no account needed)",
      ...open,
      request: { params: ShareParams },
      responses: { 200: json(SessionViewSchema, "The session"), ...errors },
    }),
    async (c) => c.json(await premortems.viewByShare(services, c.req.valid("param").secret), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/share/premortems/{secret}/join",
      tags: ["share links"],
      summary:
        "Join: get a participation token (it limits floods and names nobody); an invitation-only session takes one of its invitations, and the same invitation always yields the same token",
      ...open,
      request: { params: ShareParams, headers: InvitationHeader },
      responses: { 201: json(z.object({ participation_token: z.string() }), "The token"), ...errors },
    }),
    async (c) => {
      const { participationToken } = await premortems.joinPremortem(
        services,
        c.req.valid("param").secret,
        c.req.valid("header")["x-invitation"],
      );
      return c.json({ participation_token: participationToken }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/share/premortems/{secret}/items",
      tags: ["share links"],
      summary:
        "Submit a risk anonymously: sealed, then released with others in a shuffled batch (no author, a random id, the day only)",
      ...open,
      request: {
        params: ShareParams,
        headers: TokenHeader,
        body: { content: { "application/json": { schema: ItemBodySchema } }, required: true },
      },
      responses: {
        202: json(
          z.object({ sealed: z.literal(true) }),
          "Sealed: it joins the items in a shuffled batch of at least three, or when the session moves on",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const token = c.req.valid("header")["x-participation-token"];
      const created = await premortems.submitAnonymously(
        services,
        c.req.valid("param").secret,
        token,
        itemInput(services, c.req.valid("json")),
      );
      return c.json(created, 202);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/share/premortems/{secret}/items/{itemId}/votes",
      tags: ["share links"],
      summary:
        "Vote on an item's likelihood and impact (once per participant: voting again records a new vote that " +
        "supersedes the last, and the tally counts each participant's latest)",
      ...open,
      request: {
        params: ShareParams.extend({ itemId: z.string().min(1).max(80) }),
        headers: TokenHeader,
        body: {
          content: {
            "application/json": {
              schema: z.object({ likelihood: LevelSchema, impact: LevelSchema }).strict(),
            },
          },
          required: true,
        },
      },
      responses: { 200: json(z.object({ ok: z.literal(true) }), "Counted"), ...errors },
    }),
    async (c) => {
      const { secret, itemId } = c.req.valid("param");
      await premortems.voteOnItem(
        services,
        secret,
        c.req.valid("header")["x-participation-token"],
        itemId,
        c.req.valid("json"),
      );
      return c.json({ ok: true as const }, 200);
    },
  );

  for (const method of ["patch", "delete"] as const) {
    app.openapi(
      createRoute({
        method,
        path: "/share/premortems/{secret}/items/{itemId}/votes",
        tags: ["share links"],
        summary:
          "A vote is a record and is never changed or removed (answers 409): vote again, and the new vote " +
          "supersedes the last",
        ...open,
        request: { params: ShareParams.extend({ itemId: z.string().min(1).max(80) }) },
        responses: {
          404: problem("No such link"),
          409: problem("A vote is a record: the problem says how to correct it"),
        },
      }),
      async (c) =>
        premortems.refuseVoteChange(
          services,
          c.req.valid("param").secret,
          method === "patch" ? "changed" : "removed",
        ),
    );
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/share/pulses/{secret}",
      tags: ["share links"],
      summary:
        "A pulse as its link shows it before joining: the team, whether it takes answers, the seven statements (no account needed)",
      ...open,
      request: { params: ShareParams },
      responses: {
        200: json(
          z.object({ team: z.string(), open: z.boolean(), items: z.array(z.string()), scale: z.string() }),
          "The pulse",
        ),
        ...errors,
      },
    }),
    async (c) => c.json(await pulses.viewSharedPulse(services, c.req.valid("param").secret), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/share/pulses/{secret}/join",
      tags: ["share links"],
      summary:
        "Join a pulse: a participation token and the seven statements to rate; an invitation-only pulse takes one of its invitations, which always yields the same token until it has answered (409 afterwards); an open-link pulse never shows a result",
      ...open,
      request: { params: ShareParams, headers: InvitationHeader },
      responses: {
        201: json(
          z.object({ participation_token: z.string(), items: z.array(z.string()), scale: z.string() }),
          "The token",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const joined = await pulses.joinPulse(
        services,
        c.req.valid("param").secret,
        c.req.valid("header")["x-invitation"],
      );
      return c.json(
        { participation_token: joined.participationToken, items: joined.items, scale: joined.scale },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/share/pulses/{secret}/answers",
      tags: ["share links"],
      summary: "Answer a pulse: seven ratings from 1 to 7, once per participation token, stored anonymously",
      ...open,
      request: {
        params: ShareParams,
        headers: TokenHeader,
        body: {
          content: {
            "application/json": {
              schema: z.object({ answers: z.array(z.int().min(1).max(7)).length(7) }).strict(),
            },
          },
          required: true,
        },
      },
      responses: { 201: json(z.object({ ok: z.literal(true) }), "Counted"), ...errors },
    }),
    async (c) => {
      await pulses.answerPulse(
        services,
        c.req.valid("param").secret,
        c.req.valid("header")["x-participation-token"],
        c.req.valid("json").answers,
      );
      return c.json({ ok: true as const }, 201);
    },
  );
}
