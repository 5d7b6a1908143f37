// The radiator in one request per page: every initiative's card, read from stored evaluation results.
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { readRadiator, readRadiatorStamp } from "../../use-cases/read-radiator.ts";
import type { Services } from "../../use-cases/services.ts";
import { authorize, type AppEnv } from "../auth.ts";
import { decodeCursor, encodeCursor, pageOf, PageQuerySchema } from "../pagination.ts";
import { authErrors, json } from "../responses.ts";
import { gateStatusOut, GateStatusSchema } from "./rituals.ts";
import { EvidenceSchema, SubjectRefSchema } from "../../domain/model.ts";
import { SeveritySchema } from "../../domain/primitives.ts";
import { FreshnessSchema, freshnessOut, HealthComparisonSchema } from "./signals.ts";

const CardSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.object({ id: z.string(), name: z.string() }),
  summary: z.string().nullable(),
  as_of: z.string().nullable().describe("The day the evaluation was made as of"),
  ...FreshnessSchema.shape,
  health: HealthComparisonSchema.nullable().describe("The initiative's reported health beside its evidence"),
  divergence: z.number().int().describe("Steps by which the report is greener than the evidence"),
  signal_counts: z
    .object({ open: z.int(), critical: z.int(), warning: z.int(), info: z.int(), silenced: z.int() })
    .describe("Open signals by severity (silenced ones apart)"),
  top_signals: z
    .array(
      z.object({
        fingerprint: z.string(),
        kind: z.string(),
        severity: SeveritySchema,
        title: z.string(),
        subject: SubjectRefSchema,
        owner: z.string().nullable(),
      }),
    )
    .describe("The most severe open signals, one per title; the initiative's signal list has them all"),
  outcomes: z.array(
    z.object({
      id: z.string(),
      metric: z.string(),
      comparator: z.string(),
      target: z.number(),
      by: z.string(),
      owner: z.string().nullable(),
      unit: z.string().nullable(),
      points: z.array(z.tuple([z.string(), z.number()])),
      off_track: z
        .object({ explanation: z.string(), evidence: z.array(EvidenceSchema) })
        .nullable()
        .describe("The engine's projection, when the outcome is off track"),
    }),
  ),
  gates: z.array(GateStatusSchema),
});

/** Radiator pages built, by org and page, with the stamp they were built at. */
const MAX_PAGES = 256;

export function registerRadiator(app: OpenAPIHono<AppEnv>, services: Services): void {
  /** Pages by org, cursor and size: the stamp each was built for, and its body (still being built, perhaps). */
  const pages = new Map<string, { stamp: string; body: Promise<PageBody> }>();
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/radiator",
      tags: ["radiator"],
      summary:
        "The radiator: a page of initiatives (by id), each with what its card shows, in one request; " +
        "results as last evaluated after commit",
      request: { query: PageQuerySchema },
      responses: { 200: json(pageOf(CardSchema), "A page of cards"), ...authErrors() },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { limit, cursor } = c.req.valid("query");
      const after = decodeCursor(cursor);
      const page = { limit: limit + 1, ...(after ? { after } : {}) };
      // A wall of radiators reads the same page again and again: it is built once per change, then shared, also
      // by the readers that ask while it is being built.
      const key = `${orgId}\u0000${after ?? ""}\u0000${limit}`;
      const stamp = await readRadiatorStamp(services, orgId, page);
      let entry = pages.get(key);
      if (entry?.stamp !== stamp) {
        const built = { stamp, body: buildPage(orgId, page, limit) };
        entry = built;
        pages.set(key, built);
        while (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value!);
        // A failed build is not kept: the next reader builds again.
        built.body.catch(() => pages.get(key) === built && pages.delete(key));
      }
      const body = await entry.body;
      // Compressed once per page, not once per reader: a page of 100 cards is close to a megabyte of JSON.
      const gzipped = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
      return c.body(gzipped ? body.gzip : body.json, 200, {
        "content-type": "application/json",
        vary: "accept-encoding",
        ...(gzipped ? { "content-encoding": "gzip" } : {}),
      }) as never;
    },
  );

  async function buildPage(
    orgId: string,
    page: { after?: string; limit: number },
    limit: number,
  ): Promise<PageBody> {
    const cards = await readRadiator(services, orgId, page);
    const items = cards.slice(0, limit);
    const json = Buffer.from(
      JSON.stringify({
        items: items.map((card) => ({
          id: card.id,
          name: card.name,
          owner: card.owner,
          summary: card.summary,
          as_of: card.asOf,
          ...freshnessOut(card.freshness),
          health: card.health
            ? {
                ...card.health,
                greener_than_evidence: card.divergence > 0 && card.health.reported !== null,
              }
            : null,
          divergence: card.divergence,
          signal_counts: card.signalCounts,
          top_signals: card.topSignals,
          outcomes: card.outcomes.map(({ offTrack, ...o }) => ({ ...o, off_track: offTrack })),
          gates: card.gates.map(({ gate, status }) => gateStatusOut(gate, status)),
        })),
        next_cursor: cards.length > limit && items.length ? encodeCursor(items.at(-1)!.id) : null,
      }),
    );
    return { json, gzip: new Uint8Array(await compress(json)) };
  }
}

const compress = promisify(gzip);

interface PageBody {
  json: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
}
