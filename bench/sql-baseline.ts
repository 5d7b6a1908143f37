// The baseline a team would write against its own database: the same three findings in plain SQL on PostgreSQL.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { InitiativeSnapshot } from "../src/domain/model.ts";
import { openStore } from "../src/store/open-store.ts";
import type { GeneratedOrg } from "./generate.ts";
import { Random } from "./generate.ts";
import { emptyFindings, type Findings } from "./engine-bench.ts";
import { log, median, progress, round, summarize, type Summary } from "./stats.ts";

export const ORG_ID = "bench";

// ── Database setup and loading ───────────────────────────────────────────────────────────────────────────

/** Drops and recreates the benchmark database, then runs the project's migrations on it (openStore). */
export async function recreateDatabase(adminUrl: string, benchUrl: string): Promise<{ version: string }> {
  const name = new URL(benchUrl).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected benchmark database name: ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const { rows } = await admin.query<{ server_version: string }>("show server_version");
    const store = await openStore({ kind: "postgres", url: benchUrl, poolSize: 1 });
    await store.close();
    return { version: rows[0]?.server_version ?? "unknown" };
  } finally {
    await admin.end();
  }
}

/** One value in COPY's text format. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text =
    typeof value === "boolean"
      ? value
        ? "t"
        : "f"
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

const line = (values: readonly unknown[]) => `${values.map(cell).join("\t")}\n`;

async function copy(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  chunks: () => Iterable<string>,
): Promise<void> {
  const statement = `copy ${table} (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`;
  await pipeline(Readable.from(chunks()), client.query(copyFrom(statement)));
}

/** Rows of one table for every initiative, one chunk (string) per initiative. */
function* perInitiative(
  snapshots: readonly InitiativeSnapshot[],
  rows: (s: InitiativeSnapshot) => unknown[][],
  tick?: (done: number) => void,
): Iterable<string> {
  for (let i = 0; i < snapshots.length; i++) {
    yield rows(snapshots[i]!).map(line).join("");
    tick?.(i + 1);
  }
}

export interface LoadResult {
  tables: Record<string, number>;
  loadMs: number;
  indexMs: number;
  analyzeMs: number;
  indexes: string[];
  skipped: string[];
}

/**
 * Loads what the three queries read (org directory, initiatives, commitments, links, status reports, gates and
 * votes) with COPY. Metric points, requirements, risks and the rest are not loaded: no query reads them.
 */
