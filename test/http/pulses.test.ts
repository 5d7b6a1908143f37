import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Store } from "../../src/store/open-store.ts";
import { backends, freshOrg } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

describe.each(backends())("psychological-safety pulses on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let admin: string;

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    const org = await freshOrg(store);
    admin = await api.token(org, "admin");
    expect((await api.seed(org, parse(orbitText()))).created).toBe(true);
  });
  afterAll(async () => store.close());

  /** Personal invitations to a pulse: without them, no result is ever shown (an open link proves no people). */
  async function invite(pulse: string, count: number) {
    return (
      (await api.call("POST", `/api/v1/pulses/${pulse}/invitations`, admin, { count })).body as {
        invitations: string[];
      }
    ).invitations;
  }

  async function answer(share: string, answers: number[], invitation?: string) {
    const joining = await api.app.request(`${share}/join`, {
      method: "POST",
      headers: invitation ? { "x-invitation": invitation } : {},
    });
    const joined = (await joining.json()) as {
      participation_token: string;
      items: string[];
    };
    expect(joined.items).toHaveLength(7);
    const res = await api.app.request(`${share}/answers`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-participation-token": joined.participation_token },
      body: JSON.stringify({ answers }),
    });
    return { status: res.status, token: joined.participation_token };
  }

  it("never below 3, whatever is asked; bad teams and bad answers are refused", async () => {
    expect(
      (await api.call("POST", "/api/v1/pulses", admin, { team: "product", min_group_size: 2 })).status,
    ).toBe(422);
    expect((await api.call("POST", "/api/v1/pulses", admin, { team: "nowhere" })).status).toBe(422);
    const { share_path } = (await api.call("POST", "/api/v1/pulses", admin, { team: "product" })).body as {
      share_path: string;
    };
    expect((await answer(share_path, [1, 2, 3])).status).toBe(422);
    expect((await answer(share_path, [1, 2, 3, 4, 5, 6, 8])).status).toBe(422);
  });

  it("takes one answer per participant and shows the result only once closed, over at least k people", async () => {
    const opened = (await api.call("POST", "/api/v1/pulses", admin, { team: "marketing", min_group_size: 3 }))
      .body as {
      id: string;
      share_path: string;
    };
    const invitations = await invite(opened.id, 3);
    const first = await answer(opened.share_path, [2, 6, 2, 6, 2, 6, 6], invitations[0]);
    expect(first.status).toBe(201);
    const again = await api.app.request(`${opened.share_path}/answers`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-participation-token": first.token },
      body: JSON.stringify({ answers: [7, 7, 7, 7, 7, 7, 7] }),
    });
    expect(again.status).toBe(409);
    await answer(opened.share_path, [1, 7, 1, 7, 1, 7, 7], invitations[1]);
    await answer(opened.share_path, [3, 5, 3, 5, 3, 5, 5], invitations[2]);
    const open = (await api.call("GET", `/api/v1/pulses/${opened.id}`, admin)).body as { result: unknown };
    expect(open.result).toEqual({ withheld: "shown once the pulse is closed" });
    expect((await api.call("POST", `/api/v1/pulses/${opened.id}/close`, admin)).status).toBe(200);
    const closed = (await api.call("GET", `/api/v1/pulses/${opened.id}`, admin)).body as {
      result: { respondents: number; mean: number };
    };
    // Reversed items (1, 3, 5) score 8 − rating: each answer scores 6, 7 and 5, so the mean is 6.
    expect(closed.result).toMatchObject({ respondents: 3, mean: 6 });
    expect((await api.call("POST", `${opened.share_path}/join`, null)).status).toBe(409);
  });

  it("withholds a closed pulse answered by fewer than k people", async () => {
    const opened = (await api.call("POST", "/api/v1/pulses", admin, { team: "sales" })).body as {
      id: string;
      share_path: string;
    };
    const invitations = await invite(opened.id, 5);
    for (let i = 0; i < 4; i++) await answer(opened.share_path, [4, 4, 4, 4, 4, 4, 4], invitations[i]);
    await api.call("POST", `/api/v1/pulses/${opened.id}/close`, admin);
    const view = (await api.call("GET", `/api/v1/pulses/${opened.id}`, admin)).body as { result: unknown };
    expect(view.result).toEqual({ withheld: "fewer than 5 people answered" });
    const list = (await api.call("GET", "/api/v1/pulses", admin)).body as {
      items: Array<{ id: string; result: unknown }>;
    };
    expect(JSON.stringify(list)).not.toContain('"respondents":4');
  });

  it("shows a share link's team and statements before joining, and whether it still takes answers", async () => {
    const opened = (await api.call("POST", "/api/v1/pulses", admin, { team: "engineering" })).body as {
      id: string;
      share_path: string;
    };
    const before = await api.call("GET", opened.share_path, null);
    expect(before.status).toBe(200);
    const team = (await api.call("GET", "/api/v1/teams/engineering", admin)).body as { name: string };
    expect(before.body).toMatchObject({
      team: team.name,
      open: true,
      scale: expect.stringMatching(/^1 .* 7 /),
    });
    expect((before.body as { items: string[] }).items).toHaveLength(7);
    await answer(opened.share_path, [4, 4, 4, 4, 4, 4, 4]);
    // Nothing the link shows changes with an answer.
    expect((await api.call("GET", opened.share_path, null)).body).toEqual(before.body);
    await api.call("POST", `/api/v1/pulses/${opened.id}/close`, admin);
    expect((await api.call("GET", opened.share_path, null)).body).toMatchObject({ open: false });
    expect((await api.call("GET", "/share/pulses/plp_not-a-pulse-link", null)).status).toBe(404);
  });

  it("counts the invitations issued, which no join or answer changes, and names the statements", async () => {
    const opened = (await api.call("POST", "/api/v1/pulses", admin, { team: "operations" })).body as {
      id: string;
      share_path: string;
    };
    const view = async () =>
      (await api.call("GET", `/api/v1/pulses/${opened.id}`, admin)).body as {
        invitations: number;
        statements: string[];
      };
    expect((await view()).invitations).toBe(0);
    expect((await view()).statements[1]).toBe(
      "Members of this team are able to bring up problems and tough issues.",
    );
    const { invitations } = (
      await api.call("POST", `/api/v1/pulses/${opened.id}/invitations`, admin, { count: 3 })
    ).body as { invitations: string[] };
    expect((await view()).invitations).toBe(3);
    const before = await view();
    const joined = (
      await api.app.request(`${opened.share_path}/join`, {
        method: "POST",
        headers: { "x-invitation": invitations[0]! },
      })
    ).json() as Promise<{ participation_token: string }>;
    const answered = await api.app.request(`${opened.share_path}/answers`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-participation-token": (await joined).participation_token,
      },
      body: JSON.stringify({ answers: [4, 4, 4, 4, 4, 4, 4] }),
    });
    expect(answered.status).toBe(201);
    expect(await view()).toEqual(before);
  });
});
