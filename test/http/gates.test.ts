import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { smallDocument } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const VOTERS = 50;
const people = [
  { id: "dana", name: "Dana Reyes" },
  { id: "mia", name: "Mia Chen", manager: "dana" },
  { id: "omar", name: "Omar Haddad", manager: "dana" },
  { id: "pat", name: "Pat Okafor", manager: "dana" },
  ...Array.from({ length: VOTERS }, (_, i) => ({ id: `p${i}`, name: `Person ${i}`, manager: "dana" })),
];

function gateDocument() {
  return smallDocument({
    people,
    milestones: [{ name: "General availability", date: "2026-03-01", gate: "launch" }],
    gates: [
      { name: "Launch", authorities: { ux: "mia", technical: "pat" } },
      {
        name: "Crowd",
        authorities: Object.fromEntries(Array.from({ length: VOTERS }, (_, i) => [`role${i}`, `p${i}`])),
      },
    ],
  });
}

describe.each(backends())("go/no-go gates on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let admin: string;
  const tokens = new Map<string, string>();
  const base = "/api/v1/initiatives/small-launch/gates";
  const as = async (person: string) => {
    if (!tokens.has(person)) {
      const { secret } = await createToken(servicesFor(store), {
        orgId: org,
        name: person,
        role: "member",
        expiresInDays: 1,
        personId: person,
      });
      tokens.set(person, secret);
    }
    return tokens.get(person)!;
  };
  const status = async (gate: string) =>
    (await api.call("GET", `${base}/${gate}/status`, admin)).body as Record<string, unknown>;
  const auditActions = async () =>
    (
      (await api.call("GET", "/api/v1/audit?limit=200", admin)).body as {
        items: Array<{ action: string; target: { id: string } }>;
      }
    ).items;

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    admin = await api.token(org, "admin");
    expect((await api.call("POST", "/api/v1/initiatives", admin, gateDocument())).status).toBe(201);
  });
  afterAll(async () => store.close());

  it("lets only a role's holder vote: not an admin, not the owner, not automation", async () => {
    expect((await api.call("POST", `${base}/launch/votes`, admin, { vote: "go" })).status).toBe(403);
    expect(
      (await api.call("POST", `${base}/launch/votes`, await as("dana"), { vote: "go", role: "ux" })).status,
    ).toBe(403);
    expect(
      (await api.call("POST", `${base}/launch/votes`, await as("pat"), { vote: "go", role: "ux" })).status,
    ).toBe(403);
    const noReason = await api.call("POST", `${base}/launch/votes`, await as("pat"), { vote: "no_go" });
    expect(noReason.status).toBe(422);
    expect(await status("launch")).toMatchObject({ state: "pending", go: [], no_go: [] });
  });

  it("holds the gate on any No-Go and pauses the milestones that wait for it", async () => {
    expect(
      (await api.call("POST", `${base}/launch/votes`, await as("mia"), { vote: "go" })).body,
    ).toMatchObject({ state: "pending" });
    const held = await api.call("POST", `${base}/launch/votes`, await as("pat"), {
      vote: "no_go",
      reason: "p95 latency 8 s",
    });
    expect(held.body).toEqual({ role: "technical", state: "held", changed: true });
    expect(await status("launch")).toMatchObject({
      state: "held",
      go: ["ux"],
      no_go: [{ role: "technical", by: "pat", reason: "p95 latency 8 s" }],
      paused_milestones: ["general-availability"],
    });
  });

  it("lets only the voter, or the next holder of the role, lift a No-Go", async () => {
    expect(
      (await api.call("POST", `${base}/launch/votes`, await as("mia"), { vote: "go", role: "technical" }))
        .status,
    ).toBe(403);
    // The technical role passes to Omar: Pat no longer holds it, Omar may lift the No-Go.
    expect(
      (await api.call("PATCH", `${base}/launch`, admin, { authorities: { ux: "mia", technical: "omar" } }))
        .status,
    ).toBe(200);
    expect((await api.call("POST", `${base}/launch/votes`, await as("pat"), { vote: "go" })).status).toBe(
      403,
    );
    expect((await status("launch")).state).toBe("held");
    const lifted = await api.call("POST", `${base}/launch/votes`, await as("omar"), { vote: "go" });
    expect(lifted.body).toEqual({ role: "technical", state: "go", changed: true });
    expect(await status("launch")).toMatchObject({ state: "go", paused_milestones: [] });
  });

  it(`stays consistent under ${VOTERS + 10} concurrent votes including a No-Go`, async () => {
    const ballots = Array.from({ length: VOTERS }, (_, i) => ({
      person: `p${i}`,
      vote: i === 17 ? "no_go" : "go",
    }));
    // Ten voters send their go twice, at the same time as everyone else.
    const repeats = ballots.slice(20, 30).filter((b) => b.vote === "go");
    const all = [...ballots, ...repeats];
    const secrets = await Promise.all(all.map((b) => as(b.person)));
    const before = (await auditActions()).filter(
      (e) => e.target.id === "crowd" && e.action.startsWith("gate."),
    ).length;
    const results = await Promise.all(
      all.map((b, i) =>
        api.call(
          "POST",
          `${base}/crowd/votes`,
          secrets[i]!,
          b.vote === "go" ? { vote: "go" } : { vote: "no_go", reason: "Not ready" },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(all.map(() => 201));
    const final = await status("crowd");
    expect(final.state).toBe("held");
    expect(final.no_go).toEqual([{ role: "role17", by: "p17", reason: "Not ready" }]);
    expect((final.go as string[]).length).toBe(VOTERS - 1);
    expect(final.pending).toEqual([]);
    const document = (await api.call("GET", "/api/v1/initiatives/small-launch", admin)).body as {
      gates: Array<{ id?: string; name: string; votes: Array<{ by: string }> }>;
    };
    const votes = document.gates.find((g) => g.name === "Crowd")!.votes;
    expect(new Set(votes.map((v) => v.by)).size).toBe(votes.length);
    expect(votes.length).toBe(VOTERS);
    const changes = (await auditActions()).filter(
      (e) => e.target.id === "crowd" && e.action.startsWith("gate."),
    );
    expect(changes.length - before).toBe(1);
    expect(changes.at(-1)!.action).toBe("gate.held");
  });

  it("records every vote in an audit log whose chain verifies, and which nobody can rewrite", async () => {
    const events = await auditActions();
    expect(events.filter((e) => e.action === "vote.cast").length).toBeGreaterThanOrEqual(VOTERS);
    expect((await api.call("GET", "/api/v1/audit/verify", admin)).body).toMatchObject({
      ok: true,
      first_problem: null,
    });
    const refusal = (error: unknown) => String((error as { cause?: Error }).cause?.message ?? error);
    const update = await store.db.execute(sql`update audit_events set actor = 'mallory'`).catch(refusal);
    expect(update).toMatch(/audit events are append-only: UPDATE/);
    const remove = await store.db.execute(sql`delete from audit_events`).catch(refusal);
    expect(remove).toMatch(/audit events are append-only: DELETE/);
    expect((await api.call("GET", "/api/v1/audit/verify", admin)).body).toMatchObject({ ok: true });
  });
});
