// A metric's points as recorded, each with where it came from (its provenance) and whether it is in force.
import { AppError } from "../../domain/app-error.ts";
import type { Provenance } from "../../domain/provenance.ts";
import { recordedPoints } from "../../store/metric-ingest-repository.ts";
import { findMetric, type Scope } from "../../store/record-repository.ts";
import type { Services } from "../services.ts";

export interface RecordedPoint {
  date: string;
  value: number;
  source: string;
  provenance: Provenance | null;
  recordedAt: Date;
  /** The latest recorded on its date: the value the engine reads. */
  inForce: boolean;
}

export async function readMetricPoints(
  services: Services,
  scope: Scope & { metricId: string; limit: number },
): Promise<RecordedPoint[]> {
  const db = services.store.db;
  if (!(await findMetric(db, scope, scope.metricId))) throw AppError.notFound("metric", scope.metricId);
  const rows = await recordedPoints(db, scope, scope.metricId, scope.limit);
  const latest = new Map<string, number>();
  for (const row of rows) latest.set(row.date, Math.max(latest.get(row.date) ?? -Infinity, row.seq));
  return rows.map((row) => ({
    date: row.date,
    value: row.value,
    source: row.source,
    provenance: row.provenance ?? null,
    recordedAt: row.createdAt,
    inForce: latest.get(row.date) === row.seq,
  }));
}
