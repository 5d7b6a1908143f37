// A facilitator's view follows a pre-mortem live: named items and the facilitator's moves are announced on the
// live stream; anonymous submissions and votes never are.
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { readEventsAfter, readLatestEventId } from "../../src/use-cases/reads/read-events.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const base = "/api/v1/initiatives/orbit-self-serve-launch/premortems";

describe.each(backends())("pre-mortem changes on the live stream on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let dana: string;
  let mia: string;

  const token = async (person: string, role: "admin" | "member") =>
    (
      await createToken(servicesFor(store), {
        orgId: org,
        name: person,
        role,
        personId: person,
        expiresInDays: 1,
      })
    ).secret;
  /** The premortem.changed events written while `act` runs. */
  const announced = async (act: () => Promise<unknown>) => {
    const services = servicesFor(store);
    await api.evaluator.drain();
    const before = await readLatestEventId(services, org);
    await act();
    return (await readEventsAfter(services, org, before)).filter((e) => e.type === "premortem.changed");
  };

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    await api.seed(org, parse(orbitText()));
    dana = await token("dana", "admin");
    mia = await token("mia", "member");
  });
  afterAll(async () => store.close());

  it("announces named items and the facilitator's moves, never an anonymous item", async () => {
    const opened = await api.call("POST", base, dana, { title: "It is May and the launch failed. Why?" });
    const { id } = opened.body as { id: string };
    const item = { risk: "Support is not staffed for launch week", likelihood: "high", impact: "high" };

    const named = await announced(async () =>
      expect((await api.call("POST", `${base}/${id}/items`, mia, item)).status).toBe(201),
    );
    expect(named).toEqual([
      expect.objectContaining({
        initiativeId: "orbit-self-serve-launch",
        data: { change: "item", premortem: id },
      }),
    ]);

    const anonymous = await announced(async () =>
      expect((await api.call("POST", `${base}/${id}/items`, mia, { ...item, anonymous: true })).status).toBe(
        202,
      ),
    );
    expect(anonymous).toEqual([]);

    const moved = await announced(async () =>
      expect((await api.call("POST", `${base}/${id}/state`, dana, { state: "voting" })).status).toBe(200),
    );
    expect(moved).toEqual([expect.objectContaining({ data: { change: "state", premortem: id } })]);
  });
});
