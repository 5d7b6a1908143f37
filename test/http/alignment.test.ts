// The alignment index over HTTP on every backend: formulas that move with recorded decisions, the truth board, tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Store } from "../../src/store/open-store.ts";
import { backends, freshOrg } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

interface Trigger {
  kind: string;
  days: number;
  decision: { kind: string } | null;
}

interface Dimension<M> {
  score: number | null;
  direction: string;
  trend: Array<{ as_of: string; score: number | null }>;
  measures: M;
}

interface IndexOut {
  as_of: string;
  overall: number | null;
  course_correction_speed: Dimension<{ median_days: number | null; open: Trigger[]; triggers: Trigger[] }>;
  pivot_history: Dimension<{ triggers_answered_by_change: number; course_changes: number }>;
  surprise_frequency: Dimension<{ last_window: number }>;
  information_flow: Dimension<{ median_layers: number | null }>;
  psychological_safety: Dimension<{ basis: string }>;
}

interface BoardOut {
  truths: Array<{ person_id: string; lead_time_days: number | null; confirmation: { by: string } | null }>;
  people: Array<{ person_id: string; surfaced: number; best_lead_time_days: number | null }>;
  recognitions: unknown[];
}

describe.each(backends())("alignment index over HTTP on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let admin: string;
  const base = "/api/v1/initiatives/orbit-self-serve-launch";
  const get = async <T>(path: string, token = admin) => {
    const response = await api.call("GET", path, token);
    expect(response.status).toBe(200);
    return response.body as T;
  };

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    const org = await freshOrg(store);
    admin = await api.token(org, "admin");
    expect((await api.seed(org, parse(orbitText()))).created).toBe(true);
  });
  afterAll(async () => store.close());

  it("answers the five dimensions in snake_case, each with score, measures and trend", async () => {
    const index = await get<IndexOut>(`${base}/alignment`);
    expect(index.as_of).toBe("2026-02-10");
    for (const key of [
      "surprise_frequency",
      "information_flow",
      "course_correction_speed",
      "psychological_safety",
      "pivot_history",
    ] as const) {
      expect(index[key]).toHaveProperty("measures");
      expect(index[key].trend.at(-1)!.as_of).toBe("2026-02-10");
    }
    expect(index.information_flow.measures.median_layers).toBe(2); // lee → pat → dana
    expect(index.psychological_safety.measures.basis).toBe("concerns"); // no pulse wired: the fallback
  });

  it("closes the decision request when a decision responds, and course correction moves as its formula says", async () => {
    const before = await get<{ requests: Array<Record<string, unknown>> }>(`${base}/decision-requests`);
    expect(before.requests).toMatchObject([
      { milestone_id: "technical-feasibility", state: "open", opened_on: "2026-01-31", days_open: 10 },
    ]);
    const open = await get<IndexOut>(`${base}/alignment`);
    expect(open.course_correction_speed.measures.open.some((t) => t.kind === "invalidation")).toBe(true);

    const decision = {
      date: "2026-02-10",
      kind: "pivot",
      by: "dana",
      responds_to: "Technical feasibility",
      rationale: "Launch to design partners first while the latency work lands",
    };
    expect((await api.call("POST", `${base}/decisions`, admin, decision)).status).toBe(201);

    const after = await get<{ requests: Array<Record<string, unknown>> }>(`${base}/decision-requests`);
    expect(after.requests[0]).toMatchObject({
      state: "decided",
      days_to_decision: 10,
      days_open: null,
      decision: { kind: "pivot", by_id: "dana", date: "2026-02-10" },
      kill_criteria: null,
    });
    const index = await get<IndexOut>(`${base}/alignment`);
    const { median_days, triggers } = index.course_correction_speed.measures;
    expect(triggers.find((t) => t.kind === "invalidation")).toMatchObject({
      days: 10,
      decision: { kind: "pivot" },
    });
    expect(index.course_correction_speed.score).toBe(Math.round(100 - (100 * median_days!) / 28));
    expect(index.pivot_history.measures.course_changes).toBe(open.pivot_history.measures.course_changes + 1);
    expect(index.pivot_history.measures.triggers_answered_by_change).toBeGreaterThan(
      open.pivot_history.measures.triggers_answered_by_change,
    );
  });

  it("rolls the org up over its initiatives, each counting once", async () => {
    const org = await get<{
      weighting: string;
      dimensions: Record<string, { score: number | null; initiatives: number }>;
      initiatives: Array<{ initiative_id: string; dimensions: Record<string, { score: number | null }> }>;
    }>("/api/v1/alignment");
    expect(org.weighting).toBe("initiative");
    expect(org.initiatives.map((i) => i.initiative_id)).toEqual(["orbit-self-serve-launch"]);
    for (const [key, dimension] of Object.entries(org.dimensions)) {
      expect(dimension.score).toBe(org.initiatives[0]!.dimensions[key]!.score);
    }
  });

  it("ranks the truth board by confirmation and lead time, never volume, and never credits anonymous risks", async () => {
    const risk = (by: string | undefined, title: string, warning?: string) => ({
      risk: title,
      likelihood: "high",
      impact: "high",
      raised_on: "2026-01-20",
      ...(by ? { by } : {}),
      ...(warning ? { early_warning: warning } : {}),
    });
    const post = async (body: unknown) =>
      expect((await api.call("POST", `${base}/risks`, admin, body)).status).toBe(201);
    await post(risk("lee", "Support drowns in tickets after launch", "metrics.support_backlog.latest > 200"));
    await post(
      risk(undefined, "Support drowns in tickets in week one", "metrics.support_backlog.latest > 200"),
    );
    for (const n of [1, 2, 3, 4]) await post(risk("sam", `Enterprise deal number ${n} slips`));

    const board = await get<BoardOut>("/api/v1/truth-board");
    expect(board.truths[0]).toMatchObject({
      person_id: "lee",
      lead_time_days: 21,
      confirmation: { by: "early-warning" },
    });
    expect(board.people.map((p) => p.person_id)).toEqual(["lee", "sam"]);
    expect(board.people[1]).toMatchObject({ surfaced: 4, best_lead_time_days: null });
    expect(board.truths).toHaveLength(5);
  });

  it("lets any reader read, and answers another org's initiative with 404", async () => {
    const viewer = await api.token(await freshOrg(store), "viewer");
    expect((await api.call("GET", `${base}/alignment`, viewer)).status).toBe(404);
    expect((await api.call("GET", `${base}/decision-requests`, viewer)).status).toBe(404);
    expect((await get<{ initiatives: unknown[] }>("/api/v1/alignment", viewer)).initiatives).toEqual([]);
    expect((await get<BoardOut>("/api/v1/truth-board", viewer)).truths).toEqual([]);
    expect((await api.call("GET", "/api/v1/truth-board", null)).status).toBe(401);
  });
});
