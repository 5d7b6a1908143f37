// `npm run bench:product` (and the second half of `npm run bench`): the product's own path, measured as a
// user meets it — HTTP requests to a running server, the store, evaluation after commit, the live stream —
// on PGlite and on PostgreSQL, on initiatives of several sizes whose requests run interleaved in one run.
//
// Environment (all optional):
//   BENCH_BACKENDS         pglite,postgres (default both)
//   BENCH_SIZES            commitments per initiative, smallest first (default 10,500,5000; reports are 10×)
//   BENCH_PGLITE_SIZES     the same on PGlite (default 10,500)
//   BENCH_WRITES           measured writes per kind and size (default 200; 20 more warm up)
//   BENCH_STREAM_WRITES    writes timed from acknowledgement to their signals on the stream (default 100)
//   BENCH_CLIENTS          concurrent clients for throughput and the radiator (default 50)
//   BENCH_SECONDS          seconds each concurrent phase runs (default 10)
//   BENCH_RADIATOR         initiatives (enterprise shape: 50 commitments) for the radiator read (default 1000)
//   BENCH_ADMIN_URL        a PostgreSQL database to create the benchmark's database from (default …/test)
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import pg from "pg";
import * as prettier from "prettier";
import { CheckCompiler } from "../src/checks/check-compiler.ts";
import { EventHub } from "../src/events/event-hub.ts";
import { createApp } from "../src/server/create-app.ts";
import { pendingEvaluations } from "../src/store/evaluation-repository.ts";
import { saveNewInitiative } from "../src/store/initiative-repository.ts";
import { openStore, type Store } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/org-repository.ts";
import { startEvaluatorWorker, type RunningEvaluation } from "../src/cli/evaluator-worker.ts";
import { Evaluator } from "../src/use-cases/evaluation/evaluator.ts";
import { createToken } from "../src/use-cases/manage-tokens.ts";
import type { Services } from "../src/use-cases/services.ts";
import type { LoadPlan, LoadResult } from "./load-clients.ts";
import { generateInitiative, generateOrg, initiativeShape, Random, TODAY, type Scale } from "./generate.ts";
import { log, peakRssMb, round, summarize, type Summary } from "./stats.ts";

const env = process.env;
const list = (name: string, fallback: string) => (env[name] ?? fallback).split(",").filter(Boolean);
const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const BACKENDS = list("BENCH_BACKENDS", "pglite,postgres") as Array<"pglite" | "postgres">;
const SIZES = list("BENCH_SIZES", "10,500,5000").map(Number);
/**
 * PGlite's database lives in the serving thread, and so does its evaluator: a 5,000-commitment initiative's
 * evaluation holds every request up for seconds there (see docs/performance.md), so it is measured smaller.
 */
const PGLITE_SIZES = list("BENCH_PGLITE_SIZES", "10,500").map(Number);
const WRITES = num("BENCH_WRITES", 200);
const WARMUP = 20;
const STREAM_WRITES = num("BENCH_STREAM_WRITES", 100);
const CLIENTS = num("BENCH_CLIENTS", 50);
const SECONDS = num("BENCH_SECONDS", 10);
const RADIATOR = num("BENCH_RADIATOR", 1000);
const ADMIN_URL = env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const ORG = "bench";
/** The generator writes its data as of TODAY; the server's clock says the same. */
const NOW = new Date(`${TODAY}T12:00:00Z`);

const TARGETS = {
  writeP99Ms: 15,
  largeOverSmall: 1.5,
  writesPerSecond: 500,
  ackToStreamP99Ms: 250,
  radiatorP99Ms: 50,
};

// ── Data ─────────────────────────────────────────────────────────────────────────────────────────────────

interface Seeded {
  id: string;
  commitments: number;
  reports: number;
  /** A commitment and a person who may report on it; a metric; a gate role's holder. */
  subject: string;
  author: string;
  metric: string;
  gate: string;
  voter: string;
}

