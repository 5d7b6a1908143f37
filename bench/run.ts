// `npm run bench`: generate an org at a named scale, evaluate it fully and incrementally, compare with plain SQL.
//
// Environment (all optional):
//   BENCH_SCALE          tiny | small | medium | enterprise (default enterprise)
//   BENCH_SEED           generator seed (default 42)
//   BENCH_CHANGES        measured incremental changes per kind (default 200)
//   BENCH_WARMUP         unmeasured warm-up changes per kind (default 20)
//   BENCH_PROFILE        number of initiatives to profile (default 50; 0 to skip)
//   BENCH_SQL            0 to skip the PostgreSQL baseline
//   BENCH_SQL_RUNS       timed whole-org runs of the three queries (default 3)
//   BENCH_SQL_SAMPLES    initiatives for the scoped queries (default 100)
//   BENCH_DATABASE_URL   default postgres://postgres@127.0.0.1:5432/plumbline_bench (dropped and recreated)
//   BENCH_ADMIN_URL      a database to connect to for drop/create (default …/test)
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import type { InitiativeSnapshot, StatusReport } from "../src/domain/model.ts";
import { CheckCompiler } from "../src/checks/check-compiler.ts";
import {
  benchDetectors,
  CHANGE_KINDS,
  emptyFindings,
  fullEvaluation,
  incrementalEvaluation,
  profileEvaluation,
  detectorName,
  type HotFunction,
  type Findings,
} from "./engine-bench.ts";
import { countOf, generate, PARSEABLE_CHECK, SCALES } from "./generate.ts";
import { writeFormatted, writePerformanceDoc } from "./report.ts";
import { connect, loadDatabase, recreateDatabase, timeBaseline } from "./sql-baseline.ts";
import { log, peakRssMb, progress, round, rssMb } from "./stats.ts";

const env = process.env;
const num = (name: string, fallback: number) => {
  const value = env[name];
  return value === undefined || value === "" ? fallback : Number(value);
};

const scaleName = env.BENCH_SCALE ?? "enterprise";
const scale = SCALES[scaleName];
if (!scale) {
  log(`unknown BENCH_SCALE ${scaleName}: use one of ${Object.keys(SCALES).join(", ")}`);
  process.exit(2);
}
const seed = num("BENCH_SEED", 42);
const changesPerKind = num("BENCH_CHANGES", 200);
const warmup = num("BENCH_WARMUP", 20);
const profileCount = num("BENCH_PROFILE", 50);
const withSql = env.BENCH_SQL !== "0";
const sqlRuns = num("BENCH_SQL_RUNS", 3);
const sqlSamples = num("BENCH_SQL_SAMPLES", 100);
const benchUrl = env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/plumbline_bench";
const adminUrl = env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const TARGETS = { fullEvaluationMs: 5_000, peakRssMb: 2_048, incrementalP99Ms: 5, speedupVsSql: 100 };

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const runStart = performance.now();
/** 1-, 5- and 15-minute load averages: above 2 on this machine means the cores were shared. */
const loadAverageAtStart = os.loadavg().map((l) => round(l, 2));
const phase = (name: string) =>
  log(`\n▶ ${name} (${((performance.now() - runStart) / 1000).toFixed(1)} s into the run)`);

// ── Generate ─────────────────────────────────────────────────────────────────────────────────────────────

phase(`generating the ${scale.name} org (seed ${seed})`);
const genStart = performance.now();
const tickGen = progress("initiatives generated", scale.initiatives);
const generated = generate(scale, seed, (done, total) =>
  tickGen(done, done === total ? "" : `rss ${rssMb()} MB`),
);
const generationMs = round(performance.now() - genStart, 1);
const counts = countOf(generated);
log(`  generated in ${(generationMs / 1000).toFixed(1)} s; rss ${rssMb()} MB`);
log(`  ${JSON.stringify(counts)}`);
const rssAfterGenerationMb = rssMb();

// ── Full evaluation ──────────────────────────────────────────────────────────────────────────────────────

const { detectors, wired, added } = benchDetectors();
log(
  `  detectors: ${wired.join(", ")}${added.length > 0 ? ` (+ ${added.join(", ")}, not yet in DETECTORS, run by the benchmark)` : ""}`,
);

phase("full evaluation, cold (a fresh CheckCompiler: every check compiled once)");
const checks = new CheckCompiler();
const engineFindings = emptyFindings();
const cold = fullEvaluation("cold", generated, detectors, checks, engineFindings);
log(`  cold: ${(cold.wallMs / 1000).toFixed(2)} s, ${cold.signals} signals, peak rss ${cold.peakRssMb} MB`);
log(`  per detector (ms): ${JSON.stringify(cold.detectorMs)}`);

