// The radiator's reads: one page of initiatives with everything their cards show, in a fixed number of
// queries whatever the page holds (each filtered to the page's initiatives), from stored evaluation results.
import { and, asc, eq, getTableColumns, gt, inArray, isNull, sql } from "drizzle-orm";
import { versionOf } from "./event-repository.ts";
import { resultRows, type Database } from "./open-store.ts";
import * as t from "./schema.ts";

export interface RadiatorRows {
  /** With each one's version (the id of its latest change). */
  initiatives: Array<typeof t.initiatives.$inferSelect & { version: number }>;
  evaluations: Array<typeof t.evaluations.$inferSelect>;
  /** The initiative subject's evidence health of each initiative. */
  health: Array<typeof t.evidenceHealth.$inferSelect>;
  /** Open signals counted per initiative: not silenced, by severity, and silenced. */
  signalCounts: Array<{
    initiativeId: string;
    open: number;
    critical: number;
    warning: number;
    info: number;
    silenced: number;
  }>;
  /** Per initiative, the most severe open signals not silenced, one per title, in the engine's order. */
  topSignals: Array<{
    initiativeId: string;
    fingerprint: string;
    kind: string;
    severity: string;
    title: string;
    subjectType: string;
    subjectId: string;
    owner: string | null;
  }>;
  /** Open outcome-off-track signals whole: a card's outcome shows its projection from their evidence. */
  projections: Array<typeof t.signals.$inferSelect>;
  outcomes: Array<typeof t.outcomes.$inferSelect>;
  metrics: Array<typeof t.metrics.$inferSelect>;
  /** The latest CARD_POINTS points in force of each outcome's metric (a later point on a date corrects it). */
  points: Array<{ initiativeId: string; metricId: string; date: string; value: number }>;
  gates: Array<typeof t.gates.$inferSelect>;
  authorities: Array<typeof t.gateAuthorities.$inferSelect>;
  votes: Array<typeof t.votes.$inferSelect>;
  milestones: Array<{ initiativeId: string; id: string; gateId: string | null }>;
  people: Array<{ id: string; name: string }>;
}

/** How many signals a card names. */
export const TOP_SIGNALS = 5;
/** How many of a metric's latest points a card draws. */
export const CARD_POINTS = 26;

/** The open signals of the page's initiatives, each with its severity's rank and whether a silence holds it. */
function openSignals(orgId: string, ids: string[], now: Date) {
  const page = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  // The silences in force are few: found once, then joined, rather than looked up for every signal.
  return sql`
    select s.initiative_id, s.fingerprint, s.kind, s.severity, s.title, s.subject_type, s.subject_id, s.owner,
      case s.severity when 'critical' then 3 when 'warning' then 2 else 1 end as rank,
      (live.fingerprint is not null) as silenced
    from ${t.signals} s
    left join (
      select distinct x.initiative_id, x.fingerprint from ${t.signalSilences} x
      where x.org_id = ${orgId} and x.initiative_id in (${page})
        and (x.expires_at is null or x.expires_at > ${now.toISOString()}::timestamptz)
        and not exists (
          select 1 from ${t.signalSilenceLifts} l
          where l.org_id = x.org_id and l.initiative_id = x.initiative_id and l.silence_id = x.id
        )
    ) live on live.initiative_id = s.initiative_id and live.fingerprint = s.fingerprint
    where s.org_id = ${orgId} and s.initiative_id in (${page}) and s.resolved_at is null`;
}

const rowsOf = <T>(result: Promise<unknown>): Promise<T[]> => result.then((r) => resultRows<T>(r));