async function seed(services: Services, scale: Scale, index: number, id: string): Promise<Seeded> {
  const rng = new Random(1_000 + index);
  const org = generateOrg(scale, rng);
  const { snapshot } = generateInitiative(index, scale, org, rng);
  snapshot.initiative = { ...snapshot.initiative, id, name: `${id} (${scale.commitments} commitments)` };
  // The benchmark posts as of the generator's day: the initiative has no day of its own.
  snapshot.initiative.asOf = null;
  await services.store.db.transaction((tx) => saveNewInitiative(tx as never, ORG, snapshot));
  const active = new Set(snapshot.people.filter((p) => p.leftOn === null).map((p) => p.id));
  const gate = snapshot.gates.find((g) => g.authorities.some((a) => active.has(a.personId)));
  return {
    id,
    commitments: snapshot.commitments.length,
    reports: snapshot.reports.length,
    subject: snapshot.commitments[0]!.id,
    author: [...active][0]!,
    metric: snapshot.metrics[0]!.id,
    gate: gate?.id ?? "",
    voter: gate?.authorities.find((a) => active.has(a.personId))?.personId ?? "",
  };
}

// ── The server ───────────────────────────────────────────────────────────────────────────────────────────

interface Running {
  url: string;
  /** Stops serving and evaluating; resolves with the evaluator's counts. */
  close(): Promise<{ incremental: number; full: number }>;
}

/** The server as `plumb serve` runs it: on PostgreSQL the evaluator in a worker thread, on PGlite beside it. */
async function start(services: Services, databaseUrl: string | null): Promise<Running> {
  const hub = new EventHub(services.store);
  await hub.start();
  let evaluation: RunningEvaluation;
  if (databaseUrl) {
    evaluation = await startEvaluatorWorker(
      { url: databaseUrl, fixedNow: NOW.toISOString(), auditKey: "00".repeat(32) },
      (message) => log(`  ${message}`),
    );
  } else {
    const evaluator = new Evaluator(services, {
      onError: (error) => log(`  evaluation failed: ${String(error)}`),
    });
    await evaluator.start();
    evaluation = {
      async stop() {
        await evaluator.stop();
        return evaluator.stats;
      },
    };
  }
  const app = createApp(services, { hub });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      const stats = await evaluation.stop();
      await hub.close();
      return stats;
    },
  };
}

async function settled(store: Store): Promise<void> {
  while ((await pendingEvaluations(store.db, ORG)) > 0) await new Promise((r) => setTimeout(r, 100));
}

interface Timed {
  status: number;
  clientMs: number;
  serverMs: number;
  body: unknown;
}

async function request(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const clientMs = performance.now() - started;
  const timing = /dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "");
  return {
    status: response.status,
    clientMs,
    serverMs: timing ? Number(timing[1]) : Number.NaN,
    body: text.startsWith("{") ? JSON.parse(text) : text,
  };
}

// ── The writes ───────────────────────────────────────────────────────────────────────────────────────────

type Kind = "report" | "point" | "vote";
const KINDS: Kind[] = ["report", "point", "vote"];

function write(kind: Kind, target: Seeded, i: number): [string, string, unknown] {
  const base = `/api/v1/initiatives/${target.id}`;
  if (kind === "report") {
    return [
      "POST",
      `${base}/reports`,
      {
        subject: target.subject,
        by: target.author,
        date: TODAY,
        health: (["on_track", "at_risk", "off_track"] as const)[i % 3],
        // Needed whenever the call is greener than the evidence on the subject, which it often is here.
        greener_reason: "The load test's numbers are from staging; production is ahead of them",
      },
    ];
  }
  if (kind === "point")
    return ["POST", `${base}/metrics/${target.metric}/points`, { points: [[TODAY, 100 + (i % 50)]] }];
  return [
    "POST",
    `${base}/gates/${target.gate}/votes`,
    i % 2 ? { vote: "go" } : { vote: "no_go", reason: "The load test failed again" },
  ];
}

