// Signals after commit: writes only record what happened and publish a change event, whose id is the
// initiative's new version; this evaluator claims initiatives whose version moved past what it last evaluated
// (a lease per initiative, so several processes share the work and none is evaluated twice at once), evaluates
// them, stores their signals and evidence health, and announces them on the live stream. A change committed
// while no evaluator ran, or claimed by one that died, is evaluated later: the queue is the outbox itself, so
// nothing is lost.
import { randomBytes } from "node:crypto";
import { toIsoDate } from "../../domain/primitives.ts";
import { evaluationContext, evaluationDay } from "../../engine/evaluate.ts";
import { compareHealth } from "../../engine/health-comparison.ts";
import { IncrementalEvaluator } from "../../engine/incremental.ts";
import {
  claimNextEvaluation,
  completeEvaluation,
  failEvaluation,
  syncEvidenceHealth,
  type EvaluationClaim,
  type KnownHealth,
} from "../../store/evaluation-repository.ts";
import { changesSince, snapshotChangeFor } from "../../store/snapshot-changes.ts";
import {
  EVENTS_CHANNEL,
  initiativeVersion,
  publishEvent,
  settleDirectory,
} from "../../store/event-repository.ts";
import { loadInitiative } from "../../store/initiative-repository.ts";
import type { Database } from "../../store/open-store.ts";
import { lockInitiative, type Scope } from "../../store/record-repository.ts";
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
   * The engine state of an initiative after its last evaluation here: the changes since are applied to it (one
   * record read per change) instead of loading the initiative again, when each is a single record.
   */
  private async engineFor(claim: EvaluationClaim): Promise<Cached | null> {
    const key = `${claim.orgId}\u0000${claim.initiativeId}`;
    const cached = this.cache.get(key);
    const db = this.services.store.db;
    if (cached) {
      this.cache.delete(key); // re-inserted below: the map's order is the least recently used first
      const changes = await settledChangesSince(db, claim, cached.lastEventId);
      if (changes === null) return null; // deleted since the claim: its evaluation row went with it
      // Every change since read first (but those the loaded snapshot already held), then the detectors run once.
      const snapshotChanges = [];
      let applied = true;
      const lastIncluded = Math.max(0, ...cached.included);
      for (const change of changes) {
        if (cached.included.has(change.eventId)) continue;
        // Committed after a later change that the loaded snapshot holds: its record goes before that one's
        // (reports are in the order of their changes), so the initiative is loaded again.
        if (change.eventId < lastIncluded) {
          applied = false;
          break;
        }
        const snapshotChange = await snapshotChangeFor(db, claim, change);
        if (!snapshotChange) {
          applied = false;
          break;
        }
        snapshotChanges.push(snapshotChange);
      }
      if (applied) {
        if (snapshotChanges.length > 0) cached.engine.applyAll(snapshotChanges);
        const last = changes.at(-1)?.eventId ?? cached.lastEventId;
        cached.lastEventId = last;
        for (const id of cached.included) if (id <= last) cached.included.delete(id);
      }
      const today = evaluationDay(cached.engine.snapshot, this.evaluateOptions());
      if (applied && today === cached.today) {
        this.remember(key, cached);
        this.stats.incremental++;
        return cached;
      }
    }
    // Every change up to `settled` has committed; the snapshot read next holds those and perhaps some later ones,
    // which it names, so that none is applied twice or missed.
    const settled = await settledVersion(db, claim);
    if (settled === null) return null;
    const loaded = await db.transaction(
      async (tx) => {
        const read = tx as unknown as Database;
        const snapshot = await loadInitiative(read, claim.orgId, claim.initiativeId);
        return { snapshot, included: (await changesSince(read, claim, settled)).map((c) => c.eventId) };
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    if (!loaded.snapshot) return null;
    const context = evaluationContext(loaded.snapshot, this.evaluateOptions());
    const fresh: Cached = {
      lastEventId: settled,
      included: new Set(loaded.included),
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
          version: cached.lastEventId,
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
            data: { version: cached.lastEventId, opened: recorded.opened, resolved: recorded.resolved },
          },
          now,
        );
        return {
          stored,
          completions,
          recorded: recorded.recorded,
          outcome: {
            ...claim,
            version: cached.lastEventId,
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
  /**
   * The version the cached snapshot is evaluated up to: every change with an id up to it is in, and so are
   * those in `included` (later ones that had committed when it was loaded, while earlier ones had not).
   */
  lastEventId: number;
  included: Set<number>;
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

/**
 * The initiative's version once every write in flight has committed: the exclusive lock waits for them (a
 * write publishes its change under the lock, so one with a lower id may commit after one with a higher) and
 * holds new ones back for the one read; the org's directory lock, shared, does the same for directory changes.
 * Null when the initiative is gone.
 */
async function settledVersion(db: Database, scope: Scope): Promise<number | null> {
  return db.transaction(async (tx) => {
    const locked = tx as unknown as Database;
    if (!(await lockInitiative(locked, scope))) return null;
    await settleDirectory(locked, scope.orgId);
    return initiativeVersion(locked, scope);
  });
}

/** The changes after `afterEventId`, once every write in flight has committed (see `settledVersion`). */
async function settledChangesSince(db: Database, scope: Scope, afterEventId: number) {
  return db.transaction(async (tx) => {
    const locked = tx as unknown as Database;
    if (!(await lockInitiative(locked, scope))) return null;
    await settleDirectory(locked, scope.orgId);
    return changesSince(locked, scope, afterEventId);
  });
}
