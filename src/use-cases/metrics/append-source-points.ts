// Points a connector computed (the DORA series a GitHub sync derives) appended to the initiative's metrics: in one
// transaction, through the same merge as a bulk ingest, keyed by metric, date and the source's reference. A point
// that already holds its value changes nothing, another value is a new point that corrects it (the earlier stays
// in history), and a run that appends nothing writes nothing: no version, no event.
import type { Actor } from "../../domain/actor.ts";
import { AppError } from "../../domain/app-error.ts";
import type { SourceKind } from "../../domain/provenance.ts";
import {
  createStaging,
  latestPointDate,
  mergeStaged,
  metricIds,
  stagePoints,
} from "../../store/metric-ingest-repository.ts";
import { publishChange } from "../../store/event-repository.ts";
import { lockInitiative, type Scope } from "../../store/record-repository.ts";
import { inTransaction, type Services } from "../services.ts";

export interface SourcePoints extends Scope {
  actor: Actor;
  kind: SourceKind;
  /** The source's reference (owner/repo): with metric and date, a point's key. */
  source: string;
  /** Each metric's points, with the configuration key that named the metric (for a problem's path). */
  series: Array<{ metric: string; path: string; points: Array<[string, number]> }>;
}

export interface AppendedPoints {
  /** Points appended per metric (only those with any). */
  written: Record<string, number>;
  /** Points that already held their value. */
  unchanged: number;
  version: number | null;
}

export async function appendSourcePoints(services: Services, input: SourcePoints): Promise<AppendedPoints> {
  return inTransaction(services, async (db) => {
    if (!(await lockInitiative(db, input))) throw AppError.notFound("initiative", input.initiativeId);
    const known = new Set(await metricIds(db, input));
    const missing = input.series.filter((s) => !known.has(s.metric));
    if (missing.length > 0) {
      throw AppError.invalid(
        "the initiative has no metric to keep some of what the source computes",
        missing.map((s) => ({
          path: s.path,
          message: `no metric '${s.metric}' in the initiative: add it to metrics`,
        })),
      );
    }
    await createStaging(db);
    let line = 0;
    await stagePoints(
      db,
      input.series.flatMap((s) =>
        s.points.map(([date, value]) => ({
          line: ++line,
          metric: s.metric,
          date,
          value,
          source: input.source,
        })),
      ),
    );
    const now = services.clock();
    const recordedBy = input.actor.personId ?? input.actor.tokenId;
    const merged = await mergeStaged(db, { ...input, recordedBy }, { kind: input.kind, importedAt: now });
    const written = Object.fromEntries([...merged.written.entries()].sort(([a], [b]) => a.localeCompare(b)));
    const count = Object.values(written).reduce((a, b) => a + b, 0);
    const version =
      count > 0
        ? await publishChange(
            db,
            input,
            { change: "metric_points.added", metrics: Object.keys(written), count },
            now,
          )
        : null;
    return { written, unchanged: merged.distinct - count, version };
  });
}

/** The latest day a source wrote to any of these metrics: where its next incremental computation starts. */
export function latestSourcePoint(
  services: Services,
  scope: Scope & { metrics: string[]; source: string },
): Promise<string | null> {
  return latestPointDate(services.store.db, scope, scope.metrics, scope.source);
}
