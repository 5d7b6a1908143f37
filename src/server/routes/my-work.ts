// My work: what the signed-in person must act on across the org, in one request, from stored results.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { AppError } from "../../domain/app-error.ts";
import { SubjectRefSchema } from "../../domain/model.ts";
import { SeveritySchema } from "../../domain/primitives.ts";
import { readMyWork } from "../../use-cases/reads/read-my-work.ts";
import type { Services } from "../../use-cases/services.ts";
import { authorize, type AppEnv } from "../auth.ts";
import { authErrors, json } from "../responses.ts";

const Initiative = z.object({ id: z.string(), name: z.string() });

const MyWorkSchema = z.object({
  person: z.object({ id: z.string(), name: z.string() }),
  signals: z
    .array(
      z.object({
        initiative: Initiative,
        fingerprint: z.string(),
        kind: z.string(),
        severity: SeveritySchema,
        title: z.string(),
        subject: SubjectRefSchema,
        first_seen: z.string().nullable(),
      }),
    )
    .describe("Open signals (not acknowledged or suppressed) that name you as the one who must act"),
  reports_due: z
    .array(
      z.object({
        initiative: Initiative,
        subject: SubjectRefSchema,
        name: z.string(),
        cadence_days: z.int(),
        since: z.string().describe("The latest report on the subject, else the initiative's start"),
        due_on: z.string(),
        overdue: z.boolean().describe("Past its due day: stale-status reports the silence"),
      }),
    )
    .describe("Reports you owe at the initiative's cadence: the rule the reminders follow"),
  votes_awaiting: z
    .array(
      z.object({
        initiative: Initiative,
        gate: z.object({ id: z.string(), name: z.string(), date: z.string().nullable() }),
        role: z.string(),
        state: z.enum(["pending", "held", "go"]),
      }),
    )
    .describe("Gates where you hold an authority that has not voted"),
  decisions_requested: z
    .array(
      z.object({
        initiative: Initiative,
        id: z.string(),
        milestone: z.object({ id: z.string(), name: z.string() }),
        statement: z.string(),
        opened_on: z.string(),
        days_open: z.int().nullable(),
        kill_criteria: z.string().nullable(),
      }),
    )
    .describe("Open decision requests (invalidated assumptions no decision answers) on initiatives you own"),
  premortems: z
    .array(
      z.object({
        initiative: Initiative,
        id: z.string(),
        title: z.string(),
        state: z.enum(["collecting", "voting"]),
        facilitator: z.boolean(),
        opened_on: z.string(),
      }),
    )
    .describe("Pre-mortems still collecting risks, and those you facilitate until they are closed"),
  pulses: z
    .array(
      z.object({
        id: z.string(),
        team: z.object({ id: z.string(), name: z.string() }),
        opened_on: z.string(),
      }),
    )
    .describe("Open pulses of the teams you belong to or lead; answered through the link your team was sent"),
});

export function registerMyWork(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/work",
      tags: ["my work"],
      summary:
        "Your work across the org: signals you must act on, reports you owe, gate votes awaited from you, " +
        "decisions requested of you, and pre-mortems and pulses open to you; read from stored results",
      responses: { 200: json(MyWorkSchema, "Your work"), ...authErrors() },
    }),
    async (c) => {
      const principal = authorize(c, "read");
      if (!principal.personId) throw new AppError("forbidden", "this token acts for no person");
      const work = await readMyWork(services, principal.orgId, principal.personId);
      return c.json(
        {
          person: work.person,
          signals: work.signals.map(({ firstSeen, ...s }) => ({
            ...s,
            first_seen: firstSeen?.toISOString() ?? null,
          })),
          reports_due: work.reportsDue.map(({ cadenceDays, dueOn, ...r }) => ({
            ...r,
            cadence_days: cadenceDays,
            due_on: dueOn,
          })),
          votes_awaiting: work.votesAwaiting,
          decisions_requested: work.decisionsRequested.map(({ openedOn, daysOpen, killCriteria, ...d }) => ({
            ...d,
            opened_on: openedOn,
            days_open: daysOpen,
            kill_criteria: killCriteria,
          })),
          premortems: work.premortems.map(({ openedOn, ...p }) => ({ ...p, opened_on: openedOn })),
          pulses: work.pulses.map(({ openedOn, ...p }) => ({ ...p, opened_on: openedOn })),
        },
        200,
      );
    },
  );
}
