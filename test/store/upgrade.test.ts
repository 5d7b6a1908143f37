// Migrations move a store made by an earlier version without loss: a store as an earlier migration left it is
// restored, upgraded by opening it, and must read exactly as it did before, then work on. Two such stores: the
// demo org as migration 0005 left it, and pre-mortems as migration 0024 left them (merges, promotions and
// votes recorded in place, before they became records).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { CheckCompiler } from "../../src/checks/check-compiler.ts";
import { fromSnapshot } from "../../src/initiative-file/from-snapshot.ts";
import { createApp } from "../../src/server/create-app.ts";
import { listInitiatives, loadInitiative } from "../../src/store/initiative-repository.ts";
import { openStore, type Store } from "../../src/store/open-store.ts";
import { listSignals } from "../../src/use-cases/list-signals.ts";
import type { Services } from "../../src/use-cases/services.ts";
import { FIXED_NOW, refusal, servicesFor, settle } from "../support/databases.ts";

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

/** The store a dump of an earlier version restores to, upgraded by opening it; on PGlite. */
async function upgradedOnPglite(dump: string): Promise<Store> {
  const legacy = new PGlite();
  await legacy.exec(dump);
  const image = await legacy.dumpDataDir("gzip");
  await legacy.close();
  return openStore({ kind: "pglite", dataDir: null, loadDataDir: image });
}

