// The parts of an initiative as REST collections: list, get, add, change and remove, in the file's own shapes.
import { createHash } from "node:crypto";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { AppError } from "../../domain/app-error.ts";
import type { Action } from "../../domain/policy.ts";
import { EvidenceHealthSchema, KeySchema } from "../../domain/primitives.ts";
import type { PathSegment } from "../../initiative-file/locate.ts";
import * as file from "../../initiative-file/schema.ts";
import type { InitiativeFile } from "../../initiative-file/schema.ts";
import { changeInitiative, pinnedDocument } from "../../use-cases/change-initiative.ts";
import { recordDecision } from "../../use-cases/decisions/record-decision.ts";
import { addMetricPoints } from "../../use-cases/metrics/add-metric-points.ts";
import {
  recordAssumptionTest,
  type RecordAssumptionTest,
} from "../../use-cases/milestones/record-assumption-test.ts";
import { addTruth, type TruthInput } from "../../use-cases/reviews/add-truth.ts";
import { correctStatusReport } from "../../use-cases/status-reports/correct-status-report.ts";
import { addRecognition } from "../../use-cases/recognitions/add-recognition.ts";
import { addStatusReport, type RecordedReport } from "../../use-cases/status-reports/add-status-report.ts";
import { readStatusReport } from "../../use-cases/status-reports/read-status-report.ts";
import { loadInitiativeOrThrow } from "../../use-cases/read-initiative.ts";
import type { Services } from "../../use-cases/services.ts";
import { actorOf, authorize, type AppEnv, type Principal } from "../auth.ts";
import { authErrors, invalidInput, json, problem } from "../responses.ts";

const errors = authErrors("No such initiative or item in this org");
import { pageInMemory, pageOf, PageQuerySchema, type PageQuery } from "../pagination.ts";

type Item = Record<string, unknown> & { id: string };

/**
 * A validated request part. The routes here are built in a loop from runtime schemas, so their input types
 * cannot be inferred; the schemas have already validated what this returns.
 */
function valid<T>(c: Context<AppEnv>, target: "param" | "query" | "json"): T {
  return (c.req as unknown as { valid(target: string): T }).valid(target);
}
type AnyObject = z.ZodObject<z.ZodRawShape>;

interface CollectionSpec {
  /** The collection's key in the initiative file, and its URL segment. */
  name: keyof InitiativeFile & string;
  singular: string;
  form: "list" | "record";
  /** The item's shape in the file (for lists, `id` is optional there). */
  schema: AnyObject;
  /** Who may write. */
  action: Action;
  /**
   * Its `by` names who recorded it (an author, a raiser, a decider): it defaults to the token's person and may
   * name no one else. Elsewhere `by` is plain data (an outcome's `by` is the date it is due).
   */
  authored?: boolean;
  /** Governance content: every write is an audit event named `<audited>.add|change|remove`. */
  audited?: string;
  /**
   * For records (what happened): the use-case that appends one. Records are never changed or removed in
   * place: PATCH and DELETE answer 409 and say how to correct.
   */
  record?: {
    add(services: Services, principal: Principal, initiativeId: string, body: never): Promise<Item>;
    correct: string;
  };
}

