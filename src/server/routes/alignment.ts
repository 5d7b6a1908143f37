// The alignment index over HTTP: the org's roll-up, one initiative's five dimensions, its decision requests, and the truth board.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import {
  DIMENSION_KEYS,
  type AlignmentIndex,
  type DimensionKey,
  type OrgAlignment,
} from "../../readings/alignment-index.ts";
import { DECISION_KINDS, SubjectRefSchema } from "../../domain/model.ts";
import { HealthSchema, KeySchema } from "../../domain/primitives.ts";
import {
  readDecisionRequests,
  readInitiativeAlignment,
  readOrgAlignment,
  readTruthBoard,
  type AlignmentOptions,
} from "../../use-cases/read-alignment.ts";
import type { Services } from "../../use-cases/services.ts";
import { authorize, type AppEnv } from "../auth.ts";
import { authErrors, json } from "../responses.ts";

// ── snake_case JSON ──────────────────────────────────────────────────────────────────────────────────────

type SnakeKey<S extends string> = S extends `${infer Head}${infer Rest}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeKey<Rest>}`
  : S;

/** A domain value as the API speaks it: every key snake_case, at every depth. */
export type Snake<T> =
  T extends ReadonlyArray<infer U>
    ? Snake<U>[]
    : T extends object
      ? { [K in keyof T as K extends string ? SnakeKey<K> : K]: Snake<T[K]> }
      : T;

export function snake<T>(value: T): Snake<T> {
  if (Array.isArray(value)) return value.map(snake) as Snake<T>;
  if (value === null || typeof value !== "object") return value as Snake<T>;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snake(v)]),
  ) as Snake<T>;
}

const SNAKE_DIMENSIONS = {
  surpriseFrequency: "surprise_frequency",
  informationFlow: "information_flow",
  courseCorrectionSpeed: "course_correction_speed",
  psychologicalSafety: "psychological_safety",
  pivotHistory: "pivot_history",
} as const satisfies Record<DimensionKey, string>;

// ── Schemas ──────────────────────────────────────────────────────────────────────────────────────────────

const Day = z.string().describe("YYYY-MM-DD");
const Score = z
  .number()
  .nullable()
  .describe("0–100, higher is better; null when nothing on record measures it");
const DirectionSchema = z
  .enum(["up", "down", "flat", "unknown"])
  .describe("The last scored trend point against the one before (a move of 5 or more); up is better");
const TrendSchema = z
  .array(z.object({ as_of: Day, score: Score }))
  .describe("Oldest first, a month (30 days) apart; the last point is as of today");
const DecisionKindSchema = z.enum(DECISION_KINDS);

const dimension = <T extends z.ZodType>(measures: T, description: string) =>
  z.object({ score: Score, measures, trend: TrendSchema, direction: DirectionSchema }).describe(description);

const SurpriseMeasuresSchema = z.object({
  window_days: z.int(),
  last_window: z.int().describe("Surprises in the last window: what the score reads (100 − 25 each)"),
  total: z.int(),
  surprises: z.array(
    z.object({
      date: Day,
      reason: z.enum(["late-signal", "unwarned-critical", "status-jump"]),
      subject: SubjectRefSchema,
      kind: z.string().nullable(),
      detail: z.string(),
    }),
  ),
});

const FlowMeasuresSchema = z.object({
  median_layers: z.number().nullable(),
  median_delay_days: z.number().nullable(),
  episodes: z.array(
    z.object({
      subject: SubjectRefSchema,
      report_id: z.string(),
      author_id: z.string(),
      date: Day,
      health: HealthSchema,
      layers: z.number().nullable(),
      arrived_on: Day.nullable(),
      softened: z.boolean(),
      delay_days: z.number(),
    }),
  ),
  arrived: z.int(),
  softened: z.int(),
  not_arrived: z.int(),
});

const TriggerSchema = z.object({
  kind: z.enum(["invalidation", "no-go", "critical-signal"]),
  ref: z.string(),
  subject: SubjectRefSchema,
  date: Day,
  detail: z.string(),
  decision: z.object({ id: z.string(), kind: DecisionKindSchema, date: Day, by_id: z.string() }).nullable(),
  days: z.number(),
});

