import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const base = "/api/v1/initiatives/orbit-self-serve-launch";

describe.each(backends())("three truths, milestones and authorship on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let admin: string;
  const as = async (person: string) =>
    (
      await createToken(servicesFor(store), {
        orgId: org,
        name: person,
        role: "lead",
        expiresInDays: 1,
        personId: person,
      })
    ).secret;

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    admin = await api.token(org, "admin");
    expect((await api.seed(org, parse(orbitText()))).created).toBe(true);
  });
  afterAll(async () => store.close());

  it("lets a person report only as themselves; automation may record others' words", async () => {
    const lee = await as("lee");
    const report = { subject: "release", date: "2026-02-09", health: "off_track", note: "Still 8 s" };
    expect((await api.call("POST", `${base}/reports`, lee, { ...report, by: "dana" })).status).toBe(403);
    const own = await api.call("POST", `${base}/reports`, lee, report);
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ by: "lee" });
    expect((await api.call("POST", `${base}/reports`, admin, { ...report, by: "pat" })).status).toBe(201);
  });

  it("collects truths: named ones carry their giver, anonymous reviews store no one", async () => {
    const mia = await as("mia");
    expect(
      (
        await api.call("POST", `${base}/reviews`, admin, {
          id: "sprint-14",
          name: "Sprint 14 review",
          date: "2026-02-06",
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.call("POST", `${base}/reviews`, admin, {
          id: "retro",
          name: "Launch retro",
          date: "2026-02-07",
          anonymous: true,
        })
      ).status,
    ).toBe(201);
    const named = await api.call("POST", `${base}/reviews/sprint-14/truths`, mia, {
      worse: "Load tests fail at 2,000 users",
    });
    expect(named.status).toBe(201);
    expect(
      (await api.call("POST", `${base}/reviews/sprint-14/truths`, mia, { by: "sam", worse: "x" })).status,
    ).toBe(403);
    // Anonymous truths are sealed until at least three are in, then released together in no telling order.
    for (const worse of ["Staging was down twice", "The runbook was stale", "Nobody watched the queue"]) {
      expect((await api.call("POST", `${base}/reviews/retro/truths`, mia, { worse })).status).toBe(201);
      const waiting = (await api.call("GET", `${base}/reviews`, admin)).body as {
        items: Array<{ id: string; truths: unknown[] }>;
      };
      expect(waiting.items.find((r) => r.id === "retro")?.truths ?? []).toHaveLength(
        worse === "Nobody watched the queue" ? 3 : 0,
      );
    }
    expect(
      (await api.call("POST", `${base}/reviews/retro/truths`, mia, { by: "mia", worse: "y" })).status,
    ).toBe(422);
    const reviews = (await api.call("GET", `${base}/reviews`, admin)).body as {
      items: Array<{ id: string; truths: Array<{ by?: string }> }>;
    };
    expect(reviews.items.find((r) => r.id === "sprint-14")!.truths[0]!.by).toBe("mia");
    expect(reviews.items.find((r) => r.id === "retro")!.truths[0]).not.toHaveProperty("by");
    // The anonymity choice was made before truths were given: it stays.
    expect((await api.call("PATCH", `${base}/reviews/retro`, admin, { anonymous: false })).status).toBe(409);
    // So it does while a truth given under it is still sealed, none released yet.
    await api.call("POST", `${base}/reviews`, admin, {
      id: "quiet",
      name: "Quiet retro",
      date: "2026-02-08",
      anonymous: true,
    });
    expect((await api.call("POST", `${base}/reviews/quiet/truths`, mia, { worse: "One alone" })).status).toBe(
      201,
    );
    expect((await api.call("PATCH", `${base}/reviews/quiet`, admin, { anonymous: false })).status).toBe(409);
  });

  it("promotes a worse truth to the risk register with its named author as the raiser", async () => {
    const promoted = await api.call("POST", `${base}/reviews/sprint-14/truths/truth-1/promote`, admin, {
      owner: "pat",
      likelihood: "high",
      impact: "high",
    });
    expect(promoted.status).toBe(201);
    const risk = (await api.call("GET", `${base}/risks/${(promoted.body as { risk: string }).risk}`, admin))
      .body;
    expect(risk).toMatchObject({
      risk: "Load tests fail at 2,000 users",
      by: "mia",
      owner: "pat",
      raised_on: "2026-02-06",
    });
    const anonymous = await api.call("POST", `${base}/reviews/retro/truths/truth-1/promote`, admin, {
      owner: "pat",
      likelihood: "low",
      impact: "low",
    });
    const anonRisk = (
      await api.call("GET", `${base}/risks/${(anonymous.body as { risk: string }).risk}`, admin)
    ).body;
    expect(anonRisk).not.toHaveProperty("by");
  });

  it("keeps kill criteria as recorded once the assumption has been tested", async () => {
    const milestone = (await api.call("GET", `${base}/milestones/technical-feasibility`, admin)).body as {
      assumptions: unknown[];
    };
    const changed = await api.call("PATCH", `${base}/milestones/technical-feasibility`, admin, {
      assumptions: [
        { statement: "p95 latency under 500 ms at expected load", kill_criteria: "pivot to design partners" },
      ],
    });
    expect(changed.status).toBe(409);
    expect((await api.call("GET", `${base}/milestones/technical-feasibility`, admin)).body).toMatchObject({
      assumptions: milestone.assumptions,
    });
  });

  it("writes decisions, verdicts and gate changes to the audit log", async () => {
    await api.call("POST", `${base}/decisions`, admin, {
      date: "2026-02-10",
      kind: "pivot",
      by: "dana",
      responds_to: "Technical feasibility",
      rationale: "Ship to 500 design partners first",
    });
    await api.call("POST", `${base}/milestones/technical-feasibility/tests`, admin, {
      assumption: 0,
      verdict: "validated",
      evidence: "rerun",
    });
    const actions = (
      (await api.call("GET", "/api/v1/audit?limit=200", admin)).body as { items: Array<{ action: string }> }
    ).items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "initiative.import",
        "token.create",
        "decision.add",
        "verdict.record",
        "truth.promote",
      ]),
    );
  });
});
