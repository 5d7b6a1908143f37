// Initiatives whole: their plan saved and replaced, their records appended, all loaded as the snapshot the engine reads.
import { groupBy } from "../domain/group-by.ts";
import { and, asc, eq, getTableColumns, gt, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Fact, Initiative, InitiativeSnapshot } from "../domain/model.ts";
import type { RecordSet } from "../domain/records.ts";
import { ensureEvaluation } from "./evaluation-repository.ts";
import { canonicalJson } from "./canonical-json.ts";
import {
  currentPoints,
  currentVotes,
  toDecision,
  toRecognition,
  toReport,
  toTest,
  toTruth,
  toVote,
} from "./record-rows.ts";
import { inTurn, type Database } from "./open-store.ts";
import { nextPosition, reportOrder, type Scope } from "./record-repository.ts";
import * as t from "./schema.ts";

/** Inserts rows in chunks that stay under PostgreSQL's limit on bind parameters. */
export async function insertMany(db: Database, table: PgTable, rows: object[], chunk = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await db.insert(table).values(rows.slice(i, i + chunk) as never);
  }
}

/** Upserts the org's directory entries a snapshot carries: people and teams are org-wide. */
async function saveDirectory(
  db: Database,
  orgId: string,
  snapshot: Pick<InitiativeSnapshot, "people" | "teams">,
) {
  for (let i = 0; i < snapshot.people.length; i += 1000) {
    const rows = snapshot.people.slice(i, i + 1000).map((p) => ({ orgId, ...p }));
    await db
      .insert(t.people)
      .values(rows)
      .onConflictDoUpdate({
        target: [t.people.orgId, t.people.id],
        set: {
          name: sql`excluded.name`,
          title: sql`excluded.title`,
          managerId: sql`excluded.manager_id`,
          email: sql`excluded.email`,
          leftOn: sql`excluded.left_on`,
        },
      });
  }
  if (snapshot.teams.length > 0) {
    await db
      .insert(t.teams)
      .values(snapshot.teams.map((team) => ({ orgId, ...team })))
      .onConflictDoUpdate({
        target: [t.teams.orgId, t.teams.id],
        set: {
          name: sql`excluded.name`,
          leadId: sql`excluded.lead_id`,
          members: sql`excluded.members`,
          wipLimit: sql`excluded.wip_limit`,
        },
      });
  }
}

type PlanTable = PgTable & { orgId: PgColumn; initiativeId: PgColumn };

/**
 * The plan's tables, parents before children, each with the columns of its key within the initiative. Saving
 * compares rows with what is stored and writes only the difference: a change costs what it changes.
 */
const PLAN_TABLES: Array<{ table: PlanTable; key: string[] }> = [
  { table: t.metrics, key: ["id"] },
  { table: t.descriptions, key: ["teamId"] },
  { table: t.outcomes, key: ["id"] },
  { table: t.commitments, key: ["id"] },
  { table: t.links, key: ["id"] },
  { table: t.requirements, key: ["id"] },
  { table: t.claims, key: ["requirementId", "teamId"] },
  { table: t.milestones, key: ["id"] },
  { table: t.assumptions, key: ["milestoneId", "id"] },
  { table: t.gates, key: ["id"] },
  { table: t.gateAuthorities, key: ["gateId", "role"] },
  { table: t.risks, key: ["id"] },
  { table: t.reviews, key: ["id"] },
];