const CourseMeasuresSchema = z.object({
  median_days: z.number().nullable(),
  median_days_to_decision: z.number().nullable(),
  decided: z.int(),
  open: z.array(TriggerSchema),
  triggers: z.array(TriggerSchema),
});

const SafetyMeasuresSchema = z.object({
  pulse: z.object({ mean: z.number(), respondents: z.int(), teams: z.int() }).nullable(),
  teams_without_pulse: z.int(),
  concerns: z.int(),
  anonymous_concerns: z.int(),
  named_concerns: z.int(),
  from_outside_leads: z.int(),
  outside_leads_share: z.number().nullable(),
  basis: z.enum(["pulse-and-concerns", "pulse", "concerns", "none"]),
});

const PivotMeasuresSchema = z.object({
  course_changes: z.int(),
  perseveres: z.int(),
  triggers_answered_by_change: z.int(),
  triggers: z.int(),
  responsiveness: z.number().nullable(),
  measured: z.int(),
  improved: z.int(),
  effectiveness: z.number().nullable(),
  decisions: z.array(
    z.object({
      decision_id: z.string(),
      date: Day,
      kind: DecisionKindSchema,
      responds_to: z.string().nullable(),
      changed_course: z.boolean(),
      movements: z.array(
        z.object({
          outcome_id: z.string(),
          metric_id: z.string(),
          slope_before: z.number(),
          slope_after: z.number(),
          change: z.number(),
        }),
      ),
      effect: z.enum(["improved", "worsened", "flat", "unmeasured"]),
    }),
  ),
});

const IndexSchema = z.object({
  initiative_id: z.string(),
  name: z.string(),
  as_of: Day,
  overall: Score.describe("The mean of the dimensions that have a score"),
  overall_trend: TrendSchema,
  overall_direction: DirectionSchema,
  surprise_frequency: dimension(
    SurpriseMeasuresSchema,
    "Issues found late: 100 − 25 per surprise in 30 days",
  ),
  information_flow: dimension(FlowMeasuresSchema, "Layers and delay between the ground and the owner"),
  course_correction_speed: dimension(CourseMeasuresSchema, "Median days from a trigger to a decision"),
  psychological_safety: dimension(SafetyMeasuresSchema, "The pulse (k rule) and who raises concerns"),
  pivot_history: dimension(PivotMeasuresSchema, "Changes of course on triggers, and what the outcome did"),
});

const SummarySchema = z.object({ score: Score, direction: DirectionSchema, trend: TrendSchema });

/** One entry per dimension, keyed as the API names them. */
const byDimension = <T extends z.ZodType>(schema: T) =>
  z.object({
    surprise_frequency: schema,
    information_flow: schema,
    course_correction_speed: schema,
    psychological_safety: schema,
    pivot_history: schema,
  });

const OrgSchema = z.object({
  as_of: Day,
  weighting: z.literal("initiative").describe("Means over initiatives: each initiative counts once"),
  overall: Score,
  overall_trend: TrendSchema,
  overall_direction: DirectionSchema,
  dimensions: byDimension(SummarySchema.extend({ initiatives: z.int() })),
  initiatives: z.array(
    z.object({
      initiative_id: z.string(),
      name: z.string(),
      as_of: Day,
      overall: Score,
      overall_direction: DirectionSchema,
      dimensions: byDimension(SummarySchema),
    }),
  ),
});

const DecisionRequestSchema = z.object({
  id: z.string(),
  milestone_id: z.string(),
  milestone_name: z.string(),
  assumption_id: z.string(),
  statement: z.string(),
  test_id: z.string(),
  evidence: z.string().nullable(),
  opened_on: Day,
  kill_criteria: z.string().nullable().describe("Recorded before the test; null when nobody wrote any"),
  state: z.enum(["open", "decided", "superseded"]),
  decision: z
    .object({ id: z.string(), kind: DecisionKindSchema, date: Day, by_id: z.string(), rationale: z.string() })
    .nullable(),
  days_to_decision: z.number().nullable(),
  days_open: z.number().nullable(),
  superseded_on: Day.nullable(),
  follows_kill_criteria: z.boolean().nullable(),
});

