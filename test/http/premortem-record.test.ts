// A pre-mortem is a record: its items are written once, a merge or a promotion is a row of its own beside the
// item, and a changed vote is a new one that supersedes the voter's last. No route and no statement changes or
// removes any of them in place; the tally counts each voter's latest vote, and the history stays.
import { sql } from "drizzle-orm";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteInitiative } from "../../src/store/initiative-repository.ts";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { backends, freshOrg, refusal, servicesFor } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const INITIATIVE = "orbit-self-serve-launch";
const base = `/api/v1/initiatives/${INITIATIVE}/premortems`;
type Row = Record<string, unknown>;
const PREMORTEM_RECORDS = [
  "premortem_items",
  "premortem_item_merges",
  "premortem_item_promotions",
  "premortem_votes",
];

describe.each(backends())("pre-mortem records on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let dana = "";
  let admin = "";
  let session = { id: "", share_path: "" };
  const items: Record<"slips" | "late" | "other", string> = { slips: "", late: "", other: "" };

  const rows = async (query: ReturnType<typeof sql>): Promise<Row[]> =>
    ((await store.db.execute(query)) as unknown as { rows: Row[] }).rows;
  const view = async () =>
    (await api.call("GET", `${base}/${session.id}`, admin)).body as {
      items: Array<Row & { id: string; votes: Row }>;
    };
  /** Joins through a personal invitation: only invited votes make a tally (docs/anonymity.md). */
  const join = async (invitation: string) =>
    (
      (await (
        await api.app.request(`${session.share_path}/join`, {
          method: "POST",
          headers: { "x-invitation": invitation },
        })
      ).json()) as { participation_token: string }
    ).participation_token;
  const vote = (token: string, item: string, likelihood: string, impact: string) =>
    api.app.request(`${session.share_path}/items/${item}/votes`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-participation-token": token },
      body: JSON.stringify({ likelihood, impact }),
    });

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    await api.seed(org, parse(orbitText()));
    admin = await api.token(org, "admin");
    dana = (
      await createToken(servicesFor(store), {
        orgId: org,
        name: "dana",
        role: "lead",
        expiresInDays: 1,
        personId: "dana",
      })
    ).secret;
    session = (await api.call("POST", base, dana, { title: "It failed. Why?", min_group_size: 3 })).body as {
      id: string;
      share_path: string;
    };
    for (const [key, risk] of [
      ["slips", "The vendor slips the contract"],
      ["late", "The vendor is late with the contract"],
      ["other", "Nobody staffs support in launch week"],
    ] as const) {
      const res = await api.call("POST", `${base}/${session.id}/items`, dana, {
        risk,
        likelihood: "medium",
        impact: "high",
      });
      expect(res.status).toBe(201);
      items[key] = (res.body as { id: string }).id;
    }
  });
  afterAll(async () => store.close());

  it("records a merge beside the item, by whom and on which day, and never rewrites the item", async () => {
    const before = await rows(
      sql`select xmin::text as xmin, * from premortem_items where org_id = ${org} and id = ${items.late}`,
    );
    const merged = await api.call("POST", `${base}/${session.id}/merge`, dana, {
      from: items.late,
      into: items.slips,
    });
    expect(merged.status).toBe(200);
    expect((await view()).items.find((i) => i.id === items.late)).toMatchObject({ merged_into: items.slips });
    expect(
      await rows(
        sql`select item_id, into_id, merged_by, merged_on::text as merged_on from premortem_item_merges
            where org_id = ${org} and session_id = ${session.id}`,
      ),
    ).toEqual([{ item_id: items.late, into_id: items.slips, merged_by: "dana", merged_on: "2026-02-10" }]);
    // The item's row is as it was written: same transaction id, same columns, same values.
    expect(
      await rows(
        sql`select xmin::text as xmin, * from premortem_items where org_id = ${org} and id = ${items.late}`,
      ),
    ).toEqual(before);
    // Merged once: merging it again, elsewhere, is refused rather than written over.
    const again = await api.call("POST", `${base}/${session.id}/merge`, dana, {
      from: items.late,
      into: items.other,
    });
    expect(again.status).toBe(409);
    expect((again.body as { detail: string }).detail).toMatch(/already merged/);
  });

  it("records a promotion beside the item, and refuses a second one", async () => {
    const promoted = await api.call("POST", `${base}/${session.id}/items/${items.slips}/promote`, dana, {
      owner: "omar",
    });
    expect(promoted.status).toBe(201);
    const { risk } = promoted.body as { risk: string };
    expect((await view()).items.find((i) => i.id === items.slips)).toMatchObject({ promoted_risk: risk });
    expect(
      await rows(
        sql`select item_id, risk_id, promoted_by, promoted_on::text as promoted_on
            from premortem_item_promotions where org_id = ${org} and session_id = ${session.id}`,
      ),
    ).toEqual([{ item_id: items.slips, risk_id: risk, promoted_by: "dana", promoted_on: "2026-02-10" }]);
    const again = await api.call("POST", `${base}/${session.id}/items/${items.slips}/promote`, dana, {
      owner: "omar",
    });
    expect(again.status).toBe(409);
  });

  it("appends a changed vote that supersedes the last; the tally counts each voter's latest", async () => {
    expect((await api.call("POST", `${base}/${session.id}/state`, dana, { state: "voting" })).status).toBe(
      200,
    );
    const invited = await api.call("POST", `${base}/${session.id}/invitations`, dana, { count: 3 });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const invitations = (invited.body as { invitations: string[] }).invitations;
    const voters = [];
    for (const invitation of invitations) voters.push(await join(invitation));
    for (const token of voters) expect((await vote(token, items.slips, "high", "high")).status).toBe(200);
    // The first changes their mind twice; the second once.
    expect((await vote(voters[0]!, items.slips, "low", "medium")).status).toBe(200);
    expect((await vote(voters[0]!, items.slips, "medium", "low")).status).toBe(200);
    expect((await vote(voters[1]!, items.slips, "low", "high")).status).toBe(200);
    // A merged item takes no votes.
    expect((await vote(voters[0]!, items.late, "low", "low")).status).toBe(404);

    const history = await rows(
      sql`select voter_key, revision, likelihood, impact from premortem_votes
          where org_id = ${org} and item_id = ${items.slips} order by voter_key, revision`,
    );
    expect(history).toHaveLength(6);
    const revisions = new Map<string, unknown[]>();
    for (const r of history)
      revisions.set(String(r.voter_key), [...(revisions.get(String(r.voter_key)) ?? []), r.revision]);
    expect([...revisions.values()]).toEqual(expect.arrayContaining([[1, 2, 3], [1, 2], [1]]));
    expect((await api.call("POST", `${base}/${session.id}/state`, dana, { state: "closed" })).status).toBe(
      200,
    );
    expect((await view()).items.find((i) => i.id === items.slips)!.votes).toEqual({
      voters: 3,
      likelihood: { low: 1, medium: 1, high: 1 },
      impact: { low: 1, medium: 0, high: 2 },
    });
  });

  it("answers a PATCH or DELETE of an item or a vote with 409 and how to correct it", async () => {
    for (const method of ["PATCH", "DELETE"]) {
      const item = await api.call(method, `${base}/${session.id}/items/${items.other}`, dana, {});
      expect(item.status).toBe(409);
      expect((item.body as { detail: string }).detail).toMatch(/never (changed|removed): merge .* promote/);
      const voted = await api.app.request(`${session.share_path}/items/${items.slips}/votes`, { method });
      expect(voted.status).toBe(409);
      expect(((await voted.json()) as { detail: string }).detail).toMatch(/vote again/);
    }
    // What does not exist is not found, as any read would say.
    expect((await api.call("PATCH", `${base}/${session.id}/items/pmi_nothing`, dana, {})).status).toBe(404);
    expect(
      (await api.app.request(`/share/premortems/pms_no-such-link/items/x/votes`, { method: "DELETE" }))
        .status,
    ).toBe(404);
    // Both are in the API's description.
    const doc = (await api.call("GET", "/openapi.json", null)).body as { paths: Record<string, Row> };
    expect(
      Object.keys(doc.paths[`${base.replace(INITIATIVE, "{initiativeId}")}/{sessionId}/items/{itemId}`]!),
    ).toEqual(expect.arrayContaining(["patch", "delete"]));
    expect(Object.keys(doc.paths["/share/premortems/{secret}/items/{itemId}/votes"]!)).toEqual(
      expect.arrayContaining(["post", "patch", "delete"]),
    );
  });

  it.each(PREMORTEM_RECORDS)(
    "refuses to update, delete or truncate %s, even for the owner",
    async (table) => {
      const scope = `org_id = '${org}'`;
      const [count] = await rows(sql.raw(`select count(*)::int as n from ${table} where ${scope}`));
      expect(count!.n).toBeGreaterThan(0);
      const refused = (statement: string) => refusal(store, sql.raw(statement));
      expect(await refused(`update ${table} set org_id = org_id where ${scope}`)).toMatch(/append-only/);
      expect(await refused(`delete from ${table} where ${scope}`)).toMatch(/append-only/);
      expect(await refused(`truncate ${table} cascade`)).toMatch(/append-only/);
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
    },
  );

  it("removes a pre-mortem's records with its initiative, and only then", async () => {
    const counts = async () =>
      Promise.all(
        PREMORTEM_RECORDS.map(
          async (table) =>
            (await rows(sql.raw(`select count(*)::int as n from ${table} where org_id = '${org}'`)))[0]!.n,
        ),
      );
    expect((await counts()).every((n) => Number(n) > 0)).toBe(true);
    await store.db.transaction((tx) => deleteInitiative(tx as never, org, INITIATIVE));
    expect(await counts()).toEqual([0, 0, 0, 0]);
  });
});
