// History is a record: reports, votes and verdicts are appended, corrected only by new records that say why,
// and no route, import or PATCH can rewrite or remove them; each record keeps the evidence it was posted against.
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const base = "/api/v1/initiatives/orbit-self-serve-launch";
type Body = Record<string, unknown>;

describe.each(backends())("the record of truth on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  let admin: string;
  let lead: string;
  const as: Record<string, string> = {};

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    await api.seed(org, parse(orbitText()));
    admin = await api.token(org, "admin");
    lead = await api.token(org, "lead");
    for (const [person, role] of [
      ["lee", "member"],
      ["pat", "lead"],
      ["dana", "admin"],
      ["sam", "member"],
    ] as const) {
      as[person] = (
        await createToken(servicesFor(store), {
          orgId: org,
          name: person,
          role,
          personId: person,
          expiresInDays: 1,
        })
      ).secret;
    }
  });
  afterAll(async () => store.close());

  const reports = async () =>
    ((await api.call("GET", `${base}/reports?limit=100`, admin)).body as { items: Body[] }).items;

  it("reads an outcome's `by` as the date it is due, not its author: a person's token adds one", async () => {
    const outcome = {
      id: "activations-later",
      metric: "weekly_activations",
      target: ">= 3000",
      by: "2026-09-30",
    };
    const res = await api.call("POST", `${base}/outcomes`, as.pat!, outcome);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject(outcome);
    const dateless = await api.call("POST", `${base}/outcomes`, as.pat!, {
      ...outcome,
      id: "no-date",
      by: undefined,
    });
    expect(dateless.status).toBe(422);
    expect((dateless.body as { errors: Body[] }).errors).toEqual([expect.objectContaining({ field: "by" })]);
    // Where `by` is an author, it still defaults to the token's person and names no one else.
    const risk = { risk: "Partners churn after the beta", likelihood: "low", impact: "medium" };
    expect((await api.call("POST", `${base}/risks`, as.lee!, { ...risk, by: "sam" })).status).toBe(403);
  });

  it("stores with a report the evidence on its subject when it was posted, and flags a greener one", async () => {
    const greener = {
      subject: "initiative",
      date: "2026-02-10",
      health: "on_track",
      note: "Still on track",
    };
    const unexplained = await api.call("POST", `${base}/reports`, as.dana!, greener);
    expect(unexplained.status).toBe(422);
    expect((unexplained.body as { errors: Body[] }).errors).toEqual([
      expect.objectContaining({ field: "greener_reason", message: expect.stringMatching(/^Reason/) }),
    ]);
    const res = await api.call("POST", `${base}/reports`, as.dana!, {
      ...greener,
      greener_reason: "The failing checks measure the old pipeline, retired last week",
    });
    expect(res.status).toBe(201);
    const body = res.body as Body & { evidence_when_posted: Body };
    expect(body).toMatchObject({
      subject: "initiative",
      by: "dana",
      health: "on_track",
      greener_than_evidence: true,
      greener_reason: "The failing checks measure the old pipeline, retired last week",
    });
    expect(body.evidence_when_posted).toMatchObject({ evidence_health: { health: "off_track" } });
    const open = body.evidence_when_posted.open_signals as Array<{ kind: string }>;
    expect(open.map((s) => s.kind)).toContain("watermelon");
    // The evidence stays as it was when posted, whatever is evaluated later.
    const stored = (await reports()).find((r) => r.id === body.id);
    expect(stored).toMatchObject({ health: "on_track", by: "dana" });
  });

  it("refuses to change or remove a report in place, and says how to correct it", async () => {
    const before = await reports();
    const patch = await api.call("PATCH", `${base}/reports/report-1`, admin, { health: "on_track" });
    expect(patch.status).toBe(409);
    expect((patch.body as Body).detail).toMatch(/corrections/);
    expect((await api.call("DELETE", `${base}/reports/report-1`, admin)).status).toBe(409);
    expect(await reports()).toEqual(before);
  });

  it("corrects a report with a new one that supersedes it and says why; only its author may", async () => {
    const bySomeoneElse = await api.call("POST", `${base}/reports/report-1/corrections`, as.pat!, {
      reason: "Lee was too pessimistic about the release",
      health: "on_track",
    });
    expect(bySomeoneElse.status).toBe(403);
    const noReason = await api.call("POST", `${base}/reports/report-1/corrections`, as.lee!, {
      reason: "typo",
      health: "at_risk",
    });
    expect(noReason.status).toBe(422);
    const corrected = await api.call("POST", `${base}/reports/report-1/corrections`, as.lee!, {
      reason: "The load test was rerun on production hardware: p95 is 3 s, not 8 s",
      health: "at_risk",
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({
      supersedes: "report-1",
      health: "at_risk",
      by: "lee",
      subject: "release",
      correction_reason: expect.stringContaining("rerun"),
    });
    const current = await reports();
    expect(current.some((r) => r.id === "report-1")).toBe(false);
    // The corrected report stays readable as it was recorded, naming what corrected it.
    const original = await api.call("GET", `${base}/reports/report-1`, admin);
    expect(original.status).toBe(200);
    expect(original.body).toMatchObject({
      id: "report-1",
      health: "off_track",
      superseded_by: (corrected.body as Body).id,
    });
    expect(current.find((r) => r.id === (corrected.body as Body).id)).toMatchObject({ health: "at_risk" });
    const again = await api.call("POST", `${base}/reports/report-1/corrections`, as.lee!, {
      reason: "A second thought on the same report",
    });
    expect(again.status).toBe(409);
    const audit = (await api.call("GET", "/api/v1/audit?limit=200", admin)).body as { items: Body[] };
    expect(
      audit.items.some((e) => e.action === "report.correct" && (e.target as Body).id === "report-1"),
    ).toBe(true);
  });

  it("lets a person report only as themself, and never in the future", async () => {
    const asOther = await api.call("POST", `${base}/reports`, as.lee!, {
      subject: "release",
      by: "pat",
      date: "2026-02-10",
      health: "on_track",
    });
    expect(asOther.status).toBe(403);
    const future = await api.call("POST", `${base}/reports`, as.lee!, {
      subject: "release",
      date: "2030-01-01",
      health: "on_track",
    });
    expect(future.status).toBe(422);
    expect((future.body as { errors: Body[] }).errors[0]).toMatchObject({ field: "date" });
    const unknown = await api.call("POST", `${base}/reports`, as.lee!, {
      subject: "commitment:nothing",
      date: "2026-02-10",
      health: "on_track",
    });
    expect(unknown.status).toBe(422);
  });

  it("closes the generic routes to votes: a PATCH of a gate's votes changes nothing", async () => {
    const status = async () => (await api.call("GET", `${base}/gates/launch/status`, admin)).body as Body;
    const before = await status();
    const res = await api.call("PATCH", `${base}/gates/launch`, lead, {
      votes: ["ux", "technical", "security", "support"].map((role) => ({ by: "pat", role, vote: "go" })),
    });
    expect([409, 422]).toContain(res.status);
    expect(await status()).toEqual(before);
  });

  it("changes a plan item only as of the version read (ETag, If-Match), and keeps who changed it", async () => {
    const read = await api.app.request(`${base}/commitments/campaign`, {
      headers: { authorization: `Bearer ${lead}` },
    });
    const etag = read.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    const first = await api.app.request(`${base}/commitments/campaign`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${lead}`, "content-type": "application/json", "if-match": etag },
      body: JSON.stringify({ title: "Paid launch campaign (EU first)" }),
    });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).not.toBe(etag);
    // A second writer who read before the first change is refused, and changes nothing.
    const stale = await api.app.request(`${base}/commitments/campaign`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${lead}`, "content-type": "application/json", "if-match": etag },
      body: JSON.stringify({ title: "Paid launch campaign (US first)" }),
    });
    expect(stale.status).toBe(412);
    const now = (await api.call("GET", `${base}/commitments/campaign`, lead)).body as Body;
    expect(now.title).toBe("Paid launch campaign (EU first)");
    const audit = (await api.call("GET", "/api/v1/audit?limit=200", admin)).body as { items: Body[] };
    expect(
      audit.items.some((e) => e.action === "commitment.change" && (e.target as Body).id === "campaign"),
    ).toBe(true);
  });

  it("keeps tested kill criteria through PUT as through PATCH", async () => {
    const document = (await api.call("GET", base, admin)).body as Body & {
      milestones: Array<Body & { assumptions: unknown[] }>;
    };
    document.milestones[0]!.assumptions = [
      { statement: "p95 latency under 500 ms", kill_criteria: "never mind" },
    ];
    const res = await api.call("PUT", base, lead, document);
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toMatch(/kill criteria/);
  });

  it("refuses an import that changes or drops a recorded report, naming each", async () => {
    const document = (await api.call("GET", base, admin)).body as Body & { reports: Body[] };
    const changed = structuredClone(document);
    changed.reports[0]!.health = "on_track";
    changed.reports.splice(1, 1);
    const res = await api.call("PUT", base, lead, changed);
    expect(res.status).toBe(409);
    const errors = (res.body as { errors: Array<{ field: string; message: string }> }).errors;
    expect(errors.some((e) => e.field === "reports.0" && /cannot change/.test(e.message))).toBe(true);
    expect(errors.some((e) => e.field === "reports" && /cannot be removed/.test(e.message))).toBe(true);
    // The unchanged export imports again: nothing recorded changes, so nothing is refused.
    expect((await api.call("PUT", base, lead, document)).status).toBe(200);
  });

  it("asks an imported report greener than the evidence for its reason, as a posted one", async () => {
    const document = (await api.call("GET", base, admin)).body as Body & { reports: Body[] };
    const greener = { subject: "initiative", by: "dana", date: "2026-02-11", health: "on_track" };
    const unexplained = await api.call("PUT", base, admin, {
      ...document,
      reports: [...document.reports, greener],
    });
    expect(unexplained.status).toBe(422);
    expect((unexplained.body as { errors: Body[] }).errors).toEqual([
      expect.objectContaining({ field: `reports.${document.reports.length}.greener_reason` }),
    ]);
    const reason = "The launch checklist was signed off this morning";
    const res = await api.call("PUT", base, admin, {
      ...document,
      reports: [...document.reports, { ...greener, greener_reason: reason }],
    });
    expect(res.status).toBe(200);
    const exported = (await api.call("GET", base, admin)).body as { reports: Body[] };
    expect(exported.reports.at(-1)).toMatchObject({ health: "on_track", greener_reason: reason });
  });

  it("lets only admins change the directory through an import", async () => {
    const document = (await api.call("GET", base, admin)).body as Body & { people: Body[] };
    document.people = document.people.map((p) => (p.id === "lee" ? { ...p, manager: "dana" } : p));
    const byLead = await api.call("PUT", base, lead, document);
    expect(byLead.status).toBe(409);
    expect(JSON.stringify(byLead.body)).toMatch(/changes the person 'lee'/);
    const person = (await api.call("GET", "/api/v1/people/lee", admin)).body as Body;
    expect(person.manager).toBe("pat");
    expect((await api.call("PUT", base, admin, document)).status).toBe(200);
  });

  it("refuses votes in an import from anyone but their holder", async () => {
    const document = (await api.call("GET", base, admin)).body as Body & {
      gates: Array<Body & { votes: Body[] }>;
    };
    document.gates[0]!.votes.push({ by: "sam", role: "support", vote: "go" });
    const byAutomation = await api.call("PUT", base, admin, document);
    expect(byAutomation.status).toBe(409);
    expect(JSON.stringify(byAutomation.body)).toMatch(/votes are cast by their holders/);
    expect((await api.call("PUT", base, as.sam!, document)).status).toBe(403); // a member may not plan
  });
});

