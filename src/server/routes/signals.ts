// The engine over HTTP: current signals with their history and silences, the history itself, and silencing.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { AppError } from "../../domain/app-error.ts";
import { EvidenceSchema, SubjectRefSchema } from "../../domain/model.ts";
import {
  EvidenceHealthSchema,
  HealthSchema,
  IsoDateSchema,
  KeySchema,
  SeveritySchema,
} from "../../domain/primitives.ts";
import { isGreenerThan } from "../../domain/report-policy.ts";
import type { HealthComparison } from "../../engine/health-comparison.ts";
import { matchesSignalFilter, parseSignalFilter } from "../../engine/signal-filter.ts";
import { MAX_SUPPRESSION_DAYS } from "../../domain/silence.ts";
import {
  freshnessOf,
  listSignals,
  readHealth,
  readSignalHistory,
  readSilences,
  type SignalOccurrence,
  type SignalSilence,
  readStoredEvaluation,
  type Freshness,
  type SignalView,
} from "../../use-cases/list-signals.ts";
import type { Services } from "../../use-cases/services.ts";
import { liftSilence, silenceSignal } from "../../use-cases/silence-signal.ts";
import { MAX_SILENCED_AT_ONCE, silenceSignals } from "../../use-cases/silence-signals.ts";
import { authorize, type AppEnv } from "../auth.ts";
import { pageInMemory, pageOf, PageQuerySchema, decodeCursor, encodeCursor } from "../pagination.ts";
import { authErrors, invalidInput, json } from "../responses.ts";

const errors = authErrors("No such initiative or current signal in this org");
const Params = z.object({ initiativeId: KeySchema });
const FingerprintSchema = z
  .string()
  .regex(/^[0-9a-f]{16}$/, { message: "must be a signal fingerprint (16 hex characters)" });
const SignalParams = Params.extend({ fingerprint: FingerprintSchema });

