// Migrations move a store made by an earlier version without loss: a store as migration 0005 left it (the demo
// org) is restored, upgraded by opening it, and must read exactly as it did before, then evaluate.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { fromSnapshot } from "../../src/initiative-file/from-snapshot.ts";
import { listInitiatives, loadInitiative } from "../../src/store/initiative-repository.ts";
import { openStore, type Store } from "../../src/store/open-store.ts";
import { listSignals } from "../../src/use-cases/list-signals.ts";
import { servicesFor, settle } from "../support/databases.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/legacy-store/${name}`, import.meta.url));
const legacySql = readFileSync(fixture("0005-demo.sql"), "utf8");
const before = JSON.parse(readFileSync(fixture("0005-demo.exports.json"), "utf8")) as Record<string, unknown>;

async function expectSameReads(store: Store) {
  const initiatives = await listInitiatives(store.db, "orbit-labs", { limit: 100 });
  expect(initiatives.map((i) => i.id).sort()).toEqual(Object.keys(before).sort());
  for (const { id } of initiatives) {
    expect(fromSnapshot((await loadInitiative(store.db, "orbit-labs", id))!)).toEqual(before[id]);
  }
  // The upgraded initiatives wait for their first evaluation after commit, and get it.
  const services = servicesFor(store);
  expect(await settle(services)).toBe(initiatives.length);
  const { signals, freshness } = await listSignals(services, "orbit-labs", "orbit-launch");
  expect(freshness.pending).toBe(false);
  expect(signals.length).toBeGreaterThan(0);
}

describe("upgrading a store made by migration 0005", () => {
  it("on PGlite: reads the same after today's migrations", async () => {
    const legacy = new PGlite();
    await legacy.exec(legacySql);
    const image = await legacy.dumpDataDir("gzip");
    await legacy.close();
    const store = await openStore({ kind: "pglite", dataDir: null, loadDataDir: image });
    try {
      await expectSameReads(store);
    } finally {
      await store.close();
    }
  });

  const url = inject("postgresUrl");
  it.runIf(url)("on PostgreSQL: reads the same after today's migrations", async () => {
    const name = `plumbline_upgrade_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url! });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    try {
      const restore = new pg.Client({ connectionString: target.toString() });
      await restore.connect();
      await restore.query(legacySql);
      await restore.end();
      const store = await openStore({ kind: "postgres", url: target.toString(), poolSize: 2 });
      try {
        await expectSameReads(store);
      } finally {
        await store.close();
      }
    } finally {
      // Dropped once every connection of the closed store has gone (forcing it would fail their goodbyes).
      for (let attempt = 0; attempt < 20; attempt++) {
        const dropped = await admin.query(`drop database if exists ${name}`).then(
          () => true,
          () => false,
        );
        if (dropped) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await admin.end();
    }
  });
});
