// Incremental evaluation: after one change, re-run only the detectors that read what changed.
import type { InitiativeSnapshot, Signal } from "../domain/model.ts";
import type { Detector, EvaluationContext, SnapshotSection } from "./detector.ts";
import { compareSignals, DETECTORS, sortSignals } from "./evaluate.ts";

/** One change to a snapshot: the sections it touches and how it makes the next snapshot. */
export interface SnapshotChange {
  /** What kind of change this is, for measurement ("report", "fact", "point", "vote", "decision", …). */
  kind: string;
  sections: readonly SnapshotSection[];
  /** Returns the changed snapshot; unchanged sections are shared, never copied. */
  apply(snapshot: InitiativeSnapshot): InitiativeSnapshot;
}

/** True when both lists hold the same signal objects in the same order (a re-run that found nothing new). */
function sameSignals(a: readonly Signal[], b: readonly Signal[]): boolean {
  return a.length === b.length && a.every((signal, i) => signal === b[i]);
}

/** Two lists in `sortSignals` order merged into one; on a tie, `left`'s signal comes first. */
function mergeTwo(left: readonly Signal[], right: readonly Signal[]): Signal[] {
  const merged: Signal[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    merged.push(compareSignals(right[j]!, left[i]!) < 0 ? right[j++]! : left[i++]!);
  }
  while (i < left.length) merged.push(left[i++]!);
  while (j < right.length) merged.push(right[j++]!);
  return merged;
}

/**
 * Lists each in `sortSignals` order, merged pairwise into one. Ties go to the earlier list, so the result is
 * what a stable sort of their concatenation gives: `sortSignals(lists.flat())`.
 */
function mergeSorted(lists: readonly (readonly Signal[])[]): Signal[] {
  let level = [...lists];
  while (level.length > 1) {
    const next: (readonly Signal[])[] = [];
    for (let k = 0; k < level.length; k += 2)
      next.push(k + 1 < level.length ? mergeTwo(level[k]!, level[k + 1]!) : level[k]!);
    level = next;
  }
  return [...(level[0] ?? [])];
}

/** True when two neighbours of a sorted list compare equal: then only a stable sort can tell their order. */
function hasTies(sorted: readonly Signal[]): boolean {
  for (let i = 1; i < sorted.length; i++) if (compareSignals(sorted[i - 1]!, sorted[i]!) === 0) return true;
  return false;
}

/** Where `signal` goes in `sorted`, or -1 when it compares equal to a signal there (a tie). */
function insertionPoint(sorted: readonly Signal[], signal: Signal): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compareSignals(sorted[middle]!, signal);
    if (order === 0) return -1;
    if (order < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * `sorted` without the signals in `removed` and with `added` in their places, as sorting the result anew
 * would order it; null when an added signal ties with one there (then only a full sort can say where).
 */
function replaceSorted(
  sorted: readonly Signal[],
  removed: ReadonlySet<Signal>,
  added: readonly Signal[],
): Signal[] | null {
  const next = removed.size === 0 ? [...sorted] : sorted.filter((signal) => !removed.has(signal));
  for (const signal of added) {
    const at = insertionPoint(next, signal);
    if (at < 0) return null;
    next.splice(at, 0, signal);
  }
  return next;
}

/** A re-run's signals as what left and what came, or null when the change is too large to patch. */
function differenceOf(
  before: readonly Signal[],
  after: readonly Signal[],
): { removed: Set<Signal>; added: Signal[] } | null {
  const old = new Set(before);
  const now = new Set(after);
  // The same object twice is a tie with itself; many new signals are cheaper sorted than inserted.
  if (old.size !== before.length || now.size !== after.length) return null;
  const added = after.filter((signal) => !old.has(signal));
  if (added.length > 8 + after.length / 8) return null;
  return { removed: new Set(before.filter((signal) => !now.has(signal))), added };
}

export class IncrementalEvaluator {
  private current: InitiativeSnapshot;
  /** Each detector's signals as it returned them, and in `sortSignals` order. */
  private readonly results: Signal[][];
  private readonly sorted: Signal[][];
  /**
   * Whether any detector's sorted list holds two signals that compare equal. Without ties, the order of
   * every list (and of the merged one) is the signals' own, whatever order a detector returned them in, so
   * a re-run that changed a few signals is patched in place instead of sorted and merged again.
   */
  private ties: boolean;
  private merged: Signal[] | null = null;

  constructor(
    snapshot: InitiativeSnapshot,
    private readonly context: EvaluationContext,
    private readonly detectors: readonly Detector[] = DETECTORS,
  ) {
    this.current = snapshot;
    this.results = detectors.map((detector) => detector.detect(snapshot, context));
    this.sorted = this.results.map((signals) => sortSignals([...signals]));
    const kinds = detectors.flatMap((detector) => detector.kinds);
    this.ties = new Set(kinds).size !== kinds.length || this.sorted.some(hasTies);
  }

  get snapshot(): InitiativeSnapshot {
    return this.current;
  }

  /** The context every run shares: reads beside the detectors (health, say) reuse what they derived. */
  get evaluationContext(): EvaluationContext {
    return this.context;
  }

  /** Every current signal, in the same order a full evaluation gives. */
  signals(): Signal[] {
    // Merging the detectors' sorted lists gives what sorting all their signals together would.
    this.merged ??= mergeSorted(this.sorted);
    return this.merged;
  }

  /**
   * Applies `changes` in order and re-runs, once, each detector that reads a section any of them touched
   * (what applying them one by one ends with, for the cost of one); returns how many detectors ran.
   */
  applyAll(changes: readonly SnapshotChange[]): number {
    if (changes.length === 0) return 0;
    if (changes.length === 1) return this.apply(changes[0]!);
    return this.apply({
      kind: "batch",
      sections: [...new Set(changes.flatMap((c) => c.sections))],
      apply: (snapshot) => changes.reduce((next, change) => change.apply(next), snapshot),
    });
  }

  /** Applies `change` and re-runs the detectors that read a section it touched; returns how many ran. */
  apply(change: SnapshotChange): number {
    this.current = change.apply(this.current);
    const touched = new Set(change.sections);
    let ran = 0;
    const removed = new Set<Signal>();
    const added: Signal[] = [];
    this.detectors.forEach((detector, index) => {
      if (!detector.reads.some((section) => touched.has(section))) return;
      const signals = detector.detect(this.current, this.context);
      ran++;
      // Detectors re-word only what changed: the same signals mean the merged list still stands.
      if (sameSignals(signals, this.results[index]!)) return;
      const difference = this.ties ? null : differenceOf(this.results[index]!, signals);
      this.results[index] = signals;
      const patched = difference && replaceSorted(this.sorted[index]!, difference.removed, difference.added);
      if (difference && patched) {
        this.sorted[index] = patched;
        difference.removed.forEach((signal) => removed.add(signal));
        for (const signal of difference.added) added.push(signal);
      } else {
        this.sorted[index] = sortSignals([...signals]);
        this.ties ||= hasTies(this.sorted[index]);
        this.merged = null;
      }
    });
    // Signals of different detectors never tie (each kind is one detector's), so the merged list is patched
    // the same way, unless a detector's list had to be sorted anew.
    if (this.merged && (removed.size > 0 || added.length > 0)) {
      this.merged = this.ties ? null : replaceSorted(this.merged, removed, added);
    }
    return ran;
  }
}
