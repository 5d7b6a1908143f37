// POST /api/v1/initiatives with an initiative file's text: every problem at its line and column, nothing
// imported; If-None-Match: * only creates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { Store } from "../../src/store/open-store.ts";
import { backends, freshOrg } from "../support/databases.ts";
import { smallDocument } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

interface Problem {
  status: number;
  errors?: Array<{ field: string; message: string; line?: number; column?: number }>;
}

describe.each(backends())("importing an initiative file's text on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let admin: string;
  let lead: string;

  const post = async (token: string, text: string, headers: Record<string, string> = {}) => {
    await api.evaluator.drain();
    const response = await api.app.request("/api/v1/initiatives", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/yaml", ...headers },
      body: text,
    });
    return { status: response.status, body: (await response.json()) as Problem & { id?: string } };
  };

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    admin = await api.token(org, "admin");
    lead = await api.token(org, "lead");
  });
  afterAll(async () => store.close());

  it("is described in the OpenAPI document: the text's media type, If-None-Match, and positions in problems", async () => {
    const doc = (await api.call("GET", "/openapi.json", null)).body as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const post = doc.paths["/api/v1/initiatives"]!.post!;
    const text = JSON.stringify(post);
    expect(Object.keys((post.requestBody as { content: object }).content)).toEqual(
      expect.arrayContaining(["application/json", "application/yaml"]),
    );
    expect(text).toContain('"if-none-match"');
    expect(text).toContain('"412"');
    expect(JSON.stringify(doc)).toContain("Where the field is in an initiative file's text");
  });

  it("names the line and column of each problem in the text, and imports nothing", async () => {
    const text = [
      "initiative: Text launch", // 1
      "id: text-launch", // 2
      "owner: dana", // 3
      "people:", // 4
      "  - { id: dana, name: Dana Reyes }", // 5
      "teams: { marketing: { lead: dana } }", // 6
      "commitments:", // 7
      "  campaign:", // 8
      "    team: marketing", // 9
      "    title: Campaign", // 10
      "    due: 2026-02-30", // 11
      "    colour: blue", // 12
    ].join("\n");
    const res = await post(admin, text);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "commitments.campaign.due", line: 11, column: 10 }),
        expect.objectContaining({ field: "commitments.campaign.colour", line: 12, column: 5 }),
      ]),
    );
    expect((await api.call("GET", "/api/v1/initiatives/text-launch", admin)).status).toBe(404);
  });

  it("places a syntax error at its line", async () => {
    const res = await post(admin, "initiative: Broken\nowner: dana\npeople: [\n  - oops: : :\n");
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]).toMatchObject({ field: "(file)", line: expect.any(Number) });
    expect(res.body.errors?.[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it("creates from valid text, JSON text included, and with If-None-Match: * never replaces", async () => {
    const created = await post(admin, stringify(smallDocument({ id: "text-small" })), {
      "if-none-match": "*",
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toBe("text-small");

    const json = JSON.stringify(smallDocument({ id: "text-small", summary: "replaced" }), null, 2);
    const again = await post(admin, json, { "if-none-match": "*" });
    expect(again.status).toBe(412);
    const idLine = json.split("\n").findIndex((l) => l.trim().startsWith('"id": "text-small"')) + 1;
    expect(again.body.errors).toEqual([expect.objectContaining({ field: "id", line: idLine, column: 9 })]);
    const stored = (await api.call("GET", "/api/v1/initiatives/text-small", admin)).body as {
      summary?: string;
    };
    expect(stored.summary).toBeUndefined();
  });

  it("places what the store refuses at its line too: a lead may not change the directory", async () => {
    const text = stringify(
      smallDocument({
        id: "text-lead",
        people: [...(smallDocument().people as object[]), { id: "newcomer", name: "New Comer" }],
      }),
    );
    const res = await post(lead, text);
    expect(res.status).toBe(409);
    // At the list the key holds, which starts on the line after `people:`.
    const line = text.split("\n").findIndex((l) => l.startsWith("people:")) + 2;
    expect(res.body.errors).toEqual([expect.objectContaining({ field: "people", line })]);
    expect((await api.call("GET", "/api/v1/initiatives/text-lead", admin)).status).toBe(404);
  });
});
