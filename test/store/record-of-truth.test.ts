// The store's half of the record of truth: records refuse UPDATE, DELETE and TRUNCATE in the database itself,
// and evaluation after commit is shared by several evaluators without double work and survives a crash.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startEvaluatorWorker } from "../../src/cli/evaluator-worker.ts";
import { evaluate, evaluationContext } from "../../src/engine/evaluate.ts";
import { compareHealth } from "../../src/engine/health-comparison.ts";
import {
  claimNextEvaluation,
  pendingEvaluations,
  readEvaluation,
  readEvidenceHealth,
} from "../../src/store/evaluation-repository.ts";
import { insertStatusReport, type Scope } from "../../src/store/record-repository.ts";
import type { Health } from "../../src/domain/primitives.ts";
import { deleteInitiative, loadInitiative } from "../../src/store/initiative-repository.ts";
import { openStore, type Store } from "../../src/store/open-store.ts";
import { Evaluator, type EvaluationOutcome } from "../../src/use-cases/evaluation/evaluator.ts";
import { recordDecision } from "../../src/use-cases/decisions/record-decision.ts";
import { castVote } from "../../src/use-cases/gates/cast-vote.ts";
import { importInitiative } from "../../src/use-cases/import-initiative.ts";
import { listSignals } from "../../src/use-cases/list-signals.ts";
import { addMetricPoints } from "../../src/use-cases/metrics/add-metric-points.ts";
import { recordAssumptionTest } from "../../src/use-cases/milestones/record-assumption-test.ts";
import { addStatusReport } from "../../src/use-cases/status-reports/add-status-report.ts";
import { correctStatusReport } from "../../src/use-cases/status-reports/correct-status-report.ts";
import { writeRecord } from "../../src/use-cases/records/write-record.ts";
import type { Services } from "../../src/use-cases/services.ts";
import { backends, FIXED_NOW, freshOrg, refusal, servicesFor, TEST_AUDIT_KEY } from "../support/databases.ts";
import { orbitText, smallDocument } from "../support/files.ts";

const DEMO_ORBIT = fileURLToPath(new URL("../../src/demo/data/01-orbit-launch.yaml", import.meta.url));

const RECORD_TABLES = [
  "status_reports",
  "votes",
  "decisions",
  "assumption_tests",
  "metric_points",
  "truths",
  "recognitions",
];