describe.each(backends())("signals after commit on $name", (backend) => {
  it("answers a write before its evaluation, and shows the evaluation once it has run", async () => {
    const store = await backend.open();
    try {
      const api = apiClient(store, { settle: false });
      const org = await freshOrg(store);
      await api.seed(org, parse(orbitText()));
      await api.evaluator.drain();
      const admin = await api.token(org, "admin");
      const signals = async () => (await api.call("GET", `${base}/signals`, admin)).body as Body;
      const first = await signals();
      expect(first).toMatchObject({ pending: false });
      expect((first.signals as Body[]).map((s) => s.kind)).toContain("early-warning-triggered");

      const posted = await api.call("POST", `${base}/metrics/support_backlog/points`, admin, {
        points: [["2026-02-10", 20]],
      });
      expect(posted.status).toBe(201);
      const waiting = await signals();
      expect(waiting).toMatchObject({ pending: true, evaluated_version: first.evaluated_version });
      expect((waiting.signals as Body[]).map((s) => s.kind)).toContain("early-warning-triggered");

      await api.evaluator.drain();
      const evaluated = await signals();
      expect(evaluated).toMatchObject({ pending: false, version: waiting.version });
      // The backlog fell below the early-warning threshold: that signal resolved.
      expect((evaluated.signals as Body[]).map((s) => s.kind)).not.toContain("early-warning-triggered");
    } finally {
      await store.close();
    }
  });
});
