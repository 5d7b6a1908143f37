// The periodic scan: once an hour per org (a singleton job, whichever server runs it), reminders to whoever owes
// a report that is due at the initiative's cadence (the rule stale-status reads, engine/detectors/stale-status.ts),
// and escalation to the owner's manager of a critical signal left unacknowledged too long. Each is keyed, so
// it is sent once: a reminder per subject and due day, an escalation per signal occurrence.
import type { InitiativeSnapshot } from "../../domain/model.ts";
import { activeSilence } from "../../domain/silence.ts";
import { isDue, reportSchedule } from "../../engine/detectors/stale-status.ts";
import { evaluationContext } from "../../engine/evaluate.ts";
import { enqueueJob, type Job } from "../../store/job-queue.ts";
import { listInitiatives, loadInitiative } from "../../store/initiative-repository.ts";
import { listOrgs } from "../../store/org-repository.ts";
import { listSilences, openOccurrences } from "../../store/signal-repository.ts";
import type { Services } from "../services.ts";
import type { Notice } from "./channels.ts";
import { notify } from "./notifier.ts";

export const SCAN_QUEUE = "notification.scan";

export interface ScanOptions {
  /** How long a critical signal may stay unacknowledged before the owner's manager is told. */
  escalateAfterHours: number;
  /** Whether e-mail is set up: each notice then also goes to its person's address. */
  email?: boolean;
}

/** Queues this hour's scan of every org, once per org and hour however many servers ask. */
export async function scheduleScans(services: Services, now: Date): Promise<void> {
  const hour = now.toISOString().slice(0, 13);
  for (const org of await listOrgs(services.store.db)) {
    await enqueueJob(services.store.db, org.id, SCAN_QUEUE, {}, now, {
      singletonKey: `scan:${hour}`,
      maxAttempts: 3,
    });
  }
}

function personName(snapshot: InitiativeSnapshot, id: string): { id: string; name: string } {
  return { id, name: snapshot.people.find((p) => p.id === id)?.name ?? id };
}

/** Queues the reminders and escalations due in one org now; returns how many deliveries were new. */
export async function scanOrg(services: Services, orgId: string, options: ScanOptions): Promise<number> {
  const db = services.store.db;
  const now = services.clock();
  let recorded = 0;
  for (let after: string | undefined; ;) {
    const page = await listInitiatives(db, orgId, { after, limit: 100 });
    if (page.length === 0) return recorded;
    after = page[page.length - 1]!.id;
    for (const initiative of page) {
      const snapshot = await loadInitiative(db, orgId, initiative.id);
      if (!snapshot) continue;
      const context = evaluationContext(snapshot, { clock: services.clock, checks: services.checks });
      for (const due of reportSchedule(snapshot, context).filter(isDue)) {
        const { ref, name, owner } = due.watched;
        const notice: Notice = {
          kind: "reminder",
          title: `A report on ${name} is due`,
          text:
            `${snapshot.initiative.name} expects a report every ${due.cadence} days; the last one on ${name} ` +
            `dates from ${due.since}, so the next was due on ${due.dueOn}. Silence is not green.`,
          initiativeId: initiative.id,
          subject: `${ref.type}:${ref.id}`,
          to: personName(snapshot, owner),
        };
        const key = `reminder:${initiative.id}:${ref.type}:${ref.id}:${due.dueOn}`;
        recorded += await notify(db, orgId, notice, key, now, { email: options.email ?? false });
      }
      recorded += await escalate(services, orgId, snapshot, options, now);
    }
  }
}

async function escalate(
  services: Services,
  orgId: string,
  snapshot: InitiativeSnapshot,
  options: ScanOptions,
  now: Date,
): Promise<number> {
  const db = services.store.db;
  const cutoff = now.getTime() - options.escalateAfterHours * 3_600_000;
  const critical = (await openOccurrences(db, orgId, snapshot.initiative.id)).filter(
    (s) => s.severity === "critical" && s.firstSeen.getTime() <= cutoff,
  );
  if (critical.length === 0) return 0;
  const silences = await listSilences(db, orgId, snapshot.initiative.id);
  let recorded = 0;
  for (const signal of critical) {
    if (activeSilence(silences, signal.fingerprint, now)) continue;
    const ownerId = signal.owner ?? snapshot.initiative.ownerId;
    const managerId = snapshot.people.find((p) => p.id === ownerId)?.managerId;
    if (!managerId) continue;
    const owner = personName(snapshot, ownerId);
    const notice: Notice = {
      kind: "escalation",
      title: `Unacknowledged for ${options.escalateAfterHours} hours: ${signal.title}`,
      text:
        `${signal.explanation}\n\nThis critical signal on ${snapshot.initiative.name} was raised for ` +
        `${owner.name} and nobody has acknowledged it since.`,
      initiativeId: snapshot.initiative.id,
      subject: `signal:${signal.fingerprint}`,
      to: personName(snapshot, managerId),
    };
    recorded += await notify(db, orgId, notice, `escalation:${snapshot.initiative.id}:${signal.id}`, now, {
      email: options.email ?? false,
    });
  }
  return recorded;
}

/** The notifier's handler of scan jobs. */
export function scanHandler(services: Services, options: ScanOptions): (job: Job) => Promise<void> {
  return async (job) => {
    await scanOrg(services, job.orgId, options);
  };
}

/** The notifier's `onTick`: schedules the scans when the hour turns (and on the first tick). */
export function hourlyScans(services: Services): (now: Date) => Promise<void> {
  let scheduled: string | null = null;
  return async (now) => {
    const hour = now.toISOString().slice(0, 13);
    if (hour === scheduled) return;
    await scheduleScans(services, now);
    scheduled = hour;
  };
}
