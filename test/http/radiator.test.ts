// The radiator in one request per page: every card's health, signals, outcomes and gates from stored results.
import { gunzipSync } from "node:zlib";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { orbitText, smallDocument } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

type Card = Record<string, unknown> & { id: string; gates: Array<Record<string, unknown>> };

describe.each(backends())("the radiator on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let viewer: string;

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    await api.seed(org, parse(orbitText()));
    for (let i = 0; i < 3; i++)
      await api.seed(org, smallDocument({ id: `small-${i}`, initiative: `Small ${i}` }));
    viewer = await api.token(org, "viewer");
  });
  afterAll(async () => store.close());

  it("gives every card in one request: reported beside evidence health, signals, outcomes, gate states", async () => {
    const res = await api.call("GET", "/api/v1/radiator", viewer);
    expect(res.status).toBe(200);
    const cards = (res.body as { items: Card[] }).items;
    expect(cards.map((c) => c.id)).toEqual(["orbit-self-serve-launch", "small-0", "small-1", "small-2"]);
    const orbit = cards[0]!;
    expect(orbit).toMatchObject({
      name: "Orbit self-serve launch",
      owner: { id: "dana", name: "Dana Reyes" },
      pending: false,
      health: {
        reported: { health: "on_track" },
        evidence: { health: "off_track" },
        greener_than_evidence: true,
      },
      divergence: 2,
    });
    // The card names the most severe open signals, one per title, and counts the rest.
    const top = orbit.top_signals as Array<{ kind: string; severity: string; title: string }>;
    expect(top.length).toBeGreaterThan(0);
    expect(top.length).toBeLessThanOrEqual(5);
    expect(top.every((s) => s.severity === "critical")).toBe(true);
    expect(new Set(top.map((s) => s.title)).size).toBe(top.length);
    const counts = orbit.signal_counts as Record<string, number>;
    expect(counts.open).toBe(counts.critical! + counts.warning! + counts.info!);
    expect(counts.critical).toBeGreaterThanOrEqual(top.length);
    // An off-track outcome carries the engine's projection.
    expect(orbit.outcomes).toEqual([
      expect.objectContaining({
        metric: "weekly_activations",
        comparator: ">=",
        target: 2000,
        points: expect.any(Array),
        off_track: expect.objectContaining({ explanation: expect.any(String), evidence: expect.any(Array) }),
      }),
    ]);
    expect(orbit.gates).toEqual([expect.objectContaining({ gate: "launch", state: "held" })]);
  });

  it("counts a silenced signal apart and leaves it out of the card's top signals", async () => {
    const lead = (
      await createToken(servicesFor(store), {
        orgId: org,
        name: "mia",
        role: "lead",
        personId: "mia",
        expiresInDays: 1,
      })
    ).secret;
    const before = ((await api.call("GET", "/api/v1/radiator", viewer)).body as { items: Card[] }).items[0]!;
    const [first] = before.top_signals as Array<{ fingerprint: string }>;
    const suppressed = await api.call(
      "POST",
      `/api/v1/initiatives/orbit-self-serve-launch/signals/${first!.fingerprint}/suppress`,
      lead,
      { reason: "Handled in the launch plan this week", until: "2026-02-20" },
    );
    expect(suppressed.status).toBe(201);
    const after = ((await api.call("GET", "/api/v1/radiator", viewer)).body as { items: Card[] }).items[0]!;
    const counts = (c: Card) => c.signal_counts as Record<string, number>;
    expect(counts(after).silenced).toBe(counts(before).silenced! + 1);
    expect(counts(after).open).toBe(counts(before).open! - 1);
    expect((after.top_signals as Array<{ fingerprint: string }>).map((s) => s.fingerprint)).not.toContain(
      first!.fingerprint,
    );
  });

  it("sends the page compressed to a reader that accepts gzip, the same page as to one that does not", async () => {
    const read = (headers: Record<string, string>) =>
      api.app.request("/api/v1/radiator", { headers: { authorization: `Bearer ${viewer}`, ...headers } });
    const plain = await read({});
    expect(plain.headers.get("content-encoding")).toBeNull();
    const text = await plain.text();
    const zipped = await read({ "accept-encoding": "gzip, deflate, br" });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toMatch(/accept-encoding/i);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(Buffer.byteLength(text) / 3);
    expect(JSON.parse(gunzipSync(bytes).toString("utf8"))).toEqual(JSON.parse(text));
  });

  it("pages by id, and shows no other org's initiatives", async () => {
    const first = (await api.call("GET", "/api/v1/radiator?limit=3", viewer)).body as {
      items: Card[];
      next_cursor: string;
    };
    expect(first.items).toHaveLength(3);
    const rest = (await api.call("GET", `/api/v1/radiator?limit=3&cursor=${first.next_cursor}`, viewer))
      .body as {
      items: Card[];
      next_cursor: string | null;
    };
    expect(rest.items.map((c) => c.id)).toEqual(["small-2"]);
    expect(rest.next_cursor).toBeNull();
    const other = await freshOrg(store);
    const outsider = await api.token(other, "viewer");
    expect(((await api.call("GET", "/api/v1/radiator", outsider)).body as { items: Card[] }).items).toEqual(
      [],
    );
  });
});
