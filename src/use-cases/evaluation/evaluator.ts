// Signals after commit: writes only record what happened and bump the initiative's version; this evaluator
// claims initiatives whose version moved (a lease per initiative, so several processes share the work and none
// is evaluated twice at once), evaluates them, stores their signals and evidence health, and announces them on
// the live stream. A change committed while no evaluator ran, or claimed by one that died, is evaluated later:
// the queue is the initiatives' versions, so nothing is lost.
import { randomBytes } from "node:crypto";
import { toIsoDate } from "../../domain/primitives.ts";
import { evaluationContext, evaluationDay } from "../../engine/evaluate.ts";
import { compareHealth } from "../../engine/health-comparison.ts";
import { IncrementalEvaluator } from "../../engine/incremental.ts";
import {
  claimNextEvaluation,
  completeEvaluation,
  failEvaluation,
  readEvaluation,
  syncEvidenceHealth,
  type EvaluationClaim,
  type KnownHealth,
} from "../../store/evaluation-repository.ts";
import { changesSince, lastChangeId, snapshotChangeFor } from "../../store/snapshot-changes.ts";
import { EVENTS_CHANNEL, publishEvent } from "../../store/event-repository.ts";
import { loadInitiative } from "../../store/initiative-repository.ts";
import type { Database } from "../../store/open-store.ts";
import type { Scope } from "../../store/record-repository.ts";
import { recordSignals, type RecordedSignal } from "../../store/signal-repository.ts";
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
  /** How many initiatives' engine state to keep between evaluations (least recently used goes first). */
  cacheSize?: number;
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
  private readonly cache = new Map<string, Cached>();
  private readonly cacheSize: number;
  /** How many evaluations applied changes to a cached engine, and how many loaded the initiative. */
  readonly stats = { incremental: 0, full: 0 };
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
    this.cacheSize = options.cacheSize ?? 64;
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
      const today = toIsoDate(this.services.clock());
      const claim = await claimNextEvaluation(this.services.store.db, this.owner, this.leaseMs, only, today);
      if (!claim) return count;
      count++;
      await this.evaluateClaim(claim);
    }
  }

  /**
   * The engine state of an initiative after its last evaluation here: a change since is applied to it (one
   * record read per change) instead of loading the initiative again, when every version since is one record.
   */
  private async engineFor(claim: EvaluationClaim): Promise<Cached | null> {
    const key = `${claim.orgId}\u0000${claim.initiativeId}`;
    const cached = this.cache.get(key);
    const db = this.services.store.db;
    if (cached) {
      this.cache.delete(key); // re-inserted below: the map's order is the least recently used first
      const changes = await changesSince(db, claim, cached.lastEventId);
      const wanted = changes.filter((c) => c.version > cached.version && c.version <= claim.version);
      const complete =
        wanted.length === claim.version - cached.version &&
        wanted.every((c, i) => c.version === cached.version + i + 1);
      let applied = complete;
      if (complete) {
        // Every change since read first, then the detectors run once over all of them.
        const snapshotChanges = [];
        for (const change of wanted) {
          const snapshotChange = await snapshotChangeFor(db, claim, change);
          if (!snapshotChange) {
            applied = false;
            break;
          }
          snapshotChanges.push(snapshotChange);
        }
        if (applied && wanted.length > 0) {
          cached.engine.applyAll(snapshotChanges);
          cached.version = wanted.at(-1)!.version;
          cached.lastEventId = wanted.at(-1)!.eventId;
        }
      }
      const today = evaluationDay(cached.engine.snapshot, this.evaluateOptions());
      if (applied && today === cached.today) {
        this.remember(key, cached);
        this.stats.incremental++;
        return cached;
      }
    }
    // One consistent picture of the initiative, however many writes land meanwhile.
    const loaded = await this.services.store.db.transaction(
      async (tx) => {
        const read = tx as unknown as Database;
        const snapshot = await loadInitiative(read, claim.orgId, claim.initiativeId);
        return {
          snapshot,
          version: await currentVersion(read, claim),
          lastEventId: await lastChangeId(read, claim),
        };
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    if (!loaded.snapshot) return null; // deleted since the claim: its evaluation row went with it
    const context = evaluationContext(loaded.snapshot, this.evaluateOptions());
    const fresh: Cached = {
      version: loaded.version,
      lastEventId: loaded.lastEventId,
      today: context.today,
      engine: new IncrementalEvaluator(loaded.snapshot, context),
      health: cached?.health ?? null,
      signals: cached?.signals ?? null,
      completions: cached?.completions ?? null,
    };
    this.remember(key, fresh);
    this.stats.full++;
    return fresh;
  }

  private remember(key: string, cached: Cached): void {
    this.cache.set(key, cached);
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }

  private evaluateOptions() {
    return { clock: this.services.clock, checks: this.services.checks };
  }

  private async evaluateClaim(claim: EvaluationClaim): Promise<void> {
    const { services } = this;
    const key = `${claim.orgId}\u0000${claim.initiativeId}`;
    try {
      const cached = await this.engineFor(claim);
      if (!cached) return;
      if (cached.completions !== claim.completions) {
        // Another process evaluated it since: what is stored is no longer what this one last wrote.
        cached.health = null;
        cached.signals = null;
      }
      const snapshot = cached.engine.snapshot;
      const signals = cached.engine.signals();
      // In the engine's own context: the evidence it assessed for the detectors is not assessed again.
      const health = compareHealth(snapshot, cached.engine.evaluationContext);
      const now = services.clock();
      const outcome = await services.store.db.transaction(async (tx) => {
        const db = tx as unknown as Database;
        const recorded = await recordSignals(
          db,
          claim.orgId,
          claim.initiativeId,
          signals,
          now,
          cached.signals ?? undefined,
        );
        const stored = await syncEvidenceHealth(db, claim, health, cached.health);
        const completions = await completeEvaluation(db, claim, this.owner, {
          version: cached.version,
          asOf: cached.today,
          at: now,
        });
        if (completions === null) throw new LeaseLost();
        await publishEvent(
          db,
          claim.orgId,
          {
            type: "signals.changed",
            initiativeId: claim.initiativeId,
            data: { version: cached.version, opened: recorded.opened, resolved: recorded.resolved },
          },
          now,
        );
        return {
          stored,
          completions,
          recorded: recorded.recorded,
          outcome: {
            ...claim,
            version: cached.version,
            opened: recorded.opened,
            resolved: recorded.resolved,
            signals: signals.length,
          },
        };
      });
      // What is stored now: the next evaluation compares against it instead of reading it back.
      cached.health = outcome.stored;
      cached.signals = outcome.recorded;
      cached.completions = outcome.completions;
      for (const watcher of this.watchers) watcher(outcome.outcome);
    } catch (error) {
      // What is cached may be ahead of what was stored: start from the store next time.
      this.cache.delete(key);
      if (error instanceof LeaseLost) return; // another process has it now
      this.options.onError?.(error, claim);
      const message = error instanceof Error ? error.message : String(error);
      await failEvaluation(services.store.db, claim, this.owner, message.slice(0, 500), this.retryMs).catch(
        () => undefined,
      );
    }
  }
}

interface Cached {
  /** The version the cached snapshot is at, and the id of the change event that made it. */
  version: number;
  lastEventId: number;
  today: string;
  engine: IncrementalEvaluator;
  /** The evidence health stored after the last evaluation, by subject; null until known. */
  health: Map<string, KnownHealth> | null;
  /** The open signals stored after the last evaluation; null until known. */
  signals: Map<string, RecordedSignal> | null;
  /** The evaluations' count after the last one here: `health` and `signals` hold while it is unchanged. */
  completions: number | null;
}

class LeaseLost extends Error {}

async function currentVersion(db: Database, scope: Scope): Promise<number> {
  return (await readEvaluation(db, scope))?.version ?? 0;
}