export async function radiatorRows(
  db: Database,
  orgId: string,
  page: { after?: string; limit: number },
  now: Date,
): Promise<RadiatorRows> {
  const initiatives = await db
    // Qualified by hand: in a one-table select the query builder leaves a column's table out.
    .select({
      ...getTableColumns(t.initiatives),
      version: versionOf(sql`initiatives.org_id`, sql`initiatives.id`),
    })
    .from(t.initiatives)
    .where(and(eq(t.initiatives.orgId, orgId), page.after ? gt(t.initiatives.id, page.after) : undefined))
    .orderBy(asc(t.initiatives.id))
    .limit(page.limit);
  const ids = initiatives.map((i) => i.id);
  if (ids.length === 0) {
    return {
      initiatives,
      evaluations: [],
      health: [],
      signalCounts: [],
      topSignals: [],
      projections: [],
      outcomes: [],
      metrics: [],
      points: [],
      gates: [],
      authorities: [],
      votes: [],
      milestones: [],
      people: [],
    };
  }
  const inPage = <T extends { orgId: typeof t.outcomes.orgId; initiativeId: typeof t.outcomes.initiativeId }>(
    table: T,
  ) => and(eq(table.orgId, orgId), inArray(table.initiativeId, ids));
  const outcomes = await db
    .select()
    .from(t.outcomes)
    .where(inPage(t.outcomes))
    .orderBy(asc(t.outcomes.position));
  const metricIds = [...new Set(outcomes.map((o) => o.metricId))];
  const [
    evaluations,
    health,
    signalCounts,
    topSignals,
    projections,
    metrics,
    points,
    gates,
    authorities,
    votes,
    milestones,
    people,
  ] = await Promise.all([
    db.select().from(t.evaluations).where(inPage(t.evaluations)),
    db
      .select()
      .from(t.evidenceHealth)
      .where(and(inPage(t.evidenceHealth), eq(t.evidenceHealth.subjectType, "initiative"))),
    rowsOf<RadiatorRows["signalCounts"][number]>(
      db.execute(sql`
        with open as (${openSignals(orgId, ids, now)})
        select initiative_id as "initiativeId",
          count(*) filter (where not silenced)::int as open,
          count(*) filter (where not silenced and severity = 'critical')::int as critical,
          count(*) filter (where not silenced and severity = 'warning')::int as warning,
          count(*) filter (where not silenced and severity = 'info')::int as info,
          count(*) filter (where silenced)::int as silenced
        from open group by initiative_id`),
    ),
    rowsOf<RadiatorRows["topSignals"][number]>(
      db.execute(sql`
        with open as (${openSignals(orgId, ids, now)}),
        one_per_title as (
          select distinct on (initiative_id, title) * from open where not silenced
          order by initiative_id, title, rank desc, kind, subject_id, fingerprint
        ),
        ranked as (
          select *, row_number() over (
            partition by initiative_id order by rank desc, kind, subject_id, fingerprint
          ) as n
          from one_per_title
        )
        select initiative_id as "initiativeId", fingerprint, kind, severity, title,
          subject_type as "subjectType", subject_id as "subjectId", owner
        from ranked where n <= ${TOP_SIGNALS}
        order by initiative_id, n`),
    ),
    db
      .select()
      .from(t.signals)
      .where(and(inPage(t.signals), isNull(t.signals.resolvedAt), eq(t.signals.kind, "outcome-off-track"))),
    metricIds.length
      ? db
          .select()
          .from(t.metrics)
          .where(and(inPage(t.metrics), inArray(t.metrics.id, metricIds)))
      : Promise.resolve([]),
    metricIds.length
      ? rowsOf<RadiatorRows["points"][number]>(
          db.execute(sql`
            select initiative_id as "initiativeId", metric_id as "metricId", date::text as date, value from (
              select initiative_id, metric_id, date, value,
                row_number() over (partition by initiative_id, metric_id order by date desc) as n
              from (
                select distinct on (initiative_id, metric_id, date) initiative_id, metric_id, date, value
                from ${t.metricPoints}
                where org_id = ${orgId} and initiative_id in (${sql.join(
                  ids.map((id) => sql`${id}`),
                  sql`, `,
                )})
                order by initiative_id, metric_id, date, seq desc
              ) latest
            ) recent
            where n <= ${CARD_POINTS}`),
        )
      : Promise.resolve([]),
    db.select().from(t.gates).where(inPage(t.gates)).orderBy(asc(t.gates.position)),
    db
      .select()
      .from(t.gateAuthorities)
      .where(inPage(t.gateAuthorities))
      .orderBy(asc(t.gateAuthorities.position)),
    db.select().from(t.votes).where(inPage(t.votes)).orderBy(asc(t.votes.position)),
    db
      .select({ initiativeId: t.milestones.initiativeId, id: t.milestones.id, gateId: t.milestones.gateId })
      .from(t.milestones)
      .where(inPage(t.milestones)),
    db
      .select({ id: t.people.id, name: t.people.name })
      .from(t.people)
      .where(
        and(eq(t.people.orgId, orgId), inArray(t.people.id, [...new Set(initiatives.map((i) => i.ownerId))])),
      ),
  ]);
  return {
    initiatives,
    evaluations,
    health,
    signalCounts,
    topSignals,
    projections,
    outcomes,
    metrics,
    points,
    gates,
    authorities,
    votes,
    milestones,
    people,
  };
}

/**
 * What a radiator page's content depends on, as one short text: each initiative's version and evaluation, and
 * the latest silence or lift. Equal stamps, equal pages: readers can share a page until something changes.
 */
export async function radiatorStamp(
  db: Database,
  orgId: string,
  page: { after?: string; limit: number },
  now: Date,
): Promise<string> {
  const [row] = await rowsOf<{ stamp: string | null }>(
    db.execute(sql`
      select concat_ws('|',
        (select string_agg(concat_ws(':', i.id, ${versionOf(sql`i.org_id`, sql`i.id`)}, e.evaluated_version, e.evaluated_at), ',' order by i.id)
         from (select * from ${t.initiatives} where org_id = ${orgId} ${page.after ? sql`and id > ${page.after}` : sql``}
               order by id limit ${page.limit}) i
         left join ${t.evaluations} e on e.org_id = i.org_id and e.initiative_id = i.id),
        (select concat_ws(':', count(*), max(created_at)) from ${t.signalSilences} where org_id = ${orgId}),
        (select concat_ws(':', count(*), max(lifted_at)) from ${t.signalSilenceLifts} where org_id = ${orgId}),
        (select min(expires_at) from ${t.signalSilences} where org_id = ${orgId} and expires_at > ${now.toISOString()}::timestamptz)
      ) as stamp`),
  );
  return row?.stamp ?? "";
}