/** The rows each plan table should hold for `snapshot`, in PLAN_TABLES order. */
function planRows(orgId: string, snapshot: InitiativeSnapshot): Array<Array<Record<string, unknown>>> {
  const scope = { orgId, initiativeId: snapshot.initiative.id };
  const rows = <T, R extends object>(items: T[], map: (item: T) => R) =>
    items.map((item, position) => ({ ...scope, position, ...map(item) }));
  return [
    rows(snapshot.metrics, (m) => ({ id: m.id, unit: m.unit, direction: m.direction })),
    rows(snapshot.descriptions, (d) => d),
    rows(snapshot.outcomes, (o) => o),
    rows(snapshot.commitments, (c) => ({ ...c, provenance: c.provenance ?? null })),
    rows(snapshot.links, (l) => l),
    rows(snapshot.requirements, (r) => ({ id: r.id, title: r.title })),
    snapshot.requirements.flatMap((r) => rows(r.claims, (c) => ({ requirementId: r.id, ...c }))),
    rows(snapshot.milestones, (m) => ({ id: m.id, name: m.name, date: m.date, gateId: m.gateId ?? null })),
    snapshot.milestones.flatMap((m) => rows(m.assumptions, (a) => ({ milestoneId: m.id, ...a }))),
    rows(snapshot.gates, (g) => ({ id: g.id, name: g.name, date: g.date })),
    snapshot.gates.flatMap((g) => rows(g.authorities, (a) => ({ gateId: g.id, ...a }))),
    rows(snapshot.risks, (r) => r),
    rows(snapshot.reviews, (r) => ({ id: r.id, name: r.name, date: r.date, anonymous: r.anonymous })),
  ];
}

/** How many plan rows a save inserted, updated and deleted. */
export interface PlanChanges {
  upserted: number;
  deleted: number;
}

/**
 * Saves the initiative's plan (and the directory entries it carries) as `snapshot` has it, writing only the rows
 * that differ from what is stored; its records are not touched (see appendRecords). Creates the initiative
 * when it is new. Call inside a transaction, under the initiative's write lock.
 */
export async function savePlan(
  db: Database,
  orgId: string,
  snapshot: InitiativeSnapshot,
): Promise<PlanChanges> {
  const { initiative } = snapshot;
  const initiativeId = initiative.id;
  await saveDirectory(db, orgId, snapshot);
  const fields = {
    name: initiative.name,
    ownerId: initiative.ownerId,
    asOf: initiative.asOf,
    summary: initiative.summary,
    cadenceDays: initiative.cadenceDays,
    investmentUnit: initiative.investment?.unit ?? null,
    investmentPoints: initiative.investment?.points ?? null,
    sources: initiative.sources ?? null,
  };
  await db
    .insert(t.initiatives)
    .values({ orgId, id: initiativeId, ...fields })
    .onConflictDoUpdate({
      target: [t.initiatives.orgId, t.initiatives.id],
      set: { ...fields, updatedAt: sql`now()` },
    });
  const wanted = planRows(orgId, snapshot);
  const removals: Array<() => Promise<void>> = [];
  let upserted = 0;
  let deleted = 0;
  for (const [index, { table, key }] of PLAN_TABLES.entries()) {
    const columns = getTableColumns(table) as Record<string, PgColumn>;
    const scoped = and(eq(table.orgId, orgId), eq(table.initiativeId, initiativeId));
    const stored = (await db.select().from(table).where(scoped)) as Array<Record<string, unknown>>;
    const keyOf = (row: Record<string, unknown>) => key.map((k) => String(row[k])).join("\u0000");
    const before = new Map(stored.map((row) => [keyOf(row), row]));
    const changed = wanted[index]!.filter((row) => {
      const was = before.get(keyOf(row));
      before.delete(keyOf(row));
      return !was || Object.keys(row).some((k) => canonicalJson(was[k]) !== canonicalJson(row[k]));
    });
    if (changed.length > 0) {
      upserted += changed.length;
      const pk = [columns.orgId!, columns.initiativeId!, ...key.map((k) => columns[k]!)];
      const set = Object.fromEntries(
        Object.entries(columns)
          .filter(([name]) => ![...key, "orgId", "initiativeId"].includes(name))
          .map(([name, column]) => [name, sql.raw(`excluded."${column.name}"`)]),
      );
      for (let i = 0; i < changed.length; i += 1000) {
        await db
          .insert(table)
          .values(changed.slice(i, i + 1000) as never)
          .onConflictDoUpdate({ target: pk, set });
      }
    }
    // Rows no longer in the plan go after every insert, children before their parents.
    const gone = [...before.values()];
    deleted += gone.length;
    removals.unshift(async () => {
      for (const row of gone) {
        await db.delete(table).where(and(scoped, ...key.map((k) => eq(columns[k]!, row[k] as never))));
      }
    });
  }
  for (const remove of removals) await remove();
  return { upserted, deleted };
}