describe.each(backends())("records and evaluation in the store on $name", (backend) => {
  let store: Store;
  let services: Services;
  let org: string;

  beforeAll(async () => {
    store = await backend.open();
    services = servicesFor(store);
    org = await freshOrg(store);
    // The demo's Orbit launch has a row in every record table.
    await importInitiative(services, org, parse(readFileSync(DEMO_ORBIT, "utf8")));
  });
  afterAll(async () => store.close());

  const refused = (statement: string) => refusal(store, sql.raw(statement));

  it.each(RECORD_TABLES)("refuses to update, delete or truncate %s, even for the owner", async (table) => {
    const scope = `org_id = '${org}'`;
    const rows = (await store.db.execute(
      sql.raw(`select count(*)::int as n from ${table} where ${scope}`),
    )) as unknown as { rows: Array<{ n: number }> };
    expect(rows.rows[0]!.n).toBeGreaterThan(0);
    const column = table === "metric_points" ? "value = value" : "position = position";
    expect(await refused(`update ${table} set ${column} where ${scope}`)).toMatch(/append-only/);
    expect(await refused(`delete from ${table} where ${scope}`)).toMatch(/append-only/);
    expect(await refused(`truncate ${table}`)).toMatch(/append-only/);
    // Replica mode skips ordinary triggers; these fire always.
    const asReplica = await store.db
      .transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql.raw(`delete from ${table} where ${scope}`));
      })
      .then(
        () => "allowed",
        (e: Error) => `${e.message} ${String((e as { cause?: Error }).cause?.message ?? "")}`,
      );
    expect(asReplica).toMatch(/append-only/);
  });

  it("removes an initiative's records with the initiative, and only then", async () => {
    const other = await freshOrg(store);
    await importInitiative(services, other, parse(orbitText()));
    const count = async () =>
      Number(
        (
          (await store.db.execute(
            sql.raw(`select count(*)::int as n from status_reports where org_id = '${other}'`),
          )) as unknown as { rows: Array<{ n: number }> }
        ).rows[0]!.n,
      );
    expect(await count()).toBe(3);
    await store.db.transaction((tx) => deleteInitiative(tx as never, other, "orbit-self-serve-launch"));
    expect(await count()).toBe(0);
  });

  it("shares evaluation between evaluators: each change evaluated once, none missed", async () => {
    const shared = await freshOrg(store);
    for (let i = 0; i < 8; i++) {
      await importInitiative(services, shared, smallDocument({ id: `small-${i}`, initiative: `Small ${i}` }));
    }
    // A second evaluator, on its own connections where the backend has them (another server process).
    const second = backend.name === "postgres" ? await backend.open() : store;
    try {
      const evaluators = [new Evaluator(services), new Evaluator(servicesFor(second))];
      const outcomes: EvaluationOutcome[] = [];
      for (const e of evaluators) e.onEvaluated((o) => o.orgId === shared && outcomes.push(o));
      const counts = await Promise.all(evaluators.map((e) => e.drain()));
      expect(outcomes.map((o) => o.initiativeId).sort()).toEqual(
        Array.from({ length: 8 }, (_, i) => `small-${i}`).sort(),
      );
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(8);
      expect(await pendingEvaluations(store.db, shared)).toBe(0);
    } finally {
      if (second !== store) await second.close();
    }
  });

  it("takes up a change whose evaluator died between claim and result, once its lease runs out", async () => {
    const crashed = await freshOrg(store);
    await importInitiative(services, crashed, smallDocument());
    const only = { orgId: crashed, initiativeId: "small-launch" };
    // A process claims the evaluation and dies before it stores anything.
    expect(await claimNextEvaluation(store.db, "a-process-that-died", 300, only)).toMatchObject(only);
    const survivor = new Evaluator(services);
    expect(await survivor.drain(only)).toBe(0); // the lease still holds: nobody evaluates it twice at once
    expect(await pendingEvaluations(store.db, crashed)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await survivor.drain(only)).toBe(1);
    expect(await pendingEvaluations(store.db, crashed)).toBe(0);
  });
});

/** The stored signals and evidence health are what a full evaluation of the stored initiative finds. */
async function expectStoredAsFullEvaluation(
  services: Services,
  scope: { orgId: string; initiativeId: string },
) {
  const snapshot = (await loadInitiative(services.store.db, scope.orgId, scope.initiativeId))!;
  const options = { clock: services.clock, checks: services.checks };
  const stored = await listSignals(services, scope.orgId, scope.initiativeId);
  expect(stored.signals.map(({ firstSeen: _f, lastSeen: _l, status: _s, silence: _x, ...s }) => s)).toEqual(
    JSON.parse(JSON.stringify(evaluate(snapshot, options))),
  );
  const health = compareHealth(snapshot, evaluationContext(snapshot, options));
  expect(await readEvidenceHealth(services.store.db, scope)).toEqual(JSON.parse(JSON.stringify(health)));
  return stored;
}

