// My work over HTTP: one person's signals, owed reports, awaited votes, decision requests, pre-mortems and
// pulses across the org, each leaving the list once the person has acted.
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/policy.ts";
import type { Store } from "../../src/store/open-store.ts";
import { listDeliveries, putEndpoint } from "../../src/store/notification-repository.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { scanOrg } from "../../src/use-cases/notifications/reminders.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { orbitText, smallDocument } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const base = "/api/v1/initiatives/orbit-self-serve-launch";

interface Work {
  person: { id: string; name: string };
  signals: Array<{ initiative: { id: string }; fingerprint: string; kind: string; subject: { id: string } }>;
  reports_due: Array<{ initiative: { id: string }; subject: { type: string; id: string }; overdue: boolean }>;
  votes_awaiting: Array<{ gate: { id: string }; role: string; state: string }>;
  decisions_requested: Array<{ id: string; milestone: { name: string } }>;
  premortems: Array<{ id: string; state: string; facilitator: boolean }>;
  pulses: Array<{ id: string; team: { id: string } }>;
}

describe.each(backends())("my work on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  const tokens = new Map<string, string>();

  const as = async (person: string, role: Role = "member") => {
    const key = `${person}:${role}`;
    if (!tokens.has(key)) {
      const { secret } = await createToken(servicesFor(store), {
        orgId: org,
        name: key,
        role,
        personId: person,
        expiresInDays: 1,
      });
      tokens.set(key, secret);
    }
    return tokens.get(key)!;
  };
  const work = async (person: string, role: Role = "member"): Promise<Work> => {
    const res = await api.call("GET", "/api/v1/me/work", await as(person, role));
    expect(res.status).toBe(200);
    return res.body as Work;
  };

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    await api.seed(org, parse(orbitText()));
    await api.seed(org, smallDocument({ id: "small", initiative: "Small" }));
  });
  afterAll(async () => store.close());

  it("answers only a person: a token that acts for nobody is refused, an unsigned caller too", async () => {
    expect((await api.call("GET", "/api/v1/me/work", await api.token(org, "admin"))).status).toBe(403);
    expect((await api.call("GET", "/api/v1/me/work", null)).status).toBe(401);
    expect((await work("mia", "viewer")).person).toEqual({ id: "mia", name: "Mia Chen" });
  });

  it("lists the reports a person owes at the cadence, and drops one once it is posted", async () => {
    const before = await work("mia");
    expect(before.reports_due).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subject: { type: "commitment", id: "campaign" }, overdue: true }),
        expect.objectContaining({ subject: { type: "team", id: "marketing" }, overdue: true }),
      ]),
    );
    // Nobody else's reports: pat owes none in the example.
    expect((await work("pat")).reports_due).toEqual([]);
    const posted = await api.call("POST", `${base}/reports`, await as("mia"), {
      subject: "campaign",
      date: "2026-02-10",
      health: "off_track",
    });
    expect(posted.status).toBe(201);
    const after = await work("mia");
    expect(after.reports_due.map((r) => r.subject.id)).not.toContain("campaign");
  });

  it("lists a gate vote awaiting its holder until they vote", async () => {
    expect((await work("mia")).votes_awaiting).toEqual([
      expect.objectContaining({ gate: expect.objectContaining({ id: "launch" }), role: "ux", state: "held" }),
    ]);
    // pat has voted for the technical role already.
    expect((await work("pat")).votes_awaiting).toEqual([]);
    const voted = await api.call("POST", `${base}/gates/launch/votes`, await as("mia"), { vote: "go" });
    expect(voted.status).toBe(201);
    expect((await work("mia")).votes_awaiting).toEqual([]);
  });

  it("lists the open signals that name the person, read from stored results, and not once acknowledged", async () => {
    // The same signals the initiatives' own lists hold, across both initiatives.
    const stored: Array<{ fingerprint: string; owner: string | null; status: string }> = [];
    for (const id of ["orbit-self-serve-launch", "small"]) {
      const res = await api.call("GET", `/api/v1/initiatives/${id}/signals`, await as("mia"));
      stored.push(...(res.body as { signals: typeof stored }).signals);
    }
    const signals = (await work("mia")).signals;
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.map((s) => s.fingerprint).sort()).toEqual(
      stored
        .filter((s) => s.owner === "mia" && s.status === "open")
        .map((s) => s.fingerprint)
        .sort(),
    );
    const [first] = signals;
    const ack = await api.call(
      "POST",
      `/api/v1/initiatives/${first!.initiative.id}/signals/${first!.fingerprint}/acknowledge`,
      await as("mia"),
      {
        by: "mia",
        reason: "Campaign report goes out on Friday",
      },
    );
    expect(ack.status).toBe(201);
    expect((await work("mia")).signals.map((s) => s.fingerprint)).not.toContain(first!.fingerprint);
  });

  it("lists decisions requested of the initiative's owner until one answers", async () => {
    expect((await work("dana", "admin")).decisions_requested).toEqual([
      expect.objectContaining({ milestone: expect.objectContaining({ name: "Technical feasibility" }) }),
    ]);
    expect((await work("mia")).decisions_requested).toEqual([]);
    const decided = await api.call("POST", `${base}/decisions`, await as("dana", "admin"), {
      date: "2026-02-10",
      kind: "pivot",
      by: "dana",
      responds_to: "Technical feasibility",
      rationale: "Launch to design partners first while the latency work lands",
    });
    expect(decided.status).toBe(201);
    expect((await work("dana", "admin")).decisions_requested).toEqual([]);
  });

  it("lists pre-mortems open to a person: collecting for anyone, voting for its facilitator only", async () => {
    const opened = await api.call("POST", `${base}/premortems`, await as("dana", "admin"), {
      title: "It is May and the launch failed. Why?",
    });
    expect(opened.status).toBe(201);
    const { id } = opened.body as { id: string };
    expect((await work("mia")).premortems).toEqual([
      expect.objectContaining({ id, state: "collecting", facilitator: false }),
    ]);
    expect((await work("dana", "admin")).premortems).toEqual([
      expect.objectContaining({ id, state: "collecting", facilitator: true }),
    ]);
    const facilitate = (state: string) =>
      api.call("POST", `${base}/premortems/${id}/state`, tokens.get("dana:admin")!, { state });
    expect((await facilitate("voting")).status).toBe(200);
    expect((await work("mia")).premortems).toEqual([]);
    expect((await work("dana", "admin")).premortems).toEqual([
      expect.objectContaining({ id, state: "voting", facilitator: true }),
    ]);
    expect((await facilitate("closed")).status).toBe(200);
    expect((await work("dana", "admin")).premortems).toEqual([]);
  });

  it("lists open pulses of the teams a person belongs to or leads, until closed", async () => {
    const opened = await api.call("POST", "/api/v1/pulses", await as("dana", "admin"), { team: "marketing" });
    expect(opened.status).toBe(201);
    const { id } = opened.body as { id: string };
    expect((await work("mia")).pulses).toEqual([
      expect.objectContaining({ id, team: expect.objectContaining({ id: "marketing" }) }),
    ]);
    expect((await work("pat")).pulses).toEqual([]);
    expect((await api.call("POST", `/api/v1/pulses/${id}/close`, await as("dana", "admin"), {})).status).toBe(
      200,
    );
    expect((await work("mia")).pulses).toEqual([]);
  });
});

