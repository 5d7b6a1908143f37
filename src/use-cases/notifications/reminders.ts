// The periodic scan: once an hour per org (a singleton job, whichever server runs it), reminders to whoever owes
// a report that is due at the initiative's cadence (the rule stale-status reads, engine/detectors/stale-status.ts),
// and escalation to the owner's manager of a critical signal left unacknowledged too long. Each is keyed, so
// it is sent once: a reminder per subject and due day, an escalation per signal occurrence. On Mondays (UTC), the
// weekly digest of each initiative to its owner and followers, once per person and week.
import type { InitiativeSnapshot } from "../../domain/model.ts";
import { activeSilence } from "../../domain/silence.ts";
import { isDue, reportSchedule } from "../../engine/detectors/stale-status.ts";
import { evaluationContext } from "../../engine/evaluate.ts";
import { count } from "../../engine/evidence-health.ts";
import { DONE_JOBS_KEPT_DAYS, enqueueJob, pruneDoneJobs, type Job } from "../../store/job-queue.ts";
import { readEvidenceHealth } from "../../store/evaluation-repository.ts";
import { pruneExpiredThrottles } from "../../store/throttle-repository.ts";
import { listInitiatives, loadInitiative } from "../../store/initiative-repository.ts";
import { listFollowers } from "../../store/notification-repository.ts";
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
      const dues = reportSchedule(snapshot, context).filter(isDue);
      for (const due of dues) {
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
      if (now.getUTCDay() === DIGEST_DAY)
        recorded += await digest(services, orgId, snapshot, dues, options, now);
    }
  }
}

/** The digest goes out on Mondays (UTC): the week's news before the week's work. */
export const DIGEST_DAY = 1;

/**
 * The weekly digest of one initiative: its call against the evidence, its open signals and those new this
 * week, and the reports owed. Sent to the owner (and the org's endpoints, once) and to each follower.
 */
async function digest(
  services: Services,
  orgId: string,
  snapshot: InitiativeSnapshot,
  dues: ReturnType<typeof reportSchedule>,
  options: ScanOptions,
  now: Date,
): Promise<number> {
  const db = services.store.db;
  const initiativeId = snapshot.initiative.id;
  const open = await openOccurrences(db, orgId, initiativeId);
  const weekAgo = now.getTime() - 7 * 86_400_000;
  const fresh = open.filter((s) => s.firstSeen.getTime() > weekAgo);
  const [health] = await readEvidenceHealth(db, { orgId, initiativeId }, { type: "initiative" });
  const severities = ["critical", "warning", "info"]
    .map((severity) => [severity, open.filter((s) => s.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}`);
  const call = health?.reported
    ? `Reported ${health.reported.health.replace("_", " ")} by ${personName(snapshot, health.reported.by).name} on ${health.reported.date}; the evidence says ${health.evidence.health.replace("_", " ")}.`
    : health
      ? `No report yet; the evidence says ${health.evidence.health.replace("_", " ")}.`
      : "Not evaluated yet.";
  const lines = [
    call,
    open.length === 0
      ? "No open signals."
      : `${count(open.length, "open signal")} (${severities.join(", ")}), ${fresh.length} new this week${
          fresh.length > 0
            ? `: ${fresh
                .slice(0, 5)
                .map((s) => s.title)
                .join("; ")}${fresh.length > 5 ? "; …" : ""}`
            : ""
        }.`,
    dues.length === 0 ? "Every report is current." : `${count(dues.length, "report")} owed at the cadence.`,
  ];
  const week = now.toISOString().slice(0, 10);
  const owner = snapshot.initiative.ownerId;
  const today = now.toISOString().slice(0, 10);
  const stayed = (id: string) => {
    const left = snapshot.people.find((p) => p.id === id)?.leftOn;
    return left === null || left === undefined || left > today;
  };
  const readers = [...new Set([owner, ...(await listFollowers(db, { orgId, initiativeId }))])].filter(stayed);
  let recorded = 0;
  for (const reader of readers) {
    const notice: Notice = {
      kind: "digest",
      title: `This week on ${snapshot.initiative.name}`,
      text: lines.join("\n"),
      initiativeId,
      subject: `initiative:${initiativeId}`,
      to: personName(snapshot, reader),
    };
    recorded += await notify(db, orgId, notice, `digest:${initiativeId}:${week}:${reader}`, now, {
      email: options.email ?? false,
      endpoints: reader === owner,
    });
  }
  return recorded;
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

/**
 * The notifier's `onTick`: when the hour turns (and on the first tick), schedules the scans and prunes the jobs
 * done more than a week ago.
 */
export function hourlyScans(services: Services): (now: Date) => Promise<void> {
  let scheduled: string | null = null;
  return async (now) => {
    const hour = now.toISOString().slice(0, 13);
    if (hour === scheduled) return;
    await scheduleScans(services, now);
    await pruneDoneJobs(services.store.db, new Date(now.getTime() - DONE_JOBS_KEPT_DAYS * 86_400_000));
    await pruneExpiredThrottles(services.store.db, now);
    scheduled = hour;
  };
}