describe.each(backends())("incremental evaluation after commit on $name", (backend) => {
  it("stores after each record what a full evaluation of the stored initiative finds", async () => {
    const store = await backend.open();
    try {
      const services = servicesFor(store);
      const org = await freshOrg(store);
      await importInitiative(services, org, parse(orbitText()));
      const evaluator = new Evaluator(services);
      await evaluator.drain();
      const scope = { orgId: org, initiativeId: "orbit-self-serve-launch" };
      const as = (personId: string) => ({ personId, tokenId: null });
      const writes = [
        () =>
          addStatusReport(services, {
            ...scope,
            actor: as("pat"),
            report: { subject: "release", health: "off_track" },
          }),
        () =>
          addMetricPoints(services, {
            ...scope,
            actor: as("omar"),
            metricId: "support_backlog",
            points: [["2026-02-10", 90]],
          }),
        () =>
          castVote(services, {
            ...scope,
            gateId: "launch",
            personId: "pat",
            vote: "go",
            reason: null,
            tokenId: null,
          }),
        () =>
          recordDecision(services, {
            ...scope,
            actor: as("dana"),
            decision: { kind: "delay", rationale: "Hold until p95 is under 2 s" },
          }),
        () =>
          correctStatusReport(services, {
            ...scope,
            actor: as("lee"),
            reportId: "report-1",
            correction: { reason: "Rerun on production hardware", health: "at_risk" },
          }),
        () =>
          recordAssumptionTest(services, {
            ...scope,
            actor: as("pat"),
            milestoneId: "technical-feasibility",
            test: { assumption: 0, verdict: "validated" },
          }),
        () =>
          addMetricPoints(services, {
            ...scope,
            actor: as("omar"),
            metricId: "support_backlog",
            points: [["2026-02-10", 400]],
          }),
      ];
      for (const write of writes) {
        await write();
        await evaluator.drain();
        const stored = await expectStoredAsFullEvaluation(services, scope);
        expect(stored.freshness.pending).toBe(false);
      }
      // Every write was one record: applied to the engine held in memory, never a reload of the initiative.
      expect(evaluator.stats).toMatchObject({ incremental: writes.length, full: 1 });
    } finally {
      await store.close();
    }
  });
});

describe.each(backends())("evaluators taking turns on $name", (backend) => {
  it("each stores what a full evaluation finds, though the other wrote the signals and health since", async () => {
    const store = await backend.open();
    try {
      const services = servicesFor(store);
      const org = await freshOrg(store);
      await importInitiative(services, org, parse(orbitText()));
      const first = new Evaluator(services, { owner: "first" });
      const second = new Evaluator(services, { owner: "second" });
      await first.drain();
      await second.drain();
      const scope = { orgId: org, initiativeId: "orbit-self-serve-launch" };
      const calls = ["off_track", "on_track", "at_risk", "on_track"] as const;
      for (const [i, call] of calls.entries()) {
        await addStatusReport(services, {
          ...scope,
          actor: { personId: "pat", tokenId: null },
          report: { subject: "release", health: call },
        });
        // Turn about: each evaluator's memory of what it stored is out of date when its turn comes.
        await (i % 2 === 0 ? first : second).drain();
        await expectStoredAsFullEvaluation(services, scope);
      }
    } finally {
      await store.close();
    }
  });
});

/** An initiative of twelve plain tasks, each a subject whose reported health shows in the stored health. */
async function manyTasks(services: Services) {
  const org = await freshOrg(services.store);
  const base = smallDocument() as { commitments: Record<string, unknown> };
  const tasks = Array.from({ length: 12 }, (_, i) => `task_${i}`);
  const commitments = Object.fromEntries(
    tasks.map((id, i) => [id, { team: "operations", owner: "omar", title: `Task ${i}`, due: "2026-03-01" }]),
  );
  await importInitiative(services, org, { ...base, commitments: { ...base.commitments, ...commitments } });
  return { scope: { orgId: org, initiativeId: "small-launch" }, tasks };
}

const report = (services: Services, scope: Scope, subject: string, health: Health) =>
  addStatusReport(services, {
    ...scope,
    actor: { personId: "omar", tokenId: null },
    report: { subject, health },
  });

async function reportedHealth(services: Services, scope: Scope, subjects: string[]) {
  const health = await readEvidenceHealth(services.store.db, scope);
  return subjects.map((id) => health.find((h) => h.subject.id === id)?.reported?.health);
}

