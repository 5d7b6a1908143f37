// The attacker's suite: after named and anonymous activity, someone who holds the database and an admin token
// tries every known linkage from an anonymous pre-mortem risk back to whoever sent it — transaction ids, times,
// hashes, events, tokens' last use, the audit log and the log — and must do no better than chance: whatever they
// can observe is the same for every risk of a released batch.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { parse } from "yaml";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { LIMITS } from "../../src/use-cases/premortems.ts";
import { backends, freshOrg, servicesFor, TEST_ANONYMITY_KEY } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const INITIATIVE = "orbit-self-serve-launch";
type Row = Record<string, unknown>;

function byXminOf(items: Row[]): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const item of items) groups.set(String(item.xmin), [...(groups.get(String(item.xmin)) ?? []), item]);
  return [...groups.values()];
}

/**
 * Everything the attacker can take away from the database as stored: on PostgreSQL a `pg_dump` of it, on PGlite
 * its whole data directory (tables, indexes and the write-ahead log) as the bytes on disk.
 */
async function takeAway(store: Store, backend: "pglite" | "postgres"): Promise<Buffer> {
  if (backend === "pglite") {
    const client = (store.db as unknown as { $client: PGlite }).$client;
    return Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer());
  }
  // The suite fails here, loudly, on a machine with PostgreSQL but without its client tools.
  return execFileSync("pg_dump", ["--dbname", inject("postgresUrl")!, "--data-only"], {
    maxBuffer: 1 << 30,
  });
}

async function rows(store: Store, query: ReturnType<typeof sql>): Promise<Row[]> {
  return ((await store.db.execute(query)) as unknown as { rows: Row[] }).rows;
}