/** The same on a PostgreSQL database of its own, dropped once `use` is done with the store. */
async function withUpgradedOnPostgres(url: string, dump: string, use: (store: Store) => Promise<void>) {
  const name = `plumbline_upgrade_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  try {
    const restore = new pg.Client({ connectionString: target.toString() });
    await restore.connect();
    await restore.query(dump);
    await restore.end();
    const store = await openStore({ kind: "postgres", url: target.toString(), poolSize: 2 });
    try {
      await use(store);
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
}

describe("upgrading a store made by migration 0005", () => {
  it("on PGlite: reads the same after today's migrations", async () => {
    const store = await upgradedOnPglite(legacySql);
    try {
      await expectSameReads(store);
    } finally {
      await store.close();
    }
  });

  const url = inject("postgresUrl");
  it.runIf(url)("on PostgreSQL: reads the same after today's migrations", async () => {
    await withUpgradedOnPostgres(url!, legacySql, expectSameReads);
  });
});

/** Pre-mortems as main kept them: merges and promotions in the item's row, a changed vote written over. */
const premortemSql = readFileSync(fixture("0024-premortems.sql"), "utf8");
interface PremortemReads {
  anonymity_key: string;
  audit_key: string;
  org: string;
  initiative: string;
  admin_token: string;
  dana_token: string;
  voting: { id: string; share_path: string; voters: string[]; item: string };
  views: Record<string, unknown>;
}
const premortemReads = JSON.parse(
  readFileSync(fixture("0024-premortems.reads.json"), "utf8"),
) as PremortemReads;

/** The services of the server that wrote the fixture: its keys, so that its tokens and voter keys still hold. */
function fixtureServices(store: Store): Services {
  return {
    store,
    clock: () => FIXED_NOW,
    checks: new CheckCompiler(),
    auditKey: Buffer.from(premortemReads.audit_key, "hex"),
    anonymityKey: Buffer.from(premortemReads.anonymity_key, "hex"),
  };
}

async function expectSamePremortems(store: Store) {
  const app = createApp(fixtureServices(store));
  const base = `/api/v1/initiatives/${premortemReads.initiative}/premortems`;
  const read = async (id: string) => {
    const res = await app.request(`${base}/${id}`, {
      headers: { authorization: `Bearer ${premortemReads.admin_token}` },
    });
    expect(res.status).toBe(200);
    return res.json();
  };
  const rows = async (query: string) =>
    ((await store.db.execute(sql.raw(query))) as unknown as { rows: Array<Record<string, unknown>> }).rows;
  /** An item's votes as stored: each voter's latest, counted as a tally is (whether or not a view shows it). */
  const storedTally = async (item: string) => {
    const latest = await rows(
      `select likelihood, impact from premortem_votes v where org_id = '${premortemReads.org}'
       and item_id = '${item}' and revision = (select max(revision) from premortem_votes w
         where w.org_id = v.org_id and w.item_id = v.item_id and w.voter_key = v.voter_key)`,
    );
    const count = (field: "likelihood" | "impact") =>
      Object.fromEntries(
        ["low", "medium", "high"].map((level) => [level, latest.filter((r) => r[field] === level).length]),
      );
    return { voters: latest.length, likelihood: count("likelihood"), impact: count("impact") };
  };
  // Every item reads the same. Its votes are compared as stored: a tally main showed is what they count to
  // still, though an open link's tally is now withheld (only invited votes make one, docs/anonymity.md).
  type ItemRead = Record<string, unknown> & { id: string; votes: Record<string, unknown> };
  for (const [id, view] of Object.entries(premortemReads.views) as Array<[string, { items: ItemRead[] }]>) {
    const now = (await read(id)) as { items: ItemRead[] };
    const withoutVotes = (v: { items: ItemRead[] }) => ({
      ...v,
      items: v.items.map(({ votes: _, ...i }) => i),
    });
    expect(withoutVotes(now)).toEqual(withoutVotes(view));
    for (const item of view.items)
      if (item.votes.voters !== undefined) expect(await storedTally(item.id)).toEqual(item.votes);
  }

  // What was recorded in place is now recorded beside the items, by the facilitator, on the day it was done.
  const merges = await rows(
    `select merged_by, merged_on::text as day from premortem_item_merges where org_id = '${premortemReads.org}'`,
  );
  const promotions = await rows(
    `select promoted_by, promoted_on::text as day from premortem_item_promotions where org_id = '${premortemReads.org}'`,
  );
  const views = Object.values(premortemReads.views) as Array<{ items: Array<Record<string, unknown>> }>;
  const all = views.flatMap((v) => v.items);
  expect(merges).toHaveLength(all.filter((i) => i.merged_into !== null).length);
  expect(promotions).toHaveLength(all.filter((i) => i.promoted_risk !== null).length);
  for (const row of [...merges, ...promotions])
    expect(Object.values(row)).toEqual(["dana", FIXED_NOW.toISOString().slice(0, 10)]);

  // A participant of the session still voting changes their vote: a new revision beside the one main wrote.
  const { voting } = premortemReads;
  const revote = await app.request(`${voting.share_path}/items/${voting.item}/votes`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-participation-token": voting.voters[1]! },
    body: JSON.stringify({ likelihood: "medium", impact: "low" }),
  });
  expect(revote.status).toBe(200);
  const revisions = await rows(
    `select revision from premortem_votes where org_id = '${premortemReads.org}' and item_id = '${voting.item}'
     order by revision`,
  );
  expect(revisions.map((r) => r.revision)).toEqual([1, 1, 1, 1, 2]);
  const closed = await app.request(`${base}/${voting.id}/state`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${premortemReads.dana_token}` },
    body: JSON.stringify({ state: "closed" }),
  });
  expect(closed.status).toBe(200);
  // Main's votes (the first voter's changed in place to medium/medium), with the second's new one counted.
  expect(await storedTally(voting.item)).toEqual({
    voters: 4,
    likelihood: { low: 1, medium: 2, high: 1 },
    impact: { low: 1, medium: 1, high: 2 },
  });
  expect(
    await refusal(
      store,
      sql.raw(`update premortem_items set risk = risk where org_id = '${premortemReads.org}'`),
    ),
  ).toMatch(/append-only/);
}

describe("upgrading a store made by migration 0024, with pre-mortems", () => {
  it("on PGlite: reads the same after today's migrations", async () => {
    const store = await upgradedOnPglite(premortemSql);
    try {
      await expectSamePremortems(store);
    } finally {
      await store.close();
    }
  });

  const url = inject("postgresUrl");
  it.runIf(url)("on PostgreSQL: reads the same after today's migrations", async () => {
    await withUpgradedOnPostgres(url!, premortemSql, expectSamePremortems);
  });
});