export const COLLECTIONS: CollectionSpec[] = [
  {
    name: "commitments",
    singular: "commitment",
    form: "record",
    schema: file.CommitmentFileSchema,
    action: "plan",
  },
  { name: "links", singular: "link", form: "list", schema: file.LinkFileSchema, action: "plan" },
  {
    name: "requirements",
    singular: "requirement",
    form: "record",
    schema: file.RequirementObjectSchema,
    action: "plan",
  },
  { name: "outcomes", singular: "outcome", form: "list", schema: file.OutcomeFileSchema, action: "plan" },
  { name: "metrics", singular: "metric", form: "record", schema: file.MetricFileSchema, action: "plan" },
  {
    name: "reports",
    singular: "status report",
    form: "list",
    schema: file.ReportFileSchema,
    action: "contribute",
    authored: true,
    record: {
      async add(services, principal, initiativeId, body: z.infer<typeof file.ReportFileSchema>) {
        const recorded = await addStatusReport(services, {
          orgId: principal.orgId,
          initiativeId,
          actor: actorOf(principal),
          report: body,
        });
        return reportOut(recorded);
      },
      correct: "correct it with POST …/reports/{id}/corrections, which keeps both and says why",
    },
  },
  {
    name: "milestones",
    singular: "milestone",
    form: "list",
    schema: file.MilestoneFileSchema,
    action: "plan",
    audited: "milestone",
  },
  {
    name: "decisions",
    singular: "decision",
    form: "list",
    schema: file.DecisionFileSchema,
    action: "plan",
    audited: "decision",
    authored: true,
    record: {
      async add(services, principal, initiativeId, body: z.infer<typeof file.DecisionFileSchema>) {
        const d = await recordDecision(services, {
          orgId: principal.orgId,
          initiativeId,
          actor: actorOf(principal),
          decision: body,
        });
        return {
          id: d.id,
          date: d.date,
          kind: d.kind,
          by: d.byId,
          ...(d.respondsTo ? { responds_to: d.respondsTo } : {}),
          rationale: d.rationale,
        };
      },
      correct: "record a new decision that says what changed",
    },
  },
  {
    name: "gates",
    singular: "gate",
    form: "list",
    schema: file.GateFileSchema,
    action: "plan",
    audited: "gate",
  },
  {
    name: "risks",
    singular: "risk",
    form: "list",
    schema: file.RiskFileSchema,
    action: "contribute",
    authored: true,
  },
  { name: "reviews", singular: "review", form: "list", schema: file.ReviewFileSchema, action: "contribute" },
  {
    name: "recognitions",
    singular: "recognition",
    form: "list",
    schema: file.RecognitionFileSchema,
    action: "contribute",
    authored: true,
    record: {
      async add(services, principal, initiativeId, body: z.infer<typeof file.RecognitionFileSchema>) {
        const r = await addRecognition(services, {
          orgId: principal.orgId,
          initiativeId,
          actor: actorOf(principal),
          recognition: body,
        });
        return { id: r.id, person: r.personId, by: r.byId, date: r.date, reason: r.reason };
      },
      correct: "a recognition stays given",
    },
  },
];

/**
 * A token that acts as a person speaks only for that person: `by` (an author, a raiser, a decider) defaults to
 * them and may not name anyone else. Automation tokens, which act for no one, may record others' words.
 */
function speakingForSelf(
  spec: CollectionSpec,
  principal: Principal,
  body: Record<string, unknown>,
): Record<string, unknown> {
  if (!spec.authored || !principal.personId) return body;
  if (body.by !== undefined && body.by !== principal.personId) {
    throw new AppError(
      "forbidden",
      `this token acts as '${principal.personId}' and cannot record '${String(body.by)}' as the author`,
    );
  }
  // A risk without `by` is anonymous: leave it so rather than name the caller.
  return spec.name === "risks" ? body : { ...body, by: principal.personId };
}

/** `by` is required where the file requires it, unless the token's person supplies it. */
function requireAuthor(spec: CollectionSpec, body: Record<string, unknown>): Record<string, unknown> {
  const field = spec.authored ? (spec.schema.shape.by as z.ZodType | undefined) : undefined;
  if (field && body.by === undefined && !field.safeParse(undefined).success) {
    throw AppError.invalid(`the ${spec.singular} needs an author`, [
      { path: "by", message: "is required for a token that acts for no person" },
    ]);
  }
  return body;
}

/** The answer to a PATCH or DELETE of a record: what happened stays; here is how to correct it. */
function recordIsFixed(spec: CollectionSpec, verb: "changed" | "removed"): AppError {
  return new AppError(
    "conflict",
    `a ${spec.singular} is a record of what happened and is never ${verb}: ${spec.record!.correct}`,
  );
}

/** What a recorded report answers with besides its fields as the file has them: what was recorded with it. */
const RecordedReportFields = {
  recorded_at: z.string().describe("When the report was recorded (its `date` is the day it speaks for)"),
  evidence_when_posted: z
    .object({
      evaluated_version: z.number().int().describe("The initiative's version the evidence was evaluated at"),
      as_of: z.string().nullable(),
      evidence_health: z
        .object({
          health: EvidenceHealthSchema,
          reasons: z.array(z.unknown()),
          unknowns: z.array(z.unknown()),
        })
        .nullable()
        .describe("The subject's evidence health then; null where none was assessed"),
      open_signals: z.array(
        z.object({ fingerprint: z.string(), kind: z.string(), severity: z.string(), title: z.string() }),
      ),
    })
    .nullable()
    .describe(
      "The evidence as it stood when the report was posted; null for reports recorded before it was kept",
    ),
  greener_than_evidence: z
    .boolean()
    .describe("Whether the report called its subject healthier than that evidence did: a permanent fact"),
  greener_reason: z.string().nullable().describe("Why, in the author's words, when it was greener"),
  supersedes: z.string().optional().describe("The report this one corrects"),
  correction_reason: z.string().nullable().optional(),
  superseded_by: z.string().nullable().optional().describe("The correction that replaced this report"),
};

