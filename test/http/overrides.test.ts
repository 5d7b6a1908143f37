// A commitment a tracker brought in, changed by a person through the API: the change is kept as an override
// beside what the source says (who, when), the next sync keeps the person's value and notes the source's new
// one, and setting the field back to the source's value ends the override.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { applySync } from "../../src/use-cases/sync/sync-source.ts";
import { backends, freshOrg } from "../support/databases.ts";
import { apiClient } from "../support/http.ts";

const IMPORTED_AT = "2026-02-01T08:00:00.000Z";
const provenance = { kind: "github" as const, ref: "acme/billing#7", imported_at: IMPORTED_AT };
const fromGitHub = (due: string) => ({
  id: "gh_7",
  teamId: "platform",
  ownerId: "ana",
  title: "Ledger export",
  due,
  dueHistory: [],
  done: null,
  facts: {},
  provenance,
});

describe.each(backends())("overrides of a tracker's commitment on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org = "";
  let lee = "";

  beforeAll(async () => {
    store = await backend.open();
    org = await freshOrg(store);
    api = apiClient(store);
    await api.seed(org, {
      initiative: "Billing",
      id: "billing",
      owner: "lee",
      people: [
        { id: "ana", name: "Ana Silva" },
        { id: "lee", name: "Lee Park" },
      ],
      teams: { platform: { lead: "lee", members: ["ana"] } },
      commitments: {
        gh_7: { team: "platform", owner: "ana", title: "Ledger export", due: "2026-03-01", provenance },
        typed: { team: "platform", title: "Typed by hand", due: "2026-03-01" },
      },
    });
    lee = (
      await createToken(api.services, {
        orgId: org,
        name: "lee",
        role: "lead",
        expiresInDays: 1,
        personId: "lee",
      })
    ).secret;
  });
  afterAll(() => store.close());

  const read = async (id: string) =>
    (await api.call("GET", `/api/v1/initiatives/billing/commitments/${id}`, lee)).body as Record<
      string,
      unknown
    >;
  const sync = (due: string) =>
    applySync(api.services, {
      orgId: org,
      initiativeId: "billing",
      source: "github",
      actor: { personId: null, tokenId: null },
      incoming: { commitments: [fromGitHub(due)], links: [], cancelled: [] },
      failures: [],
      received: 1,
      cursor: null,
    });

  it("keeps a person's change of the due date as an override, naming what the source says, who and when", async () => {
    const changed = await api.call("PATCH", "/api/v1/initiatives/billing/commitments/gh_7", lee, {
      due: "2026-03-15",
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const commitment = await read("gh_7");
    expect(commitment.due).toBe("2026-03-15");
    expect(commitment.provenance).toMatchObject({
      kind: "github",
      ref: "acme/billing#7",
      overrides: { due: { source: "2026-03-01", by: "lee" } },
    });
    // A commitment typed by hand is the person's own: no override.
    await api.call("PATCH", "/api/v1/initiatives/billing/commitments/typed", lee, { due: "2026-03-15" });
    expect((await read("typed")).provenance).toBeUndefined();
  });

  it("keeps the person's value through a sync and notes the source's new one beside it", async () => {
    const outcome = await sync("2026-03-08");
    expect(outcome.updated).toEqual(["gh_7"]);
    const commitment = await read("gh_7");
    expect(commitment.due).toBe("2026-03-15");
    expect(commitment.provenance).toMatchObject({ overrides: { due: { source: "2026-03-08", by: "lee" } } });
    // The same again changes nothing.
    expect((await sync("2026-03-08")).written).toBe(false);
  });

  it("lets no hand edit rewrite where the commitment came from", async () => {
    await api.call("PATCH", "/api/v1/initiatives/billing/commitments/gh_7", lee, {
      provenance: { kind: "manual", ref: null, imported_at: IMPORTED_AT },
    });
    expect((await read("gh_7")).provenance).toMatchObject({ kind: "github", ref: "acme/billing#7" });
  });

  it("ends the override when the field is set back to what the source says", async () => {
    await api.call("PATCH", "/api/v1/initiatives/billing/commitments/gh_7", lee, { due: "2026-03-08" });
    const commitment = await read("gh_7");
    expect(commitment.due).toBe("2026-03-08");
    expect((commitment.provenance as Record<string, unknown>).overrides).toBeUndefined();
  });
});