describe.each(backends())("status reports written side by side on $name", (backend) => {
  it("are each taken in by the evaluator running beside them: none missed, none applied twice", async () => {
    const store = await backend.open();
    try {
      const services = servicesFor(store);
      const { scope, tasks } = await manyTasks(services);
      const evaluator = new Evaluator(services, { pollMs: 10 });
      await evaluator.start();
      try {
        // Each round's reports hold the initiative's lock side by side (on PostgreSQL); the evaluator reads
        // between and during them.
        for (const health of ["off_track", "at_risk"] as const)
          await Promise.all(tasks.map((subject) => report(services, scope, subject, health)));
        // And on one subject at once: which is the latest is the same to the evaluator and to a full load.
        await Promise.all(
          tasks.map((_, i) => report(services, scope, "task_0", i % 2 === 0 ? "at_risk" : "off_track")),
        );
      } finally {
        await evaluator.stop();
      }
      await evaluator.drain();
      const stored = await expectStoredAsFullEvaluation(services, scope);
      expect(stored.freshness.pending).toBe(false);
      expect(await reportedHealth(services, scope, tasks.slice(1))).toEqual(
        tasks.slice(1).map(() => "at_risk"),
      );
      // Applied change by change, never by loading the initiative again.
      expect(evaluator.stats.full).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe("a report that commits after a later one", () => {
  const url = inject("postgresUrl");
  it.runIf(url)("is evaluated, though its change's id is below the version already seen", async () => {
    const store = await openStore({ kind: "postgres", url: url!, poolSize: 4 });
    try {
      const services = servicesFor(store);
      const { scope } = await manyTasks(services);
      const evaluator = new Evaluator(services);
      await evaluator.drain();
      // A report that has published its change (the lower id) and not yet committed...
      let published!: () => void;
      let commit!: () => void;
      const isPublished = new Promise<void>((resolve) => (published = resolve));
      const mayCommit = new Promise<void>((resolve) => (commit = resolve));
      const slow = writeRecord(
        services,
        scope,
        async ({ db, publish }) => {
          const id = "report-slow";
          const changeId = await publish("status_report.added", {
            id,
            subject: { type: "commitment", id: "task_0" },
          });
          await insertStatusReport(db, {
            ...scope,
            changeId,
            id,
            subjectType: "commitment",
            subjectId: "task_0",
            authorId: "omar",
            date: "2026-02-10",
            health: "off_track",
            narrative: null,
            confidence: null,
            cites: [],
            evidence: {},
            greenerReason: null,
            recordedBy: "omar",
          });
          published();
          await mayCommit;
        },
        { lock: "shared" },
      );
      await isPublished;
      // ...while a later one commits beside it, and the evaluator looks.
      await report(services, scope, "task_1", "at_risk");
      const draining = evaluator.drain();
      await new Promise((resolve) => setTimeout(resolve, 200));
      commit();
      await slow;
      await draining;
      await evaluator.drain();
      expect(await reportedHealth(services, scope, ["task_0", "task_1"])).toEqual(["off_track", "at_risk"]);
      expect((await readEvaluation(store.db, scope))?.pending).toBe(false);
    } finally {
      await store.close();
    }
  });
});

describe("evaluation in a worker thread", () => {
  const url = inject("postgresUrl");
  it.runIf(url)("evaluates on PostgreSQL off the serving thread, and stops cleanly", async () => {
    const store = await openStore({ kind: "postgres", url: url!, poolSize: 2 });
    try {
      const services = servicesFor(store);
      const org = await freshOrg(store);
      await importInitiative(services, org, parse(orbitText()));
      const errors: string[] = [];
      const worker = await startEvaluatorWorker(
        { url: url!, fixedNow: FIXED_NOW.toISOString(), auditKey: TEST_AUDIT_KEY.toString("hex") },
        (m) => errors.push(m),
      );
      try {
        for (let i = 0; i < 100 && (await pendingEvaluations(store.db, org)) > 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(await pendingEvaluations(store.db, org)).toBe(0);
        const { signals } = await listSignals(services, org, "orbit-self-serve-launch");
        expect(signals.map((s) => s.kind)).toContain("watermelon");
      } finally {
        const stats = await worker.stop();
        expect(stats.full + stats.incremental).toBeGreaterThan(0);
      }
      expect(errors).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
