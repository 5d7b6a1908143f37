// Closing a three-truths review: whoever may plan closes it, it takes no truth afterwards (not even one racing
// the close), and an anonymous review's last one or two sealed truths stay sealed, with the page told how many.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import * as sealed from "../../src/store/sealed-repository.ts";
import { truthsRitual } from "../../src/use-cases/reviews/add-truth.ts";
import { backends, freshOrg, servicesFor, TEST_ANONYMITY_KEY } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const base = "/api/v1/initiatives/orbit-self-serve-launch";

describe.each(backends())("closing a review on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let admin: string;
  let lead: string;
  let member: string;

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    admin = await api.token(org, "admin");
    lead = await api.token(org, "lead");
    expect((await api.seed(org, parse(orbitText()))).created).toBe(true);
    // A member who is a person of the org: a named truth is its giver's own.
    member = (
      await createToken(servicesFor(store), {
        orgId: org,
        name: "lee",
        role: "member",
        expiresInDays: 1,
        personId: "lee",
      })
    ).secret;
  });
  afterAll(async () => store.close());

  async function startReview(id: string, anonymous: boolean) {
    const res = await api.call("POST", `${base}/reviews`, lead, {
      id,
      name: `Review ${id}`,
      date: "2026-02-09",
      anonymous,
    });
    expect(res.status).toBe(201);
  }
  const give = async (review: string, worse: string) =>
    (await api.call("POST", `${base}/reviews/${review}/truths`, member, { worse })).status;
  const truthsOf = async (review: string) =>
    (
      (await api.call("GET", `${base}/reviews/${review}`, member)).body as {
        truths?: Array<{ worse?: string }>;
      }
    ).truths ?? [];
  const closure = async (review: string) =>
    (await api.call("GET", `${base}/reviews/${review}/closure`, member)).body;
  const sealedCount = async (review: string) =>
    (
      (await store.db.execute(
        sql`select count(*)::int as n from sealed_submissions
            where org_id = ${org} and ritual_id = ${`orbit-self-serve-launch/${review}`}`,
      )) as unknown as { rows: Array<{ n: number }> }
    ).rows[0]!.n;

  it("is closed by whoever may plan, takes no truth afterwards, and is closed once", async () => {
    await startReview("named-retro", false);
    expect(await give("named-retro", "The pager had no owner")).toBe(201);
    expect(await closure("named-retro")).toEqual({ review: "named-retro", closed_on: null, sealed: null });
    expect((await api.call("POST", `${base}/reviews/named-retro/close`, member)).status).toBe(403);
    const closed = await api.call("POST", `${base}/reviews/named-retro/close`, lead);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      review: "named-retro",
      closed_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      sealed: 0,
    });
    expect(await closure("named-retro")).toEqual(closed.body);
    expect(await give("named-retro", "Too late")).toBe(409);
    expect(await truthsOf("named-retro")).toHaveLength(1);
    expect((await api.call("POST", `${base}/reviews/named-retro/close`, admin)).status).toBe(409);
    expect((await api.call("POST", `${base}/reviews/no-such-review/close`, lead)).status).toBe(404);

    // Audited like every governance write, and a record: the closure row cannot be changed or removed.
    const audit = JSON.stringify((await api.call("GET", "/api/v1/audit", admin)).body);
    expect(audit).toContain('"review.close"');
    const refused = await store.db
      .execute(sql`delete from review_closures where org_id = ${org} and review_id = 'named-retro'`)
      .then(
        () => null,
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    expect(refused).toMatch(/append-only/);
    expect(await closure("named-retro")).toEqual(closed.body);
  });

  it("keeps a final batch of fewer than three sealed for good, and says how many once closed", async () => {
    await startReview("anon-retro", true);
    const given = ["First", "Second", "Third", "Fourth"];
    const seen: unknown[] = [];
    for (const worse of given) {
      expect(await give("anon-retro", worse)).toBe(201);
      seen.push(await closure("anon-retro"));
    }
    // While open, nothing about the review's closure changes with a truth: no count of what waits.
    for (const s of seen) expect(s).toEqual({ review: "anon-retro", closed_on: null, sealed: null });
    expect(await truthsOf("anon-retro")).toHaveLength(3);
    expect(await sealedCount("anon-retro")).toBe(1);

    const closed = await api.call("POST", `${base}/reviews/anon-retro/close`, lead);
    expect(closed.body).toMatchObject({ sealed: 1 });
    // The fourth truth, released alone, would be whoever gave a truth last: it stays sealed.
    const shown = await truthsOf("anon-retro");
    expect(shown).toHaveLength(3);
    expect(shown.map((t) => t.worse)).not.toContain("Fourth");
    expect(await sealedCount("anon-retro")).toBe(1);
    expect(await closure("anon-retro")).toMatchObject({ sealed: 1 });
    expect(await give("anon-retro", "After the close")).toBe(409);
    expect(await sealedCount("anon-retro")).toBe(1);
  });

  it("releases a whole batch waiting at the close, which only a race can leave", async () => {
    await startReview("batch-retro", true);
    // Three sealed as the close comes: put there directly, as two racing givers could leave them.
    for (const worse of ["A", "B"]) expect(await give("batch-retro", worse)).toBe(201);
    expect(await sealedCount("batch-retro")).toBe(2);
    await store.db
      .execute(sql`insert into sealed_submissions (org_id, kind, initiative_id, ritual_id, payload, sealed_on)
      select org_id, kind, initiative_id, ritual_id, payload, sealed_on from sealed_submissions
      where org_id = ${org} and ritual_id = 'orbit-self-serve-launch/batch-retro' limit 1`);
    const closed = await api.call("POST", `${base}/reviews/batch-retro/close`, lead);
    expect(closed.body).toMatchObject({ sealed: 0 });
    expect(await truthsOf("batch-retro")).toHaveLength(3);
    expect(await sealedCount("batch-retro")).toBe(0);
  });

  it("takes no truth after a close that races it: each is counted by the close or refused", async () => {
    await startReview("race-retro", true);
    const racing = Array.from({ length: 10 }, (_, i) => give("race-retro", `Racing truth ${i}`));
    const close = api.call("POST", `${base}/reviews/race-retro/close`, lead);
    const statuses = await Promise.all(racing);
    const closed = (await close).body as { sealed: number };
    const taken = statuses.filter((s) => s === 201).length;
    expect(taken + statuses.filter((s) => s === 409).length).toBe(10);
    // Every truth taken is shown or among those the close counted as sealed; none slipped in after.
    expect((await truthsOf("race-retro")).length + closed.sealed).toBe(taken);
    expect(await sealedCount("race-retro")).toBe(closed.sealed);
    expect(closed.sealed).toBeLessThan(3);
  });

  it.runIf(backend.name === "postgres")(
    "waits for a truth being sealed as it closes, and counts it",
    async () => {
      await startReview("held-retro", true);
      const scope = { orgId: org, initiativeId: "orbit-self-serve-launch" };
      const ritual = truthsRitual(scope, "held-retro");
      let close: Promise<{ status: number; body: unknown }> | undefined;
      let settled = false;
      await store.db.transaction(async (tx) => {
        // A sealing in flight: it holds the review's lock shared, as addTruth's sealing transaction does.
        await sealed.lockRitual(tx, ritual, "shared");
        await sealed.insertSealed(tx, TEST_ANONYMITY_KEY, {
          ...ritual,
          initiativeId: scope.initiativeId,
          payload: { better: null, asExpected: null, worse: "In flight" },
          sealedOn: "2026-02-09",
        });
        close = api.call("POST", `${base}/reviews/held-retro/close`, lead);
        void close.then(() => (settled = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
      });
      const closed = await close!;
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ sealed: 1 });
    },
  );
});
