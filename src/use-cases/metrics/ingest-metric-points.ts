// Bulk metric points (CSV or JSON lines), for the HTTP route and `plumb import-csv` alike: read as they stream,
// validated row by row, staged and merged in one transaction. Any invalid row writes nothing, unless `partial`,
// which writes the good rows and reports the bad. Re-sending the same points changes nothing; an ingest that
// writes puts one event on the outbox, so the evaluator re-evaluates once.
import type { Actor } from "../../domain/actor.ts";
import { AppError } from "../../domain/app-error.ts";
import type { SourceKind } from "../../domain/provenance.ts";
import {
  createStaging,
  mergeStaged,
  metricIds,
  stagePoints,
  type StagedPoint,
} from "../../store/metric-ingest-repository.ts";
import { publishChange } from "../../store/event-repository.ts";
import { lockInitiative, type Scope } from "../../store/record-repository.ts";
import { initiativeExists } from "../read-initiative.ts";
import { inTransaction, type Services } from "../services.ts";
import { limitBytes, parseMetricRows, type IngestFormat, type RowProblem } from "./metric-rows.ts";

/** The most row problems an answer lists; the count says how many there were. */
export const MAX_REPORTED_PROBLEMS = 100;
const BATCH = 2000;

export interface IngestMetricPoints extends Scope {
  actor: Actor;
  format: IngestFormat;
  /** The body, as it arrives. */
  body: AsyncIterable<Uint8Array | string>;
  /** Refused beyond this many bytes (too_large), counted while streaming. */
  maxBytes: number;
  /** Write the valid rows and report the invalid ones, instead of writing nothing. */
  partial?: boolean;
  /** How the points arrived, for their provenance (csv, api…). */
  kind: SourceKind;
  /** The metric of rows that name none. */
  metric?: string | undefined;
}

export interface IngestSummary {
  /** Rows read (the header and blank lines not counted). */
  read: number;
  /** Points appended. */
  written: number;
  /** Valid rows that changed nothing: the point was already so, or a later row of the ingest gave it. */
  unchanged: number;
  /** Invalid rows, not written. */
  rejected: number;
  /** The invalid rows' problems (the first MAX_REPORTED_PROBLEMS), each naming its line and field. */
  problems: RowProblem[];
  /** Points appended per metric. */
  metrics: Record<string, number>;
  /** The initiative's version after the ingest (unchanged when nothing was written). */
  version: number | null;
}

export async function ingestMetricPoints(
  services: Services,
  input: IngestMetricPoints,
): Promise<IngestSummary> {
  if (!(await initiativeExists(services, input.orgId, input.initiativeId))) {
    throw AppError.notFound("initiative", input.initiativeId);
  }
  return inTransaction(services, async (db) => {
    const known = new Set(await metricIds(db, input));
    if (input.metric !== undefined && !known.has(input.metric))
      throw AppError.notFound("metric", input.metric);
    await createStaging(db);
    let read = 0;
    let valid = 0;
    let rejected = 0;
    const problems: RowProblem[] = [];
    let batch: StagedPoint[] = [];
    const rows = parseMetricRows(input.format, limitBytes(input.body, input.maxBytes), {
      metrics: known,
      defaultMetric: input.metric,
    });
    for await (const parsed of rows) {
      read += 1;
      if (!parsed.ok) {
        rejected += 1;
        for (const p of parsed.problems) if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(p);
        continue;
      }
      valid += 1;
      // Once a row is refused and nothing will be written, the rest are only checked.
      if (rejected > 0 && !input.partial) continue;
      batch.push(parsed.row);
      if (batch.length >= BATCH) {
        await stagePoints(db, batch);
        batch = [];
      }
    }
    if (rejected > 0 && !input.partial) {
      throw AppError.invalid(
        `${rejected} of ${read} rows are invalid; nothing was written (fix them, or send ?partial=true to write the valid rows)`,
        problems,
      );
    }
    await stagePoints(db, batch);
    const now = services.clock();
    const recordedBy = input.actor.personId ?? input.actor.tokenId;
    let version: number | null = null;
    let written = 0;
    const metrics: Record<string, number> = {};
    if (valid > 0) {
      // The lock is taken only now, to merge: reading the body held no writer of the initiative back. The
      // version moves only if a point is written.
      if (!(await lockInitiative(db, input))) throw AppError.notFound("initiative", input.initiativeId);
      const merged = await mergeStaged(db, { ...input, recordedBy }, { kind: input.kind, importedAt: now });
      for (const [metric, n] of [...merged.written.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        metrics[metric] = n;
        written += n;
      }
      if (written > 0) {
        version = await publishChange(
          db,
          input,
          { change: "metric_points.added", metrics: Object.keys(metrics), count: written },
          now,
        );
      }
    }
    return { read, written, unchanged: valid - written, rejected, problems, metrics, version };
  });
}
