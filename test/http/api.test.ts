import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { backends, FIXED_NOW, freshOrg, servicesFor } from "../support/databases.ts";
import { orbitText, smallDocument } from "../support/files.ts";
import { apiClient } from "../support/http.ts";
import { parse } from "yaml";

describe.each(backends())("HTTP API on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let admin: string;

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    admin = await api.token(org, "admin");
    expect((await api.seed(org, parse(orbitText()))).created).toBe(true);
  });
  afterAll(async () => store.close());

  it("answers /health with the store's state, without a token", async () => {
    const res = await api.call("GET", "/health", null);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", store: { kind: backend.name, state: "up" } });
  });

  it("publishes an OpenAPI 3.1 document and a docs page", async () => {
    const doc = (await api.call("GET", "/openapi.json", null)).body as { openapi: string; paths: object };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/v1/initiatives/{initiativeId}/signals");
    const page = await api.call("GET", "/docs", null);
    expect(page.status).toBe(200);
    expect(page.body).toContain("/api/v1/initiatives/{initiativeId}/links");
  });

  it("describes what a recorded status report answers with, the evidence it was posted against included", async () => {
    const doc = (await api.call("GET", "/openapi.json", null)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const reports = "/api/v1/initiatives/{initiativeId}/reports";
    const answers = [
      doc.paths[reports]!.post!.responses["201"],
      doc.paths[`${reports}/{itemId}`]!.get!.responses["200"],
      doc.paths[`${reports}/{itemId}/corrections`]!.post!.responses["201"],
    ];
    for (const answer of answers) {
      const text = JSON.stringify(answer);
      for (const field of ["evidence_when_posted", "greener_than_evidence", "greener_reason", "open_signals"])
        expect(text, field).toContain(`"${field}"`);
    }
  });

  it("refuses requests without a valid token, as problem+json", async () => {
    for (const token of [null, "plb_not-a-real-token", "something-else"]) {
      const res = await api.call("GET", "/api/v1/initiatives", token);
      expect(res.status).toBe(401);
      expect(res.contentType).toContain("application/problem+json");
      expect(res.body).toMatchObject({ status: 401, title: "Authentication required" });
    }
  });

  it("refuses an expired token", async () => {
    const twoDaysEarlier = servicesFor(store, new Date(FIXED_NOW.getTime() - 2 * 86_400_000));
    const { secret } = await createToken(twoDaysEarlier, {
      orgId: org,
      name: "old",
      role: "admin",
      expiresInDays: 1,
    });
    expect((await api.call("GET", "/api/v1/org", secret)).status).toBe(401);
  });

  it("refuses a revoked token", async () => {
    const created = (await api.call("POST", "/api/v1/tokens", admin, { name: "short", role: "viewer" }))
      .body as { id: string; secret: string };
    expect((await api.call("GET", "/api/v1/org", created.secret)).status).toBe(200);
    expect((await api.call("DELETE", `/api/v1/tokens/${created.id}`, admin)).status).toBe(204);
    expect((await api.call("GET", "/api/v1/org", created.secret)).status).toBe(401);
  });

  it("never lists token secrets, only their prefixes", async () => {
    const list = (await api.call("GET", "/api/v1/tokens", admin)).body as {
      items: Array<Record<string, unknown>>;
    };
    expect(list.items.length).toBeGreaterThan(0);
    for (const t of list.items) {
      expect(t).not.toHaveProperty("secret");
      expect(String(t.prefix)).toMatch(/^plb_/);
      expect(JSON.stringify(t)).not.toContain(admin);
    }
  });

  it("enforces roles: a viewer reads but cannot write; a member reports but cannot plan", async () => {
    const viewer = await api.token(org, "viewer");
    const member = await api.call("GET", "/api/v1/initiatives", viewer);
    expect(member.status).toBe(200);
    const report = { subject: "release", by: "lee", date: "2026-02-09", health: "off_track" };
    const denied = await api.call(
      "POST",
      "/api/v1/initiatives/orbit-self-serve-launch/reports",
      viewer,
      report,
    );
    expect(denied.status).toBe(403);
    const memberToken = await api.token(org, "member");
    expect(
      (await api.call("POST", "/api/v1/initiatives/orbit-self-serve-launch/reports", memberToken, report))
        .status,
    ).toBe(201);
    const link = { kind: "dependency", from: "release", to: "capacity", statement: "S" };
    expect(
      (await api.call("POST", "/api/v1/initiatives/orbit-self-serve-launch/links", memberToken, link)).status,
    ).toBe(403);
    expect((await api.call("POST", "/api/v1/tokens", memberToken, { name: "x", role: "admin" })).status).toBe(
      403,
    );
  });

  it("runs the engine at /signals", async () => {
    const res = await api.call("GET", "/api/v1/initiatives/orbit-self-serve-launch/signals", admin);
    expect(res.status).toBe(200);
    const { signals } = res.body as {
      signals: Array<{ kind: string; subject: { type: string; id: string } }>;
    };
    expect(signals.map((s) => s.kind)).toEqual(
      expect.arrayContaining(["broken-assumption", "unowned-link", "requirement-conflict"]),
    );
  });

  it("adds, reads, changes and removes an item; the change shows in the signals", async () => {
    const path = "/api/v1/initiatives/orbit-self-serve-launch/links";
    const created = await api.call("POST", path, admin, {
      kind: "dependency",
      from: "release",
      to: "capacity",
      statement: "Release ships before capacity is sized",
      check: "release.due <= capacity.due",
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect((await api.call("GET", `${path}/${id}`, admin)).body).toMatchObject({ id, kind: "dependency" });
    const unowned = (await api.call("GET", "/api/v1/initiatives/orbit-self-serve-launch/signals", admin))
      .body as {
      signals: Array<{ kind: string; subject: { id: string } }>;
    };
    expect(unowned.signals.some((s) => s.kind === "unowned-link" && s.subject.id === id)).toBe(true);
    expect((await api.call("PATCH", `${path}/${id}`, admin, { owner: "omar" })).body).toMatchObject({
      owner: "omar",
    });
    const owned = (await api.call("GET", "/api/v1/initiatives/orbit-self-serve-launch/signals", admin))
      .body as {
      signals: Array<{ kind: string; subject: { id: string } }>;
    };
    expect(owned.signals.some((s) => s.kind === "unowned-link" && s.subject.id === id)).toBe(false);
    expect((await api.call("DELETE", `${path}/${id}`, admin)).status).toBe(204);
    expect((await api.call("GET", `${path}/${id}`, admin)).status).toBe(404);
  });

  it("answers bad input with 422 problem+json naming each field, and changes nothing", async () => {
    const path = "/api/v1/initiatives/orbit-self-serve-launch/commitments";
    const before = (await api.call("GET", path, admin)).body;
    const res = await api.call("POST", path, admin, {
      id: "launch",
      team: "nowhere",
      owner: "ghost",
      title: "L",
      due: "2026-02-31",
    });
    expect(res.status).toBe(422);
    expect(res.contentType).toContain("application/problem+json");
    const fields = (res.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["due"]));
    const refs = await api.call("POST", path, admin, {
      id: "launch",
      team: "nowhere",
      owner: "ghost",
      title: "L",
    });
    expect(refs.status).toBe(422);
    expect((refs.body as { errors: Array<{ field: string; message: string }> }).errors).toEqual(
      expect.arrayContaining([
        { field: "team", message: "unknown team 'nowhere' (not in teams)" },
        { field: "owner", message: "unknown person 'ghost' (not in people)" },
      ]),
    );
    expect((await api.call("GET", path, admin)).body).toEqual(before);
  });

  it("refuses an early-warning sign that nests loops too deep to run, on a risk and on a pre-mortem item", async () => {
    const ten = "[0,1,2,3,4,5,6,7,8,9]";
    const nested = `${ten}.all(a, ${ten}.all(b, ${ten}.all(c, ${ten}.all(d, a + b + c + d >= 0))))`;
    const refused =
      "the CEL expression is refused: it puts all, exists, exists_one, map or filter inside one another 4 deep, and a check may go at most 2 deep: each level repeats everything inside it once per item";
    const base = "/api/v1/initiatives/orbit-self-serve-launch";
    const risk = { risk: "Too many loops", likelihood: "high", impact: "high", early_warning: nested };
    const viaRisks = await api.call("POST", `${base}/risks`, admin, risk);
    expect(viaRisks.status).toBe(422);
    expect((viaRisks.body as { errors: unknown[] }).errors).toEqual([
      { field: "early_warning", message: refused },
    ]);
    const dana = await createToken(servicesFor(store), {
      orgId: org,
      name: "dana",
      role: "lead",
      expiresInDays: 1,
      personId: "dana",
    });
    const session = (await api.call("POST", `${base}/premortems`, dana.secret, { title: "Loops" })).body as {
      id: string;
    };
    const viaItems = await api.call("POST", `${base}/premortems/${session.id}/items`, dana.secret, risk);
    expect(viaItems.status).toBe(422);
    expect((viaItems.body as { errors: unknown[] }).errors).toEqual([
      { field: "early_warning", message: refused },
    ]);
  });

  it("rejects an invalid initiative document with every problem and imports nothing", async () => {
    const res = await api.call(
      "POST",
      "/api/v1/initiatives",
      admin,
      smallDocument({ owner: "nobody", as_of: "2026-02-30" }),
    );
    expect(res.status).toBe(422);
    const fields = (res.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["owner", "as_of"]));
    expect((await api.call("GET", "/api/v1/initiatives/small-launch", admin)).status).toBe(404);
  });

  it("paginates lists with cursors", async () => {
    const first = (await api.call("GET", "/api/v1/people?limit=2", admin)).body as {
      items: Array<{ id: string }>;
      next_cursor: string;
    };
    expect(first.items).toHaveLength(2);
    const second = (await api.call("GET", `/api/v1/people?limit=2&cursor=${first.next_cursor}`, admin))
      .body as {
      items: Array<{ id: string }>;
    };
    expect(second.items[0]!.id > first.items[1]!.id).toBe(true);
    const all = (await api.call("GET", "/api/v1/people?limit=200", admin)).body as {
      items: unknown[];
      next_cursor: null;
    };
    expect(all.next_cursor).toBeNull();
    expect((await api.call("GET", "/api/v1/people?limit=0", admin)).status).toBe(422);
  });

  it("isolates tenants: on every route that takes an id, another org's id answers 404", async () => {
    const other = await freshOrg(store);
    const intruder = await api.token(other, "admin");
    const doc = (await api.call("GET", "/openapi.json", null)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const initiative = "orbit-self-serve-launch";
    const itemFor: Record<string, string> = {
      commitments: "campaign",
      links: "link-1",
      requirements: "concurrent_users",
      outcomes: "weekly_activations",
      metrics: "support_backlog",
      reports: "report-1",
      milestones: "technical-feasibility",
      decisions: "decision-1",
      gates: "launch",
      risks: "risk-1",
      reviews: "review-1",
      recognitions: "recognition-1",
    };
    const bodies: Record<string, unknown> = {
      points: { points: [["2026-02-10", 1]] },
      votes: { by: "mia", vote: "go" },
      tests: { assumption: 0, verdict: "validated" },
      truths: { worse: "x" },
      invitations: { count: 1 },
    };
    const tokenId = (
      (await api.call("GET", "/api/v1/tokens", admin)).body as { items: Array<{ id: string }> }
    ).items[0]!.id;
    // Real ids of org A's own pre-mortem (and its item), pulse, gate and current signal.
    const dana = await createToken(servicesFor(store), {
      orgId: org,
      name: "dana",
      role: "admin",
      expiresInDays: 1,
      personId: "dana",
    });
    const session = (
      await api.call("POST", `/api/v1/initiatives/${initiative}/premortems`, dana.secret, {
        title: "What could sink us?",
      })
    ).body as { id: string };
    const item = (
      await api.call(
        "POST",
        `/api/v1/initiatives/${initiative}/premortems/${session.id}/items`,
        dana.secret,
        {
          risk: "Support drowns in week one",
          likelihood: "high",
          impact: "high",
        },
      )
    ).body as { id: string };
    const pulse = (await api.call("POST", "/api/v1/pulses", dana.secret, { team: "marketing" })).body as {
      id: string;
    };
    const signal = (
      (await api.call("GET", `/api/v1/initiatives/${initiative}/signals`, admin)).body as {
        signals: Array<{ fingerprint: string }>;
      }
    ).signals[0]!.fingerprint;
    const exercised: string[] = [];
    for (const [template, methods] of Object.entries(doc.paths)) {
      if (!template.includes("{")) continue;
      // Share links are reached by their secret, not by an org's ids; they have their own tests.
      if (template.startsWith("/share/")) continue;
      const collection = /initiatives\/\{initiativeId\}\/([a-z]+)/.exec(template)?.[1] ?? "";
      const path = template
        .replace("{initiativeId}", initiative)
        .replace("{itemId}", itemFor[collection] ?? "x")
        .replace("{personId}", "dana")
        .replace("{teamId}", "marketing")
        .replace("{tokenId}", tokenId)
        .replace("{sessionId}", session.id)
        .replace("{pulseId}", pulse.id)
        .replace("{gateId}", "launch")
        .replace("{fingerprint}", signal)
        .replace("/premortems/" + session.id + "/items/x", "/premortems/" + session.id + "/items/" + item.id);
      for (const method of Object.keys(methods)) {
        // PUT on the directory and on initiatives creates in the caller's own org, which is no leak.
        if (method === "put") continue;
        const sub = template.split("/").at(-1)!;
        const body = method === "post" ? (bodies[sub] ?? {}) : method === "patch" ? {} : undefined;
        const res = await api.call(method.toUpperCase(), path, intruder, body);
        expect(`${method.toUpperCase()} ${template} → ${res.status}`).toBe(
          `${method.toUpperCase()} ${template} → 404`,
        );
        exercised.push(`${method} ${template}`);
      }
    }
    expect(exercised.length).toBeGreaterThan(50);
    // And the owner still sees everything intact.
    expect((await api.call("GET", `/api/v1/initiatives/${initiative}/links/link-1`, admin)).status).toBe(200);
    expect((await api.call("GET", "/api/v1/org", admin)).status).toBe(200);
  });

  it("exports the initiative as a document that imports again", async () => {
    const yaml = await api.call("GET", "/api/v1/initiatives/orbit-self-serve-launch?format=yaml", admin);
    expect(yaml.contentType).toContain("application/yaml");
    const json = (await api.call("GET", "/api/v1/initiatives/orbit-self-serve-launch", admin)).body;
    const put = await api.call("PUT", "/api/v1/initiatives/orbit-self-serve-launch", admin, json);
    expect(put.status).toBe(200);
    expect(parse(yaml.body as string)).toEqual(json);
  });
});
