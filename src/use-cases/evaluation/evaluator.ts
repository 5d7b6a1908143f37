// Signals after commit: writes only record what happened and bump the initiative's version; this evaluator
// claims initiatives whose version moved (a lease per initiative, so several processes share the work and none
// is evaluated twice at once), evaluates them, stores their signals and evidence health, and announces them on
// the live stream. A change committed while no evaluator ran, or claimed by one that died, is evaluated later:
// the queue is the initiatives' versions, so nothing is lost.
import { randomBytes } from "node:crypto";
import { evaluate, evaluationContext } from "../../engine/evaluate.ts";
import { compareHealth } from "../../engine/health-comparison.ts";
import {
  claimNextEvaluation,
  completeEvaluation,
  failEvaluation,
  readEvaluation,
  type EvaluationClaim,
} from "../../store/evaluation-repository.ts";
import { EVENTS_CHANNEL, publishEvent } from "../../store/event-repository.ts";
import { loadInitiative } from "../../store/initiative-repository.ts";
import type { Database } from "../../store/open-store.ts";
import type { Scope } from "../../store/record-repository.ts";
import { recordSignals } from "../../store/signal-repository.ts";
import type { Services } from "../services.ts";

export interface EvaluatorOptions {
  /** This process's name in leases (random by default). */
  owner?: string;
  /** How long a claim holds before another process may take the initiative over. */
  leaseMs?: number;
  /** How often to look for work nobody announced (a lease that ran out, a failed attempt to retry). */
  pollMs?: number;
  /** How long a failed evaluation waits before it is tried again. */
  retryMs?: number;
  /** Where failures are reported (never with the initiative's content). */
  onError?: (error: unknown, claim: EvaluationClaim) => void;
}

export interface EvaluationOutcome extends EvaluationClaim {
  opened: number;
  resolved: number;
  signals: number;
}

export class Evaluator {
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly retryMs: number;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private stopped = false;
  /** Completed evaluations, for whoever waits on them (tests, benchmarks, the CLI). */
  private readonly watchers = new Set<(outcome: EvaluationOutcome) => void>();

  constructor(
    private readonly services: Services,
    private readonly options: EvaluatorOptions = {},
  ) {
    this.owner = options.owner ?? `evaluator-${process.pid}-${randomBytes(4).toString("hex")}`;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.retryMs = options.retryMs ?? 5_000;
  }

  /** Evaluates whatever waits, then whenever a change is announced (by any process) and on a slow poll. */
  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten = await this.services.store.listen(EVENTS_CHANNEL, () => this.wake());
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref?.();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.unlisten?.();
    this.unlisten = null;
    await this.running;
  }

  /** Asks for a pass over the queue; passes never overlap, and a wake during one makes another. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.drain();
        } while (this.again && !this.stopped);
      } finally {
        this.running = null;
      }
    })();
  }

  /** Calls `watcher` after each evaluation this process completes; returns an unsubscribe. */
  onEvaluated(watcher: (outcome: EvaluationOutcome) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /**
   * Evaluates every initiative that waits (or only `only`) until none does; returns how many were evaluated.
   * Safe beside a running loop and beside other processes: each claim is exclusive.
   */
  async drain(only?: Scope): Promise<number> {
    let count = 0;
    for (;;) {
      const claim = await claimNextEvaluation(this.services.store.db, this.owner, this.leaseMs, only);
      if (!claim) return count;
      count++;
      await this.evaluateClaim(claim);
    }
  }

  private async evaluateClaim(claim: EvaluationClaim): Promise<void> {
    const { services } = this;
    try {
      // One consistent picture of the initiative, however many writes land meanwhile.
      const loaded = await services.store.db.transaction(
        async (tx) => {
          const db = tx as unknown as Database;
          const snapshot = await loadInitiative(db, claim.orgId, claim.initiativeId);
          const version = await currentVersion(db, claim);
          return { snapshot, version };
        },
        { isolationLevel: "repeatable read", accessMode: "read only" },
      );
      if (!loaded.snapshot) return; // deleted since the claim: its evaluation row went with it
      const { snapshot } = loaded;
      const options = { clock: services.clock, checks: services.checks };
      const context = evaluationContext(snapshot, options);
      const signals = evaluate(snapshot, options);
      const health = compareHealth(snapshot, context);
      const now = services.clock();
      const outcome = await services.store.db.transaction(async (tx) => {
        const db = tx as unknown as Database;
        const recorded = await recordSignals(db, claim.orgId, claim.initiativeId, signals, now);
        const kept = await completeEvaluation(db, claim, this.owner, {
          version: loaded.version,
          asOf: context.today,
          health,
          at: now,
        });
        if (!kept) throw new LeaseLost();
        await publishEvent(
          db,
          claim.orgId,
          {
            type: "signals.changed",
            initiativeId: claim.initiativeId,
            data: { version: loaded.version, opened: recorded.opened, resolved: recorded.resolved },
          },
          now,
        );
        return { ...claim, version: loaded.version, ...recorded, signals: signals.length };
      });
      for (const watcher of this.watchers) watcher(outcome);
    } catch (error) {
      if (error instanceof LeaseLost) return; // another process has it now
      this.options.onError?.(error, claim);
      const message = error instanceof Error ? error.message : String(error);
      await failEvaluation(services.store.db, claim, this.owner, message.slice(0, 500), this.retryMs).catch(
        () => undefined,
      );
    }
  }
}

class LeaseLost extends Error {}

async function currentVersion(db: Database, scope: Scope): Promise<number> {
  return (await readEvaluation(db, scope))?.version ?? 0;
}