let profile: Awaited<ReturnType<typeof profileEvaluation>> | null = null;
if (profileCount > 0) {
  phase(
    `profiling the evaluation of ${Math.min(profileCount, generated.snapshots.length)} initiatives (V8 sampling profiler)`,
  );
  profile = await profileEvaluation(generated.snapshots.slice(0, profileCount), detectors, checks);
  for (const hot of profile.hot.slice(0, 10)) log(`  ${hot.selfPct}% ${hot.function} ${hot.location}`);
}

// The costliest detectors one at a time, so each one's hot functions can be named.
const perDetectorProfiles: Array<{ detector: string; coldMs: number; hot: HotFunction[] }> = [];
if (profileCount > 0) {
  const costliest = [...detectors]
    .sort((a, b) => (cold.detectorMs[detectorName(b)] ?? 0) - (cold.detectorMs[detectorName(a)] ?? 0))
    .slice(0, 4);
  const sample = generated.snapshots.slice(0, Math.max(1, Math.floor(profileCount / 2)));
  for (const detector of costliest) {
    const name = detectorName(detector);
    const { hot } = await profileEvaluation(sample, [detector], checks, 8);
    perDetectorProfiles.push({ detector: name, coldMs: cold.detectorMs[name] ?? 0, hot });
    log(
      `  ${name}: ${hot
        .slice(0, 4)
        .map((h) => `${h.function} ${h.selfPct}%`)
        .join(", ")}`,
    );
  }
}

// ── Incremental ──────────────────────────────────────────────────────────────────────────────────────────

phase(
  `incremental evaluation: ${changesPerKind} changes of each kind (${CHANGE_KINDS.join(", ")}) + ${warmup} warm-up each`,
);
const incremental = incrementalEvaluation(generated, detectors, checks, changesPerKind, warmup, seed + 1);
const warm = incremental.warmEvaluation;
log(
  `  warm full evaluation (building the evaluators): ${(warm.wallMs / 1000).toFixed(2)} s; per detector (ms): ${JSON.stringify(warm.detectorMs)}`,
);
for (const kind of CHANGE_KINDS) {
  const k = incremental.byKind[kind];
  log(
    `  ${kind}: p50 ${k.latencyMs.p50} ms, p99 ${k.latencyMs.p99} ms (re-runs ${k.detectorsRerun.join(", ") || "nothing"})`,
  );
}

// ── SQL baseline ─────────────────────────────────────────────────────────────────────────────────────────

let sql: {
  serverVersion: string;
  load: Awaited<ReturnType<typeof loadDatabase>>;
  timings: Omit<Awaited<ReturnType<typeof timeBaseline>>, "findings">;
} | null = null;
let sqlFindings: Findings | null = null;
let sqlError: string | null = null;
if (withSql) {
  try {
    phase(
      `PostgreSQL baseline: recreating ${new URL(benchUrl).pathname.slice(1)} and running the migrations`,
    );
    const { version } = await recreateDatabase(adminUrl, benchUrl);
    const client = await connect(benchUrl);
    try {
      phase("loading the data the three queries read (COPY; not counted in any timing)");
      const load = await loadDatabase(client, generated);
      log(
        `  loaded in ${(load.loadMs / 1000).toFixed(1)} s; index ${(load.indexMs / 1000).toFixed(1)} s; analyze ${(load.analyzeMs / 1000).toFixed(1)} s`,
      );
      phase("timing the three queries");
      const { findings, ...timings } = await timeBaseline(
        client,
        generated,
        sqlRuns,
        Math.min(sqlSamples, generated.snapshots.length * 5),
        seed + 2,
      );
      sqlFindings = findings;
      sql = { serverVersion: version, load, timings };
      log(`  whole org: ${timings.org.totalMedianMs} ms (${JSON.stringify(timings.org.medianMs)})`);
      log(
        `  one initiative: p50 ${timings.initiative.totalMs.p50} ms (${JSON.stringify(timings.initiative.perQueryP50Ms)})`,
      );
    } finally {
      await client.end();
    }
  } catch (error) {
    sqlError = error instanceof Error ? error.message : String(error);
    log(`  SQL baseline failed: ${sqlError}`);
  }
}

// ── Comparing findings ───────────────────────────────────────────────────────────────────────────────────