describe.each(backends())("my work reads stored results on $name", (backend) => {
  let store: Store;
  afterAll(async () => store.close());

  it("shows signals as the evaluator last stored them, and owed reports from the plan as it stands", async () => {
    store = await backend.open();
    // No settling: the read sees the moment between a write's commit and its evaluation.
    const api = apiClient(store, { settle: false });
    const org = await freshOrg(store);
    await api.seed(org, parse(orbitText()));
    await api.evaluator.drain();
    const { secret } = await createToken(servicesFor(store), {
      orgId: org,
      name: "mia",
      role: "member",
      personId: "mia",
      expiresInDays: 1,
    });
    const read = async () => (await api.call("GET", "/api/v1/me/work", secret)).body as Work;
    const stale = (w: Work) =>
      w.signals.filter((s) => s.kind === "stale-status" && s.subject.id === "campaign").length;
    expect(stale(await read())).toBe(1);

    const posted = await api.call("POST", `${base}/reports`, secret, {
      subject: "campaign",
      date: "2026-02-10",
      health: "off_track",
    });
    expect(posted.status).toBe(201);
    const between = await read();
    // The report is owed no more, but the signal stays until the evaluator has stored the new results.
    expect(between.reports_due.map((r) => r.subject.id)).not.toContain("campaign");
    expect(stale(between)).toBe(1);
    await api.evaluator.drain();
    expect(stale(await read())).toBe(0);
  });
});

describe.each(backends())("my work and reminders on $name", (backend) => {
  let store: Store;
  afterAll(async () => store.close());

  it("owes each person the reports the hourly scan reminds them of: one rule for both", async () => {
    store = await backend.open();
    const api = apiClient(store);
    const org = await freshOrg(store);
    await api.seed(org, parse(orbitText()));
    // Reminders are recorded as deliveries to the org's endpoints: one endpoint that takes every kind.
    await putEndpoint(store.db, {
      orgId: org,
      id: "ops",
      channel: "webhook",
      url: "http://127.0.0.1:9/",
      secret: "s",
      kinds: [],
    });
    await scanOrg(api.services, org, { escalateAfterHours: 48 });
    const reminders = (await listDeliveries(store.db, org, { limit: 500 })).filter(
      (d) => d.kind === "reminder",
    );
    expect(reminders.length).toBeGreaterThan(0);
    const people = [...new Set(reminders.map((r) => (r.payload.to as { id: string }).id))];
    for (const person of [...people, "pat"]) {
      const { secret } = await createToken(servicesFor(store), {
        orgId: org,
        name: person,
        role: "viewer",
        personId: person,
        expiresInDays: 1,
      });
      const work = (await api.call("GET", "/api/v1/me/work", secret)).body as Work;
      expect(work.reports_due.map((r) => `${r.subject.type}:${r.subject.id}`).sort()).toEqual(
        reminders
          .filter((r) => (r.payload.to as { id: string }).id === person)
          .map((r) => r.subject)
          .sort(),
      );
    }
  });
});