describe.each(backends())("an attacker with the database and an admin token on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let admin = "";
  let dana = "";
  let lee = { secret: "", id: "" };
  let share = "";
  let sessionId = "";
  const logs: string[] = [];
  /** Who sent each anonymous risk, in the order sent: what the attacker wants to recover. */
  const truth: Array<{ risk: string; sender: string }> = [];

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    expect((await api.seed(org, parse(orbitText()))).created).toBe(true);
    admin = await api.token(org, "admin");
    const services = servicesFor(store);
    dana = (
      await createToken(services, {
        orgId: org,
        name: "dana",
        role: "lead",
        expiresInDays: 1,
        personId: "dana",
      })
    ).secret;
    const leeToken = await createToken(services, {
      orgId: org,
      name: "lee",
      role: "member",
      expiresInDays: 1,
      personId: "lee",
    });
    lee = { secret: leeToken.secret, id: leeToken.token.id };
    const opened = (
      await api.call("POST", `/api/v1/initiatives/${INITIATIVE}/premortems`, dana, {
        title: "It failed. Why?",
      })
    ).body as { id: string; share_path: string };
    sessionId = opened.id;
    share = opened.share_path;
    for (const method of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logs.push(args.join(" ")));

    const guest = async (risk: string, n: number) => {
      const joined = (await api.call("POST", `${share}/join`, null)).body as { participation_token: string };
      const res = await api.app.request(`${share}/items`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-participation-token": joined.participation_token },
        body: JSON.stringify({ risk, likelihood: "high", impact: "medium" }),
      });
      expect(res.status).toBe(202);
      truth.push({ risk, sender: `guest-${n}` });
    };
    const signedIn = async (risk: string) => {
      const res = await api.call(
        "POST",
        `/api/v1/initiatives/${INITIATIVE}/premortems/${sessionId}/items`,
        lee.secret,
        {
          risk,
          likelihood: "low",
          impact: "high",
          anonymous: true,
        },
      );
      expect(res.status).toBe(202);
      truth.push({ risk, sender: "lee" });
    };
    // Named activity around the anonymous one, then nine anonymous risks: three batches of three.
    await api.call("POST", `/api/v1/initiatives/${INITIATIVE}/premortems/${sessionId}/items`, dana, {
      risk: "Dana's named risk about the launch date",
      likelihood: "medium",
      impact: "medium",
    });
    for (let i = 0; i < 9; i++) {
      if (i % 3 === 1) await signedIn(`Anonymous risk number ${i} from Lee`);
      else await guest(`Anonymous risk number ${i} from a guest`, i);
    }
    expect(
      (
        await api.call("POST", `/api/v1/initiatives/${INITIATIVE}/premortems/${sessionId}/state`, dana, {
          state: "voting",
        })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await store.close();
  });

  const anonymousItems = () =>
    rows(
      store,
      sql`select xmin::text as xmin, ctid::text as ctid, * from premortem_items
          where org_id = ${org} and session_id = ${sessionId} and raised_by is null`,
    );

  it("finds every anonymous risk released, in batches of at least three sharing one transaction", async () => {
    const items = await anonymousItems();
    expect(items.map((i) => i.risk).sort()).toEqual(truth.map((t) => t.risk).sort());
    for (const batch of byXminOf(items)) expect(batch.length).toBeGreaterThanOrEqual(3);
    expect(await rows(store, sql`select * from sealed_submissions where org_id = ${org}`)).toEqual([]);
  });

  it("links no risk by transaction id to a token, a participant, an audit or a live-stream event", async () => {
    const itemXmins = new Set((await anonymousItems()).map((i) => String(i.xmin)));
    const others = [
      ...(await rows(store, sql`select xmin::text as x from api_tokens where org_id = ${org}`)),
      ...(await rows(store, sql`select xmin::text as x from premortem_participants where org_id = ${org}`)),
      ...(await rows(store, sql`select xmin::text as x from audit_events where org_id = ${org}`)),
      ...(await rows(store, sql`select xmin::text as x from events where org_id = ${org}`)),
      ...(await rows(store, sql`select xmin::text as x from sessions where org_id = ${org}`)),
    ].map((r) => String(r.x));
    for (const x of others) expect(itemXmins.has(x)).toBe(false);
    // The one shared transaction is the release, and nothing in a batch tells its risks apart by it.
    const items = await anonymousItems();
    for (const batch of byXminOf(items)) {
      const senders = new Set(batch.map((i) => truth.find((t) => t.risk === i.risk)!.sender));
      expect(senders.size).toBe(batch.length);
    }
  });

  it("dates no risk finer than the day, and no token's use finer than the day either", async () => {
    for (const item of await anonymousItems()) {
      for (const [column, value] of Object.entries(item)) {
        if (column === "xmin" || column === "ctid") continue;
        expect(value instanceof Date, column).toBe(false);
        expect(String(value)).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      }
    }
    const tokens = (await api.call("GET", "/api/v1/tokens", admin)).body as { items: Row[] };
    const mine = tokens.items.find((t) => t.id === lee.id)!;
    expect(mine).not.toHaveProperty("last_used_at");
    expect(String(mine.last_used_on)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("finds no event, on the live stream or in the audit log, written by an anonymous submission", async () => {
    const events = await rows(store, sql`select * from events where org_id = ${org} order by id`);
    const audit = (await api.call("GET", "/api/v1/audit?limit=200", admin)).body as { items: Row[] };
    const text = JSON.stringify([events, audit.items]);
    for (const t of truth) expect(text).not.toContain(t.risk);
    for (const item of await anonymousItems()) expect(text).not.toContain(String(item.id));
    // Lee's token appears where it was created, never as the actor of anything.
    expect(audit.items.some((e) => String(e.actor).includes(lee.id))).toBe(false);
  });

  it("cannot recompute a voter key from the stored participant hashes", async () => {
    const items = await anonymousItems();
    const participants = await rows(
      store,
      sql`select token_hash from premortem_participants where org_id = ${org} and session_id = ${sessionId}`,
    );
    const voter = (await api.call("POST", `${share}/join`, null)).body as { participation_token: string };
    for (const item of items.slice(0, 2)) {
      const res = await api.app.request(`${share}/items/${String(item.id)}/votes`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-participation-token": voter.participation_token },
        body: JSON.stringify({ likelihood: "high", impact: "high" }),
      });
      expect(res.status).toBe(200);
    }
    const keys = new Set(
      (await rows(store, sql`select voter_key from premortem_votes where org_id = ${org}`)).map((r) =>
        String(r.voter_key),
      ),
    );
    expect(keys.size).toBe(2);
    for (const p of participants)
      for (const item of items) {
        const guess = createHash("sha256")
          .update(`${String(p.token_hash)}\u0000${String(item.id)}`)
          .digest("hex");
        expect(keys.has(guess)).toBe(false);
      }
  });

  it("links no changed vote, merge or promotion to a participant, and dates none finer than the day", async () => {
    const items = await anonymousItems();
    const itemXmins = new Set(items.map((i) => String(i.xmin)));
    const voter = (await api.call("POST", `${share}/join`, null)).body as { participation_token: string };
    const castOn = async (item: unknown, likelihood: string) =>
      (
        await api.app.request(`${share}/items/${String(item)}/votes`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-participation-token": voter.participation_token },
          body: JSON.stringify({ likelihood, impact: "low" }),
        })
      ).status;
    const eventsBefore = (await rows(store, sql`select id from events where org_id = ${org}`)).length;
    expect(await castOn(items[2]!.id, "low")).toBe(200);
    expect(await castOn(items[2]!.id, "high")).toBe(200);
    // Changing a vote writes no event, as voting does not.
    expect((await rows(store, sql`select id from events where org_id = ${org}`)).length).toBe(eventsBefore);
    const pm = `/api/v1/initiatives/${INITIATIVE}/premortems/${sessionId}`;
    expect(
      (await api.call("POST", `${pm}/merge`, dana, { from: items[4]!.id, into: items[3]!.id })).status,
    ).toBe(200);
    expect(
      (await api.call("POST", `${pm}/items/${String(items[3]!.id)}/promote`, dana, { owner: "omar" })).status,
    ).toBe(201);

    const votes = await rows(
      store,
      sql`select xmin::text as xmin, ctid::text as ctid, * from premortem_votes
          where org_id = ${org} and item_id = ${items[2]!.id}`,
    );
    // One voter, two votes: the first stays, superseded by the second; nothing else about them is stored.
    expect(votes.map((v) => [v.revision, v.likelihood])).toEqual(
      expect.arrayContaining([
        [1, "low"],
        [2, "high"],
      ]),
    );
    expect(new Set(votes.map((v) => v.voter_key)).size).toBe(1);
    expect(Object.keys(votes[0]!).sort()).toEqual(
      [
        "ctid",
        "xmin",
        "org_id",
        "initiative_id",
        "session_id",
        "item_id",
        "voter_key",
        "revision",
        "likelihood",
        "impact",
      ].sort(),
    );
    const merges = await rows(
      store,
      sql`select xmin::text as xmin, ctid::text as ctid, * from premortem_item_merges where org_id = ${org}`,
    );
    const promotions = await rows(
      store,
      sql`select xmin::text as xmin, ctid::text as ctid, * from premortem_item_promotions where org_id = ${org}`,
    );
    expect(merges).toHaveLength(1);
    expect(promotions).toHaveLength(1);
    // Who merged and promoted is the facilitator, named; no one who raised or voted is.
    expect(merges[0]).toMatchObject({ item_id: items[4]!.id, into_id: items[3]!.id, merged_by: "dana" });
    expect(promotions[0]).toMatchObject({ item_id: items[3]!.id, promoted_by: "dana" });
    for (const row of [...votes, ...merges, ...promotions]) {
      for (const [column, value] of Object.entries(row)) {
        if (column === "xmin" || column === "ctid") continue;
        expect(value instanceof Date, column).toBe(false);
        expect(String(value)).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\d{2}:\d{2}:\d{2}/);
      }
    }
    // No vote shares a transaction with a participant, a token, an event, the audit log or a released batch;
    // each vote is its own.
    const participants = [
      ...(await rows(store, sql`select xmin::text as x from premortem_participants where org_id = ${org}`)),
      ...(await rows(store, sql`select xmin::text as x from api_tokens where org_id = ${org}`)),
      ...(await rows(store, sql`select xmin::text as x from events where org_id = ${org}`)),
      ...(await rows(store, sql`select xmin::text as x from audit_events where org_id = ${org}`)),
    ].map((r) => String(r.x));
    for (const v of votes) {
      expect(participants).not.toContain(String(v.xmin));
      expect(itemXmins.has(String(v.xmin))).toBe(false);
    }
    expect(new Set(votes.map((v) => v.xmin)).size).toBe(votes.length);
    // A merge or promotion is the facilitator's own transaction, never a batch's or a participant's.
    for (const row of [...merges, ...promotions]) {
      expect(itemXmins.has(String(row.xmin))).toBe(false);
      const joined = await rows(
        store,
        sql`select xmin::text as x from premortem_participants where org_id = ${org}`,
      );
      expect(joined.map((r) => String(r.x))).not.toContain(String(row.xmin));
    }
    // The released items were not touched by any of it.
    expect(await anonymousItems()).toEqual(items);
  });

  it("finds no waiting risk's text in a dump or in the database's files until its batch is released", async () => {
    const opened = (
      await api.call("POST", `/api/v1/initiatives/${INITIATIVE}/premortems`, dana, { title: "Sealed" })
    ).body as { id: string; share_path: string };
    const waiting = ["Zephyr vendor contract lapses unnoticed", "Quokka migration rehearsal never happens"];
    for (const risk of waiting) {
      const joined = (await api.call("POST", `${opened.share_path}/join`, null)).body as {
        participation_token: string;
      };
      const res = await api.app.request(`${opened.share_path}/items`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-participation-token": joined.participation_token },
        body: JSON.stringify({ risk, likelihood: "high", impact: "high" }),
      });
      expect(res.status).toBe(202);
    }
    const sealedNow = await takeAway(store, backend.name);
    for (const risk of waiting) expect(sealedNow.includes(risk), risk).toBe(false);
    const boxes = await rows(
      store,
      sql`select payload from sealed_submissions where org_id = ${org} and ritual_id = ${opened.id}`,
    );
    expect(boxes).toHaveLength(2);
    // Padded to one length: the size of what waits does not tell which released risk it was.
    expect(new Set(boxes.map((b) => JSON.stringify(b.payload).length)).size).toBe(1);

    // Released, the risks are there to find: the search above could have found them.
    await api.call("POST", `/api/v1/initiatives/${INITIATIVE}/premortems/${opened.id}/state`, dana, {
      state: "voting",
    });
    const released = await takeAway(store, backend.name);
    for (const risk of waiting) expect(released.includes(risk), risk).toBe(true);
    const hex = TEST_ANONYMITY_KEY.toString("hex");
    expect(released.includes(hex) || released.includes(TEST_ANONYMITY_KEY)).toBe(false);
  });

  it("finds the anonymity key nowhere in the database", async () => {
    const tables = await rows(
      store,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const hex = TEST_ANONYMITY_KEY.toString("hex");
    const b64 = TEST_ANONYMITY_KEY.toString("base64");
    for (const { table_name } of tables) {
      const dump = JSON.stringify(await rows(store, sql.raw(`select * from "${String(table_name)}"`)));
      expect(dump.includes(hex) || dump.includes(b64), String(table_name)).toBe(false);
    }
  });

  it("logs nothing that ties a risk to anyone", () => {
    for (const line of logs) {
      for (const t of truth) expect(line).not.toContain(t.risk);
      expect(line).not.toContain(lee.id);
    }
  });

  it("accepts exactly the cap when fifty join at once", async () => {
    const opened = (
      await api.call("POST", `/api/v1/initiatives/${INITIATIVE}/premortems`, dana, { title: "Race" })
    ).body as { id: string; share_path: string };
    const below = LIMITS.participantsPerSession - 20;
    await store.db.execute(
      sql`insert into premortem_participants (org_id, initiative_id, session_id, token_hash)
          select ${org}, ${INITIATIVE}, ${opened.id}, md5(random()::text || g::text) from generate_series(1, ${below}) g`,
    );
    const statuses = await Promise.all(
      Array.from(
        { length: 50 },
        async () => (await api.app.request(`${opened.share_path}/join`, { method: "POST" })).status,
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(30);
    const [count] = await rows(
      store,
      sql`select count(*)::int as n from premortem_participants where org_id = ${org} and session_id = ${opened.id}`,
    );
    expect(count!.n).toBe(LIMITS.participantsPerSession);
  });
  it("gets one participation from sixty joins of one invitation, and none from the link without one", async () => {
    const pulse = (await api.call("POST", "/api/v1/pulses", admin, { team: "product", min_group_size: 5 }))
      .body as { id: string; share_path: string };
    const { invitations } = (
      await api.call("POST", `/api/v1/pulses/${pulse.id}/invitations`, admin, { count: 5 })
    ).body as { invitations: string[] };
    const joinAll = (headers: Record<string, string>) =>
      Promise.all(
        Array.from({ length: 60 }, async () => {
          const res = await api.app.request(`${pulse.share_path}/join`, { method: "POST", headers });
          return { status: res.status, body: (await res.json()) as { participation_token?: string } };
        }),
      );
    const bare = await joinAll({});
    expect(bare.every((j) => j.status === 401)).toBe(true);
    // Every join with one invitation is the same participation: one token, one participant row.
    const attacker = await joinAll({ "x-invitation": invitations[0]! });
    expect(attacker.every((j) => j.status === 201)).toBe(true);
    expect(new Set(attacker.map((j) => j.body.participation_token)).size).toBe(1);
    const [count] = await rows(
      store,
      sql`select count(*)::int as n from pulse_participants where org_id = ${org} and survey_id = ${pulse.id}`,
    );
    expect(count!.n).toBe(1);

    // The issue's attack: one real answer plus the attacker's own. The attacker answers once, however often
    // they joined; the real person answers once; nothing is published before close, and at close two answers
    // are fewer than k: the real answer is never given away.
    const answer = async (token: string, answers: number[]) =>
      (
        await api.app.request(`${pulse.share_path}/answers`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-participation-token": token },
          body: JSON.stringify({ answers }),
        })
      ).status;
    const view = async () => (await api.call("GET", `/api/v1/pulses/${pulse.id}`, admin)).body;
    const before = await view();
    const tries = await Promise.all(
      attacker.map((j) => answer(j.body.participation_token!, Array(7).fill(7) as number[])),
    );
    expect(tries.filter((s) => s === 201)).toHaveLength(1);
    const real = (
      await api.app.request(`${pulse.share_path}/join`, {
        method: "POST",
        headers: { "x-invitation": invitations[1]! },
      })
    ).json() as Promise<{ participation_token: string }>;
    expect(await answer((await real).participation_token, [2, 3, 2, 3, 2, 3, 3])).toBe(201);
    expect(await view()).toEqual(before);
    await api.call("POST", `/api/v1/pulses/${pulse.id}/close`, admin);
    expect(await view()).toMatchObject({ result: { withheld: "fewer than 5 people answered" } });
  });

  it("cannot make up k alone by joining an open link again and again: no result appears", async () => {
    const pulse = (await api.call("POST", "/api/v1/pulses", admin, { team: "sales", min_group_size: 3 }))
      .body as { id: string; share_path: string };
    const view = async () => (await api.call("GET", `/api/v1/pulses/${pulse.id}`, admin)).body;
    // One person, six joins of the open link, six answers: around one real answer, five known ones.
    for (let i = 0; i < 6; i++) {
      const joined = (await api.call("POST", `${pulse.share_path}/join`, null)).body as {
        participation_token: string;
      };
      const res = await api.app.request(`${pulse.share_path}/answers`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-participation-token": joined.participation_token },
        body: JSON.stringify({ answers: Array(7).fill(i === 0 ? 1 : 7) }),
      });
      expect(res.status).toBe(201);
    }
    expect((await api.call("POST", `/api/v1/pulses/${pulse.id}/close`, admin)).status).toBe(200);
    const closed = await view();
    expect(closed).toMatchObject({
      result: { withheld: expect.stringContaining("an open link cannot tell people apart") },
    });
    expect(JSON.stringify(closed)).not.toMatch(/respondents|mean/);
    const list = JSON.stringify((await api.call("GET", "/api/v1/pulses?team=sales", admin)).body);
    expect(list).not.toMatch(/respondents|mean/);

    // So with a pre-mortem's votes: one person's six joins vote six times, and no tally is shown at close.
    const opened = (
      await api.call("POST", `/api/v1/initiatives/${INITIATIVE}/premortems`, dana, {
        title: "One voter, many joins",
        min_group_size: 3,
      })
    ).body as { id: string; share_path: string };
    const base = `/api/v1/initiatives/${INITIATIVE}/premortems/${opened.id}`;
    const item = (
      await api.call("POST", `${base}/items`, dana, {
        risk: "Nobody owns the pager",
        likelihood: "high",
        impact: "high",
      })
    ).body as { id: string };
    await api.call("POST", `${base}/state`, dana, { state: "voting" });
    for (let i = 0; i < 6; i++) {
      const joined = (await api.call("POST", `${opened.share_path}/join`, null)).body as {
        participation_token: string;
      };
      const res = await api.app.request(`${opened.share_path}/items/${item.id}/votes`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-participation-token": joined.participation_token },
        body: JSON.stringify({ likelihood: "low", impact: "low" }),
      });
      expect(res.status).toBe(200);
    }
    await api.call("POST", `${base}/state`, dana, { state: "closed" });
    for (const seen of [
      (await api.call("GET", base, admin)).body,
      await (await api.app.request(opened.share_path)).json(),
    ]) {
      expect(JSON.stringify(seen)).not.toContain('"voters"');
      expect(JSON.stringify(seen)).toContain("an open link cannot tell people apart");
    }
  });

  it("links no anonymous truth by transaction, time, order or version to whoever gave it", async () => {
    const base = `/api/v1/initiatives/${INITIATIVE}`;
    expect(
      (
        await api.call("POST", `${base}/reviews`, admin, {
          id: "attack-retro",
          name: "Attack retro",
          date: "2026-02-09",
          anonymous: true,
        })
      ).status,
    ).toBe(201);
    const version = async () =>
      Number(
        (
          await rows(
            store,
            sql`select coalesce(max(id), 0) as version from events
                where org_id = ${org} and initiative_id = ${INITIATIVE} and type = 'initiative.changed'`,
          )
        )[0]!.version,
      );
    await api.evaluator.drain();
    const eventsBefore = (await rows(store, sql`select id from events where org_id = ${org}`)).length;
    const given = ["Truth from Dana", "Truth from Lee", "Truth from the admin"];
    const givers = [dana, lee.secret, admin];
    const versions: number[] = [await version()];
    for (const [i, worse] of given.entries()) {
      expect(
        (await api.call("POST", `${base}/reviews/attack-retro/truths`, givers[i]!, { worse })).status,
      ).toBe(201);
      versions.push(await version());
    }
    // No new version per truth: one for the release of the batch.
    expect(versions[1]).toBe(versions[0]);
    expect(versions[2]).toBe(versions[0]);
    expect(versions[3]).toBeGreaterThan(versions[0]!);
    const truths = await rows(
      store,
      sql`select xmin::text as xmin, ctid::text as ctid, * from truths
          where org_id = ${org} and review_id = 'attack-retro'`,
    );
    expect(truths.map((t) => t.worse).sort()).toEqual([...given].sort());
    expect(byXminOf(truths)).toHaveLength(1);
    for (const t of truths) {
      expect(t.author_id).toBeNull();
      for (const [column, value] of Object.entries(t)) {
        if (column === "xmin" || column === "ctid") continue;
        expect(value instanceof Date, column).toBe(false);
        expect(String(value)).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      }
    }
    const tokenXmins = (
      await rows(store, sql`select xmin::text as x from api_tokens where org_id = ${org}`)
    ).map((r) => String(r.x));
    for (const x of tokenXmins) expect(x).not.toBe(String(truths[0]!.xmin));
    const events = await rows(store, sql`select * from events where org_id = ${org} order by id`);
    // Nothing on the live stream per truth: one change for the release of the batch, naming none of them,
    // and at most the evaluation of that one version.
    const after = events.slice(eventsBefore);
    const changes = after.filter((e) => e.type === "initiative.changed");
    expect(changes.map((e) => [Number(e.id), e.data])).toEqual([
      [versions[3], { change: "truths.released", review: "attack-retro" }],
    ]);
    for (const e of after.filter((e) => e.type !== "initiative.changed")) {
      expect((e.data as { version?: number }).version).toBe(versions[3]);
    }
    const audit = (await api.call("GET", "/api/v1/audit?limit=200", admin)).body as { items: Row[] };
    const text = JSON.stringify([events, audit.items, logs]);
    for (const worse of given) expect(text).not.toContain(worse);
    expect(await rows(store, sql`select * from sealed_submissions where org_id = ${org}`)).toEqual([]);
  });

  it("shuffles a batch of truths: over many releases, the first given is not always first", async () => {
    const base = `/api/v1/initiatives/${INITIATIVE}`;
    const firsts = new Set<string>();
    for (let round = 0; round < 12; round++) {
      await api.call("POST", `${base}/reviews`, admin, {
        id: `shuffle-${round}`,
        name: `Shuffle ${round}`,
        date: "2026-02-09",
        anonymous: true,
      });
      for (const worse of ["a", "b", "c"])
        await api.call("POST", `${base}/reviews/shuffle-${round}/truths`, admin, { worse });
      const [first] = await rows(
        store,
        sql`select worse from truths where org_id = ${org} and review_id = ${`shuffle-${round}`}
            order by position limit 1`,
      );
      firsts.add(String(first!.worse));
    }
    // Twelve rounds all starting with "a" would happen by chance once in 3^11 times.
    expect(firsts.size).toBeGreaterThan(1);
  });

  it("finds the last truths of a closed review nowhere: not shown, not in a dump, not in an event", async () => {
    const base = `/api/v1/initiatives/${INITIATIVE}`;
    await api.call("POST", `${base}/reviews`, admin, {
      id: "closing-retro",
      name: "Closing retro",
      date: "2026-02-09",
      anonymous: true,
    });
    const given = [
      "Xylophone rollout slipped twice",
      "Yodel metrics were never wired",
      "Walrus on-call burned out",
    ];
    for (const worse of given)
      await api.call("POST", `${base}/reviews/closing-retro/truths`, lee.secret, { worse });
    // The late one: given after the batch, by whoever walked in last.
    const late = "Umbrella budget was spent by March";
    await api.call("POST", `${base}/reviews/closing-retro/truths`, dana, { worse: late });
    const eventsBefore = (await rows(store, sql`select id from events where org_id = ${org}`)).length;
    const closed = await api.call("POST", `${base}/reviews/closing-retro/close`, dana);
    expect(closed.body).toMatchObject({ sealed: 1 });
    const shown = JSON.stringify((await api.call("GET", `${base}/reviews/closing-retro`, admin)).body);
    expect(shown).not.toContain(late);
    expect((await takeAway(store, backend.name)).includes(late)).toBe(false);
    const events = (await rows(store, sql`select * from events where org_id = ${org} order by id`)).slice(
      eventsBefore,
    );
    expect(events.filter((e) => e.type === "initiative.changed").map((e) => e.data)).toEqual([
      { change: "review.closed", review: "closing-retro" },
    ]);
    const audit = JSON.stringify((await api.call("GET", "/api/v1/audit?limit=200", admin)).body);
    expect(JSON.stringify([events, audit, logs])).not.toContain(late);
    // The closure is dated by the day only.
    const [closure] = await rows(
      store,
      sql`select * from review_closures where org_id = ${org} and review_id = 'closing-retro'`,
    );
    expect(Object.keys(closure!).sort()).toEqual(["closed_on", "initiative_id", "org_id", "review_id"]);
    expect(closure!.closed_on instanceof Date ? "a Date" : String(closure!.closed_on)).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
  });
});
