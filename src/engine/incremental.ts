// Incremental evaluation: after one change, re-run only the detectors that read what changed.
import type { InitiativeSnapshot, Signal } from "../domain/model.ts";
import type { Detector, EvaluationContext, SnapshotSection } from "./detector.ts";
import { DETECTORS, sortSignals } from "./evaluate.ts";

/** One change to a snapshot: the sections it touches and how it makes the next snapshot. */
export interface SnapshotChange {
  /** What kind of change this is, for measurement ("report", "fact", "point", "vote", "decision", …). */
  kind: string;
  sections: readonly SnapshotSection[];
  /** Returns the changed snapshot; unchanged sections are shared, never copied. */
  apply(snapshot: InitiativeSnapshot): InitiativeSnapshot;
}

export class IncrementalEvaluator {
  private current: InitiativeSnapshot;
  private readonly results: Signal[][];
  private merged: Signal[] | null = null;

  constructor(
    snapshot: InitiativeSnapshot,
    private readonly context: EvaluationContext,
    private readonly detectors: readonly Detector[] = DETECTORS,
  ) {
    this.current = snapshot;
    this.results = detectors.map((detector) => detector.detect(snapshot, context));
  }

  get snapshot(): InitiativeSnapshot {
    return this.current;
  }

  /** Every current signal, in the same order a full evaluation gives. */
  signals(): Signal[] {
    this.merged ??= sortSignals(this.results.flat());
    return this.merged;
  }

  /** Applies `change` and re-runs the detectors that read a section it touched; returns how many ran. */
  apply(change: SnapshotChange): number {
    this.current = change.apply(this.current);
    const touched = new Set(change.sections);
    let ran = 0;
    this.detectors.forEach((detector, index) => {
      if (!detector.reads.some((section) => touched.has(section))) return;
      this.results[index] = detector.detect(this.current, this.context);
      ran++;
    });
    if (ran > 0) this.merged = null;
    return ran;
  }
}