/** Positions after the last of each parent's rows, counted up as rows are added. */
async function positionsAfter(
  db: Database,
  table: Parameters<typeof nextPosition>[1],
  scope: Scope,
  column?: PgColumn,
): Promise<(parentId?: string) => Promise<number>> {
  const next = new Map<string, number>();
  return async (parentId = "") => {
    let position = next.get(parentId);
    if (position === undefined) {
      position = await nextPosition(db, table, scope, column ? { column, id: parentId } : undefined);
    }
    next.set(parentId, position + 1);
    return position;
  };
}

/**
 * Appends records to the initiative, each after the last of its list; `recordedBy` names who recorded them and
 * `changeId` the change event that records them (reports are ordered by it). Records are never replaced: a
 * correction is another record. Call inside a transaction.
 */
export async function appendRecords(
  db: Database,
  scope: Scope,
  records: RecordSet,
  recordedBy: string | null,
  changeId = 0,
): Promise<void> {
  const base = { ...scope, recordedBy };
  const reportAt = await positionsAfter(db, t.statusReports, scope);
  const reportRows = [];
  for (const r of records.reports) {
    reportRows.push({
      ...base,
      position: await reportAt(),
      id: r.id,
      subjectType: r.subject.type,
      subjectId: r.subject.id,
      authorId: r.authorId,
      date: r.date,
      health: r.health,
      narrative: r.narrative,
      confidence: r.confidence,
      cites: r.cites,
      greenerReason: r.greenerReason ?? null,
      changeId,
    });
  }
  await insertMany(db, t.statusReports, reportRows);

  const pointRows = records.points.map(({ metricId, point }, position) => ({
    ...base,
    position,
    metricId,
    date: point.date,
    value: point.value,
  }));
  await insertMany(db, t.metricPoints, pointRows);

  const testAt = await positionsAfter(db, t.assumptionTests, scope, t.assumptionTests.milestoneId);
  const testRows = [];
  for (const { milestoneId, test } of records.tests) {
    const position = await testAt(milestoneId);
    testRows.push({ ...base, position, milestoneId, ...test, id: `test-${position + 1}` });
  }
  await insertMany(db, t.assumptionTests, testRows);

  const decisionAt = await positionsAfter(db, t.decisions, scope);
  const decisionRows = [];
  for (const d of records.decisions) decisionRows.push({ ...base, position: await decisionAt(), ...d });
  await insertMany(db, t.decisions, decisionRows);

  const voteAt = await positionsAfter(db, t.votes, scope, t.votes.gateId);
  const voteRows = [];
  for (const { gateId, vote } of records.votes) {
    const position = await voteAt(gateId);
    voteRows.push({ ...base, position, gateId, ...vote, id: `vote-${position + 1}` });
  }
  await insertMany(db, t.votes, voteRows);

  // Truths carry neither a time nor who recorded them: an anonymous truth must not be dated or traced.
  const truthAt = await positionsAfter(db, t.truths, scope, t.truths.reviewId);
  const truthRows = [];
  for (const { reviewId, truth } of records.truths) {
    const position = await truthAt(reviewId);
    truthRows.push({ ...scope, position, reviewId, ...truth, id: `truth-${position + 1}` });
  }
  await insertMany(db, t.truths, truthRows);

  const recognitionAt = await positionsAfter(db, t.recognitions, scope);
  const recognitionRows = [];
  for (const r of records.recognitions)
    recognitionRows.push({ ...base, position: await recognitionAt(), ...r });
  await insertMany(db, t.recognitions, recognitionRows);
}

/** Every record a snapshot holds, as a set to append (a new initiative's history). */
export function recordsOf(snapshot: InitiativeSnapshot): RecordSet {
  return {
    reports: snapshot.reports,
    decisions: snapshot.decisions,
    recognitions: snapshot.recognitions,
    votes: snapshot.gates.flatMap((g) => g.votes.map((vote) => ({ gateId: g.id, vote }))),
    tests: snapshot.milestones.flatMap((m) => m.tests.map((test) => ({ milestoneId: m.id, test }))),
    points: snapshot.metrics.flatMap((m) => m.points.map((point) => ({ metricId: m.id, point }))),
    truths: snapshot.reviews.flatMap((r) => r.truths.map((truth) => ({ reviewId: r.id, truth }))),
  };
}

