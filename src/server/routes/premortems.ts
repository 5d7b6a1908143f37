// Pre-mortems and pulses for signed-in people: open, view, facilitate (merge, advance, promote) and close.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { describeCompileError } from "../../checks/check-compiler.ts";
import { MAX_INVITATIONS_PER_REQUEST } from "../../domain/anonymity.ts";
import { AppError } from "../../domain/app-error.ts";
import { KeySchema, LevelSchema } from "../../domain/primitives.ts";
import type { Services } from "../../use-cases/services.ts";
import * as premortems from "../../use-cases/premortems.ts";
import * as pulses from "../../use-cases/pulses.ts";
import { actorOf, authorize, type AppEnv, type Principal } from "../auth.ts";
import { authErrors, invalidInput, json, problem } from "../responses.ts";

const errors = authErrors("No such initiative, pre-mortem, item or pulse in this org");
const Params = z.object({ initiativeId: KeySchema });
const SessionParams = Params.extend({ sessionId: z.string().min(1).max(80) });

export const ItemBodySchema = z
  .object({
    risk: z.string().trim().min(3).max(500),
    likelihood: LevelSchema,
    impact: LevelSchema,
    early_warning: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .describe("A CEL expression over facts and metrics"),
    mitigation: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

export const VotesSchema = z.union([
  z.object({
    voters: z.int(),
    likelihood: z.record(z.string(), z.int()),
    impact: z.record(z.string(), z.int()),
  }),
  z.object({ withheld: z.string() }),
]);

export const ItemViewSchema = z.object({
  id: z.string(),
  risk: z.string(),
  likelihood: z.string(),
  impact: z.string(),
  early_warning: z.string().nullable(),
  mitigation: z.string().nullable(),
  raised_by: z.string().nullable().describe("Null when anonymous: the author is stored nowhere"),
  submitted_on: z.string().describe("The day only"),
  merged_into: z.string().nullable(),
  promoted_risk: z.string().nullable(),
  votes: VotesSchema,
});

export const SessionViewSchema = z.object({
  session: z.object({
    id: z.string(),
    title: z.string(),
    state: z.enum(["collecting", "voting", "closed"]),
    allow_anonymous: z.boolean(),
    facilitator: z.string(),
    opened_on: z.string(),
    min_group_size: z.int(),
  }),
  items: z.array(ItemViewSchema),
});

/** Checks an early-warning sign compiles before it is stored. */
export function itemInput(services: Services, body: z.infer<typeof ItemBodySchema>): premortems.ItemInput {
  if (body.early_warning) {
    const compiled = services.checks.compile(body.early_warning);
    if (!compiled.ok) {
      const problem = compiled.refused ? "is refused" : "does not compile";
      throw AppError.invalid(`the early-warning sign ${problem}`, [
        { path: "early_warning", message: describeCompileError(compiled) },
      ]);
    }
  }
  return {
    risk: body.risk,
    likelihood: body.likelihood,
    impact: body.impact,
    earlyWarning: body.early_warning ?? null,
    mitigation: body.mitigation ?? null,
  };
}

function person(principal: Principal): string {
  if (!principal.personId) throw new AppError("forbidden", "this token acts for no person");
  return principal.personId;
}

const PulseViewSchema = z.object({
  id: z.string(),
  team: z.string(),
  opened_on: z.string(),
  closed_on: z.string().nullable(),
  min_group_size: z.int(),
  invitations: z
    .int()
    .describe(
      "How many personal invitations were issued (0: an open link); it never changes with a join or an answer",
    ),
  statements: z.array(z.string()).describe("The seven statements, in the order of the result's items"),
  result: z.union([
    z.object({ respondents: z.int(), mean: z.number(), items: z.array(z.number()) }),
    z.object({ withheld: z.string() }),
  ]),
});

const InvitationsBody = z
  .object({ count: z.int().min(1).max(MAX_INVITATIONS_PER_REQUEST).describe("How many people to invite") })
  .strict();
const InvitationsAnswer = json(
  z.object({
    invitations: z
      .array(z.string())
      .describe("One-time secrets, shown once: hand one to each person, to send as 'X-Invitation' on /join"),
  }),
  "The invitations; from now on joining needs one, and each yields one participation",
);
const invitationsSummary = (what: string) =>
  `Issue personal single-use invitations to ${what}; from the first, it is invitation-only (409 once people joined by the open link)`;

export function registerPremortems(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/premortems/{sessionId}/invitations",
      tags: ["pre-mortems"],
      summary: `Facilitator: ${invitationsSummary("the pre-mortem")}`,
      request: {
        params: SessionParams,
        body: { content: { "application/json": { schema: InvitationsBody } }, required: true },
      },
      responses: { 201: InvitationsAnswer, ...errors, ...invalidInput },
    }),
    async (c) => {
      const principal = authorize(c, "contribute");
      const { initiativeId, sessionId } = c.req.valid("param");
      const invitations = await premortems.invitePremortem(services, {
        orgId: principal.orgId,
        initiativeId,
        sessionId,
        personId: principal.personId,
        count: c.req.valid("json").count,
        actor: actorOf(principal),
      });
      return c.json({ invitations }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/pulses/{pulseId}/invitations",
      tags: ["pulses"],
      summary: invitationsSummary("the pulse"),
      request: {
        params: z.object({ pulseId: z.string().min(1).max(80) }),
        body: { content: { "application/json": { schema: InvitationsBody } }, required: true },
      },
      responses: { 201: InvitationsAnswer, ...errors, ...invalidInput },
    }),
    async (c) => {
      const principal = authorize(c, "plan");
      const invitations = await pulses.invitePulse(services, {
        orgId: principal.orgId,
        id: c.req.valid("param").pulseId,
        count: c.req.valid("json").count,
        actor: actorOf(principal),
      });
      return c.json({ invitations }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/premortems",
      tags: ["pre-mortems"],
      summary: "Open a pre-mortem; the answer holds its share link's secret, shown this once",
      request: {
        params: Params,
        body: {
          content: {
            "application/json": {
              schema: z
                .object({
                  title: z.string().trim().min(3).max(200),
                  allow_anonymous: z.boolean().default(true),
                  min_group_size: z
                    .int()
                    .min(3)
                    .max(50)
                    .optional()
                    .describe("k: no aggregate over fewer people (default 5, never below 3)"),
                })
                .strict(),
            },
          },
          required: true,
        },
      },
      responses: {
        201: json(
          z.object({
            id: z.string(),
            share_url: z.string().describe("The page participants open, no account needed"),
            share_path: z.string().describe("The share link's API"),
            min_group_size: z.int(),
          }),
          "The session and its share link",
        ),
        ...errors,
        ...invalidInput,
      },
    }),
    async (c) => {
      const principal = authorize(c, "plan");
      const body = c.req.valid("json");
      const { session, shareSecret } = await premortems.openPremortem(services, {
        orgId: principal.orgId,
        initiativeId: c.req.valid("param").initiativeId,
        title: body.title,
        facilitatorId: person(principal),
        allowAnonymous: body.allow_anonymous,
        minGroupSize: body.min_group_size,
        actor: actorOf(principal),
      });
      return c.json(
        {
          id: session.id,
          share_url: `/p/${shareSecret}`,
          share_path: `/share/premortems/${shareSecret}`,
          min_group_size: session.minGroupSize,
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}/premortems",
      tags: ["pre-mortems"],
      summary: "List the initiative's pre-mortems",
      request: { params: Params },
      responses: {
        200: json(
          z.object({ items: z.array(SessionViewSchema.shape.session), next_cursor: z.null() }),
          "The sessions",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const sessions = await premortems.listPremortems(services, orgId, c.req.valid("param").initiativeId);
      const views = await Promise.all(sessions.map((s) => premortems.viewPremortem(services, s)));
      return c.json({ items: views.map((v) => v.session), next_cursor: null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}/premortems/{sessionId}",
      tags: ["pre-mortems"],
      summary: "A pre-mortem with its items; group votes only once closed and over at least k voters",
      request: { params: SessionParams },
      responses: { 200: json(SessionViewSchema, "The session"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { initiativeId, sessionId } = c.req.valid("param");
      const session = await premortems.findPremortem(services, orgId, initiativeId, sessionId);
      if (!session) throw AppError.notFound("pre-mortem", sessionId);
      return c.json(await premortems.viewPremortem(services, session), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/premortems/{sessionId}/items",
      tags: ["pre-mortems"],
      summary: "Submit a risk as yourself, or with `anonymous: true` so that you are stored nowhere",
      request: {
        params: SessionParams,
        body: {
          content: {
            "application/json": { schema: ItemBodySchema.extend({ anonymous: z.boolean().default(false) }) },
          },
          required: true,
        },
      },
      responses: {
        201: json(z.object({ id: z.string() }), "The named item"),
        202: json(
          z.object({ sealed: z.literal(true) }),
          "The anonymous item, sealed: it joins the items in a shuffled batch of at least three, or when the session moves on",
        ),
        ...errors,
        ...invalidInput,
      },
    }),
    async (c) => {
      const principal = authorize(c, "contribute");
      const { initiativeId, sessionId } = c.req.valid("param");
      const { anonymous, ...body } = c.req.valid("json");
      const created = await premortems.submitAsPerson(services, {
        orgId: principal.orgId,
        initiativeId,
        sessionId,
        personId: person(principal),
        anonymous,
        item: itemInput(services, body),
      });
      return "id" in created ? c.json(created, 201) : c.json(created, 202);
    },
  );

  const facilitation = (path: string, summary: string, body: z.ZodObject<z.ZodRawShape>) =>
    createRoute({
      method: "post",
      path: `/api/v1/initiatives/{initiativeId}/premortems/{sessionId}/${path}`,
      tags: ["pre-mortems"],
      summary,
      request: {
        params: SessionParams,
        body: { content: { "application/json": { schema: body } }, required: true },
      },
      responses: { 200: json(z.object({ ok: z.literal(true) }), "Done"), ...errors, ...invalidInput },
    });

  app.openapi(
    facilitation(
      "state",
      "Facilitator: move the session forward (collecting → voting → closed)",
      z.object({ state: z.enum(["voting", "closed"]) }).strict(),
    ),
    async (c) => {
      const principal = authorize(c, "contribute");
      const { initiativeId, sessionId } = c.req.valid("param");
      const { state } = c.req.valid("json") as { state: "voting" | "closed" };
      await premortems.setPremortemState(services, {
        orgId: principal.orgId,
        initiativeId,
        sessionId,
        personId: principal.personId,
        state,
        actor: actorOf(principal),
      });
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    facilitation(
      "merge",
      "Facilitator: merge a duplicate item into another",
      z.object({ from: z.string(), into: z.string() }).strict(),
    ),
    async (c) => {
      const principal = authorize(c, "contribute");
      const { initiativeId, sessionId } = c.req.valid("param");
      const { from, into } = c.req.valid("json") as { from: string; into: string };
      await premortems.mergeItems(services, {
        orgId: principal.orgId,
        initiativeId,
        sessionId,
        personId: principal.personId,
        from,
        into,
        actor: actorOf(principal),
      });
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/premortems/{sessionId}/items/{itemId}/promote",
      tags: ["pre-mortems"],
      summary: "Facilitator: promote an item to the initiative's risk register, with an owner",
      request: {
        params: SessionParams.extend({ itemId: z.string().min(1).max(80) }),
        body: {
          content: { "application/json": { schema: z.object({ owner: KeySchema }).strict() } },
          required: true,
        },
      },
      responses: { 201: json(z.object({ risk: z.string() }), "The new risk"), ...errors, ...invalidInput },
    }),
    async (c) => {
      const principal = authorize(c, "contribute");
      const { initiativeId, sessionId, itemId } = c.req.valid("param");
      const { riskId } = await premortems.promoteItem(services, {
        orgId: principal.orgId,
        initiativeId,
        sessionId,
        itemId,
        personId: principal.personId,
        ownerId: c.req.valid("json").owner,
        actor: actorOf(principal),
      });
      return c.json({ risk: riskId }, 201);
    },
  );

  for (const method of ["patch", "delete"] as const) {
    app.openapi(
      createRoute({
        method,
        path: "/api/v1/initiatives/{initiativeId}/premortems/{sessionId}/items/{itemId}",
        tags: ["pre-mortems"],
        summary:
          "A pre-mortem item is a record and is never changed or removed (answers 409): merge a duplicate " +
          "into another, or promote it to the risk register",
        request: { params: SessionParams.extend({ itemId: z.string().min(1).max(80) }) },
        responses: { ...errors, 409: problem("An item is a record: the problem says how to correct it") },
      }),
      async (c) => {
        const { orgId } = authorize(c, "contribute");
        return premortems.refuseItemChange(
          services,
          { orgId, ...c.req.valid("param") },
          method === "patch" ? "changed" : "removed",
        );
      },
    );
  }

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/pulses",
      tags: ["pulses"],
      summary: "Open a psychological-safety pulse for a team; the answer holds its share link, shown once",
      request: {
        body: {
          content: {
            "application/json": {
              schema: z
                .object({ team: KeySchema, min_group_size: z.int().min(3).max(50).optional() })
                .strict(),
            },
          },
          required: true,
        },
      },
      responses: {
        201: json(z.object({ id: z.string(), share_path: z.string(), min_group_size: z.int() }), "The pulse"),
        ...errors,
        ...invalidInput,
      },
    }),
    async (c) => {
      const principal = authorize(c, "plan");
      const body = c.req.valid("json");
      const { survey, shareSecret } = await pulses.openPulse(services, {
        orgId: principal.orgId,
        teamId: body.team,
        minGroupSize: body.min_group_size,
        actor: actorOf(principal),
      });
      return c.json(
        { id: survey.id, share_path: `/share/pulses/${shareSecret}`, min_group_size: survey.minGroupSize },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/pulses",
      tags: ["pulses"],
      summary: "List pulses; results only for closed pulses answered by at least k people",
      request: { query: z.object({ team: KeySchema.optional() }) },
      responses: {
        200: json(z.object({ items: z.array(PulseViewSchema), next_cursor: z.null() }), "The pulses"),
        ...errors,
      },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      return c.json(
        { items: await pulses.listPulses(services, orgId, c.req.valid("query").team), next_cursor: null },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/pulses/{pulseId}",
      tags: ["pulses"],
      summary: "One pulse; its result only once closed and answered by at least k people",
      request: { params: z.object({ pulseId: z.string().min(1).max(80) }) },
      responses: { 200: json(PulseViewSchema, "The pulse"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      return c.json(await pulses.viewPulse(services, orgId, c.req.valid("param").pulseId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/pulses/{pulseId}/close",
      tags: ["pulses"],
      summary: "Close a pulse: no more answers; its result is shown if at least k people answered",
      request: { params: z.object({ pulseId: z.string().min(1).max(80) }) },
      responses: { 200: json(z.object({ ok: z.literal(true) }), "Closed"), ...errors },
    }),
    async (c) => {
      const principal = authorize(c, "plan");
      await pulses.closePulse(services, {
        orgId: principal.orgId,
        id: c.req.valid("param").pulseId,
        actor: actorOf(principal),
      });
      return c.json({ ok: true as const }, 200);
    },
  );
}