interface WriteResult {
  kind: Kind;
  commitments: number;
  reports: number;
  serverMs: Summary;
  clientMs: Summary;
}

/** Every kind on every size, one request at a time, interleaved so that each size sees the same machine. */
async function timeWrites(
  running: Running,
  tokens: { automation: string; voters: Map<string, string> },
  targets: Seeded[],
): Promise<WriteResult[]> {
  const samples = new Map<string, { server: number[]; client: number[] }>();
  for (let i = 0; i < WARMUP + WRITES; i++) {
    if (i > 0 && i % 25 === 0) log(`    … ${i} of ${WARMUP + WRITES} rounds`);
    for (const kind of KINDS) {
      for (const target of targets) {
        const token = kind === "vote" ? tokens.voters.get(target.id)! : tokens.automation;
        const [method, path, body] = write(kind, target, i);
        const res = await request(running.url, token, method, path, body);
        if (res.status >= 300)
          throw new Error(`${kind} on ${target.id}: ${res.status} ${JSON.stringify(res.body)}`);
        if (i < WARMUP) continue;
        const key = `${kind}/${target.id}`;
        const entry = samples.get(key) ?? { server: [], client: [] };
        entry.server.push(res.serverMs);
        entry.client.push(res.clientMs);
        samples.set(key, entry);
      }
    }
  }
  return KINDS.flatMap((kind) =>
    targets.map((target) => {
      const { server, client } = samples.get(`${kind}/${target.id}`)!;
      return {
        kind,
        commitments: target.commitments,
        reports: target.reports,
        serverMs: summarize(server),
        clientMs: summarize(client),
      };
    }),
  );
}

/**
 * From a write's acknowledgement to the signals of its version on the live stream: the report's change event
 * (on the stream too) says which version it made, and the wait ends with the evaluation of that version.
 */
