// Notifications after the fact: a worker beside the evaluator in every server process takes jobs from the
// durable queue (store/job-queue.ts) and sends each delivery once, retrying failures with exponential backoff.
// Several processes on one database share the queue; a job claimed by one that died is claimed again.
import { randomBytes } from "node:crypto";
import { loggableError } from "../../domain/loggable-error.ts";
import { claimJob, completeJob, failJob, type Job } from "../../store/job-queue.ts";
import {
  DELIVER_QUEUE,
  listEndpoints,
  personEmail,
  readDelivery,
  readEndpoint,
  recordAttempt,
  recordDelivery,
  wants,
} from "../../store/notification-repository.ts";
import type { Database } from "../../store/open-store.ts";
import type { Services } from "../services.ts";
import { sendEmail, sendToEndpoint, type MailOptions, type Notice } from "./channels.ts";

export interface NotifierOptions {
  owner?: string;
  pollMs?: number;
  leaseMs?: number;
  allowPrivateWebhooks?: boolean;
  /** How e-mail is sent; without it, e-mail deliveries fail (none are queued: see `notify`). */
  mail?: MailOptions | null;
  /** Handlers of further queues (the scans), by queue name. */
  handlers?: Record<string, (job: Job) => Promise<void>>;
  /** Called on every tick before the queue is drained: where periodic jobs are scheduled. */
  onTick?: (now: Date) => Promise<void>;
  /** Where failures are reported (never with a URL or secret). */
  onError?: (error: unknown, job: Job | null) => void;
}

/**
 * Queues `notice` to each of the org's endpoints that takes its kind, once per `key` and endpoint however often
 * this is called; returns how many deliveries were newly recorded.
 */
export async function notify(
  db: Database,
  orgId: string,
  notice: Notice,
  key: string,
  now: Date,
  options: { email?: boolean; endpoints?: boolean } = {},
): Promise<number> {
  let recorded = 0;
  // By e-mail to the person it is for, when e-mail is set up and the directory has their address.
  if (
    options.email &&
    notice.to &&
    (await personEmail(db, orgId, notice.to.id)) &&
    (await wants(db, orgId, notice.to.id, notice.kind, "email"))
  ) {
    const id = await recordDelivery(
      db,
      orgId,
      {
        channel: "email",
        recipient: notice.to.id,
        kind: notice.kind,
        initiativeId: notice.initiativeId,
        subject: notice.subject,
        idempotencyKey: `${key}:email`,
        payload: { ...notice },
      },
      now,
    );
    if (id !== null) recorded++;
  }
  // The org's endpoints get one copy of what several people are each sent (a digest): the caller says which.
  for (const endpoint of options.endpoints === false ? [] : await listEndpoints(db, orgId)) {
    if (endpoint.kinds.length > 0 && !endpoint.kinds.includes(notice.kind)) continue;
    const id = await recordDelivery(
      db,
      orgId,
      {
        channel: endpoint.channel as "webhook" | "slack",
        recipient: endpoint.id,
        kind: notice.kind,
        initiativeId: notice.initiativeId,
        subject: notice.subject,
        idempotencyKey: `${key}:${endpoint.id}`,
        payload: { ...notice },
      },
      now,
    );
    if (id !== null) recorded++;
  }
  return recorded;
}

export class Notifier {
  readonly owner: string;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private started = false;
  readonly stats = { sent: 0, retried: 0, failed: 0 };

  constructor(
    private readonly services: Services,
    private readonly options: NotifierOptions = {},
  ) {
    this.owner = options.owner ?? `notifier-${process.pid}-${randomBytes(4).toString("hex")}`;
    this.pollMs = options.pollMs ?? 5_000;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  start(): void {
    this.stopped = false;
    this.started = true;
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref?.();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private wake(): void {
    if (this.stopped || this.running) return;
    this.running = this.tick()
      .then(() => undefined)
      .catch((error: unknown) => this.options.onError?.(error, null))
      .finally(() => {
        this.running = null;
      });
  }

  /** Schedules periodic work, then runs every job that is due; returns how many ran. */
  async tick(): Promise<number> {
    await this.options.onTick?.(this.services.clock());
    return this.drain();
  }

  /** Runs every due job until none is (safe beside other processes: each claim is exclusive). */
  async drain(): Promise<number> {
    const queues = [DELIVER_QUEUE, ...Object.keys(this.options.handlers ?? {})];
    let count = 0;
    // A pass started by the loop ends early when the loop is stopped; a direct call runs to the end.
    while (!(this.stopped && this.started)) {
      const now = this.services.clock();
      const job = await claimJob(this.services.store.db, queues, this.owner, now, this.leaseMs);
      if (!job) break;
      count++;
      await this.run(job);
    }
    return count;
  }

  private async run(job: Job): Promise<void> {
    const db = this.services.store.db;
    try {
      if (job.queue === DELIVER_QUEUE) await this.deliver(job);
      else await this.options.handlers![job.queue]!(job);
      await completeJob(db, job, this.owner);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retry = await failJob(db, job, this.owner, message, this.services.clock());
      if (job.queue === DELIVER_QUEUE) {
        await recordAttempt(db, job.orgId, Number(job.payload.deliveryId), {
          outcome: retry ? "retry" : "failed",
          error: message,
          at: this.services.clock(),
        });
        if (retry) this.stats.retried++;
        else this.stats.failed++;
      }
      this.options.onError?.(new Error(loggableError(error, { stack: false })), job);
    }
  }

  private async deliver(job: Job): Promise<void> {
    const db = this.services.store.db;
    const delivery = await readDelivery(db, job.orgId, Number(job.payload.deliveryId));
    // Sent already (a job run twice after a lost lease): nothing to do, so nothing is sent twice.
    if (!delivery || delivery.status === "sent") return;
    if (delivery.channel === "email") {
      if (!this.options.mail) throw new Error("e-mail is not set up (PLUMBLINE_SMTP_URL)");
      const address = await personEmail(db, job.orgId, delivery.recipient);
      if (!address) throw new Error("the person has no e-mail address in the directory");
      await sendEmail(delivery, address, this.options.mail);
      await recordAttempt(db, job.orgId, delivery.id, {
        outcome: "sent",
        error: null,
        at: this.services.clock(),
      });
      this.stats.sent++;
      return;
    }
    const endpoint = await readEndpoint(db, job.orgId, delivery.recipient);
    if (!endpoint) throw new Error("the endpoint was removed");
    await sendToEndpoint(delivery, endpoint, {
      allowPrivateWebhooks: this.options.allowPrivateWebhooks ?? false,
      now: this.services.clock(),
    });
    await recordAttempt(db, job.orgId, delivery.id, {
      outcome: "sent",
      error: null,
      at: this.services.clock(),
    });
    this.stats.sent++;
  }
}
