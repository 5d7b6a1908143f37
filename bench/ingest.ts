// `npm run bench:ingest` (and the last part of `npm run bench`): bulk metric points through the HTTP route,
// in-process, on PGlite and PostgreSQL: a CSV of BENCH_INGEST_POINTS new points, the same CSV again (all
// unchanged), and the points as JSON lines from another source. Measured, never asserted.
//
// Environment (all optional):
//   BENCH_BACKENDS         pglite,postgres (default both)
//   BENCH_INGEST_POINTS    points per ingest (default 100000)
//   BENCH_ADMIN_URL        a PostgreSQL database to create the benchmark's database from (default …/test)
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { parse } from "yaml";
import { CheckCompiler } from "../src/checks/check-compiler.ts";
import { createApp } from "../src/server/create-app.ts";
import { openStore, type Store } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/org-repository.ts";
import { importInitiative } from "../src/use-cases/import-initiative.ts";
import { createToken } from "../src/use-cases/manage-tokens.ts";
import type { Services } from "../src/use-cases/services.ts";
import { log, peakRssMb, round } from "./stats.ts";

const env = process.env;
const BACKENDS = (env.BENCH_BACKENDS ?? "pglite,postgres").split(",").filter(Boolean) as Array<
  "pglite" | "postgres"
>;
const POINTS = Number(env.BENCH_INGEST_POINTS ?? 100_000);
const ADMIN_URL = env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const INITIATIVE = "orbit-self-serve-launch";
const NOW = new Date("2026-02-10T12:00:00Z");

/** N points over the Orbit file's two metrics, one a day each, going back from 2026-02-09. */
function rowsOf(n: number): Array<[string, string, number]> {
  const rows: Array<[string, string, number]> = [];
  const start = Date.UTC(2026, 1, 9);
  for (let i = 0; i < n; i += 1) {
    const metric = i % 2 === 0 ? "weekly_activations" : "support_backlog";
    const day = new Date(start - Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10);
    rows.push([metric, day, Math.round(((i * 7919) % 10_000) * 1.5) / 10]);
  }
  return rows;
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + 64 * 1024));
      at += 64 * 1024;
    },
  });
}

async function openBackend(kind: "pglite" | "postgres"): Promise<{ store: Store; cleanup: () => void }> {
  if (kind === "pglite") {
    const dir = mkdtempSync(join(os.tmpdir(), "plumbline-bench-ingest-"));
    const store = await openStore({ kind: "pglite", dataDir: dir });
    return { store, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query("drop database if exists plumbline_bench_ingest with (force)");
  await admin.query("create database plumbline_bench_ingest");
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = "/plumbline_bench_ingest";
  return {
    store: await openStore({ kind: "postgres", url: url.toString(), poolSize: 4 }),
    cleanup: () => {},
  };
}

interface Run {
  name: string;
  bytes: number;
  ms: number;
  pointsPerSecond: number;
  summary: Record<string, unknown>;
}

async function runBackend(kind: "pglite" | "postgres") {
  log(`\n▶ ${kind}: ${POINTS} points`);
  const { store, cleanup } = await openBackend(kind);
  const services: Services = {
    store,
    clock: () => NOW,
    checks: new CheckCompiler(),
    auditKey: randomBytes(32),
  };
  try {
    await ensureOrg(store.db, "bench", "Benchmark org");
    await importInitiative(
      services,
      "bench",
      parse(readFileSync(here("../examples/orbit-launch.yaml"), "utf8")),
    );
    const token = (
      await createToken(services, { orgId: "bench", name: "bench", role: "admin", expiresInDays: 1 })
    ).secret;
    const app = createApp(services);
    const rows = rowsOf(POINTS);
    const csv = `metric,date,value,source\n${rows.map(([m, d, v]) => `${m},${d},${v},warehouse`).join("\n")}\n`;
    const ndjson = `${rows.map(([m, d, v]) => JSON.stringify({ metric: m, date: d, value: v, source: "api" })).join("\n")}\n`;
    const runs: Run[] = [];
    for (const [name, body, type] of [
      ["CSV, every point new", csv, "text/csv"],
      ["the same CSV again, every point unchanged", csv, "text/csv"],
      ["JSON lines from another source, every point new", ndjson, "application/x-ndjson"],
    ] as const) {
      const started = performance.now();
      const response = await app.request(`/api/v1/initiatives/${INITIATIVE}/metric-points`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": type },
        body: streamOf(body),
        duplex: "half",
      } as RequestInit);
      const summary = (await response.json()) as Record<string, unknown>;
      const ms = performance.now() - started;
      if (response.status !== 200) throw new Error(`${name}: ${response.status} ${JSON.stringify(summary)}`);
      const { errors: _errors, ...counts } = summary;
      runs.push({
        name,
        bytes: Buffer.byteLength(body),
        ms: round(ms, 1),
        pointsPerSecond: Math.round(POINTS / (ms / 1000)),
        summary: counts,
      });
      log(
        `  ${name}: ${round(ms, 1)} ms (${Math.round(POINTS / (ms / 1000))} points/s) ${JSON.stringify(counts)}`,
      );
    }
    return { backend: kind, points: POINTS, runs, peakRssMb: peakRssMb() };
  } finally {
    await store.close();
    cleanup();
  }
}

const results = [];
for (const backend of BACKENDS) results.push(await runBackend(backend));
const at = new Date().toISOString().slice(0, 10);
const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"}), Node ${process.version}, load ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(" / ")}`;
writeFileSync(here("./results-ingest.json"), `${JSON.stringify({ at, machine, results }, null, 2)}\n`);

const table = [
  "| backend | ingest | bytes | time | points/s | written / unchanged |",
  "| --- | --- | --- | --- | --- | --- |",
  ...results.flatMap((r) =>
    r.runs.map(
      (run) =>
        `| ${r.backend} | ${run.name} | ${(run.bytes / 1024 / 1024).toFixed(1)} MiB | ${(run.ms / 1000).toFixed(2)} s | ${run.pointsPerSecond.toLocaleString("en")} | ${String(run.summary.written)} / ${String(run.summary.unchanged)} |`,
    ),
  ),
];
const NOTE =
  "The first ingest on PGlite pays for its first writes into a fresh database (the same points as JSON lines from another source take half the time). Peak RSS is the whole process's: PGlite's heap on one side, and on both the benchmark's own copies of the bodies and their 100,000 generated rows, which it builds before posting; the route itself reads the body in chunks and stages rows 2,000 at a time. A load above 2 means other work was competing for the two cores.";
const section = [
  "<!-- ingest:start (written by bench/ingest.ts) -->",
  "",
  "## Bulk metric points",
  "",
  `Measured by \`npm run bench:ingest\` on ${at}: ${POINTS.toLocaleString("en")} points through \`POST …/metric-points\` (in-process, the body streamed in 64 KiB chunks), on ${machine}. Peak RSS of the process: ${results.map((r) => `${r.backend} ${r.peakRssMb} MB`).join(", ")}. Raw numbers in \`bench/results-ingest.json\`.`,
  "",
  ...table,
  "",
  NOTE,
  "",
  "<!-- ingest:end -->",
].join("\n");
const docPath = here("../docs/performance.md");
const doc = readFileSync(docPath, "utf8");
const marked = /<!-- ingest:start[\s\S]*?<!-- ingest:end -->/;
writeFileSync(docPath, marked.test(doc) ? doc.replace(marked, section) : `${doc.trimEnd()}\n\n${section}\n`);
log(`\nWrote bench/results-ingest.json and docs/performance.md`);
