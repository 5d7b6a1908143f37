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

export class IncrementalEvaluator {
  private current: InitiativeSnapshot;
  /** Each detector's signals as it returned them, and in `sortSignals` order. */
  private readonly results: Signal[][];
  private readonly sorted: Signal[][];
  private merged: Signal[] | null = null;

  constructor(
    snapshot: InitiativeSnapshot,
    private readonly context: EvaluationContext,
    private readonly detectors: readonly Detector[] = DETECTORS,
  ) {
    this.current = snapshot;
    this.results = detectors.map((detector) => detector.detect(snapshot, context));
    this.sorted = this.results.map((signals) => sortSignals([...signals]));
  }

  get snapshot(): InitiativeSnapshot {
    return this.current;
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
    this.detectors.forEach((detector, index) => {
      if (!detector.reads.some((section) => touched.has(section))) return;
      const signals = detector.detect(this.current, this.context);
      ran++;
      // Detectors re-word only what changed: the same signals mean the merged list still stands.
      if (sameSignals(signals, this.results[index]!)) return;
      this.results[index] = signals;
      this.sorted[index] = sortSignals([...signals]);
      this.merged = null;
    });
    return ran;
  }
}
