// Personal single-use invitations: a ritual with any is invitation-only, one invitation yields one
// participation, and results never change after a single answer (the k rule counts people, not joins).
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const INITIATIVE = "orbit-self-serve-launch";

describe.each(backends())("personal invitations and no differencing on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let admin: string;
  let dana: string;

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    admin = await api.token(org, "admin");
    expect((await api.seed(org, parse(orbitText()))).created).toBe(true);
    dana = (
      await createToken(servicesFor(store), {
        orgId: org,
        name: "dana",
        role: "lead",
        expiresInDays: 1,
        personId: "dana",
      })
    ).secret;
  });
  afterAll(async () => store.close());

  async function join(share: string, invitation?: string) {
    const res = await api.app.request(`${share}/join`, {
      method: "POST",
      headers: invitation ? { "x-invitation": invitation } : {},
    });
    const body = (await res.json()) as { participation_token?: string; detail?: string };
    return { status: res.status, token: body.participation_token ?? "", detail: body.detail ?? "" };
  }

  async function answer(share: string, token: string, answers: number[]) {
    const res = await api.app.request(`${share}/answers`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-participation-token": token },
      body: JSON.stringify({ answers }),
    });
    return res.status;
  }

  async function openPulse(team: string, k = 3) {
    return (await api.call("POST", "/api/v1/pulses", admin, { team, min_group_size: k })).body as {
      id: string;
      share_path: string;
    };
  }

  async function invite(path: string, token: string, count: number) {
    const res = await api.call("POST", path, token, { count });
    return { status: res.status, invitations: (res.body as { invitations?: string[] }).invitations ?? [] };
  }

  it("makes a pulse invitation-only: one participation per invitation, one answer, a clear 409 after it", async () => {
    const pulse = await openPulse("product");
    const { status, invitations } = await invite(`/api/v1/pulses/${pulse.id}/invitations`, admin, 3);
    expect(status).toBe(201);
    expect(new Set(invitations).size).toBe(3);
    expect((await join(pulse.share_path)).status).toBe(401);
    expect((await join(pulse.share_path, "piv_not-one-of-these")).status).toBe(401);
    const first = await join(pulse.share_path, invitations[0]);
    expect(first.status).toBe(201);
    // Joined and left before answering (a closed tab): the same invitation joins again, as the same participation.
    const again = await join(pulse.share_path, invitations[0]);
    expect(again).toMatchObject({ status: 201, token: first.token });
    expect(await answer(pulse.share_path, again.token, [4, 4, 4, 4, 4, 4, 4])).toBe(201);
    expect(await answer(pulse.share_path, first.token, [5, 5, 5, 5, 5, 5, 5])).toBe(409);
    expect(await join(pulse.share_path, invitations[0])).toMatchObject({
      status: 409,
      detail: expect.stringContaining("this invitation has answered already"),
    });

    // Stored only as keyed hashes, with the day only: neither the secret nor its plain SHA-256 is anywhere.
    const stored = (
      (await store.db.execute(
        sql`select * from ritual_invitations where org_id = ${org} and ritual_id = ${pulse.id}`,
      )) as unknown as { rows: Array<Record<string, unknown>> }
    ).rows;
    expect(stored).toHaveLength(3);
    expect(stored.filter((r) => r.used === true)).toHaveLength(1);
    const dump = JSON.stringify(stored);
    for (const secret of invitations) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(createHash("sha256").update(secret).digest("hex"));
    }
    expect(Object.keys(stored[0]!).sort()).toEqual(
      ["id", "issued_on", "kind", "org_id", "ritual_id", "secret_hash", "used"].sort(),
    );

    // No more invitations than the pulse takes participants; at most 200 a request.
    expect((await invite(`/api/v1/pulses/${pulse.id}/invitations`, admin, 201)).status).toBe(422);
  });

  it("never lets two answers through one invitation, however many join and answer with it at once", async () => {
    const pulse = await openPulse("engineering");
    const { invitations } = await invite(`/api/v1/pulses/${pulse.id}/invitations`, admin, 3);
    const joins = await Promise.all(Array.from({ length: 20 }, () => join(pulse.share_path, invitations[0])));
    expect(joins.every((j) => j.status === 201 && j.token === joins[0]!.token)).toBe(true);
    const answers = await Promise.all(
      joins.map((j, i) => answer(pulse.share_path, j.token, Array(7).fill((i % 7) + 1) as number[])),
    );
    expect(answers.filter((s) => s === 201)).toHaveLength(1);
    expect(answers.filter((s) => s === 409)).toHaveLength(19);
    const counted = async (table: "pulse_participants" | "pulse_responses" | "sealed_submissions") =>
      (
        (await store.db.execute(
          sql.raw(
            `select count(*)::int as n from ${table} where org_id = '${org}' and ${
              table === "sealed_submissions" ? "ritual_id" : "survey_id"
            } = '${pulse.id}'`,
          ),
        )) as unknown as { rows: Array<{ n: number }> }
      ).rows[0]!.n;
    expect(await counted("pulse_participants")).toBe(1);
    expect((await counted("pulse_responses")) + (await counted("sealed_submissions"))).toBe(1);
    // Joins and answers racing together give no second answer either.
    const mixed = await Promise.all(
      Array.from({ length: 20 }, async (_, i) =>
        i % 2
          ? answer(pulse.share_path, joins[0]!.token, [1, 1, 1, 1, 1, 1, 1])
          : (await join(pulse.share_path, invitations[0])).status,
      ),
    );
    expect(mixed.every((s) => s === 409)).toBe(true);
    expect((await counted("pulse_responses")) + (await counted("sealed_submissions"))).toBe(1);
  });

  it("keeps an open link open, and issues no invitations once people joined by it", async () => {
    const pulse = await openPulse("marketing");
    const joined = await join(pulse.share_path);
    expect(joined.status).toBe(201);
    expect((await join(pulse.share_path, "piv_anything-at-all")).status).toBe(409);
    const late = await api.call("POST", `/api/v1/pulses/${pulse.id}/invitations`, admin, { count: 2 });
    expect(late.status).toBe(409);
    expect((await join(pulse.share_path)).status).toBe(201);
  });

  it("lets only the facilitator invite to a pre-mortem, which then takes invited joins only", async () => {
    const opened = (
      await api.call("POST", `/api/v1/initiatives/${INITIATIVE}/premortems`, dana, {
        title: "Why did it fail?",
      })
    ).body as { id: string; share_path: string };
    const path = `/api/v1/initiatives/${INITIATIVE}/premortems/${opened.id}/invitations`;
    expect((await invite(path, admin, 2)).status).toBe(403);
    const { status, invitations } = await invite(path, dana, 2);
    expect(status).toBe(201);
    expect((await join(opened.share_path)).status).toBe(401);
    const first = await join(opened.share_path, invitations[1]);
    expect(first.status).toBe(201);
    // Joined again, the invitation goes on with the same participation (its risks and votes), not a second one.
    expect(await join(opened.share_path, invitations[1])).toMatchObject({ status: 201, token: first.token });
    const audit = JSON.stringify((await api.call("GET", "/api/v1/audit", admin)).body);
    for (const secret of invitations) expect(audit).not.toContain(secret);
  });

  it("publishes a pulse's result only at close: one more answer changes nothing anyone can read", async () => {
    const pulse = await openPulse("sales", 3);
    const { invitations } = await invite(`/api/v1/pulses/${pulse.id}/invitations`, admin, 5);
    const view = async () => (await api.call("GET", `/api/v1/pulses/${pulse.id}`, admin)).body;
    const list = async () => JSON.stringify((await api.call("GET", "/api/v1/pulses?team=sales", admin)).body);
    const seen: unknown[] = [];
    const listed: string[] = [];
    for (const [i, invitation] of invitations.slice(0, 4).entries()) {
      const joined = await join(pulse.share_path, invitation);
      expect(await answer(pulse.share_path, joined.token, Array(7).fill(i + 1) as number[])).toBe(201);
      seen.push(await view());
      listed.push(await list());
    }
    // Three answers reach k, a fourth follows: every view taken in between is the same.
    for (const v of seen) expect(v).toEqual(seen[0]);
    for (const l of listed) expect(l).toBe(listed[0]);
    expect(seen[0]).toMatchObject({ result: { withheld: "shown once the pulse is closed" } });
    await api.call("POST", `/api/v1/pulses/${pulse.id}/close`, admin);
    expect(await view()).toMatchObject({ result: { respondents: 4 } });
    expect((await join(pulse.share_path, invitations[4])).status).toBe(409);
  });

  it("publishes a pre-mortem's vote tallies only at close: one more vote changes nothing", async () => {
    const opened = (
      await api.call("POST", `/api/v1/initiatives/${INITIATIVE}/premortems`, dana, {
        title: "What broke?",
        min_group_size: 3,
      })
    ).body as { id: string; share_path: string };
    const base = `/api/v1/initiatives/${INITIATIVE}/premortems/${opened.id}`;
    const { invitations } = await invite(`${base}/invitations`, dana, 4);
    const tokens: string[] = [];
    for (const invitation of invitations) tokens.push((await join(opened.share_path, invitation)).token);
    const item = (
      await api.call("POST", `${base}/items`, dana, {
        risk: "The queue has no owner",
        likelihood: "high",
        impact: "high",
      })
    ).body as { id: string };
    await api.call("POST", `${base}/state`, dana, { state: "voting" });
    const votes = async () => JSON.stringify((await api.call("GET", base, admin)).body);
    const seen: string[] = [];
    for (const token of tokens) {
      const res = await api.app.request(`${opened.share_path}/items/${item.id}/votes`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-participation-token": token },
        body: JSON.stringify({ likelihood: "low", impact: "medium" }),
      });
      expect(res.status).toBe(200);
      seen.push(await votes());
      seen.push(JSON.stringify(await (await api.app.request(opened.share_path)).json()));
    }
    for (const [i, v] of seen.entries()) expect(v).toBe(seen[i % 2]);
    expect(seen[0]).toContain("shown once the session is closed");
    await api.call("POST", `${base}/state`, dana, { state: "closed" });
    expect(await votes()).toContain('"voters":4');
  });
});
