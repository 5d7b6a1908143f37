// A change to the org's directory (a person, a team) is part of what every initiative of the org is evaluated
// with: it is one change event for the org, whatever the org holds, and evaluation still picks it up in each.
import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import type { Person } from "../../src/domain/model.ts";
import { pendingEvaluations, readEvaluation } from "../../src/store/evaluation-repository.ts";
import { openStore, resultRows, type Database, type Store } from "../../src/store/open-store.ts";
import { findPerson, publishOrgDirectoryChange, savePerson } from "../../src/store/org-repository.ts";
import { lockInitiative } from "../../src/store/record-repository.ts";
import { putPerson } from "../../src/use-cases/directory/put-person.ts";
import { Evaluator } from "../../src/use-cases/evaluation/evaluator.ts";
import { importInitiative } from "../../src/use-cases/import-initiative.ts";
import { listSignals } from "../../src/use-cases/list-signals.ts";
import { addStatusReport } from "../../src/use-cases/status-reports/add-status-report.ts";
import type { Services } from "../../src/use-cases/services.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { smallDocument } from "../support/files.ts";

const INITIATIVES = ["small-0", "small-1", "small-2"];
const LOCAL = { personId: null, tokenId: null };

/** An org of three small initiatives whose one link Omar owns, each evaluated. */
async function orgOfThree(services: Services) {
  const org = await freshOrg(services.store);
  for (const [i, id] of INITIATIVES.entries()) {
    const document = smallDocument({ id, initiative: `Small ${i}` });
    const [link] = document.links as Array<Record<string, unknown>>;
    await importInitiative(services, org, { ...document, links: [{ ...link, owner: "omar" }] });
  }
  const evaluator = new Evaluator(services);
  await evaluator.drain();
  return { org, evaluator };
}

const leftOwner = async (services: Services, org: string, initiativeId: string) =>
  (await listSignals(services, org, initiativeId)).signals.some(
    (s) => s.kind === "unowned-link" && JSON.stringify(s).includes("left on 2026-02-01"),
  );

async function omarLeaves(services: Services, db: Database, org: string) {
  const omar = (await findPerson(db, org, "omar"))!;
  return { ...omar, leftOn: "2026-02-01" } satisfies Person;
}

const changeEvents = async (store: Store, org: string) =>
  resultRows<{ initiative_id: string | null }>(
    await store.db.execute(
      sql`select initiative_id from events where org_id = ${org} and type = 'initiative.changed' order by id`,
    ),
  );

describe.each(backends())("a directory change on $name", (backend) => {
  it("is one change event for the org, which every initiative's evaluation picks up", async () => {
    const store = await backend.open();
    try {
      const services = servicesFor(store);
      const { org, evaluator } = await orgOfThree(services);
      for (const id of INITIATIVES) expect(await leftOwner(services, org, id)).toBe(false);
      const before = (await changeEvents(store, org)).length;
      await putPerson(services, org, await omarLeaves(services, store.db, org), LOCAL);
      // One event naming no initiative, not one per initiative: the write costs the change, not the org.
      expect((await changeEvents(store, org)).slice(before)).toEqual([{ initiative_id: null }]);
      expect(await pendingEvaluations(store.db, org)).toBe(INITIATIVES.length);
      for (const id of INITIATIVES)
        expect(await readEvaluation(store.db, { orgId: org, initiativeId: id })).toMatchObject({
          pending: true,
        });
      // The evaluator that holds each initiative in memory loads it again: the directory is not a record.
      const full = evaluator.stats.full;
      expect(await evaluator.drain()).toBe(INITIATIVES.length);
      expect(evaluator.stats.full).toBe(full + INITIATIVES.length);
      for (const id of INITIATIVES) {
        expect(await leftOwner(services, org, id)).toBe(true);
        expect(await readEvaluation(store.db, { orgId: org, initiativeId: id })).toMatchObject({
          pending: false,
        });
      }
      // A later record is taken in change by change again.
      await addStatusReport(services, {
        orgId: org,
        initiativeId: "small-0",
        actor: { personId: "mia", tokenId: null },
        report: { subject: "campaign", health: "off_track" },
      });
      expect(await evaluator.drain()).toBe(1);
      expect(evaluator.stats.full).toBe(full + INITIATIVES.length);
    } finally {
      await store.close();
    }
  });
});

describe("a directory change beside an initiative's writes", () => {
  const url = inject("postgresUrl");

  it.runIf(url)("locks no initiative: it commits while another holds an initiative's lock", async () => {
    const store = await openStore({ kind: "postgres", url: url!, poolSize: 4 });
    try {
      const services = servicesFor(store);
      const { org } = await orgOfThree(services);
      let release!: () => void;
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holding = store.db.transaction(async (tx) => {
        await lockInitiative(tx as unknown as Database, { orgId: org, initiativeId: "small-1" });
        locked();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await isLocked;
      const put = putPerson(services, org, await omarLeaves(services, store.db, org), LOCAL);
      const outcome = await Promise.race([
        put.then(() => "committed"),
        new Promise((resolve) => setTimeout(() => resolve("waited"), 3000)),
      ]);
      release();
      await holding;
      await put;
      expect(outcome).toBe("committed");
    } finally {
      await store.close();
    }
  });

  it.runIf(url)("is evaluated though it commits after a later change was published", async () => {
    const store = await openStore({ kind: "postgres", url: url!, poolSize: 4 });
    try {
      const services = servicesFor(store);
      const { org, evaluator } = await orgOfThree(services);
      const leaves = await omarLeaves(services, store.db, org);
      // A directory change that has published its change (the lower id) and not yet committed...
      let published!: () => void;
      let commit!: () => void;
      const isPublished = new Promise<void>((resolve) => (published = resolve));
      const mayCommit = new Promise<void>((resolve) => (commit = resolve));
      const slow = store.db.transaction(async (tx) => {
        const db = tx as unknown as Database;
        await publishOrgDirectoryChange(db, org, services.clock());
        await savePerson(db, org, leaves);
        published();
        await mayCommit;
      });
      await isPublished;
      // ...while a report commits beside it, and the evaluator looks.
      await addStatusReport(services, {
        orgId: org,
        initiativeId: "small-0",
        actor: { personId: "mia", tokenId: null },
        report: { subject: "campaign", health: "off_track" },
      });
      const draining = evaluator.drain({ orgId: org, initiativeId: "small-0" });
      await new Promise((resolve) => setTimeout(resolve, 200));
      commit();
      await slow;
      await draining;
      await evaluator.drain();
      expect(await leftOwner(services, org, "small-0")).toBe(true);
      expect(await pendingEvaluations(store.db, org)).toBe(0);
    } finally {
      await store.close();
    }
  });
});