/** Saves a new initiative whole: its plan and every record it holds. Call inside a transaction. */
export async function saveNewInitiative(
  db: Database,
  orgId: string,
  snapshot: InitiativeSnapshot,
): Promise<void> {
  await savePlan(db, orgId, snapshot);
  await appendRecords(db, { orgId, initiativeId: snapshot.initiative.id }, recordsOf(snapshot), null);
  await ensureEvaluation(db, { orgId, initiativeId: snapshot.initiative.id });
}

function toInitiative(row: typeof t.initiatives.$inferSelect): Initiative {
  return {
    id: row.id,
    name: row.name,
    ownerId: row.ownerId,
    asOf: row.asOf,
    summary: row.summary,
    cadenceDays: row.cadenceDays,
    investment:
      row.investmentUnit && row.investmentPoints
        ? { unit: row.investmentUnit, points: row.investmentPoints }
        : null,
    sources: row.sources ?? null,
  };
}

export async function findInitiative(db: Database, orgId: string, id: string): Promise<Initiative | null> {
  const [row] = await db
    .select()
    .from(t.initiatives)
    .where(and(eq(t.initiatives.orgId, orgId), eq(t.initiatives.id, id)));
  return row ? toInitiative(row) : null;
}

export async function listInitiatives(
  db: Database,
  orgId: string,
  page: { after?: string; limit: number },
): Promise<Initiative[]> {
  const rows = await db
    .select()
    .from(t.initiatives)
    .where(and(eq(t.initiatives.orgId, orgId), page.after ? gt(t.initiatives.id, page.after) : undefined))
    .orderBy(asc(t.initiatives.id))
    .limit(page.limit);
  return rows.map(toInitiative);
}

/** The ids of the org's initiatives whose file names `source` among its sources (`sources.jira`), by id. */
export async function initiativesWithSource(db: Database, orgId: string, source: string): Promise<string[]> {
  const rows = await db
    .select({ id: t.initiatives.id })
    .from(t.initiatives)
    .where(and(eq(t.initiatives.orgId, orgId), sql`${t.initiatives.sources} -> ${source} is not null`))
    .orderBy(asc(t.initiatives.id));
  return rows.map((r) => r.id);
}

/** Every org's initiatives whose file reads the GitHub repository `repo` (owner/repo, in any case). */
export async function initiativesReadingGitHubRepo(
  db: Database,
  repo: string,
): Promise<Array<{ orgId: string; initiativeId: string }>> {
  const rows = await db
    .select({ orgId: t.initiatives.orgId, initiativeId: t.initiatives.id })
    .from(t.initiatives)
    .where(sql`lower(${t.initiatives.sources} -> 'github' ->> 'repo') = ${repo.toLowerCase()}`)
    .orderBy(asc(t.initiatives.orgId), asc(t.initiatives.id));
  return rows;
}

/** Every org's initiatives that read the DORA metrics of the GitHub repository `repo`, with their incident label. */
export async function initiativesReadingGitHubDora(
  db: Database,
  repo: string,
): Promise<Array<{ orgId: string; initiativeId: string; incidentLabel: string }>> {
  const rows = await db
    .select({
      orgId: t.initiatives.orgId,
      initiativeId: t.initiatives.id,
      incidentLabel: sql<string | null>`${t.initiatives.sources} -> 'github' -> 'dora' ->> 'incidentLabel'`,
    })
    .from(t.initiatives)
    .where(
      sql`lower(${t.initiatives.sources} -> 'github' ->> 'repo') = ${repo.toLowerCase()}
        and ${t.initiatives.sources} -> 'github' -> 'dora' is not null`,
    )
    .orderBy(asc(t.initiatives.orgId), asc(t.initiatives.id));
  return rows.map((r) => ({ ...r, incidentLabel: r.incidentLabel ?? "incident" }));
}

export async function deleteInitiative(db: Database, orgId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(t.initiatives)
    .where(and(eq(t.initiatives.orgId, orgId), eq(t.initiatives.id, id)))
    .returning({ id: t.initiatives.id });
  return deleted.length > 0;
}

