// Governance rituals over HTTP: a gate's status, votes cast by the holders of its roles (no one else), and
// three-truths reviews closed, and their worse truths promoted to risks.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { AppError } from "../../domain/app-error.ts";
import { gateStatus, type GateStatus } from "../../domain/gate.ts";
import type { Gate } from "../../domain/model.ts";
import { KeySchema, LevelSchema } from "../../domain/primitives.ts";
import { castVote } from "../../use-cases/gates/cast-vote.ts";
import { promoteTruth } from "../../use-cases/promote-truth.ts";
import { closeReview } from "../../use-cases/reviews/close-review.ts";
import { readReviewClosure } from "../../use-cases/reviews/read-review-closure.ts";
import { readGate } from "../../use-cases/gates/read-gate.ts";
import type { Services } from "../../use-cases/services.ts";
import { actorOf, authorize, type AppEnv } from "../auth.ts";
import { authErrors, invalidInput, json, problem } from "../responses.ts";

const errors = authErrors("No such initiative or gate in this org");
const Params = z.object({ initiativeId: KeySchema, gateId: KeySchema });

export const GateStatusSchema = z.object({
  gate: z.string(),
  name: z.string(),
  state: z.enum(["pending", "held", "go"]),
  go: z.array(z.string()),
  no_go: z.array(z.object({ role: z.string(), by: z.string(), reason: z.string().nullable() })),
  pending: z.array(z.string()),
  paused_milestones: z.array(z.string()),
  authorities: z.array(z.object({ role: z.string(), person: z.string() })),
});

export function gateStatusOut(gate: Gate, status: GateStatus) {
  return {
    gate: gate.id,
    name: gate.name,
    state: status.state,
    go: status.go,
    no_go: status.noGo,
    pending: status.pending,
    paused_milestones: status.pausedMilestones,
    authorities: gate.authorities.map((a) => ({ role: a.role, person: a.personId })),
  };
}

export function registerGates(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}/gates/{gateId}/status",
      tags: ["gates"],
      summary: "A gate's state: held by any No-Go, go only when every authority has voted go",
      request: { params: Params },
      responses: { 200: json(GateStatusSchema, "The gate's status"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { initiativeId, gateId } = c.req.valid("param");
      const { gate, milestones } = await readGate(services, { orgId, initiativeId }, gateId);
      return c.json(gateStatusOut(gate, gateStatus(gate, milestones)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/gates/{gateId}/votes",
      tags: ["gates"],
      summary:
        "Vote go or no-go as the holder of a role (the token's person); a No-Go needs a reason and holds the gate. " +
        "Only the role's holder votes for it: a No-Go is lifted by its voter, or by the next holder of the role.",
      request: {
        params: Params,
        body: {
          content: {
            "application/json": {
              schema: z
                .object({
                  vote: z.enum(["go", "no_go"]),
                  reason: z.string().trim().min(1).max(2000).optional(),
                  role: KeySchema.optional().describe("Needed only when you hold several roles on the gate"),
                })
                .strict(),
            },
          },
          required: true,
        },
      },
      responses: {
        201: json(
          z.object({ role: z.string(), state: z.enum(["pending", "held", "go"]), changed: z.boolean() }),
          "The vote counts",
        ),
        ...errors,
        ...invalidInput,
      },
    }),
    async (c) => {
      const principal = authorize(c, "contribute");
      if (!principal.personId) {
        throw new AppError("forbidden", "this token acts for no person, and only a role's holder may vote");
      }
      const { initiativeId, gateId } = c.req.valid("param");
      const body = c.req.valid("json");
      const { role, before, after } = await castVote(services, {
        orgId: principal.orgId,
        initiativeId,
        gateId,
        personId: principal.personId,
        role: body.role,
        vote: body.vote,
        reason: body.reason ?? null,
        tokenId: principal.tokenId,
      });
      return c.json({ role, state: after.state, changed: before.state !== after.state }, 201);
    },
  );
}

/** Three truths: a "worse than expected" truth promoted to the risk register. */
export function registerTruthPromotion(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/reviews/{reviewId}/truths/{truthId}/promote",
      tags: ["reviews"],
      summary:
        "Promote a worse-than-expected truth to the risk register, with an owner; a named author is its raiser",
      request: {
        params: z.object({ initiativeId: KeySchema, reviewId: KeySchema, truthId: KeySchema }),
        body: {
          content: {
            "application/json": {
              schema: z.object({ owner: KeySchema, likelihood: LevelSchema, impact: LevelSchema }).strict(),
            },
          },
          required: true,
        },
      },
      responses: { 201: json(z.object({ risk: z.string() }), "The new risk"), ...errors, ...invalidInput },
    }),
    async (c) => {
      const principal = authorize(c, "contribute");
      const { initiativeId, reviewId, truthId } = c.req.valid("param");
      const body = c.req.valid("json");
      const { riskId } = await promoteTruth(services, {
        orgId: principal.orgId,
        initiativeId,
        reviewId,
        truthId,
        ownerId: body.owner,
        likelihood: body.likelihood,
        impact: body.impact,
        actor: actorOf(principal),
      });
      return c.json({ risk: riskId }, 201);
    },
  );
}

const ReviewParams = z.object({ initiativeId: KeySchema, reviewId: KeySchema });
const ReviewClosureSchema = z.object({
  review: z.string(),
  closed_on: z.string().nullable().describe("The day the review was closed; null while it takes truths"),
  sealed: z
    .number()
    .int()
    .nullable()
    .describe(
      "How many anonymous truths stayed sealed at the close (fewer than three came after the last batch, and " +
        "released alone they could be told apart); null while open, when no count is given",
    ),
});

/** Three truths: a review closed, and whether it is. */
export function registerReviewClosing(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}/reviews/{reviewId}/closure",
      tags: ["reviews"],
      summary: "Whether a review is closed, and once it is, how many anonymous truths stayed sealed",
      request: { params: ReviewParams },
      responses: { 200: json(ReviewClosureSchema, "The review's closure"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { initiativeId, reviewId } = c.req.valid("param");
      return c.json(await readReviewClosure(services, { orgId, initiativeId }, reviewId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/reviews/{reviewId}/close",
      tags: ["reviews"],
      summary:
        "Close a review (whoever may plan): it takes no more truths; an anonymous review's sealed truths are " +
        "released if a whole batch of three waits, else they stay sealed for good",
      request: { params: ReviewParams },
      responses: {
        200: json(ReviewClosureSchema, "The review is closed"),
        ...errors,
        409: problem("The review is closed already"),
      },
    }),
    async (c) => {
      const principal = authorize(c, "read");
      const { initiativeId, reviewId } = c.req.valid("param");
      const closure = await closeReview(services, {
        orgId: principal.orgId,
        initiativeId,
        reviewId,
        role: principal.role,
        actor: actorOf(principal),
      });
      return c.json(closure, 200);
    },
  );
}
