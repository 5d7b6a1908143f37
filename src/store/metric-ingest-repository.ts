// Bulk metric points: rows staged in a temporary table as they arrive (on PGlite and a server alike), then
// merged in one statement. A point is keyed by its metric, date and source: a row whose point in force under
// that key already holds its value changes nothing; another value is appended and corrects it.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { SourceKind } from "../domain/provenance.ts";
import { resultRows, type Database } from "./open-store.ts";
import type { Scope } from "./record-repository.ts";
import * as t from "./schema.ts";

export interface StagedPoint {
  line: number;
  metric: string;
  date: string;
  value: number;
  source: string;
}

/** The ids of the initiative's metrics (what a row may name). */
export async function metricIds(db: Database, scope: Scope): Promise<string[]> {
  const rows = await db
    .select({ id: t.metrics.id })
    .from(t.metrics)
    .where(and(eq(t.metrics.orgId, scope.orgId), eq(t.metrics.initiativeId, scope.initiativeId)));
  return rows.map((r) => r.id);
}

/** The staging table, private to this transaction and dropped when it ends. Call inside a transaction. */
export async function createStaging(db: Database): Promise<void> {
  await db.execute(sql`
    create temporary table if not exists metric_ingest (
      line integer not null,
      metric_id text not null,
      date date not null,
      value double precision not null,
      source text not null
    ) on commit drop`);
}

/** Stages a batch of validated rows, as one parameter whatever the batch's size. */
export async function stagePoints(db: Database, points: readonly StagedPoint[]): Promise<void> {
  if (points.length === 0) return;
  const json = JSON.stringify(points.map((p) => [p.line, p.metric, p.date, p.value, p.source]));
  await db.execute(sql`
    insert into metric_ingest (line, metric_id, date, value, source)
    select (r->>0)::integer, r->>1, (r->>2)::date, (r->>3)::double precision, r->>4
    from jsonb_array_elements(${json}::jsonb) as r`);
}

export interface MergeResult {
  /** Distinct points staged (the last row for a metric, date and source counts). */
  distinct: number;
  /** Points appended, by metric. */
  written: Map<string, number>;
}

/** Appends the staged points that change something, with their provenance; the staging table stays. */
export async function mergeStaged(
  db: Database,
  scope: Scope & { recordedBy: string | null },
  provenance: { kind: SourceKind; importedAt: Date },
): Promise<MergeResult> {
  const importedAt = provenance.importedAt.toISOString();
  const result = await db.execute(sql`
    with latest as (
      select distinct on (metric_id, date, source) line, metric_id, date, value, source
      from metric_ingest
      order by metric_id, date, source, line desc
    ),
    fresh as (
      select l.* from latest l
      where not exists (
        select 1 from (
          select p.value from ${t.metricPoints} p
          where p.org_id = ${scope.orgId} and p.initiative_id = ${scope.initiativeId}
            and p.metric_id = l.metric_id and p.date = l.date and p.source = l.source
          order by p.seq desc limit 1
        ) current where current.value = l.value
      )
    ),
    inserted as (
      insert into ${t.metricPoints}
        (org_id, initiative_id, metric_id, date, value, source, provenance, recorded_by, position)
      select ${scope.orgId}, ${scope.initiativeId}, f.metric_id, f.date, f.value, f.source,
        jsonb_build_object('kind', ${provenance.kind}::text, 'ref', nullif(f.source, ''),
          'imported_at', ${importedAt}::text),
        ${scope.recordedBy}, f.line
      from fresh f
      order by f.metric_id, f.date, f.line
      returning metric_id
    )
    select null::text as metric_id, count(*)::integer as n from latest
    union all
    select metric_id, count(*)::integer as n from inserted group by metric_id`);
  const rows = resultRows<{ metric_id: string | null; n: number }>(result);
  const written = new Map<string, number>();
  let distinct = 0;
  for (const row of rows) {
    if (row.metric_id === null) distinct = Number(row.n);
    else written.set(row.metric_id, Number(row.n));
  }
  return { distinct, written };
}

/** A metric's recorded points, oldest day first and in recording order within a day (corrections included). */
export async function recordedPoints(db: Database, scope: Scope, metricId: string, limit: number) {
  return db
    .select()
    .from(t.metricPoints)
    .where(
      and(
        eq(t.metricPoints.orgId, scope.orgId),
        eq(t.metricPoints.initiativeId, scope.initiativeId),
        eq(t.metricPoints.metricId, metricId),
      ),
    )
    .orderBy(t.metricPoints.date, t.metricPoints.seq)
    .limit(limit);
}

/** The latest date of any point of these metrics from `source` (a source's own cursor), or null. */
export async function latestPointDate(
  db: Database,
  scope: Scope,
  metricIds: readonly string[],
  source: string,
): Promise<string | null> {
  if (metricIds.length === 0) return null;
  const [row] = await db
    .select({ date: sql<string | null>`max(${t.metricPoints.date})::text` })
    .from(t.metricPoints)
    .where(
      and(
        eq(t.metricPoints.orgId, scope.orgId),
        eq(t.metricPoints.initiativeId, scope.initiativeId),
        inArray(t.metricPoints.metricId, [...metricIds]),
        eq(t.metricPoints.source, source),
      ),
    );
  return row?.date ?? null;
}