/** A stored report in the file's shape, with the evidence it was posted against and its correction, if any. */
export function reportOut({ row, greenerThanEvidence }: RecordedReport) {
  return {
    id: row.id,
    subject:
      row.subjectType === "initiative"
        ? "initiative"
        : row.subjectType === "commitment"
          ? row.subjectId
          : `${row.subjectType}:${row.subjectId}`,
    by: row.authorId,
    date: row.date,
    health: row.health,
    ...(row.narrative !== null ? { note: row.narrative } : {}),
    ...(row.confidence !== null ? { confidence: row.confidence } : {}),
    ...(row.cites.length > 0 ? { cites: row.cites } : {}),
    recorded_at: row.createdAt.toISOString(),
    evidence_when_posted: row.evidence ?? null,
    greener_than_evidence: greenerThanEvidence,
    greener_reason: row.greenerReason ?? null,
    ...(row.supersedesId ? { supersedes: row.supersedesId, correction_reason: row.correctionReason } : {}),
  };
}

/** The audit event for a write to `spec`: every change of the plan is on record, with who and when. */
function auditOf(
  spec: CollectionSpec,
  verb: "add" | "change" | "remove",
  id: string,
  body?: Record<string, unknown>,
) {
  return {
    action: `${spec.audited ?? spec.singular.replace(/ /g, "_")}.${verb}`,
    targetType: spec.singular,
    targetId: id,
    details: body ? { fields: body } : {},
  };
}