async function timeAckToStream(running: Running, token: string, target: Seeded): Promise<Summary> {
  const controller = new AbortController();
  const response = await fetch(`${running.url}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let evaluatedVersion = 0;
  const versionOfReport = new Map<string, number>();
  const waiters: Array<{ report: string; resolve: () => void }> = [];
  const settle = () => {
    for (const w of waiters.splice(0)) {
      const version = versionOfReport.get(w.report);
      if (version !== undefined && version <= evaluatedVersion) w.resolve();
      else waiters.push(w);
    }
  };
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(chunk)?.[1];
          const id = Number(/^id: (.*)$/m.exec(chunk)?.[1] ?? 0);
          const data = JSON.parse(/^data: (.*)$/m.exec(chunk)?.[1] ?? "{}") as {
            initiative?: string;
            id?: string;
            version?: number;
          };
          if (data.initiative !== target.id) continue;
          if (type === "initiative.changed" && typeof data.id === "string") versionOfReport.set(data.id, id);
          else if (type === "signals.changed")
            evaluatedVersion = Math.max(evaluatedVersion, Number(data.version ?? 0));
          settle();
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  const latencies: number[] = [];
  for (let i = 0; i < STREAM_WRITES; i++) {
    const [method, path, body] = write("report", target, i);
    const res = await request(running.url, token, method, path, body);
    const acknowledged = performance.now();
    if (res.status !== 201) throw new Error(`report: ${res.status}`);
    const report = (res.body as { id: string }).id;
    await new Promise<void>((resolve) => {
      waiters.push({ report, resolve });
      settle();
    });
    latencies.push(performance.now() - acknowledged);
  }
  controller.abort();
  return summarize(latencies);
}

/**
 * `CLIENTS` at once, each sending the next of `requests` until the time is up: what was acknowledged, and how
 * fast. The clients run in a process of their own (`load-clients.ts`), so that the server's event loop and
 * their own do not share a thread and their latencies measure the server.
 */
async function concurrently(
  running: Running,
  token: string,
  requests: LoadPlan["requests"],
): Promise<Omit<LoadResult, "firstFailure">> {
  const plan: LoadPlan = { url: running.url, token, clients: CLIENTS, seconds: SECONDS, requests };
  const child = spawn(
    process.execPath,
    ["--import", "tsx", here("./load-clients.ts"), JSON.stringify(plan)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`the load clients exited with ${code}`);
  const { firstFailure, ...result } = JSON.parse(out) as LoadResult;
  if (firstFailure) log(`    first refusal: ${firstFailure}`);
  return result;
}

// ── One backend ──────────────────────────────────────────────────────────────────────────────────────────

async function openBackend(
  kind: "pglite" | "postgres",
): Promise<{ store: Store; url: string | null; cleanup: () => Promise<void> }> {
  if (kind === "pglite") {
    const dir = mkdtempSync(join(os.tmpdir(), "plumbline-bench-"));
    const store = await openStore({ kind: "pglite", dataDir: dir });
    return { store, url: null, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query("drop database if exists plumbline_bench_product with (force)");
  await admin.query("create database plumbline_bench_product");
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = "/plumbline_bench_product";
  const store = await openStore({ kind: "postgres", url: url.toString(), poolSize: 20 });
  return { store, url: url.toString(), cleanup: async () => undefined };
}

async function runBackend(kind: "pglite" | "postgres") {
  log(`\n▶ ${kind}`);
  const { store, url, cleanup } = await openBackend(kind);
  const services: Services = {
    store,
    clock: () => NOW,
    checks: new CheckCompiler(),
    auditKey: randomBytes(32),
  };
  try {
    await ensureOrg(store.db, ORG, "Benchmark org");
    const seedStart = performance.now();
    const targets: Seeded[] = [];
    const sizes = kind === "pglite" ? PGLITE_SIZES : SIZES;
    for (const [i, size] of sizes.entries())
      targets.push(await seed(services, initiativeShape(size), i, `size-${size}`));
    log(
      `  seeded ${targets.map((t) => `${t.commitments} commitments / ${t.reports} reports`).join(", ")} in ${round((performance.now() - seedStart) / 1000, 1)} s`,
    );
    const automation = (
      await createToken(services, { orgId: ORG, name: "bench", role: "admin", expiresInDays: 1 })
    ).secret;
    const voters = new Map<string, string>();
    for (const t of targets) {
      const token = await createToken(services, {
        orgId: ORG,
        name: `voter ${t.id}`,
        role: "lead",
        personId: t.voter,
        expiresInDays: 1,
      });
      voters.set(t.id, token.secret);
    }
    const running = await start(services, url);
    let measured;
    try {
      const evalStart = performance.now();
      await settled(store);
      log(`  first evaluation of every initiative: ${round((performance.now() - evalStart) / 1000, 2)} s`);

      log(`  writes: ${WRITES} of each kind per size, interleaved, one at a time`);
      const writes = await timeWrites(running, { automation, voters }, targets);
      for (const w of writes)
        log(
          `    ${w.kind} on ${w.commitments}: server p50 ${w.serverMs.p50} ms, p99 ${w.serverMs.p99} ms (client p99 ${w.clientMs.p99} ms)`,
        );
      await settled(store);

      const largest = targets.at(-1)!;
      const smallest = targets[0]!;
      log(`  acknowledgement → signals on the live stream (${STREAM_WRITES} reports each)`);
      const stream = {
        small: await timeAckToStream(running, automation, smallest),
        large: await timeAckToStream(running, automation, largest),
      };
      log(
        `    ${smallest.commitments}: p50 ${stream.small.p50} ms, p99 ${stream.small.p99} ms; ${largest.commitments}: p50 ${stream.large.p50} ms, p99 ${stream.large.p99} ms`,
      );
      await settled(store);

      log(
        `  throughput: ${CLIENTS} clients posting reports to the ${largest.commitments}-commitment initiative for ${SECONDS} s`,
      );
      // The benchmark's own count, not the product's.
      const countReports = async () =>
        Number(
          (
            (await store.db.execute(
              sql`select count(*)::int as n from status_reports where org_id = ${ORG} and initiative_id = ${largest.id}`,
            )) as unknown as { rows: Array<{ n: number }> }
          ).rows[0]!.n,
        );
      const before = await countReports();
      const throughput = await concurrently(
        running,
        automation,
        [0, 1, 2].map((i) => {
          const [method, path, body] = write("report", largest, i);
          return { method, path, body };
        }),
      );
      const present = (await countReports()) - before;
      log(
        `    ${throughput.perSecond} writes/s acknowledged (${throughput.ok} ok, ${throughput.failed} failed); ${present} present afterwards; server p99 ${throughput.serverMs.p99} ms`,
      );
      await settled(store);

      log(`  radiator: seeding ${RADIATOR} initiatives of 50 commitments`);
      const radiatorStart = performance.now();
      const shape = initiativeShape(50);
      for (let i = 0; i < RADIATOR; i++)
        await seed(services, shape, 100 + i, `r-${String(i).padStart(4, "0")}`);
      await settled(store);
      log(`    seeded and evaluated in ${round((performance.now() - radiatorStart) / 1000, 1)} s`);
      // Built once before the readers come, as a wall's first screen does; each change builds it again once.
      await request(running.url, automation, "GET", "/api/v1/radiator?limit=100");
      const radiator = await concurrently(running, automation, [
        { method: "GET", path: "/api/v1/radiator?limit=100" },
      ]);
      log(
        `    ${CLIENTS} connections: ${radiator.perSecond} pages/s, client p99 ${radiator.clientMs.p99} ms, server p99 ${radiator.serverMs.p99} ms`,
      );
      measured = {
        backend: kind,
        sizes: targets.map((t) => ({ id: t.id, commitments: t.commitments, reports: t.reports })),
        writes,
        ackToStream: { [smallest.commitments]: stream.small, [largest.commitments]: stream.large },
        throughput: { ...throughput, presentAfterwards: present, clients: CLIENTS, seconds: SECONDS },
        radiator: { ...radiator, initiatives: RADIATOR + targets.length, pageSize: 100 },
      };
    } catch (error) {
      await running.close();
      throw error;
    }
    return { ...measured, evaluator: await running.close() };
  } finally {
    await store.close();
    await cleanup();
  }
}

// ── Report ───────────────────────────────────────────────────────────────────────────────────────────────

type BackendResult = Awaited<ReturnType<typeof runBackend>>;

function verdict(met: boolean) {
  return met ? "met" : "**not met**";
}

function markdown(results: BackendResult[], at: string): string {
  const lines = [
    "<!-- product:start (written by bench/product.ts) -->",
    "## The product's path",
    "",
    `Measured by \`npm run bench:product\` on ${at}: HTTP requests to a running server on this machine, the store, evaluation after commit and the live stream, on initiatives of ${SIZES.join(", ")} commitments on PostgreSQL and ${PGLITE_SIZES.join(", ")} on PGlite (10 reports each), their requests interleaved in one run. Server time is the server's own \`Server-Timing\`. The evaluator ran as \`plumb serve\` runs it: in a worker thread on PostgreSQL, beside the server on PGlite (whose database lives in the serving thread). Raw numbers in \`bench/results-product.json\`.`,
    "",
    "| target | backend | measured | met? |",
    "| --- | --- | --- | --- |",
  ];
  for (const r of results) {
    const small = Math.min(...r.sizes.map((x) => x.commitments));
    const large = Math.max(...r.sizes.map((x) => x.commitments));
    for (const kind of KINDS) {
      const at = (n: number) => r.writes.find((w) => w.kind === kind && w.commitments === n)!;
      const ratio = round(at(large).serverMs.p99 / at(small).serverMs.p99, 2);
      lines.push(
        `| one ${kind} through the API, server p99 ≤ ${TARGETS.writeP99Ms} ms at ${large} commitments | ${r.backend} | ${at(large).serverMs.p99} ms (${small} commitments: ${at(small).serverMs.p99} ms) | ${verdict(at(large).serverMs.p99 <= TARGETS.writeP99Ms)} |`,
        `| …and no more than ${TARGETS.largeOverSmall}× the ${small}-commitment p99 | ${r.backend} | ${ratio}× | ${verdict(ratio <= TARGETS.largeOverSmall)} |`,
      );
    }
    lines.push(
      `| ≥ ${TARGETS.writesPerSecond} report writes/s, ${r.throughput.clients} clients | ${r.backend} | ${r.throughput.perSecond}/s; ${r.throughput.ok} acknowledged, ${r.throughput.presentAfterwards} present afterwards | ${verdict(r.throughput.perSecond >= TARGETS.writesPerSecond && r.throughput.presentAfterwards === r.throughput.ok)} |`,
    );
    for (const [size, s] of Object.entries(r.ackToStream)) {
      lines.push(
        `| acknowledgement → signals on the stream, p99 ≤ ${TARGETS.ackToStreamP99Ms} ms (${size} commitments) | ${r.backend} | p50 ${s.p50} ms, p99 ${s.p99} ms | ${verdict(s.p99 <= TARGETS.ackToStreamP99Ms)} |`,
      );
    }
    lines.push(
      `| radiator page of 100, ${CLIENTS} connections, p99 ≤ ${TARGETS.radiatorP99Ms} ms (${r.radiator.initiatives} initiatives) | ${r.backend} | client p99 ${r.radiator.clientMs.p99} ms (server ${r.radiator.serverMs.p99} ms), ${r.radiator.perSecond} pages/s | ${verdict(r.radiator.clientMs.p99 <= TARGETS.radiatorP99Ms)} |`,
    );
  }
  lines.push(
    "",
    "### Writes by size (server time, ms)",
    "",
    "| backend | kind | commitments | reports | p50 | p90 | p99 | max |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const r of results) {
    for (const w of r.writes) {
      lines.push(
        `| ${r.backend} | ${w.kind} | ${w.commitments} | ${w.reports} | ${w.serverMs.p50} | ${w.serverMs.p90} | ${w.serverMs.p99} | ${w.serverMs.max} |`,
      );
    }
  }
  lines.push(
    "",
    `Evaluations during the run: ${results.map((r) => `${r.backend} ${r.evaluator.incremental} incremental, ${r.evaluator.full} full loads`).join("; ")}.`,
    "<!-- product:end -->",
  );
  return lines.join("\n");
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const results: BackendResult[] = [];
for (const backend of BACKENDS) results.push(await runBackend(backend));
const at = new Date().toISOString().slice(0, 10);
const resultsPath = here("./results-product.json");
const resultsJson = JSON.stringify({
  at,
  machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg() },
  peakRssMb: peakRssMb(),
  targets: TARGETS,
  results,
});
writeFileSync(resultsPath, await prettier.format(resultsJson, { filepath: resultsPath }));
const docPath = here("../docs/performance.md");
const doc = readFileSync(docPath, "utf8");
const block = markdown(results, at);
const next = /<!-- product:start[\s\S]*<!-- product:end -->/.test(doc)
  ? doc.replace(/<!-- product:start[\s\S]*<!-- product:end -->/, block)
  : doc.replace(/\n## /, `\n${block}\n\n## `);
writeFileSync(
  docPath,
  await prettier.format(next, { ...((await prettier.resolveConfig(docPath)) ?? {}), filepath: docPath }),
);
log(`\nwrote bench/results-product.json and the product section of docs/performance.md`);
