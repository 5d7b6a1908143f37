// Bulk metric points: POST /api/v1/initiatives/{id}/metric-points takes many points of any of the initiative's
// metrics as CSV or JSON lines, streamed to the use-case (never read whole), under the ingest's own size limit.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { DEFAULT_MAX_INGEST_BYTES } from "../../config/config.ts";
import { AppError } from "../../domain/app-error.ts";
import { KeySchema } from "../../domain/primitives.ts";
import { ingestMetricPoints, type IngestSummary } from "../../use-cases/metrics/ingest-metric-points.ts";
import type { IngestFormat } from "../../use-cases/metrics/metric-rows.ts";
import { readMetricPoints } from "../../use-cases/metrics/read-metric-points.ts";
import { ProvenanceSchema } from "../../domain/provenance.ts";
import type { Services } from "../../use-cases/services.ts";
import { actorOf, authorize, type AppEnv } from "../auth.ts";
import { authErrors, invalidInput, json, problem } from "../responses.ts";

const RowErrorSchema = z.object({
  line: z.int().describe("The line of the body (1 is the first; a CSV's header is line 1)"),
  field: z.string().describe("metric, date, value, source, or row / header for the line as a whole"),
  message: z.string(),
});

export const IngestSummarySchema = z
  .object({
    read: z.int().describe("Rows read (a CSV's header and blank lines not counted)"),
    written: z.int().describe("Points appended"),
    unchanged: z
      .int()
      .describe("Valid rows that changed nothing: the point (metric, date, source) already had the value"),
    rejected: z
      .int()
      .describe("Invalid rows, not written (only with partial=true; otherwise the answer is 422)"),
    errors: z.array(RowErrorSchema).describe("The invalid rows' problems, at most 100"),
    metrics: z.record(z.string(), z.int()).describe("Points appended per metric"),
    version: z
      .int()
      .nullable()
      .describe("The initiative's version after the ingest; null when nothing moved"),
  })
  .describe("What the ingest did");

const QuerySchema = z.object({
  partial: z
    .enum(["true", "false"])
    .optional()
    .describe(
      "true: write the valid rows and report the invalid ones (default: any invalid row writes nothing)",
    ),
  metric: KeySchema.optional().describe("The metric of rows that name none (then a CSV may omit the column)"),
});

const BODY_EXAMPLE_CSV = "metric,date,value,source\nweekly_activations,2026-02-02,240,warehouse\n";
const BODY_EXAMPLE_NDJSON =
  '{"metric":"weekly_activations","date":"2026-02-02","value":240,"source":"warehouse"}\n';

/** The body's format, from its Content-Type. */
function formatOf(contentType: string | undefined): IngestFormat {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "text/csv") return "csv";
  if (type === "application/x-ndjson" || type === "application/jsonl" || type === "application/ndjson") {
    return "ndjson";
  }
  throw new AppError(
    "malformed_input",
    `metric points come as text/csv or application/x-ndjson, not '${type || "(no Content-Type)"}'`,
  );
}

export function summaryOut(summary: IngestSummary): z.infer<typeof IngestSummarySchema> {
  return {
    read: summary.read,
    written: summary.written,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    errors: summary.problems.map((p) => ({ line: p.line, field: p.field, message: p.message })),
    metrics: summary.metrics,
    version: summary.version,
  };
}

async function* chunksOf(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export function registerMetricPoints(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  maxIngestBytes = DEFAULT_MAX_INGEST_BYTES,
): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives/{initiativeId}/metric-points",
      tags: ["metrics"],
      summary:
        "Add many metric points at once, as CSV or JSON lines (streamed; columns metric, date, value, source). " +
        "Each row is checked on its own: any invalid row writes nothing (422 naming its line and field) unless " +
        "partial=true. A point is keyed by metric, date and source: sending it again changes nothing. " +
        `The body may be up to PLUMBLINE_MAX_INGEST_BYTES (default ${DEFAULT_MAX_INGEST_BYTES / 1024 / 1024} MiB).`,
      request: {
        params: z.object({ initiativeId: KeySchema }),
        query: QuerySchema,
        body: {
          required: true,
          content: {
            "text/csv": { schema: z.string().meta({ example: BODY_EXAMPLE_CSV }) },
            "application/x-ndjson": { schema: z.string().meta({ example: BODY_EXAMPLE_NDJSON }) },
          },
        },
      },
      responses: {
        200: json(IngestSummarySchema, "Ingested: what was written, what was already so, what was refused"),
        ...authErrors("No such initiative or metric in this org"),
        400: problem("The body is neither text/csv nor application/x-ndjson, or holds unstorable text"),
        413: problem("The body is over PLUMBLINE_MAX_INGEST_BYTES"),
        ...invalidInput,
      },
    }),
    (async (ctx: Context<AppEnv>) => {
      const principal = authorize(ctx, "contribute");
      const initiativeId = ctx.req.param("initiativeId")!;
      const query = (ctx.req as unknown as { valid(t: "query"): z.infer<typeof QuerySchema> }).valid("query");
      const format = formatOf(ctx.req.header("content-type"));
      const length = Number(ctx.req.header("content-length") ?? NaN);
      if (Number.isFinite(length) && length > maxIngestBytes) {
        throw new AppError(
          "too_large",
          `the points are larger than an ingest takes (${maxIngestBytes} bytes)`,
        );
      }
      const summary = await ingestMetricPoints(services, {
        orgId: principal.orgId,
        initiativeId,
        actor: actorOf(principal),
        format,
        body: chunksOf(ctx.req.raw.body),
        maxBytes: maxIngestBytes,
        partial: query.partial === "true",
        kind: format === "csv" ? "csv" : "api",
        metric: query.metric,
      });
      return ctx.json(summaryOut(summary), 200);
    }) as never,
  );

  const ReadQuery = z.object({
    metric: KeySchema.describe("The metric whose points to list"),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(1000)
      .describe("At most this many, oldest first"),
  });
  const RecordedPointSchema = z.object({
    date: z.string(),
    value: z.number(),
    source: z
      .string()
      .describe("The source's reference ('' when unsaid): with metric and date, the point's key"),
    provenance: ProvenanceSchema.nullable().describe("Null for points recorded before provenance was kept"),
    recorded_at: z.string(),
    in_force: z.boolean().describe("The latest recorded on its date: the value the engine reads"),
  });
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}/metric-points",
      tags: ["metrics"],
      summary: "A metric's points as recorded (corrections too), each with its provenance",
      request: { params: z.object({ initiativeId: KeySchema }), query: ReadQuery },
      responses: {
        200: json(z.object({ items: z.array(RecordedPointSchema) }), "The points, oldest first"),
        ...authErrors("No such initiative or metric in this org"),
        ...invalidInput,
      },
    }),
    (async (ctx: Context<AppEnv>) => {
      const { orgId } = authorize(ctx, "read");
      const initiativeId = ctx.req.param("initiativeId")!;
      const query = (ctx.req as unknown as { valid(t: "query"): z.infer<typeof ReadQuery> }).valid("query");
      const points = await readMetricPoints(services, {
        orgId,
        initiativeId,
        metricId: query.metric,
        limit: query.limit,
      });
      return ctx.json({
        items: points.map((p) => ({
          date: p.date,
          value: p.value,
          source: p.source,
          provenance: p.provenance,
          recorded_at: p.recordedAt.toISOString(),
          in_force: p.inForce,
        })),
      });
    }) as never,
  );
}
