// The store's half of the record of truth: records refuse UPDATE, DELETE and TRUNCATE in the database itself,
// and evaluation after commit is shared by several evaluators without double work and survives a crash.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimNextEvaluation, pendingEvaluations } from "../../src/store/evaluation-repository.ts";
import { deleteInitiative } from "../../src/store/initiative-repository.ts";
import type { Store } from "../../src/store/open-store.ts";
import { Evaluator, type EvaluationOutcome } from "../../src/use-cases/evaluation/evaluator.ts";
import { importInitiative } from "../../src/use-cases/import-initiative.ts";
import type { Services } from "../../src/use-cases/services.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
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

  const refused = async (statement: string) => {
    const error = await store.db.execute(sql.raw(statement)).then(
      () => null,
      (e: Error) => e,
    );
    return error ? `${error.message} ${String((error as { cause?: Error }).cause?.message ?? "")}` : "";
  };

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
