import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Store } from "../../src/store/open-store.ts";
import { backends, freshOrg } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

interface SignalOut {
  kind: string;
  severity: string;
  owner: string | null;
  fingerprint: string;
  status: string;
  subject: { type: string; id: string };
  first_seen: string | null;
  silence: { mode: string; by: string; reason: string } | null;
}

describe.each(backends())("signal lifecycle and silencing on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let admin: string;
  let org: string;
  const base = "/api/v1/initiatives/orbit-self-serve-launch";
  const signals = async (query = "") =>
    ((await api.call("GET", `${base}/signals${query}`, admin)).body as { signals: SignalOut[] }).signals;

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    admin = await api.token(org, "admin");
    expect((await api.seed(org, parse(orbitText()))).created).toBe(true);
  });
  afterAll(async () => store.close());

  it("records when each signal was first seen, and resolves it when the data no longer shows it", async () => {
    const unowned = (await signals()).find((s) => s.kind === "unowned-link")!;
    expect(unowned.first_seen).not.toBeNull();
    expect((await api.call("PATCH", `${base}/links/link-1`, admin, { owner: "omar" })).status).toBe(200);
    expect((await signals()).some((s) => s.fingerprint === unowned.fingerprint)).toBe(false);
    const history = (await api.call("GET", `${base}/signal-history?limit=200`, admin)).body as {
      items: Array<{ fingerprint: string; resolved_at: string | null }>;
    };
    const occurrence = history.items.find((o) => o.fingerprint === unowned.fingerprint)!;
    expect(occurrence.resolved_at).not.toBeNull();
    expect(history.items.some((o) => o.resolved_at === null)).toBe(true);
  });

  it("filters by kind, least severity, subject and owner, and names a filter it cannot read", async () => {
    const all = await signals();
    const kinds = await signals("?kind=broken-assumption,requirement-conflict");
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds).toEqual(all.filter((s) => ["broken-assumption", "requirement-conflict"].includes(s.kind)));
    const critical = await signals("?severity=critical");
    expect(critical).toEqual(all.filter((s) => s.severity === "critical"));
    expect(critical.length).toBeLessThan(all.length);
    const one = all[0]!;
    const onSubject = await signals(`?subject=${one.subject.type}:${one.subject.id}`);
    expect(onSubject).toEqual(
      all.filter((s) => s.subject.type === one.subject.type && s.subject.id === one.subject.id),
    );
    expect(await signals("?owner=dana")).toEqual(all.filter((s) => s.owner === "dana"));
    const bad = await api.call("GET", `${base}/signals?kind=stale&severity=high`, admin);
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ errors: [{ field: "kind" }, { field: "severity" }] });
  });

  it("acknowledges a signal: it stays listed, marked, with who and why", async () => {
    const target = (await signals()).find((s) => s.kind === "requirement-conflict")!;
    const ack = await api.call("POST", `${base}/signals/${target.fingerprint}/acknowledge`, admin, {
      by: "dana",
      reason: "Sizing workshop booked for Thursday",
    });
    expect(ack.status).toBe(201);
    const after = (await signals()).find((s) => s.fingerprint === target.fingerprint)!;
    expect(after.status).toBe("acknowledged");
    expect(after.silence).toMatchObject({
      mode: "acknowledged",
      by: "dana",
      reason: "Sizing workshop booked for Thursday",
    });
    expect((await signals("?status=open")).some((s) => s.fingerprint === target.fingerprint)).toBe(false);
    expect((await signals("?status=silenced")).some((s) => s.fingerprint === target.fingerprint)).toBe(true);
  });

  it("suppresses only with a reason and an end within the limit, and lifting keeps the record", async () => {
    const target = (await signals()).find((s) => s.kind === "broken-assumption")!;
    const path = `${base}/signals/${target.fingerprint}`;
    expect((await api.call("POST", `${path}/suppress`, admin, { by: "dana", reason: "ok" })).status).toBe(
      422,
    );
    const tooLong = await api.call("POST", `${path}/suppress`, admin, {
      by: "dana",
      reason: "Known",
      until: "2027-12-01",
    });
    expect(tooLong.status).toBe(422);
    expect((tooLong.body as { errors: Array<{ field: string }> }).errors[0]!.field).toBe("until");
    const ok = await api.call("POST", `${path}/suppress`, admin, {
      by: "dana",
      reason: "Capacity plan due Monday",
      until: "2026-02-20",
    });
    expect(ok.status).toBe(201);
    expect((await signals()).find((s) => s.fingerprint === target.fingerprint)!.status).toBe("suppressed");
    expect((await api.call("POST", `${path}/unsilence`, admin, { by: "dana" })).body).toEqual({ lifted: 1 });
    expect((await signals()).find((s) => s.fingerprint === target.fingerprint)!.status).toBe("open");
    const silences = (await api.call("GET", `${base}/silences`, admin)).body as {
      items: Array<{ lifted_at: string | null; reason: string }>;
    };
    expect(silences.items.find((s) => s.reason === "Capacity plan due Monday")!.lifted_at).not.toBeNull();
  });

  it("refuses to silence what is not a current signal, or for an unknown person, or as a viewer", async () => {
    const target = (await signals())[0]!;
    expect(
      (
        await api.call("POST", `${base}/signals/0123456789abcdef/acknowledge`, admin, {
          by: "dana",
          reason: "why not",
        })
      ).status,
    ).toBe(404);
    const unknown = await api.call("POST", `${base}/signals/${target.fingerprint}/acknowledge`, admin, {
      by: "ghost",
      reason: "why not",
    });
    expect(unknown.status).toBe(422);
    const viewer = await api.token(org, "viewer");
    expect(
      (
        await api.call("POST", `${base}/signals/${target.fingerprint}/acknowledge`, viewer, {
          by: "dana",
          reason: "why not",
        })
      ).status,
    ).toBe(403);
  });
});

describe.each(backends())("health beside the evidence on $name", (backend) => {
  it("shows each subject's reported health beside its evidence health, flagging the greener ones", async () => {
    const store = await backend.open();
    try {
      const api = apiClient(store);
      const org = await freshOrg(store);
      const admin = await api.token(org, "admin");
      await api.seed(org, parse(orbitText()));
      const res = await api.call("GET", "/api/v1/initiatives/orbit-self-serve-launch/health", admin);
      expect(res.status).toBe(200);
      const items = (res.body as { items: Array<Record<string, unknown>> }).items;
      expect(items.find((i) => (i.subject as { type: string }).type === "initiative")).toMatchObject({
        reported: { health: "on_track", by: "dana", date: "2026-02-05" },
        evidence: { health: "off_track" },
        greener_than_evidence: true,
      });
      expect(items.find((i) => (i.subject as { id: string }).id === "release")).toMatchObject({
        greener_than_evidence: false,
      });
    } finally {
      await store.close();
    }
  });
});