const SilenceSchema = z.object({
  id: z.string(),
  mode: z.enum(["acknowledged", "suppressed"]),
  by: z.string(),
  reason: z.string(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  lifted_at: z.string().nullable(),
  lifted_by: z.string().nullable(),
});

export const SignalOutSchema = z.object({
  kind: z.string(),
  severity: SeveritySchema,
  subject: SubjectRefSchema,
  title: z.string(),
  explanation: z.string(),
  evidence: z.array(EvidenceSchema),
  owner: z.string().nullable(),
  fingerprint: z.string(),
  status: z.enum(["open", "acknowledged", "suppressed"]),
  first_seen: z.string().nullable(),
  last_seen: z.string().nullable(),
  silence: SilenceSchema.nullable(),
});

const OccurrenceSchema = SignalOutSchema.omit({ status: true, silence: true, evidence: true }).extend({
  id: z.string(),
  resolved_at: z.string().nullable(),
});

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Where the stored results stand: evaluation follows each write, a moment after it commits. */
export const FreshnessSchema = z.object({
  version: z
    .number()
    .int()
    .describe(
      "The initiative's version: the id of its latest change on the event stream (`initiative.changed`: its own, or the org's directory change, which names no initiative); every write makes a new, higher one, not always the next number",
    ),
  evaluated_version: z.number().int().describe("The version these results were evaluated at"),
  evaluated_at: z.string().nullable(),
  pending: z.boolean().describe("True while a newer change waits for evaluation"),
});

export function freshnessOut(f: Freshness) {
  return {
    version: f.version,
    evaluated_version: f.evaluatedVersion,
    evaluated_at: iso(f.evaluatedAt),
    pending: f.pending,
  };
}

export function silenceOut(s: SignalSilence) {
  return {
    id: s.id,
    mode: s.mode,
    by: s.byPerson,
    reason: s.reason,
    created_at: s.createdAt.toISOString(),
    expires_at: iso(s.expiresAt),
    lifted_at: iso(s.liftedAt),
    lifted_by: s.liftedBy,
  };
}

export function signalOut(s: SignalView) {
  return {
    kind: s.kind,
    severity: s.severity,
    subject: s.subject,
    title: s.title,
    explanation: s.explanation,
    evidence: s.evidence,
    owner: s.owner,
    fingerprint: s.fingerprint,
    status: s.status,
    first_seen: iso(s.firstSeen),
    last_seen: iso(s.lastSeen),
    silence: s.silence ? silenceOut(s.silence) : null,
  };
}

function occurrenceOut(o: SignalOccurrence) {
  return {
    id: o.id,
    kind: o.kind,
    severity: o.severity as "info" | "warning" | "critical",
    subject: { type: o.subjectType as SignalView["subject"]["type"], id: o.subjectId },
    title: o.title,
    explanation: o.explanation,
    owner: o.owner,
    fingerprint: o.fingerprint,
    first_seen: iso(o.firstSeen),
    last_seen: iso(o.lastSeen),
    resolved_at: iso(o.resolvedAt),
  };
}

export const HealthComparisonSchema = z.object({
  subject: SubjectRefSchema,
  title: z.string(),
  reported: z.object({ health: HealthSchema, by: z.string(), date: z.string() }).nullable(),
  evidence: z.object({
    health: EvidenceHealthSchema.describe(
      "What the data alone says; unknown when nothing in it bears on the subject (no due date, check, outcome or vote)",
    ),
    reasons: z.array(EvidenceSchema),
    unknowns: z.array(EvidenceSchema),
  }),
  greener_than_evidence: z.boolean(),
});

export function registerSignals(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}/health",
      tags: ["signals"],
      summary: "Reported health beside evidence health, for the initiative, each team and each commitment",
      request: { params: Params },
      responses: {
        200: json(
          z.object({ as_of: z.string(), ...FreshnessSchema.shape, items: z.array(HealthComparisonSchema) }),
          "Reported and evidence health",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { initiativeId } = c.req.valid("param");
      const evaluation = await readStoredEvaluation(services, orgId, initiativeId);
      const health = await readHealth(services, orgId, initiativeId);
      const items = (health as HealthComparison[]).map((h) => ({
        ...h,
        greener_than_evidence: h.reported !== null && isGreenerThan(h.reported.health, h.evidence.health),
      }));
      return c.json({ as_of: evaluation.asOf ?? "", ...freshnessOut(freshnessOf(evaluation)), items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}/signals",
      tags: ["signals"],
      summary:
        "Every current signal as last evaluated, most severe first, with its history and any silence " +
        "(evaluation runs after each write commits; `pending` says a newer change waits for it)",
      request: {
        params: Params,
        query: z.object({
          status: z
            .enum(["all", "open", "silenced"])
            .default("all")
            .describe("Filter by silence (default all)"),
          kind: z
            .string()
            .optional()
            .describe("Only these kinds, comma-separated (e.g. watermelon,stale-status)"),
          severity: z
            .string()
            .optional()
            .describe("Only signals at least this severe: info, warning or critical"),
          subject: z.string().optional().describe("Only signals on this subject: its id, or type:id"),
          owner: z
            .string()
            .optional()
            .describe("Only signals this person must act on; `none` where nobody is named"),
        }),
      },
      responses: {
        200: json(
          z.object({ as_of: z.string(), ...FreshnessSchema.shape, signals: z.array(SignalOutSchema) }),
          "The signals",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { status, ...asked } = c.req.valid("query");
      const wanted = parseSignalFilter(asked);
      if (!wanted.ok) throw AppError.invalid("invalid signal filter", wanted.problems);
      const { asOf, freshness, signals } = await listSignals(
        services,
        orgId,
        c.req.valid("param").initiativeId,
      );
      const shown = signals.filter(
        (s) =>
          (status === "all" || (status === "open") === (s.status === "open")) &&
          matchesSignalFilter(s, wanted.filter),
      );
      return c.json({ as_of: asOf, ...freshnessOut(freshness), signals: shown.map(signalOut) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}/signal-history",
      tags: ["signals"],
      summary: "Every signal occurrence recorded, open and resolved, newest first",
      request: { params: Params, query: PageQuerySchema },
      responses: { 200: json(pageOf(OccurrenceSchema), "A page of occurrences"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { limit, cursor } = c.req.valid("query");
      const offset = Number(decodeCursor(cursor) ?? 0) || 0;
      const rows = await readSignalHistory(services, orgId, c.req.valid("param").initiativeId, {
        offset,
        limit: limit + 1,
      });
      const items = rows.slice(0, limit).map(occurrenceOut);
      return c.json(
        { items, next_cursor: rows.length > limit ? encodeCursor(String(offset + limit)) : null },
        200,
      );
    },
  );

  const reason = z.string().trim().min(3, { message: "say why, in a few words at least" }).max(1000);
  const by = KeySchema.optional().describe("The person doing it; defaults to the token's person");

  /** Who is acting: the token's person, who may not act as anyone else; automation must name a person. */
  const actingPerson = (principal: { personId: string | null }, claimed: string | undefined): string => {
    if (principal.personId && claimed && claimed !== principal.personId) {
      throw new AppError(
        "forbidden",
        `this token acts as '${principal.personId}' and cannot act as '${claimed}'`,
      );
    }
    const person = principal.personId ?? claimed;
    if (!person)
      throw AppError.invalid("say who is acting", [
        { path: "by", message: "is required for a token that acts for no person" },
      ]);
    return person;
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/signals/{fingerprint}/acknowledge",
      tags: ["signals"],
      summary: "Acknowledge a signal: it stays listed, marked acknowledged, with who and why",
      request: {
        params: SignalParams,
        body: {
          content: { "application/json": { schema: z.object({ by, reason }).strict() } },
          required: true,
        },
      },
      responses: { 201: json(SilenceSchema, "The acknowledgement"), ...errors, ...invalidInput },
    }),
    async (c) => {
      const principal = authorize(c, "contribute");
      const { initiativeId, fingerprint } = c.req.valid("param");
      const body = c.req.valid("json");
      const silence = await silenceSignal(services, "acknowledged", {
        orgId: principal.orgId,
        initiativeId,
        fingerprint,
        tokenId: principal.tokenId,
        role: principal.role,
        reason: body.reason,
        by: actingPerson(principal, body.by),
      });
      return c.json(silenceOut(silence), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/signals/{fingerprint}/suppress",
      tags: ["signals"],
      summary: `Suppress a signal until a day (at most ${MAX_SUPPRESSION_DAYS} days), with a reason; it stays on record`,
      request: {
        params: SignalParams,
        body: {
          content: {
            "application/json": { schema: z.object({ by, reason, until: IsoDateSchema }).strict() },
          },
          required: true,
        },
      },
      responses: { 201: json(SilenceSchema, "The suppression"), ...errors, ...invalidInput },
    }),
    async (c) => {
      const principal = authorize(c, "plan");
      const { initiativeId, fingerprint } = c.req.valid("param");
      const body = c.req.valid("json");
      const silence = await silenceSignal(services, "suppressed", {
        orgId: principal.orgId,
        initiativeId,
        fingerprint,
        tokenId: principal.tokenId,
        role: principal.role,
        reason: body.reason,
        until: body.until,
        by: actingPerson(principal, body.by),
      });
      return c.json(silenceOut(silence), 201);
    },
  );

  const SilenceManySchema = z
    .object({
      action: z.enum(["acknowledge", "suppress"]).describe("What to do with every signal listed"),
      fingerprints: z
        .array(FingerprintSchema)
        .min(1)
        .max(MAX_SILENCED_AT_ONCE)
        .superRefine((list, ctx) => {
          list.forEach((fingerprint, index) => {
            if (list.indexOf(fingerprint) !== index) {
              ctx.addIssue({ code: "custom", path: [index], message: `'${fingerprint}' is listed twice` });
            }
          });
        })
        .describe(`Current signals of the initiative, each once (at most ${MAX_SILENCED_AT_ONCE})`),
      reason: reason.describe("One reason, recorded on every signal"),
      until: IsoDateSchema.optional().describe(
        `For suppress only: the day it ends (after today, at most ${MAX_SUPPRESSION_DAYS} days away)`,
      ),
      by,
    })
    .strict()
    .superRefine((body, ctx) => {
      if (body.action === "suppress" && body.until === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["until"],
          message: "is required to suppress: give the day the suppression ends",
        });
      }
      if (body.action === "acknowledge" && body.until !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["until"],
          message: "an acknowledgement has no end: leave it out, or suppress instead",
        });
      }
    });

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/signals/silence",
      tags: ["signals"],
      summary:
        "Acknowledge or suppress several signals at once with one reason: all of them in one transaction, or none",
      description:
        "Each signal is checked by the same rules as one acknowledged or suppressed on its own (acknowledging " +
        "takes `contribute`, suppressing `plan`; a suppression in force is replaced only by someone who may " +
        "lift it). If any fingerprint is not a current signal (`422`) or may not be silenced by this person " +
        "(`403`), nothing changes, and `errors` names each one as `fingerprints.<index>` with the reason. " +
        "Each silence is audited on its own, as `signal.acknowledge` or `signal.suppress`.",
      request: {
        params: Params,
        body: { content: { "application/json": { schema: SilenceManySchema } }, required: true },
      },
      responses: {
        201: json(
          z.object({ silences: z.array(SilenceSchema) }),
          "Every silence recorded, in the order asked",
        ),
        ...authErrors("No such initiative in this org"),
        ...invalidInput,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const mode = body.action === "acknowledge" ? "acknowledged" : "suppressed";
      const principal = authorize(c, mode === "acknowledged" ? "contribute" : "plan");
      const silences = await silenceSignals(services, mode, {
        orgId: principal.orgId,
        initiativeId: c.req.valid("param").initiativeId,
        fingerprints: body.fingerprints,
        tokenId: principal.tokenId,
        role: principal.role,
        reason: body.reason,
        ...(body.until !== undefined ? { until: body.until } : {}),
        by: actingPerson(principal, body.by),
      });
      return c.json({ silences: silences.map(silenceOut) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/signals/{fingerprint}/unsilence",
      tags: ["signals"],
      summary:
        "Lift every acknowledgement and suppression in force on a signal (they stay on record as lifted)",
      request: {
        params: SignalParams,
        body: { content: { "application/json": { schema: z.object({ by }).strict() } }, required: true },
      },
      responses: {
        200: json(z.object({ lifted: z.int() }), "How many were lifted"),
        ...errors,
        ...invalidInput,
      },
    }),
    async (c) => {
      const principal = authorize(c, "contribute");
      const { initiativeId, fingerprint } = c.req.valid("param");
      const lifted = await liftSilence(services, {
        orgId: principal.orgId,
        initiativeId,
        fingerprint,
        tokenId: principal.tokenId,
        role: principal.role,
        by: actingPerson(principal, c.req.valid("json").by),
      });
      return c.json({ lifted }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}/silences",
      tags: ["signals"],
      summary: "Every acknowledgement and suppression ever recorded, lifted or not",
      request: { params: Params, query: PageQuerySchema },
      responses: { 200: json(pageOf(SilenceSchema), "A page of silences"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const rows = await readSilences(services, orgId, c.req.valid("param").initiativeId);
      return c.json(pageInMemory(rows.map(silenceOut), c.req.valid("query")), 200);
    },
  );
}
