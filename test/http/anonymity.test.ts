// Anonymity holds in the store, not just in the UI: after anonymous submissions, a crawl of every response,
// export, audit event, log line and table, as every role, finds nothing that ties them to their author.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient, type ApiResponse } from "../support/http.ts";

const INITIATIVE = "orbit-self-serve-launch";
const SECRET_RISKS = [
  "Quartz-7 migration silently drops invoices",
  "Nobody tested the Zephyr webhook at scale",
  "The Nimbus cutover has no rollback",
];

describe.each(backends())("anonymous pre-mortems on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  const tokens: Record<string, string> = {};
  let lee: { secret: string; id: string };
  let share = "";
  let sessionId = "";
  const itemIds: string[] = [];
  const logs: string[] = [];
  const participationTokens: string[] = [];

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    expect((await api.seed(org, parse(orbitText()))).created).toBe(true);
    for (const role of ["admin", "lead", "member", "viewer"] as const)
      tokens[role] = await api.token(org, role);
    const facilitator = await createToken(servicesFor(store), {
      orgId: org,
      name: "dana",
      role: "lead",
      expiresInDays: 1,
      personId: "dana",
    });
    const leeToken = await createToken(servicesFor(store), {
      orgId: org,
      name: "lee's laptop",
      role: "member",
      expiresInDays: 1,
      personId: "lee",
    });
    lee = { secret: leeToken.secret, id: leeToken.token.id };
    const opened = (
      await api.call("POST", `/api/v1/initiatives/${INITIATIVE}/premortems`, facilitator.secret, {
        title: "Imagine it failed",
      })
    ).body as { id: string; share_path: string };
    sessionId = opened.id;
    share = opened.share_path;

    // Everything the submitter does from here on is captured, as are all log lines.
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation(
        (...args: unknown[]) => void logs.push(args.map(String).join(" ")),
      );
    }
    const stdout = vi
      .spyOn(process.stdout, "write")
      .mockImplementation((chunk: unknown) => (logs.push(String(chunk)), true));
    const stderr = vi
      .spyOn(process.stderr, "write")
      .mockImplementation((chunk: unknown) => (logs.push(String(chunk)), true));

    // Lee submits once through the share link with no account, and once signed in, asking to stay anonymous.
    const viaLink = async (risk: string) => {
      const joined = (await api.call("POST", `${share}/join`, null)).body as { participation_token: string };
      participationTokens.push(joined.participation_token);
      const response = await api.app.request(`${share}/items`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-participation-token": joined.participation_token },
        body: JSON.stringify({ risk, likelihood: "high", impact: "high" }),
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ sealed: true });
    };
    await viaLink(SECRET_RISKS[0]!);
    const signedIn = await api.call(
      "POST",
      `/api/v1/initiatives/${INITIATIVE}/premortems/${sessionId}/items`,
      lee.secret,
      {
        risk: SECRET_RISKS[1],
        likelihood: "medium",
        impact: "high",
        anonymous: true,
      },
    );
    expect(signedIn.status).toBe(202);
    // A third anonymous risk releases the sealed batch; the submitters know no item's id.
    await viaLink(SECRET_RISKS[2]!);
    const released = (
      await api.call("GET", `/api/v1/initiatives/${INITIATIVE}/premortems/${sessionId}`, facilitator.secret)
    ).body as { items: Array<{ id: string; risk: string }> };
    for (const risk of SECRET_RISKS) itemIds.push(released.items.find((i) => i.risk === risk)!.id);
    // A bad submission's error must not echo anything about its sender either.
    const bad = await api.call(
      "POST",
      `/api/v1/initiatives/${INITIATIVE}/premortems/${sessionId}/items`,
      lee.secret,
      {
        risk: "x",
        likelihood: "sometimes",
        impact: "high",
        anonymous: true,
      },
    );
    expect(bad.status).toBe(422);
    logs.push(JSON.stringify(bad.body));
    // The facilitator promotes the signed-in anonymous item to the risk register.
    await api.call(
      "POST",
      `/api/v1/initiatives/${INITIATIVE}/premortems/${sessionId}/items/${itemIds[1]}/promote`,
      facilitator.secret,
      {
        owner: "omar",
      },
    );
    stdout.mockRestore();
    stderr.mockRestore();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await store.close();
  });

  /** Every GET route of the API with real ids, as `token`, plus the exports and the share view. */
  async function crawl(token: string): Promise<ApiResponse[]> {
    const doc = (await api.call("GET", "/openapi.json", null)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const responses: ApiResponse[] = [];
    for (const [template, methods] of Object.entries(doc.paths)) {
      if (!("get" in methods)) continue;
      const path = template
        .replace("{initiativeId}", INITIATIVE)
        .replace("{sessionId}", sessionId)
        .replace("{secret}", share.split("/").at(-1)!)
        .replace(/\{[a-zA-Z]+\}/g, "x");
      responses.push(
        await api.call(
          "GET",
          path.includes("?")
            ? path
            : `${path}${path.includes("/audit") || path.includes("history") || path.includes("silences") ? "?limit=200" : ""}`,
          token,
        ),
      );
    }
    responses.push(await api.call("GET", `/api/v1/initiatives/${INITIATIVE}?format=yaml`, token));
    return responses;
  }

  /** Everything that mentions an anonymous item: its id or text. */
  const mentionsItem = (text: string) =>
    itemIds.some((id) => text.includes(id)) || SECRET_RISKS.some((r) => text.includes(r));
  /** Anything that could identify Lee as its author. */
  const identifiesLee = (text: string) =>
    /\blee\b|Lee Park/.test(text) ||
    text.includes(lee.id) ||
    text.includes(lee.secret.slice(0, 10)) ||
    participationTokens.some((t) => text.includes(t));

  it("shows the anonymous risks, with no author and no time finer than the day", async () => {
    const view = (
      await api.call("GET", `/api/v1/initiatives/${INITIATIVE}/premortems/${sessionId}`, tokens.admin!)
    ).body as {
      items: Array<{ id: string; raised_by: string | null; submitted_on: string }>;
    };
    for (const id of itemIds) {
      const item = view.items.find((i) => i.id === id)!;
      expect(item.raised_by).toBeNull();
      expect(item.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  for (const role of ["admin", "lead", "member", "viewer"] as const) {
    it(`leaves no trace of the submitter in any response a ${role} can read`, async () => {
      const responses = await crawl(tokens[role]!);
      expect(responses.filter((r) => r.status === 200).length).toBeGreaterThan(10);
      for (const response of responses) {
        const text = typeof response.body === "string" ? response.body : JSON.stringify(response.body);
        // Lee appears in the org legitimately; never beside an anonymous item, and no instant beside one either.
        if (mentionsItem(text)) {
          for (const fragment of text.split(/\},\{|\n\s*- /)) {
            if (!mentionsItem(fragment)) continue;
            expect(identifiesLee(fragment), fragment.slice(0, 300)).toBe(false);
            expect(fragment).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
          }
        }
        for (const token of participationTokens) expect(text).not.toContain(token);
      }
    });
  }

  it("writes no audit event for an anonymous submission, and none the submitter's token made", async () => {
    const events = (await api.call("GET", "/api/v1/audit?limit=200", tokens.admin!)).body as {
      items: Array<{ actor: string; action: string; details: unknown }>;
    };
    expect(events.items.some((e) => e.actor.includes(lee.id) || e.actor === "person:lee via " + lee.id)).toBe(
      false,
    );
    for (const event of events.items) {
      const text = JSON.stringify(event);
      if (mentionsItem(text)) expect(identifiesLee(text), text).toBe(false);
    }
  });

  it("logs nothing that ties the submission to anyone", () => {
    for (const line of logs) {
      expect(identifiesLee(line) && mentionsItem(line), line).toBe(false);
      for (const token of participationTokens) expect(line).not.toContain(token);
    }
  });

  it("stores no author and no link to one in any table", async () => {
    const items = await store.db.execute(
      sql`select * from premortem_items where id in (${sql.join(
        itemIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    const rows = (items as unknown as { rows: Array<Record<string, unknown>> }).rows;
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.raised_by).toBeNull();
      expect(Object.values(row).some((v) => v instanceof Date)).toBe(false);
    }
    const risk = (await store.db.execute(
      sql`select raised_by, raised_on from risks where title = ${SECRET_RISKS[1]}`,
    )) as unknown as {
      rows: Array<{ raised_by: string | null }>;
    };
    expect(risk.rows[0]!.raised_by).toBeNull();
    const participants = (await store.db.execute(sql`select * from premortem_participants`)) as unknown as {
      rows: Array<Record<string, unknown>>;
    };
    for (const row of participants.rows) {
      expect(Object.keys(row).sort()).toEqual([
        "initiative_id",
        "org_id",
        "session_id",
        "submissions",
        "token_hash",
      ]);
      expect(participationTokens).not.toContain(row.token_hash);
    }
  });

  it("withholds group votes until the session is closed, and always over an open link", async () => {
    const facilitator = await createToken(servicesFor(store), {
      orgId: org,
      name: "dana 2",
      role: "lead",
      expiresInDays: 1,
      personId: "dana",
    });
    const base = `/api/v1/initiatives/${INITIATIVE}/premortems/${sessionId}`;
    expect((await api.call("POST", `${base}/state`, facilitator.secret, { state: "voting" })).status).toBe(
      200,
    );
    const voters = await Promise.all(
      Array.from(
        { length: 6 },
        async () =>
          ((await api.call("POST", `${share}/join`, null)).body as { participation_token: string })
            .participation_token,
      ),
    );
    const vote = (token: string, item: string) =>
      api.app.request(`${share}/items/${item}/votes`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-participation-token": token },
        body: JSON.stringify({ likelihood: "high", impact: "medium" }),
      });
    for (const token of voters) expect((await vote(token, itemIds[0]!)).status).toBe(200);
    for (const token of voters.slice(0, 2)) expect((await vote(token, itemIds[1]!)).status).toBe(200);
    const during = (await api.call("GET", base, tokens.admin!)).body as {
      items: Array<{ id: string; votes: Record<string, unknown> }>;
    };
    expect(during.items.find((i) => i.id === itemIds[0])!.votes).toEqual({
      withheld: "shown once the session is closed",
    });
    expect((await api.call("POST", `${base}/state`, facilitator.secret, { state: "closed" })).status).toBe(
      200,
    );
    const after = (await api.call("GET", base, tokens.viewer!)).body as {
      items: Array<{ id: string; votes: Record<string, unknown> }>;
    };
    // Six joins of an open link may be one person: no tally, however many voted (by invitation, see
    // invitations.test.ts, a tally is shown from k voters).
    const openLink = {
      withheld: "fewer than 5 people voted by personal invitation: an open link cannot tell people apart",
    };
    expect(after.items.find((i) => i.id === itemIds[0])!.votes).toEqual(openLink);
    expect(after.items.find((i) => i.id === itemIds[1])!.votes).toEqual(openLink);
    // No view adds up the items: nothing can be subtracted to recover the withheld group.
    expect(JSON.stringify(after)).not.toMatch(/"voters":8|total/);
  });
});
