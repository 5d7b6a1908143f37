// Bulk metric points over HTTP, on every real database: CSV and JSON lines, idempotent re-posts, one refused
// row refusing the whole ingest (naming its line and field) unless partial, the size limit, and one event.
import { parse } from "yaml";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/create-app.ts";
import type { Store } from "../../src/store/open-store.ts";
import * as t from "../../src/store/schema.ts";
import { backends, freshOrg } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const id = "orbit-self-serve-launch";
const path = `/api/v1/initiatives/${id}/metric-points`;
type Body = Record<string, unknown>;

describe.each(backends())("bulk metric points on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let lead: string;

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    await api.seed(org, parse(orbitText()));
    lead = await api.token(org, "lead");
  });
  afterAll(async () => store.close());

  async function post(
    body: string | ReadableStream<Uint8Array>,
    type: string,
    query = "",
    app = api.app,
  ): Promise<{ status: number; body: Body }> {
    await api.evaluator.drain();
    const response = await app.request(`${path}${query}`, {
      method: "POST",
      headers: { authorization: `Bearer ${lead}`, "content-type": type },
      body,
      ...(typeof body === "string" ? {} : { duplex: "half" }),
    } as RequestInit);
    return { status: response.status, body: (await response.json()) as Body };
  }

  const pointsOf = async (metric: string) => {
    const rows = await store.db
      .select()
      .from(t.metricPoints)
      .where(
        and(
          eq(t.metricPoints.orgId, org),
          eq(t.metricPoints.initiativeId, id),
          eq(t.metricPoints.metricId, metric),
        ),
      );
    return rows;
  };
  const ingestEvents = async () =>
    (
      await store.db
        .select({ data: t.events.data })
        .from(t.events)
        .where(and(eq(t.events.orgId, org), eq(t.events.initiativeId, id)))
    ).filter((e) => e.data.change === "metric_points.added");

  const csv = [
    "metric,date,value,source",
    "weekly_activations,2026-01-27,230,warehouse",
    "weekly_activations,2026-02-03,260,warehouse",
    "support_backlog,2026-02-10,200,zendesk",
    "",
  ].join("\n");

  it("writes a CSV's points with their provenance, and puts one event on the outbox", async () => {
    const before = (await ingestEvents()).length;
    const res = await post(csv, "text/csv");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      read: 3,
      written: 3,
      unchanged: 0,
      rejected: 0,
      errors: [],
      metrics: { support_backlog: 1, weekly_activations: 2 },
    });
    const events = await ingestEvents();
    expect(events.length - before).toBe(1);
    expect(events.at(-1)!.data).toMatchObject({
      metrics: ["support_backlog", "weekly_activations"],
      count: 3,
    });
    const stored = (await pointsOf("weekly_activations")).find((p) => p.date === "2026-02-03")!;
    expect(stored).toMatchObject({ value: 260, source: "warehouse" });
    expect(stored.provenance).toMatchObject({ kind: "csv", ref: "warehouse" });
    // The evaluator read the ingest's change: the metric's series in force holds the new points.
    const metric = await api.call("GET", `/api/v1/initiatives/${id}/metrics/weekly_activations`, lead);
    expect((metric.body as { points: unknown[] }).points).toContainEqual(["2026-02-03", 260]);
  });

  it("changes nothing when the same points are posted again (keyed by metric, date and source)", async () => {
    const events = (await ingestEvents()).length;
    const res = await post(csv, "text/csv");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ read: 3, written: 0, unchanged: 3, rejected: 0, version: null });
    expect((await ingestEvents()).length).toBe(events);
    expect((await pointsOf("support_backlog")).filter((p) => p.date === "2026-02-10")).toHaveLength(1);
  });

  it("takes JSON lines; a new value for a point corrects it, another source is another point", async () => {
    const lines = [
      '{"metric":"support_backlog","date":"2026-02-10","value":190,"source":"zendesk"}',
      '{"metric":"support_backlog","date":"2026-02-10","value":205,"source":"survey"}',
      '{"metric":"support_backlog","date":"2026-02-10","value":205,"source":"survey"}',
    ].join("\n");
    const res = await post(lines, "application/x-ndjson");
    expect(res.body).toMatchObject({ read: 3, written: 2, unchanged: 1, rejected: 0 });
    const onDay = (await pointsOf("support_backlog")).filter((p) => p.date === "2026-02-10");
    expect(onDay.map((p) => [p.source, p.value, p.provenance?.kind])).toEqual(
      expect.arrayContaining([
        ["zendesk", 200, "csv"],
        ["zendesk", 190, "api"],
        ["survey", 205, "api"],
      ]),
    );
  });

  it("refuses the whole ingest with 422 naming the line and the field when one row is wrong", async () => {
    const before = (await pointsOf("weekly_activations")).length;
    const bad = [
      "metric,date,value",
      "weekly_activations,2026-02-04,1",
      "weekly_activations,2026-02-31,2",
      "weekly_activations,2026-02-05,12 users",
      "no_such_metric,2026-02-05,3",
    ].join("\n");
    const res = await post(bad, "text/csv");
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/3 of 4 rows are invalid; nothing was written/);
    expect(res.body.errors).toEqual([
      {
        field: "line 3, date",
        line: 3,
        message: "'2026-02-31' is not a real calendar date written as YYYY-MM-DD",
      },
      {
        field: "line 4, value",
        line: 4,
        message: "'12 users' is not a number (write it like 12 or 12.5, no units)",
      },
      {
        field: "line 5, metric",
        line: 5,
        message:
          "'no_such_metric' is not a metric of this initiative (its metrics: support_backlog, weekly_activations)",
      },
    ]);
    expect((await pointsOf("weekly_activations")).length).toBe(before);
  });

  it("with partial=true writes the good rows and reports the bad", async () => {
    const lines = [
      '{"metric":"weekly_activations","date":"2026-02-06","value":7}',
      '{"metric":"weekly_activations","date":"yesterday","value":8}',
      "not json",
    ].join("\n");
    const res = await post(lines, "application/x-ndjson", "?partial=true");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      read: 3,
      written: 1,
      rejected: 2,
      errors: [
        { line: 2, field: "date", message: "'yesterday' is not a real calendar date written as YYYY-MM-DD" },
        { line: 3, field: "row", message: "is not valid JSON" },
      ],
    });
  });

  it("refuses a body over the ingest limit with 413, by its length or as it streams, writing nothing", async () => {
    const small = createApp(api.services, { maxIngestBytes: 2048 });
    const rows = ["metric,date,value"];
    for (let day = 1; day <= 28; day += 1) {
      rows.push(`weekly_activations,2025-02-${String(day).padStart(2, "0")},${day}.123456789`);
    }
    for (let day = 1; day <= 31; day += 1)
      rows.push(`weekly_activations,2025-03-${String(day).padStart(2, "0")},${day}.123456789`);
    const text = rows.join("\n");
    expect(text.length).toBeGreaterThan(2048);
    const byLength = await post(text, "text/csv", "", small);
    expect(byLength.status).toBe(413);
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 512) controller.enqueue(bytes.slice(i, i + 512));
        controller.close();
      },
    });
    const streamed = await post(stream, "text/csv", "", small);
    expect(streamed.status).toBe(413);
    expect((await pointsOf("weekly_activations")).some((p) => p.date.startsWith("2025-"))).toBe(false);
  });

  it("returns each point with its provenance, the single-point route's too", async () => {
    await api.call("POST", `/api/v1/initiatives/${id}/metrics/support_backlog/points`, lead, {
      points: [["2026-02-09", 230]],
    });
    const res = await api.call("GET", `${path}?metric=support_backlog`, lead);
    expect(res.status).toBe(200);
    const items = (res.body as { items: Body[] }).items;
    // The file's point on that day was recorded before provenance was kept; the new one corrects it.
    expect(items.filter((p) => p.date === "2026-02-09").map((p) => p.provenance)).toEqual([
      null,
      expect.anything(),
    ]);
    expect(items.filter((p) => p.date === "2026-02-09").at(-1)).toMatchObject({
      value: 230,
      source: "",
      provenance: { kind: "api", ref: null },
      in_force: true,
    });
    const day = items.filter((p) => p.date === "2026-02-10");
    expect(day.map((p) => [p.source, p.value, p.in_force])).toEqual([
      ["zendesk", 200, false],
      ["zendesk", 190, false],
      ["survey", 205, true],
    ]);
    expect(day[0]!.provenance).toMatchObject({
      kind: "csv",
      ref: "zendesk",
      imported_at: "2026-02-10T12:00:00.000Z",
    });
  });

  it("asks for a known format and the same role as a single point", async () => {
    expect((await post(csv, "text/plain")).status).toBe(400);
    const viewer = await api.token(org, "viewer");
    const response = await api.app.request(path, {
      method: "POST",
      headers: { authorization: `Bearer ${viewer}`, "content-type": "text/csv" },
      body: csv,
    });
    expect(response.status).toBe(403);
  });
});