const byInitiative = new Map(generated.snapshots.map((s) => [s.initiative.id, s]));
function lookupReport(key: string): { snapshot: InitiativeSnapshot; report: StatusReport } | null {
  const [initiativeId, , reportId] = key.split("/");
  const snapshot = byInitiative.get(initiativeId ?? "");
  const report = snapshot?.reports.find((r) => r.id === reportId);
  return snapshot && report ? { snapshot, report } : null;
}
function lookupLinkCheck(key: string): string | null {
  const [initiativeId, , linkId] = key.split("/");
  return byInitiative.get(initiativeId ?? "")?.links.find((l) => l.id === linkId)?.check ?? null;
}

interface Comparison {
  engine: number;
  sql: number;
  both: number;
  engineOnly: number;
  sqlOnly: number;
  /** Why the sets differ, counted. */
  breakdown: Record<string, number>;
  examples: { engineOnly: string[]; sqlOnly: string[] };
}

function compare(
  engine: Set<string>,
  base: Set<string>,
  classify: (key: string, side: "engine" | "sql") => string,
): Comparison {
  const engineOnly = [...engine].filter((k) => !base.has(k));
  const sqlOnly = [...base].filter((k) => !engine.has(k));
  const breakdown: Record<string, number> = {};
  for (const k of engineOnly) {
    const why = `engine only: ${classify(k, "engine")}`;
    breakdown[why] = (breakdown[why] ?? 0) + 1;
  }
  for (const k of sqlOnly) {
    const why = `SQL only: ${classify(k, "sql")}`;
    breakdown[why] = (breakdown[why] ?? 0) + 1;
  }
  return {
    engine: engine.size,
    sql: base.size,
    both: engine.size - engineOnly.length,
    engineOnly: engineOnly.length,
    sqlOnly: sqlOnly.length,
    breakdown,
    examples: { engineOnly: engineOnly.slice(0, 5), sqlOnly: sqlOnly.slice(0, 5) },
  };
}

let comparison: Record<string, Comparison> | null = null;
if (sqlFindings) {
  const checkForm = (key: string) => {
    const check = lookupLinkCheck(key);
    return check && PARSEABLE_CHECK.test(check)
      ? "a fact-comparison check"
      : `a check outside the SQL's form (${check ?? "none"})`.replace(/\d+/g, "N");
  };
  // Commitments the engine found broken through a check the SQL does not evaluate (one that reads metrics).
  const brokenOutsideSql = new Set<string>();
  for (const key of engineFindings.broken) {
    const check = lookupLinkCheck(key);
    if (!check || PARSEABLE_CHECK.test(check)) continue;
    const [initiativeId, , linkId] = key.split("/");
    const snapshot = byInitiative.get(initiativeId ?? "");
    const link = snapshot?.links.find((l) => l.id === linkId);
    if (!snapshot || !link) continue;
    for (const id of [link.fromId, link.toId]) {
      const commitment = snapshot.commitments.find((c) => c.id === id);
      brokenOutsideSql.add(`${initiativeId}/commitment/${id}`);
      if (commitment) brokenOutsideSql.add(`${initiativeId}/team/${commitment.teamId}`);
    }
  }
  const subjectType = (key: string) => {
    const type = key.split("/")[1];
    if (brokenOutsideSql.has(key))
      return `${type} subject off track through a broken check that reads metrics`;
    return type === "initiative"
      ? "initiative subject (outcome forecasts, warning signs, assumptions, milestones: not in the SQL)"
      : `${type} subject`;
  };
  const rollup = (key: string) => {
    const found = lookupReport(key);
    if (!found) return "report not found";
    if (found.report.cites.length === 0)
      return "a report without cites (engine infers what it summarises from reporting lines)";
    return `a report with cites on ${found.report.subject.type === "initiative" ? "the initiative" : `a ${found.report.subject.type}`}, beneath which a report without cites`;
  };
  comparison = {
    "broken-assumption": compare(engineFindings.broken, sqlFindings.broken, checkForm),
    "unverifiable-assumption": compare(engineFindings.unverifiable, sqlFindings.unverifiable, checkForm),
    watermelon: compare(engineFindings.watermelon, sqlFindings.watermelon, subjectType),
    "filtered-rollup": compare(engineFindings.filteredRollup, sqlFindings.filteredRollup, rollup),
  };
}

// ── Targets ──────────────────────────────────────────────────────────────────────────────────────────────

const worstP99 = Math.max(...CHANGE_KINDS.map((k) => incremental.byKind[k].latencyMs.p99));
const ratios = sql
  ? Object.fromEntries(
      CHANGE_KINDS.map((k) => [
        k,
        round(sql!.timings.rerunMs / Math.max(incremental.byKind[k].latencyMs.p50, 1e-6), 1),
      ]),
    )
  : null;