const BoardSchema = z.object({
  as_of: Day,
  truths: z.array(
    z.object({
      initiative_id: z.string(),
      source: z.enum(["risk", "truth"]),
      id: z.string(),
      person_id: z.string(),
      person_name: z.string(),
      raised_on: Day.nullable(),
      text: z.string(),
      confirmation: z
        .object({
          by: z.enum(["early-warning", "no-go", "decision"]),
          ref: z.string(),
          date: Day,
          detail: z.string(),
        })
        .nullable(),
      lead_time_days: z.number().nullable(),
    }),
  ),
  people: z.array(
    z.object({
      person_id: z.string(),
      person_name: z.string(),
      best_lead_time_days: z.number().nullable(),
      confirmed: z.int(),
      surfaced: z.int(),
    }),
  ),
  recognitions: z.array(
    z.object({
      id: z.string(),
      initiative_id: z.string(),
      person_id: z.string(),
      person_name: z.string(),
      by_id: z.string(),
      by_name: z.string(),
      date: Day,
      reason: z.string(),
    }),
  ),
});

// ── JSON ─────────────────────────────────────────────────────────────────────────────────────────────────

export type IndexJson = z.infer<typeof IndexSchema>;
export type OrgJson = z.infer<typeof OrgSchema>;

export function indexJson(index: AlignmentIndex): IndexJson {
  return snake(index);
}

function summaries(index: AlignmentIndex) {
  return Object.fromEntries(
    DIMENSION_KEYS.map((key) => [
      SNAKE_DIMENSIONS[key],
      { score: index[key].score, direction: index[key].direction, trend: snake(index[key].trend) },
    ]),
  ) as OrgJson["initiatives"][number]["dimensions"];
}

export function orgJson(org: OrgAlignment): OrgJson {
  return {
    as_of: org.asOf,
    weighting: org.weighting,
    overall: org.overall,
    overall_trend: snake(org.overallTrend),
    overall_direction: org.overallDirection,
    dimensions: Object.fromEntries(
      DIMENSION_KEYS.map((key) => [SNAKE_DIMENSIONS[key], snake(org.dimensions[key])]),
    ) as OrgJson["dimensions"],
    initiatives: org.initiatives.map((index) => ({
      initiative_id: index.initiativeId,
      name: index.name,
      as_of: index.asOf,
      overall: index.overall,
      overall_direction: index.overallDirection,
      dimensions: summaries(index),
    })),
  };
}

// ── Routes ───────────────────────────────────────────────────────────────────────────────────────────────

const Params = z.object({ initiativeId: KeySchema });

export function registerAlignment(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  options: AlignmentOptions = {},
): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/alignment",
      tags: ["alignment"],
      summary:
        "The org's alignment index: each dimension's mean over initiatives (each counts once), with every initiative's scores and trends",
      responses: { 200: json(OrgSchema, "The org's alignment index"), ...authErrors() },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      return c.json(orgJson(await readOrgAlignment(services, orgId, options)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}/alignment",
      tags: ["alignment"],
      summary:
        "An initiative's alignment index: five dimensions, each with its score, raw measures and monthly trend",
      request: { params: Params },
      responses: {
        200: json(IndexSchema, "The initiative's alignment index"),
        ...authErrors("No such initiative in this org"),
      },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const index = await readInitiativeAlignment(
        services,
        orgId,
        c.req.valid("param").initiativeId,
        options,
      );
      return c.json(indexJson(index), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}/decision-requests",
      tags: ["alignment"],
      summary:
        "Each invalidated assumption test as a request for a decision: when it opened, the decision that answered it, and the kill criteria set before the test",
      request: { params: Params },
      responses: {
        200: json(
          z.object({ as_of: Day, requests: z.array(DecisionRequestSchema) }),
          "The decision requests",
        ),
        ...authErrors("No such initiative in this org"),
      },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { asOf, requests } = await readDecisionRequests(
        services,
        orgId,
        c.req.valid("param").initiativeId,
      );
      return c.json({ as_of: asOf, requests: snake(requests) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/truth-board",
      tags: ["alignment"],
      summary:
        "The truth bonus: risks and worse truths named people raised early, ranked by confirmation and lead time (never by volume; anonymous ones are never credited), and recognitions",
      responses: { 200: json(BoardSchema, "The truth board"), ...authErrors() },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      return c.json(snake(await readTruthBoard(services, orgId)), 200);
    },
  );
}