/** The item's version as an entity tag: a hash of what GET answers, so any change makes another. */
export function etagOf(item: unknown): string {
  const canonical = JSON.stringify(item, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
  return `"${createHash("sha256").update(canonical).digest("base64url").slice(0, 22)}"`;
}

/** Refuses a conditional write whose If-Match no longer names the stored item. */
function checkIfMatch(header: string | undefined, item: unknown, what: string): void {
  if (header === undefined || header.trim() === "*") return;
  const tags = header.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (!tags.includes(etagOf(item))) {
    throw new AppError(
      "stale",
      `the ${what} changed since you read it (If-Match ${header} is not its current version): read it again and reapply your change`,
    );
  }
}

/** Records nested in a plan item: metric points, assumption-test verdicts, truths (votes have their own route). */
interface SubCollectionSpec {
  parent: CollectionSpec["name"];
  name: string;
  schema: z.ZodType;
  action: Action;
  /** What the route's summary adds, where the records need it. */
  note?: string;
  /** Appends what the body holds through its use-case, returning what to answer with. */
  add(
    services: Services,
    principal: Principal,
    initiativeId: string,
    parentId: string,
    body: never,
  ): Promise<unknown>;
}

const PointsBodySchema = z
  .object({
    points: z
      .array(z.tuple([z.string(), z.number()]))
      .min(1)
      .max(10_000),
  })
  .strict()
  .describe("Points as [date, value]; a point on a date that has one corrects it (both stay in history)");

const elementOf = (schema: z.ZodType) =>
  (schema as unknown as z.ZodOptional<z.ZodArray<z.ZodType>>).unwrap().element;

const SUB_COLLECTIONS: SubCollectionSpec[] = [
  {
    parent: "metrics",
    name: "points",
    schema: PointsBodySchema,
    action: "contribute",
    add: (services, principal, initiativeId, metricId, body: z.infer<typeof PointsBodySchema>) =>
      addMetricPoints(services, {
        orgId: principal.orgId,
        initiativeId,
        metricId,
        actor: actorOf(principal),
        points: body.points,
      }),
  },
  {
    parent: "milestones",
    name: "tests",
    schema: elementOf(file.MilestoneFileSchema.shape.tests),
    action: "plan",
    add: (services, principal, initiativeId, milestoneId, body: RecordAssumptionTest["test"]) =>
      recordAssumptionTest(services, {
        orgId: principal.orgId,
        initiativeId,
        milestoneId,
        actor: actorOf(principal),
        test: body,
      }),
  },
  {
    parent: "reviews",
    name: "truths",
    schema: elementOf(file.ReviewFileSchema.shape.truths),
    action: "contribute",
    note: "in an anonymous review, a truth is sealed and shown with others in a shuffled batch of at least three",
    add: (services, principal, initiativeId, reviewId, body: TruthInput) =>
      addTruth(services, {
        orgId: principal.orgId,
        initiativeId,
        reviewId,
        actor: actorOf(principal),
        truth: body,
      }),
  },
];

const CorrectionSchema = z
  .object({
    reason: z.string().trim().min(10).max(2000).describe("Why the report is corrected, kept with it"),
    health: file.ReportFileSchema.shape.health.optional(),
    note: file.ReportFileSchema.shape.note,
    confidence: file.ReportFileSchema.shape.confidence,
    cites: z.array(KeySchema).optional(),
    date: file.ReportFileSchema.shape.date.optional(),
    greener_reason: file.ReportFileSchema.shape.greener_reason,
  })
  .strict();

const InitiativeParams = z.object({ initiativeId: KeySchema });
const ItemParams = InitiativeParams.extend({ itemId: z.string().min(1).max(80) });

function itemsOf(document: InitiativeFile, spec: CollectionSpec): Item[] {
  const value = document[spec.name] as unknown;
  if (spec.form === "list") return ((value as Item[] | undefined) ?? []).map((item) => ({ ...item }));
  return Object.entries((value as Record<string, Record<string, unknown>> | undefined) ?? {}).map(
    ([id, item]) => ({
      id,
      ...(spec.name === "requirements" && !("claims" in item && typeof item.claims === "object")
        ? { claims: item }
        : item),
    }),
  );
}

/** Where an item sits in the document, or -1; records are found by key, lists by id. */
function locateItem(document: InitiativeFile, spec: CollectionSpec, id: string): PathSegment[] | null {
  const value = document[spec.name] as unknown;
  if (spec.form === "record") {
    return value && typeof value === "object" && id in value ? [spec.name, id] : null;
  }
  const index = ((value as Item[] | undefined) ?? []).findIndex((item) => item.id === id);
  return index >= 0 ? [spec.name, index] : null;
}

function getAt(document: InitiativeFile, path: PathSegment[]): Record<string, unknown> {
  return path.reduce<unknown>(
    (node, segment) => (node as Record<string | number, unknown>)[segment],
    document,
  ) as Record<string, unknown>;
}

export function registerCollections(app: OpenAPIHono<AppEnv>, services: Services): void {
  for (const spec of COLLECTIONS) {
    const base = `/api/v1/initiatives/{initiativeId}/${spec.name}`;
    const ItemSchema = spec.schema.extend({ id: z.string() });
    const RecordSchema = spec.name === "reports" ? ItemSchema.extend(RecordedReportFields) : ItemSchema;
    // `by` may be left out: it defaults to the token's person (see speakingForSelf).
    const withOptionalBy = spec.authored ? spec.schema.partial({ by: true }) : spec.schema;
    const CreateSchema =
      spec.form === "record"
        ? withOptionalBy.extend({ id: file.CommitmentFileSchema.shape.team })
        : withOptionalBy;
    const tags = [spec.name];

    app.openapi(
      createRoute({
        method: "get",
        path: base,
        tags,
        summary: `List the initiative's ${spec.name}`,
        request: { params: InitiativeParams, query: PageQuerySchema },
        responses: { 200: json(pageOf(ItemSchema), `A page of ${spec.name}`), ...errors },
      }),
      (async (ctx: Context<AppEnv>) => {
        const { orgId } = authorize(ctx, "read");
        const { initiativeId } = valid<{ initiativeId: string }>(ctx, "param");
        const document = pinnedDocument(await loadInitiativeOrThrow(services, orgId, initiativeId));
        return ctx.json(pageInMemory(itemsOf(document, spec), valid<PageQuery>(ctx, "query")));
      }) as never,
    );

    app.openapi(
      createRoute({
        method: "get",
        path: `${base}/{itemId}`,
        tags,
        summary:
          spec.name === "reports"
            ? "Get one status report as recorded (a superseded one too, with `superseded_by`), with the evidence it was posted against"
            : `Get one ${spec.singular}`,
        request: { params: ItemParams },
        responses: {
          200: json(
            RecordSchema,
            spec.name === "reports" ? "The status report as recorded" : `The ${spec.singular}`,
          ),
          ...errors,
        },
      }),
      (async (ctx: Context<AppEnv>) => {
        const { orgId } = authorize(ctx, "read");
        const { initiativeId, itemId } = valid<{ initiativeId: string; itemId: string }>(ctx, "param");
        if (spec.name === "reports") {
          // A report as recorded, a superseded one too: history stays readable, with what corrected it.
          const recorded = await readStatusReport(services, { orgId, initiativeId }, itemId);
          return ctx.json({ ...reportOut(recorded), superseded_by: recorded.supersededBy });
        }
        const document = pinnedDocument(await loadInitiativeOrThrow(services, orgId, initiativeId));
        const item = itemsOf(document, spec).find((i) => i.id === itemId);
        if (!item) throw AppError.notFound(spec.singular, itemId);
        ctx.header("ETag", etagOf(item));
        return ctx.json(item);
      }) as never,
    );

    app.openapi(
      createRoute({
        method: "post",
        path: base,
        tags,
        summary: `Add a ${spec.singular}`,
        request: {
          params: InitiativeParams,
          body: { content: { "application/json": { schema: CreateSchema } }, required: true },
        },
        responses: {
          201: json(
            RecordSchema,
            spec.name === "reports" ? "The status report as recorded" : `The new ${spec.singular}`,
          ),
          ...errors,
          409: problem("It already exists"),
          ...invalidInput,
        },
      }),
      (async (ctx: Context<AppEnv>) => {
        const principal = authorize(ctx, spec.action);
        const { orgId } = principal;
        const { initiativeId } = valid<{ initiativeId: string }>(ctx, "param");
        if (spec.record) {
          const item = await spec.record.add(services, principal, initiativeId, valid<never>(ctx, "json"));
          return ctx.json(item, 201);
        }
        const body = requireAuthor(
          spec,
          speakingForSelf(spec, principal, valid<Record<string, unknown>>(ctx, "json")),
        );
        const { snapshot, result } = await changeInitiative(
          services,
          orgId,
          initiativeId,
          {
            audit: auditOf(spec, "add", String(body.id ?? "(new)"), body),
            apply(document) {
              const id = body.id as string | undefined;
              if (id !== undefined && locateItem(document, spec, id)) {
                throw new AppError("conflict", `${spec.singular} '${id}' already exists`);
              }
              if (spec.form === "record") {
                const { id: key, ...item } = body;
                (document as Record<string, unknown>)[spec.name] = {
                  ...(document[spec.name] as object | undefined),
                  [key as string]: item,
                };
                return { id: key as string };
              }
              const list = ((document[spec.name] as unknown[] | undefined) ?? []).slice();
              list.push(body);
              (document as Record<string, unknown>)[spec.name] = list;
              return { index: list.length - 1 };
            },
            at: (document) =>
              spec.form === "record"
                ? [spec.name, body.id as string]
                : [spec.name, ((document[spec.name] as unknown[]) ?? []).length - 1],
          },
          actorOf(principal),
        );
        const document = pinnedDocument(snapshot);
        const items = itemsOf(document, spec);
        const created = "id" in result ? items.find((i) => i.id === result.id) : items[result.index];
        return ctx.json(created, 201);
      }) as never,
    );

    app.openapi(
      createRoute({
        method: "patch",
        path: `${base}/{itemId}`,
        tags,
        summary: spec.record
          ? `A ${spec.singular} is a record and is never changed (answers 409): ${spec.record.correct}`
          : `Change a ${spec.singular} (the fields given replace the ones stored); send the ETag of your read ` +
            "as If-Match, and a change made meanwhile answers 412 instead of being overwritten",
        request: {
          params: ItemParams,
          body: { content: { "application/json": { schema: spec.schema.partial() } }, required: true },
        },
        responses: {
          200: json(ItemSchema, `The changed ${spec.singular}`),
          ...errors,
          412: problem("If-Match no longer names the stored item: someone changed it first"),
          409: problem(
            spec.record ? "A record is never changed in place" : "It would change what is recorded",
          ),
          ...invalidInput,
        },
      }),
      (async (ctx: Context<AppEnv>) => {
        const principal = authorize(ctx, spec.action);
        const { orgId } = principal;
        const { initiativeId, itemId } = valid<{ initiativeId: string; itemId: string }>(ctx, "param");
        if (spec.record) throw recordIsFixed(spec, "changed");
        const body = valid<Record<string, unknown>>(ctx, "json");
        if ("id" in body && body.id !== itemId) {
          throw AppError.invalid("an item's id cannot change", [{ path: "id", message: "cannot change" }]);
        }
        const ifMatch = ctx.req.header("if-match");
        let path: PathSegment[] = [];
        const { snapshot } = await changeInitiative(
          services,
          orgId,
          initiativeId,
          {
            apply(document) {
              const found = locateItem(document, spec, itemId);
              if (!found) throw AppError.notFound(spec.singular, itemId);
              checkIfMatch(
                ifMatch,
                itemsOf(document, spec).find((i) => i.id === itemId),
                spec.singular,
              );
              path = found;
              Object.assign(getAt(document, found), body);
            },
            at: () => path,
            audit: auditOf(spec, "change", itemId, body),
          },
          actorOf(principal),
        );
        const changed = itemsOf(pinnedDocument(snapshot), spec).find((i) => i.id === itemId);
        ctx.header("ETag", etagOf(changed));
        return ctx.json(changed);
      }) as never,
    );

    app.openapi(
      createRoute({
        method: "delete",
        path: `${base}/{itemId}`,
        tags,
        summary: spec.record
          ? `A ${spec.singular} is a record and is never removed (answers 409)`
          : `Remove a ${spec.singular}`,
        request: { params: ItemParams },
        responses: {
          204: { description: "Removed" },
          ...errors,
          412: problem("If-Match no longer names the stored item: someone changed it first"),
          409: problem(spec.record ? "A record is never removed" : "It holds records"),
          ...invalidInput,
        },
      }),
      (async (ctx: Context<AppEnv>) => {
        const principal = authorize(ctx, spec.action);
        const { orgId } = principal;
        const { initiativeId, itemId } = valid<{ initiativeId: string; itemId: string }>(ctx, "param");
        if (spec.record) throw recordIsFixed(spec, "removed");
        const ifMatch = ctx.req.header("if-match");
        await changeInitiative(
          services,
          orgId,
          initiativeId,
          {
            apply(document) {
              const found = locateItem(document, spec, itemId);
              if (!found) throw AppError.notFound(spec.singular, itemId);
              checkIfMatch(
                ifMatch,
                itemsOf(document, spec).find((i) => i.id === itemId),
                spec.singular,
              );
              const [, key] = found;
              if (spec.form === "record")
                delete (document[spec.name] as Record<string, unknown>)[key as string];
              else (document[spec.name] as unknown[]).splice(key as number, 1);
            },
            audit: auditOf(spec, "remove", itemId),
          },
          actorOf(principal),
        );
        return ctx.body(null, 204);
      }) as never,
    );
  }

  for (const sub of SUB_COLLECTIONS) {
    const parent = COLLECTIONS.find((spec) => spec.name === sub.parent)!;
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/v1/initiatives/{initiativeId}/${parent.name}/{itemId}/${sub.name}`,
        tags: [parent.name],
        summary: `Add ${sub.name} to a ${parent.singular} (records: appended, never changed${sub.note ? `; ${sub.note}` : ""})`,
        request: {
          params: ItemParams,
          body: { content: { "application/json": { schema: sub.schema } }, required: true },
        },
        responses: { 201: json(z.unknown(), `What was added`), ...errors, ...invalidInput },
      }),
      (async (ctx: Context<AppEnv>) => {
        const principal = authorize(ctx, sub.action);
        const { initiativeId, itemId } = valid<{ initiativeId: string; itemId: string }>(ctx, "param");
        const result = await sub.add(services, principal, initiativeId, itemId, valid<never>(ctx, "json"));
        return ctx.json(result, 201);
      }) as never,
    );
  }

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/reports/{itemId}/corrections",
      tags: ["reports"],
      summary:
        "Correct a status report: a new report that supersedes it and says why; both stay in history, the " +
        "correction is what the engine reads. Only the report's author (or automation speaking for them).",
      request: {
        params: ItemParams,
        body: { content: { "application/json": { schema: CorrectionSchema } }, required: true },
      },
      responses: {
        201: json(
          file.ReportFileSchema.extend({ id: z.string(), ...RecordedReportFields }),
          "The correction, as recorded",
        ),
        ...errors,
        409: problem("Already corrected: correct the correction"),
        ...invalidInput,
      },
    }),
    (async (ctx: Context<AppEnv>) => {
      const principal = authorize(ctx, "contribute");
      const { initiativeId, itemId } = valid<{ initiativeId: string; itemId: string }>(ctx, "param");
      const body = valid<z.infer<typeof CorrectionSchema>>(ctx, "json");
      const recorded = await correctStatusReport(services, {
        orgId: principal.orgId,
        initiativeId,
        reportId: itemId,
        actor: actorOf(principal),
        correction: body,
      });
      return ctx.json(reportOut(recorded), 201);
    }) as never,
  );
}