/** Loads everything the engine needs for one initiative, or null when the org has no such initiative. */
export async function loadInitiative(
  db: Database,
  orgId: string,
  id: string,
): Promise<InitiativeSnapshot | null> {
  const initiative = await findInitiative(db, orgId, id);
  if (!initiative) return null;
  const scoped = <T extends typeof t.commitments>(table: T) =>
    and(eq(table.orgId, orgId), eq(table.initiativeId, id));
  const select = <
    T extends PgTable & {
      orgId: typeof t.commitments.orgId;
      initiativeId: typeof t.commitments.initiativeId;
      position: typeof t.commitments.position;
    },
  >(
    table: T,
    order: SQL[] = [asc(table.position)],
  ) =>
    db
      .select()
      .from(table as PgTable)
      .where(scoped(table as unknown as typeof t.commitments))
      .orderBy(...order) as unknown as Promise<Array<T["$inferSelect"]>>;

  const [
    metrics,
    points,
    descriptions,
    outcomes,
    commitments,
    links,
    requirements,
    claims,
    reports,
    milestones,
    assumptions,
    tests,
    decisions,
    gates,
    authorities,
    votes,
    risks,
    reviews,
    truths,
    recognitions,
  ] = await inTurn([
    select(t.metrics),
    select(t.metricPoints),
    select(t.descriptions),
    select(t.outcomes),
    select(t.commitments),
    select(t.links),
    select(t.requirements),
    select(t.claims),
    select(t.statusReports, reportOrder()),
    select(t.milestones),
    select(t.assumptions),
    select(t.assumptionTests),
    select(t.decisions),
    select(t.gates),
    select(t.gateAuthorities),
    select(t.votes),
    select(t.risks),
    select(t.reviews),
    select(t.truths),
    select(t.recognitions),
  ]);

  const peopleIds = new Set<string>([initiative.ownerId]);
  const teamIds = new Set<string>([
    ...commitments.map((c) => c.teamId),
    ...descriptions.map((d) => d.teamId),
    ...claims.map((c) => c.teamId),
  ]);
  const teamRows = teamIds.size
    ? await db
        .select()
        .from(t.teams)
        .where(and(eq(t.teams.orgId, orgId), inArray(t.teams.id, [...teamIds])))
    : [];
  for (const row of [...commitments, ...links, ...outcomes, ...risks])
    if (row.ownerId) peopleIds.add(row.ownerId);
  for (const team of teamRows) {
    if (team.leadId) peopleIds.add(team.leadId);
    for (const member of team.members) peopleIds.add(member);
  }
  for (const r of reports) peopleIds.add(r.authorId);
  for (const d of decisions) peopleIds.add(d.byId);
  for (const a of authorities) peopleIds.add(a.personId);
  for (const v of votes) peopleIds.add(v.personId);
  for (const r of risks) if (r.raisedBy) peopleIds.add(r.raisedBy);
  for (const x of truths) if (x.authorId) peopleIds.add(x.authorId);
  for (const r of recognitions) for (const id of [r.personId, r.byId]) peopleIds.add(id);

  // Managers up the chain come along: roll-ups and reporting layers are read from them.
  const people = new Map<string, typeof t.people.$inferSelect>();
  let wanted = [...peopleIds];
  while (wanted.length > 0) {
    const found = await db
      .select()
      .from(t.people)
      .where(and(eq(t.people.orgId, orgId), inArray(t.people.id, wanted)));
    for (const p of found) people.set(p.id, p);
    wanted = [
      ...new Set(found.flatMap((p) => (p.managerId && !people.has(p.managerId) ? [p.managerId] : []))),
    ];
  }

  // Corrections stand in for what they correct: a superseded report, an earlier point on the same date and a
  // vote since re-cast for its role are history, not the current picture.
  // A cite of a corrected report reads its correction (the latest of a chain).
  const correctedBy = new Map(
    reports.flatMap((r) => (r.supersedesId ? [[r.supersedesId, r.id] as const] : [])),
  );
  const currentOf = (id: string) => {
    let current = id;
    for (let next = correctedBy.get(current); next !== undefined; next = correctedBy.get(current))
      current = next;
    return current;
  };
  const currentReports = correctedBy.size
    ? reports.filter((r) => !correctedBy.has(r.id)).map((r) => ({ ...r, cites: r.cites.map(currentOf) }))
    : reports;
  const currentVoteRows = [...groupBy(votes, (v) => v.gateId).values()].flatMap((list) => currentVotes(list));
  const pointsByMetric = groupBy(points, (p) => p.metricId);
  const claimsByRequirement = groupBy(claims, (c) => c.requirementId);
  const assumptionsByMilestone = groupBy(assumptions, (a) => a.milestoneId);
  const testsByMilestone = groupBy(tests, (x) => x.milestoneId);
  const authoritiesByGate = groupBy(authorities, (a) => a.gateId);
  const votesByGate = groupBy(currentVoteRows, (v) => v.gateId);
  const truthsByReview = groupBy(truths, (x) => x.reviewId);

  return {
    initiative,
    people: [...people.values()]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((p) => ({
        id: p.id,
        name: p.name,
        title: p.title,
        managerId: p.managerId,
        email: p.email,
        leftOn: p.leftOn,
      })),
    teams: teamRows
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((x) => ({ id: x.id, name: x.name, leadId: x.leadId, members: x.members, wipLimit: x.wipLimit })),
    descriptions: descriptions.map((d) => ({ teamId: d.teamId, text: d.text })),
    metrics: metrics.map((m) => ({
      id: m.id,
      unit: m.unit,
      direction: m.direction,
      points: currentPoints(pointsByMetric.get(m.id) ?? []),
    })),
    outcomes: outcomes.map((o) => ({
      id: o.id,
      metricId: o.metricId,
      comparator: o.comparator as InitiativeSnapshot["outcomes"][number]["comparator"],
      target: o.target,
      by: o.by,
      ownerId: o.ownerId,
    })),
    commitments: commitments.map((c) => ({
      id: c.id,
      teamId: c.teamId,
      ownerId: c.ownerId,
      title: c.title,
      due: c.due,
      dueHistory: c.dueHistory,
      done: c.done,
      facts: c.facts as Record<string, Fact>,
      provenance: c.provenance ?? null,
    })),
    links: links.map((l) => ({
      id: l.id,
      kind: l.kind as InitiativeSnapshot["links"][number]["kind"],
      fromId: l.fromId,
      toId: l.toId,
      directed: l.directed,
      statement: l.statement,
      check: l.check,
      due: l.due,
      ownerId: l.ownerId,
      state: l.state as InitiativeSnapshot["links"][number]["state"],
    })),
    requirements: requirements.map((r) => ({
      id: r.id,
      title: r.title,
      claims: (claimsByRequirement.get(r.id) ?? []).map((c) => ({ teamId: c.teamId, text: c.text })),
    })),
    reports: currentReports.map(toReport),
    milestones: milestones.map((m) => ({
      id: m.id,
      name: m.name,
      date: m.date,
      gateId: m.gateId,
      assumptions: (assumptionsByMilestone.get(m.id) ?? []).map((a) => ({
        id: a.id,
        statement: a.statement,
        killCriteria: a.killCriteria,
      })),
      tests: (testsByMilestone.get(m.id) ?? []).map(toTest),
    })),
    decisions: decisions.map(toDecision),
    gates: gates.map((g) => ({
      id: g.id,
      name: g.name,
      date: g.date,
      authorities: (authoritiesByGate.get(g.id) ?? []).map((a) => ({ role: a.role, personId: a.personId })),
      votes: (votesByGate.get(g.id) ?? []).map(toVote),
    })),
    risks: risks.map((r) => ({
      id: r.id,
      title: r.title,
      likelihood: r.likelihood as "low" | "medium" | "high",
      impact: r.impact as "low" | "medium" | "high",
      earlyWarning: r.earlyWarning,
      mitigation: r.mitigation,
      ownerId: r.ownerId,
      raisedBy: r.raisedBy,
      raisedOn: r.raisedOn,
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      name: r.name,
      date: r.date,
      anonymous: r.anonymous,
      truths: (truthsByReview.get(r.id) ?? []).map(toTruth),
    })),
    recognitions: recognitions.map(toRecognition),
  };
}