const ratiosVsOrg = sql
  ? Object.fromEntries(
      CHANGE_KINDS.map((k) => [
        k,
        round(sql!.timings.org.totalMedianMs / Math.max(incremental.byKind[k].latencyMs.p50, 1e-6), 1),
      ]),
    )
  : null;
const worstRatio = ratios ? Math.min(...Object.values(ratios)) : null;
const overallRatio = sql ? round(sql.timings.rerunMs / Math.max(incremental.all.p50, 1e-6), 1) : null;
const targets = {
  fullEvaluation: {
    target: `≤ ${TARGETS.fullEvaluationMs} ms`,
    measuredMs: cold.wallMs,
    warmMs: warm.wallMs,
    met: cold.wallMs <= TARGETS.fullEvaluationMs,
  },
  peakRss: {
    target: `≤ ${TARGETS.peakRssMb} MB`,
    measuredMb: cold.peakRssMb,
    met: cold.peakRssMb <= TARGETS.peakRssMb,
  },
  incrementalP99: {
    target: `≤ ${TARGETS.incrementalP99Ms} ms for every kind of change`,
    byKindMs: Object.fromEntries(CHANGE_KINDS.map((k) => [k, incremental.byKind[k].latencyMs.p99])),
    worstMs: worstP99,
    met: worstP99 <= TARGETS.incrementalP99Ms,
  },
  speedupVsSql: {
    target: `≥ ${TARGETS.speedupVsSql}× for every kind of change (SQL re-run ÷ incremental p50)`,
    sqlRerunMs: sql?.timings.rerunMs ?? null,
    sqlRerunVariant: sql?.timings.rerunVariant ?? null,
    byKind: ratios,
    /** The same ratio against re-running the three queries over the whole org (the slower baseline). */
    byKindVsWholeOrg: ratiosVsOrg,
    worst: worstRatio,
    overall: overallRatio,
    met: worstRatio === null ? null : worstRatio >= TARGETS.speedupVsSql,
  },
};

// ── Results ──────────────────────────────────────────────────────────────────────────────────────────────

const cpus = os.cpus();
const results = {
  generatedAt: new Date().toISOString(),
  machine: {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    postgres: sql?.serverVersion ?? null,
  },
  scale,
  seed,
  counts,
  detectors: { wiredInDETECTORS: wired, addedByBenchmark: added },
  generation: { ms: generationMs, rssAfterMb: rssAfterGenerationMb },
  fullEvaluation: { cold, warm },
  profile,
  perDetectorProfiles,
  incremental,
  sql: sql ?? (sqlError ? { error: sqlError } : null),
  comparison,
  targets,
  totalRunMs: round(performance.now() - runStart, 0),
  peakRssEndMb: peakRssMb(),
};

const resultsPath = here("./results.json");
const scalePath = here(`./results-${scale.name}.json`);
// Keep the headline numbers of earlier runs at this scale, so repeated runs show their spread.
const previous = existsSync(scalePath)
  ? (JSON.parse(readFileSync(scalePath, "utf8")) as { history?: unknown[] })
  : null;
const headline = {
  generatedAt: results.generatedAt,
  fullEvaluationColdMs: cold.wallMs,
  fullEvaluationWarmMs: warm.wallMs,
  peakRssMb: cold.peakRssMb,
  incrementalP99Ms: targets.incrementalP99.byKindMs,
  incrementalP50Ms: Object.fromEntries(CHANGE_KINDS.map((k) => [k, incremental.byKind[k].latencyMs.p50])),
  sqlRerunMs: sql?.timings.rerunMs ?? null,
  sqlOrgMs: sql?.timings.org.totalMedianMs ?? null,
};
const withHistory = {
  ...results,
  history: [...((previous?.history as unknown[]) ?? []), headline].slice(-5),
};
const json = JSON.stringify(withHistory, null, 2);
await writeFormatted(resultsPath, json);
await writeFormatted(scalePath, json);

// docs/performance.md summarises the largest scale measured (and lists the others).
await writePerformanceDoc();

phase("done");
log(`  wrote bench/results.json, bench/results-${scale.name}.json and docs/performance.md`);
log(
  `  full evaluation ${cold.wallMs} ms (target ${TARGETS.fullEvaluationMs}) · peak rss ${cold.peakRssMb} MB · ` +
    `worst incremental p99 ${worstP99} ms · worst speed-up ${worstRatio ?? "n/a"}×`,
);
