// The scan on every real database: reminders for reports due at the cadence (the stale-status rule), escalation
// of an unacknowledged critical signal to the owner's manager, each sent once however often the scan runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { reportSchedule, isDue } from "../../src/engine/detectors/stale-status.ts";
import { evaluationContext } from "../../src/engine/evaluate.ts";
import { loadInitiative } from "../../src/store/initiative-repository.ts";
import { sql } from "drizzle-orm";
import { listDeliveries, putEndpoint, setFollowing } from "../../src/store/notification-repository.ts";
import { openOccurrences } from "../../src/store/signal-repository.ts";
import type { Store } from "../../src/store/open-store.ts";
import {
  hourlyScans,
  scanOrg,
  scheduleScans,
  SCAN_QUEUE,
} from "../../src/use-cases/notifications/reminders.ts";
import { claimJob, completeJob } from "../../src/store/job-queue.ts";
import { backends, FIXED_NOW, freshOrg, servicesFor, settle } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const INITIATIVE = "orbit-self-serve-launch";

describe.each(backends())("reminders and escalation on $name", (backend) => {
  let store: Store;
  let org: string;
  let api: ReturnType<typeof apiClient>;
  let admin: string;
  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    admin = await api.token(org, "admin");
    expect((await api.seed(org, parse(orbitText()))).created).toBe(true);
    await settle(servicesFor(store));
    await putEndpoint(store.db, {
      orgId: org,
      id: "ops",
      channel: "webhook",
      url: "http://127.0.0.1:9/",
      secret: "s",
      kinds: [],
    });
  });
  afterAll(async () => store.close());

  it("reminds each owner of a report due at the cadence once, and escalates critical signals to managers", async () => {
    const later = new Date(FIXED_NOW.getTime() + 49 * 3_600_000);
    const services = { ...servicesFor(store), clock: () => later };
    const snapshot = (await loadInitiative(store.db, org, INITIATIVE))!;
    const due = reportSchedule(snapshot, evaluationContext(snapshot, { clock: services.clock })).filter(
      isDue,
    );
    expect(due.length).toBeGreaterThan(0);
    const critical = (await openOccurrences(store.db, org, INITIATIVE)).filter(
      (s) => s.severity === "critical",
    );
    expect(critical.length).toBeGreaterThan(0);

    const first = await scanOrg(services, org, { escalateAfterHours: 48 });
    expect(await scanOrg(services, org, { escalateAfterHours: 48 })).toBe(0);
    const deliveries = await listDeliveries(store.db, org, { limit: 500 });
    expect(deliveries).toHaveLength(first);
    const reminders = deliveries.filter((d) => d.kind === "reminder");
    expect(reminders.map((d) => d.subject).sort()).toEqual(
      due.map((d) => `${d.watched.ref.type}:${d.watched.ref.id}`).sort(),
    );
    const ownerOf = new Map(due.map((d) => [`${d.watched.ref.type}:${d.watched.ref.id}`, d.watched.owner]));
    for (const r of reminders) expect((r.payload.to as { id: string }).id).toBe(ownerOf.get(r.subject!));
    const escalations = deliveries.filter((d) => d.kind === "escalation");
    expect(escalations.length).toBeGreaterThan(0);
    for (const e of escalations) {
      const signal = critical.find((s) => `signal:${s.fingerprint}` === e.subject)!;
      const owner = snapshot.people.find((p) => p.id === (signal.owner ?? snapshot.initiative.ownerId))!;
      expect((e.payload.to as { id: string }).id).toBe(owner.managerId);
    }
  });

  it("does not escalate before the time, nor an acknowledged signal", async () => {
    const other = await freshOrg(store);
    await api.seed(other, parse(orbitText()));
    await settle(servicesFor(store));
    await putEndpoint(store.db, {
      orgId: other,
      id: "ops",
      channel: "webhook",
      url: "http://127.0.0.1:9/",
      secret: "s",
      kinds: [],
    });
    const services = { ...servicesFor(store), clock: () => new Date(FIXED_NOW.getTime() + 47 * 3_600_000) };
    await scanOrg(services, other, { escalateAfterHours: 48 });
    expect(
      (await listDeliveries(store.db, other, { limit: 500 })).filter((d) => d.kind === "escalation"),
    ).toEqual([]);
    const critical = (await openOccurrences(store.db, other, INITIATIVE)).filter(
      (s) => s.severity === "critical",
    );
    expect(critical.length).toBeGreaterThan(0);
    const otherAdmin = await api.token(other, "admin");
    for (const s of critical) {
      const response = await api.call(
        "POST",
        `/api/v1/initiatives/${INITIATIVE}/signals/${s.fingerprint}/acknowledge`,
        otherAdmin,
        {
          by: "dana",
          reason: "On it",
        },
      );
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    }
    const after = { ...services, clock: () => new Date(FIXED_NOW.getTime() + 49 * 3_600_000) };
    await scanOrg(after, other, { escalateAfterHours: 48 });
    expect(
      (await listDeliveries(store.db, other, { limit: 500 })).filter((d) => d.kind === "escalation"),
    ).toEqual([]);
    expect(admin).toBeTruthy();
  });

  it("sends the weekly digest on Mondays to the owner, the org's endpoints once, and each follower who stayed", async () => {
    const weekly = await freshOrg(store);
    await api.seed(weekly, parse(orbitText()));
    await settle(servicesFor(store));
    await putEndpoint(store.db, {
      orgId: weekly,
      id: "ops",
      channel: "webhook",
      url: "http://127.0.0.1:9/",
      secret: "s",
      kinds: ["digest"],
    });
    await store.db.execute(
      sql`update people set email = id || '@orbit.example' where org_id = ${weekly} and id in ('dana', 'lee', 'omar')`,
    );
    await store.db.execute(
      sql`update people set left_on = '2026-02-01' where org_id = ${weekly} and id = 'omar'`,
    );
    const scope = { orgId: weekly, initiativeId: INITIATIVE };
    await setFollowing(store.db, scope, "lee", true);
    await setFollowing(store.db, scope, "omar", true);
    const at = (iso: string) => ({ ...servicesFor(store), clock: () => new Date(iso) });
    const digests = async () =>
      (await listDeliveries(store.db, weekly, { limit: 500 })).filter((d) => d.kind === "digest");

    await scanOrg(at("2026-02-17T09:00:00Z"), weekly, { escalateAfterHours: 48, email: true });
    expect(await digests()).toEqual([]);
    await scanOrg(at("2026-02-16T09:00:00Z"), weekly, { escalateAfterHours: 48, email: true });
    await scanOrg(at("2026-02-16T10:00:00Z"), weekly, { escalateAfterHours: 48, email: true });
    const sent = await digests();
    expect(sent.map((d) => `${d.channel}:${d.recipient}`).sort()).toEqual([
      "email:dana",
      "email:lee",
      "webhook:ops",
    ]);
    const text = String(sent[0]!.payload.text);
    expect(text).toMatch(/^Reported on track by Dana Reyes on 2026-02-05; the evidence says off track\./);
    expect(text).toMatch(/\d+ open signals \(\d+ critical/);
    expect(text).toMatch(/reports? owed at the cadence|Every report is current/);
  });

  it("prunes jobs done more than a week ago when the hour turns, and keeps the rest", async () => {
    const services = servicesFor(store);
    const count = async (hour: string) =>
      Number(
        (
          (await store.db.execute(
            sql`select count(*)::int as n from jobs where org_id = ${org} and singleton_key = ${`scan:${hour}`}`,
          )) as unknown as { rows: Array<{ n: number }> }
        ).rows[0]!.n,
      );
    const old = new Date("2026-01-20T05:00:00Z");
    await scheduleScans(services, old);
    for (let job; (job = await claimJob(store.db, [SCAN_QUEUE], "t", old, 60_000));)
      await completeJob(store.db, job, "t");
    const recent = new Date("2026-02-09T05:00:00Z");
    await scheduleScans(services, recent);
    expect(await count("2026-01-20T05")).toBe(1);
    await hourlyScans(services)(new Date("2026-02-10T06:00:00Z"));
    expect(await count("2026-01-20T05")).toBe(0);
    // Not done yet, or done within the week: kept.
    expect(await count("2026-02-09T05")).toBe(1);
    // Leave nothing queued for the tests after this one.
    for (let job; (job = await claimJob(store.db, [SCAN_QUEUE], "t", FIXED_NOW, 60_000));)
      await completeJob(store.db, job, "t");
  });

  it("schedules one scan per org and hour", async () => {
    const services = servicesFor(store);
    await scheduleScans(services, FIXED_NOW);
    await scheduleScans(services, FIXED_NOW);
    const claimed = [];
    for (let job; (job = await claimJob(store.db, [SCAN_QUEUE], "t", FIXED_NOW, 60_000));)
      claimed.push(job.orgId);
    expect(claimed.filter((o) => o === org)).toHaveLength(1);
  });
});