export async function loadDatabase(client: pg.Client, generated: GeneratedOrg): Promise<LoadResult> {
  const { snapshots, org } = generated;
  const tables: Record<string, number> = {};
  const start = performance.now();
  await client.query("set synchronous_commit = off");
  await client.query("insert into orgs (id, name) values ($1, $2)", [ORG_ID, "Benchmark org"]);
  tables.orgs = 1;
  await copy(
    client,
    "people",
    ["org_id", "id", "name", "title", "manager_id", "email", "left_on"],
    function* () {
      yield org.people
        .map((p) => line([ORG_ID, p.id, p.name, p.title, p.managerId, p.email, p.leftOn]))
        .join("");
    },
  );
  tables.people = org.people.length;
  await copy(client, "teams", ["org_id", "id", "name", "lead_id", "members", "wip_limit"], function* () {
    yield org.teams.map((t) => line([ORG_ID, t.id, t.name, t.leadId, t.members, t.wipLimit])).join("");
  });
  tables.teams = org.teams.length;
  await copy(
    client,
    "initiatives",
    ["org_id", "id", "name", "owner_id", "as_of", "summary", "cadence_days"],
    () =>
      perInitiative(snapshots, (s) => {
        const i = s.initiative;
        return [[ORG_ID, i.id, i.name, i.ownerId, i.asOf, i.summary, i.cadenceDays]];
      }),
  );
  tables.initiatives = snapshots.length;

  const scope = (s: InitiativeSnapshot) => [ORG_ID, s.initiative.id];
  const sum = (f: (s: InitiativeSnapshot) => number) => snapshots.reduce((t, s) => t + f(s), 0);
  const steps: Array<{
    table: string;
    columns: string[];
    rows: (s: InitiativeSnapshot) => unknown[][];
    count: number;
  }> = [
    {
      table: "commitments",
      columns: [
        "org_id",
        "initiative_id",
        "position",
        "id",
        "team_id",
        "owner_id",
        "title",
        "due",
        "due_history",
        "done",
        "facts",
      ],
      rows: (s) =>
        s.commitments.map((c, p) => [
          ...scope(s),
          p,
          c.id,
          c.teamId,
          c.ownerId,
          c.title,
          c.due,
          c.dueHistory,
          c.done,
          c.facts,
        ]),
      count: sum((s) => s.commitments.length),
    },
    {
      table: "links",
      columns: [
        "org_id",
        "initiative_id",
        "position",
        "id",
        "kind",
        "from_id",
        "to_id",
        "directed",
        "statement",
        "check",
        "due",
        "owner_id",
        "state",
      ],
      rows: (s) =>
        s.links.map((l, p) => [
          ...scope(s),
          p,
          l.id,
          l.kind,
          l.fromId,
          l.toId,
          l.directed,
          l.statement,
          l.check,
          l.due,
          l.ownerId,
          l.state,
        ]),
      count: sum((s) => s.links.length),
    },
    {
      table: "status_reports",
      columns: [
        "org_id",
        "initiative_id",
        "position",
        "id",
        "subject_type",
        "subject_id",
        "author_id",
        "date",
        "health",
        "narrative",
        "confidence",
        "cites",
      ],
      rows: (s) =>
        s.reports.map((r, p) => [
          ...scope(s),
          p,
          r.id,
          r.subject.type,
          r.subject.id,
          r.authorId,
          r.date,
          r.health,
          r.narrative,
          r.confidence,
          r.cites,
        ]),
      count: sum((s) => s.reports.length),
    },
    {
      table: "gates",
      columns: ["org_id", "initiative_id", "position", "id", "name", "date"],
      rows: (s) => s.gates.map((g, p) => [...scope(s), p, g.id, g.name, g.date]),
      count: sum((s) => s.gates.length),
    },
    {
      table: "votes",
      columns: [
        "org_id",
        "initiative_id",
        "position",
        "gate_id",
        "id",
        "role",
        "person_id",
        "vote",
        "reason",
        "date",
      ],
      rows: (s) =>
        s.gates.flatMap((g) =>
          g.votes.map((v, p) => [...scope(s), p, g.id, v.id, v.role, v.personId, v.vote, v.reason, v.date]),
        ),
      count: sum((s) => s.gates.reduce((t, g) => t + g.votes.length, 0)),
    },
  ];
  for (const step of steps) {
    const t0 = performance.now();
    const tick = progress(
      `COPY ${step.table} (${step.count.toLocaleString("en-US")} rows)`,
      snapshots.length,
    );
    await copy(client, step.table, step.columns, () => perInitiative(snapshots, step.rows, tick));
    tables[step.table] = step.count;
    log(
      `  COPY ${step.table}: ${step.count.toLocaleString("en-US")} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  const loadMs = performance.now() - start;

  // The index a team would add for "latest report per subject"; primary keys (org, initiative, id) cover the rest.
  const indexes = [
    "create index bench_status_reports_latest on status_reports (org_id, initiative_id, subject_type, subject_id, date desc, position desc)",
  ];
  const t1 = performance.now();
  for (const statement of indexes) await client.query(statement);
  const indexMs = performance.now() - t1;
  const t2 = performance.now();
  await client.query("analyze");
  const analyzeMs = performance.now() - t2;
  return {
    tables,
    loadMs: round(loadMs, 1),
    indexMs: round(indexMs, 1),
    analyzeMs: round(analyzeMs, 1),
    indexes,
    skipped: [
      "metrics",
      "metric_points",
      "outcomes",
      "requirements",
      "claims",
      "risks",
      "milestones",
      "decisions",
      "gate_authorities",
    ],
  };
}

// ── The three queries ────────────────────────────────────────────────────────────────────────────────────

type Scope = "org" | "initiative";

/** The WHERE condition restricting `alias` (a table keyed by org and initiative) to the scope. */
function where(alias: string, scope: Scope, idColumn = "initiative_id"): string {
  return scope === "org" ? `${alias}.org_id = $1` : `${alias}.org_id = $1 and ${alias}.${idColumn} = $2`;
}

const RANK = (column: string) => `(case ${column} when 'on_track' then 0 when 'at_risk' then 1 else 2 end)`;

/**
 * Every link with a check of the form `a.f op b.g`, evaluated against the two commitments' jsonb facts:
 * 'broken' when false, 'unverifiable' when a commitment or fact is missing or the types differ.
 */
function checkedLinks(scope: Scope): string {
  return `
  parsed as materialized (
    -- The form is tested with a regex without captures (PostgreSQL's capturing regexes cost ~60 µs a row),
    -- then split on spaces and dots.
    select l.org_id, l.initiative_id, l.id, l.from_id, l.to_id, string_to_array(l."check", ' ') as p
    from links l
    where ${where("l", scope)}
      and l."check" ~ '^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]* (<=|>=|<|>|==) [A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$'
  ),
  sides as (
    select p.initiative_id, p.id, p.from_id, p.to_id, p.p[2] as op,
           a.facts -> split_part(p.p[1], '.', 2) as fa, b.facts -> split_part(p.p[3], '.', 2) as fb
    from parsed p
    left join commitments a
      on a.org_id = p.org_id and a.initiative_id = p.initiative_id and a.id = split_part(p.p[1], '.', 1)
    left join commitments b
      on b.org_id = p.org_id and b.initiative_id = p.initiative_id and b.id = split_part(p.p[3], '.', 1)
  ),
  compared as (
    select initiative_id, id, from_id, to_id, op,
      case
        when fa->>'type' = 'date' and fb->>'type' = 'date'
          then sign((fa->>'value')::date - (fb->>'value')::date)::int
        when fa->>'type' = 'number' and fb->>'type' = 'number'
          then sign((fa->>'value')::numeric - (fb->>'value')::numeric)::int
      end as s
    from sides
  ),
  checked as materialized (
    select initiative_id, id, from_id, to_id,
      case
        when s is null then 'unverifiable'
        when case op when '<=' then s <= 0 when '>=' then s >= 0 when '<' then s < 0 when '>' then s > 0 else s = 0 end
          then 'pass'
        else 'broken'
      end as status
    from compared
  )`;
}

export function brokenAssumptionSql(scope: Scope): string {
  return `with ${checkedLinks(scope)}
  select initiative_id, 'link' as subject_type, id as subject_id, status from checked where status <> 'pass'`;
}

/**
 * Evidence health in SQL: a commitment is at risk when overdue (off track after 14 days) and off track when a
 * link it takes part in is broken; a team is its worst commitment; the initiative is its worst commitment or
 * off track with a standing No-Go vote. The latest report on each subject greener than that is a watermelon.
 */
export function watermelonSql(scope: Scope): string {
  return `with ${checkedLinks(scope)},
  init as (
    select i.org_id, i.id as initiative_id, coalesce(i.as_of, current_date) as today
    from initiatives i where ${where("i", scope, "id")}
  ),
  broken_ends as (
    select distinct initiative_id, unnest(array[from_id, to_id]) as commitment_id from checked where status = 'broken'
  ),
  commitment_health as materialized (
    select c.initiative_id, c.id, c.team_id,
      greatest(
        case when c.done is null and c.due < init.today
             then case when init.today - c.due > 14 then 2 else 1 end else 0 end,
        case when b.commitment_id is not null then 2 else 0 end
      ) as rank
    from commitments c
    join init on init.org_id = c.org_id and init.initiative_id = c.initiative_id
    left join broken_ends b on b.initiative_id = c.initiative_id and b.commitment_id = c.id
  ),
  standing_no_go as (
    select distinct initiative_id from (
      select distinct on (v.initiative_id, v.gate_id, v.role) v.initiative_id, v.vote
      from votes v where ${where("v", scope)}
      order by v.initiative_id, v.gate_id, v.role, coalesce(v.date, '-infinity'::date) desc, v.position desc
    ) latest where vote = 'no_go'
  ),
  evidence as (
    select initiative_id, 'commitment' as subject_type, id as subject_id, rank from commitment_health
    union all
    select initiative_id, 'team', team_id, max(rank) from commitment_health group by initiative_id, team_id
    union all
    select init.initiative_id, 'initiative', init.initiative_id,
      greatest(
        coalesce((select max(rank) from commitment_health ch where ch.initiative_id = init.initiative_id), 0),
        case when exists (select 1 from standing_no_go n where n.initiative_id = init.initiative_id) then 2 else 0 end
      )
    from init
  ),
  latest as (
    select distinct on (r.initiative_id, r.subject_type, subject_key)
      r.initiative_id, r.subject_type,
      case when r.subject_type = 'initiative' then r.initiative_id else r.subject_id end as subject_key,
      r.id, r.health
    from status_reports r
    where ${where("r", scope)} and r.subject_type in ('initiative', 'team', 'commitment')
    order by r.initiative_id, r.subject_type, subject_key, r.date desc, r.position desc
  )
  select l.initiative_id, l.subject_type, l.subject_key as subject_id, l.id as report_id
  from latest l
  join evidence e on e.initiative_id = l.initiative_id and e.subject_type = l.subject_type and e.subject_id = l.subject_key
  where e.rank > ${RANK("l.health")}`;
}

/**
 * A report greener than the worst report beneath it through its cites (transitively), unless a report that
 * cites it is as green or greener (that one reports the chain from higher up).
 */
export function filteredRollupSql(scope: Scope): string {
  return `with recursive
  r as (
    select initiative_id, id, ${RANK("health")} as rank, cites from status_reports s where ${where("s", scope)}
  ),
  edge as (
    select r.initiative_id, r.id as parent, c.child
    from r cross join lateral jsonb_array_elements_text(r.cites) as c(child)
    where c.child <> r.id
  ),
  reach (initiative_id, top, id) as (
    select initiative_id, id, id from r
    union
    select reach.initiative_id, reach.top, e.child
    from reach join edge e on e.initiative_id = reach.initiative_id and e.parent = reach.id
  ),
  worst as (
    select reach.initiative_id, reach.top, max(x.rank) as rank
    from reach join r x on x.initiative_id = reach.initiative_id and x.id = reach.id
    group by reach.initiative_id, reach.top
  )
  select t.initiative_id, 'report' as subject_type, t.id as subject_id
  from r t join worst w on w.initiative_id = t.initiative_id and w.top = t.id
  where w.rank > t.rank
    and not exists (
      select 1 from edge e join r u on u.initiative_id = e.initiative_id and u.id = e.parent
      where e.initiative_id = t.initiative_id and e.child = t.id and u.rank <= t.rank
    )`;
}

const QUERIES = {
  brokenAssumption: brokenAssumptionSql,
  watermelon: watermelonSql,
  filteredRollup: filteredRollupSql,
} as const;
type QueryName = keyof typeof QUERIES;

// ── Timing ───────────────────────────────────────────────────────────────────────────────────────────────

export interface SqlTimings {
  /** The three queries over the whole org: median of `runs` runs (after one warm-up), per query and summed. */
  org: { runs: number; medianMs: Record<QueryName, number>; totalMedianMs: number; runsMs: number[] };
  /** The three queries scoped to one initiative (prepared statements), over `samples` random initiatives. */
  initiative: { samples: number; perQueryP50Ms: Record<QueryName, number>; totalMs: Summary };
  /** The faster of the two ways to re-run the baseline after one change: what the ratio uses. */
  rerunMs: number;
  rerunVariant: "org" | "initiative";
  findings: Findings;
  /** Finding counts for one sampled initiative, scoped vs whole-org queries: they must agree. */
  scopedConsistent: boolean;
}

type Row = { initiative_id: string; subject_type: string; subject_id: string; status?: string };

function keysOf(rows: readonly Row[], status?: string): Set<string> {
  return new Set(
    rows
      .filter((r) => status === undefined || r.status === status)
      .map((r) => `${r.initiative_id}/${r.subject_type}/${r.subject_id}`),
  );
}

export async function timeBaseline(
  client: pg.Client,
  generated: GeneratedOrg,
  orgRuns: number,
  samples: number,
  seed: number,
): Promise<SqlTimings> {
  const names = Object.keys(QUERIES) as QueryName[];
  // JIT compilation costs more than it saves on these queries (70 ms of JIT on a 3 ms scoped query): off, as a
  // team tuning its baseline would set it.
  await client.query("set jit = off");
  // The default 4 MB of work_mem sends the whole-org recursive CTE's sorts and hashes to disk; a team running
  // these queries would give them memory.
  await client.query("set work_mem = '256MB'");
  // Whole org: one warm-up, then `orgRuns` timed runs of the three queries.
  const perQuery: Record<QueryName, number[]> = { brokenAssumption: [], watermelon: [], filteredRollup: [] };
  const totals: number[] = [];
  const findings = emptyFindings();
  const tick = progress("SQL baseline, whole org", orgRuns + 1, 0);
  for (let run = 0; run <= orgRuns; run++) {
    let total = 0;
    for (const name of names) {
      const t0 = performance.now();
      const { rows } = await client.query<Row>(QUERIES[name]("org"), [ORG_ID]);
      const ms = performance.now() - t0;
      total += ms;
      if (run > 0) perQuery[name].push(ms);
      if (run === 0) {
        if (name === "brokenAssumption") {
          findings.broken = keysOf(rows, "broken");
          findings.unverifiable = keysOf(rows, "unverifiable");
        } else if (name === "watermelon") findings.watermelon = keysOf(rows);
        else findings.filteredRollup = keysOf(rows);
      }
    }
    if (run > 0) totals.push(total);
    tick(run + 1, `${(total / 1000).toFixed(2)} s`);
  }

  // One initiative: prepared statements, as a service re-running its checks after a change would use.
  const rng = new Random(seed);
  const ids = generated.snapshots.map((s) => s.initiative.id);
  const warmup = Math.min(5, ids.length);
  const perQueryScoped: Record<QueryName, number[]> = {
    brokenAssumption: [],
    watermelon: [],
    filteredRollup: [],
  };
  const scopedTotals: number[] = [];
  let scopedConsistent = true;
  const tickScoped = progress("SQL baseline, one initiative at a time", samples + warmup);
  for (let i = 0; i < samples + warmup; i++) {
    const initiativeId = ids[rng.int(0, ids.length - 1)]!;
    let total = 0;
    for (const name of names) {
      const t0 = performance.now();
      const { rows } = await client.query<Row>({
        name: `bench_${name}`,
        text: QUERIES[name]("initiative"),
        values: [ORG_ID, initiativeId],
      });
      const ms = performance.now() - t0;
      total += ms;
      if (i >= warmup) perQueryScoped[name].push(ms);
      if (i === 0) {
        // The scoped query must find exactly what the whole-org query found for this initiative.
        const wanted =
          name === "brokenAssumption"
            ? [...findings.broken, ...findings.unverifiable]
            : name === "watermelon"
              ? [...findings.watermelon]
              : [...findings.filteredRollup];
        const expected = wanted.filter((k) => k.startsWith(`${initiativeId}/`)).length;
        if (expected !== rows.length) scopedConsistent = false;
      }
    }
    if (i >= warmup) scopedTotals.push(total);
    tickScoped(i + 1);
  }
  const orgMedian = Object.fromEntries(names.map((n) => [n, round(median(perQuery[n]), 1)])) as Record<
    QueryName,
    number
  >;
  const totalMedianMs = round(median(totals), 1);
  const scopedSummary = summarize(scopedTotals);
  const rerunVariant = scopedSummary.p50 < totalMedianMs ? "initiative" : "org";
  return {
    org: { runs: orgRuns, medianMs: orgMedian, totalMedianMs, runsMs: totals.map((t) => round(t, 1)) },
    initiative: {
      samples,
      perQueryP50Ms: Object.fromEntries(names.map((n) => [n, summarize(perQueryScoped[n]).p50])) as Record<
        QueryName,
        number
      >,
      totalMs: scopedSummary,
    },
    rerunMs: rerunVariant === "initiative" ? scopedSummary.p50 : totalMedianMs,
    rerunVariant,
    findings,
    scopedConsistent,
  };
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
