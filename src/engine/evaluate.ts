// Runs every detector over a snapshot: the engine's single entry point.
import type { InitiativeSnapshot, Signal } from "../domain/model.ts";
import { severityRank, toIsoDate, type IsoDate } from "../domain/primitives.ts";
import { CheckCompiler } from "../checks/check-compiler.ts";
import type { Detector, EvaluationContext } from "./detector.ts";
import { divergentDescription } from "./detectors/divergent-description.ts";
import { earlyWarning } from "./detectors/early-warning.ts";
import { filteredRollup } from "./detectors/filtered-rollup.ts";
import { linkChecks } from "./detectors/link-checks.ts";
import { milestoneAssumptions } from "./detectors/milestone-assumptions.ts";
import { outcomeOffTrack } from "./detectors/outcome-off-track.ts";
import { overdueUnreported } from "./detectors/overdue-unreported.ts";
import { repeatedSlip } from "./detectors/repeated-slip.ts";
import { requirementConflict } from "./detectors/requirement-conflict.ts";
import { resurfacingConcern } from "./detectors/resurfacing-concern.ts";
import { scheduleConflict } from "./detectors/schedule-conflict.ts";
import { stalledStage } from "./detectors/stalled-stage.ts";
import { staleStatus } from "./detectors/stale-status.ts";
import { sunkCostSpiral } from "./detectors/sunk-cost-spiral.ts";
import { unownedLink } from "./detectors/unowned-link.ts";
import { watermelon } from "./detectors/watermelon.ts";
import { focusErosion, untracedWork, wipOverLimit } from "./detectors/work-in-progress.ts";

export const DETECTORS: readonly Detector[] = [
  watermelon,
  filteredRollup,
  linkChecks,
  unownedLink,
  requirementConflict,
  outcomeOffTrack,
  scheduleConflict,
  earlyWarning,
  milestoneAssumptions,
  divergentDescription,
  resurfacingConcern,
  sunkCostSpiral,
  staleStatus,
  repeatedSlip,
  overdueUnreported,
  stalledStage,
  wipOverLimit,
  untracedWork,
  focusErosion,
];

export const SIGNAL_KINDS: readonly string[] = DETECTORS.flatMap((d) => d.kinds);

export interface EvaluateOptions {
  /** "Today"; defaults to the initiative's as-of date, else the clock. */
  today?: IsoDate;
  clock?: () => Date;
  checks?: CheckCompiler;
  detectors?: readonly Detector[];
}

/** The day an evaluation treats as today. */
export function evaluationDay(snapshot: InitiativeSnapshot, options: EvaluateOptions = {}): IsoDate {
  return options.today ?? snapshot.initiative.asOf ?? toIsoDate((options.clock ?? (() => new Date()))());
}

/** `a.localeCompare(b)`, skipping the collation when the strings are the same (most neighbours share a kind). */
const collate = (a: string, b: string) => (a === b ? 0 : a.localeCompare(b));

/** The order of `sortSignals`: most severe first, then by kind, subject and fingerprint. */
export function compareSignals(a: Signal, b: Signal): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    collate(a.kind, b.kind) ||
    collate(a.subject.id, b.subject.id) ||
    collate(a.fingerprint, b.fingerprint)
  );
}

/** Orders signals most severe first, then by kind, subject and fingerprint: the same set, the same order. */
export function sortSignals(signals: Signal[]): Signal[] {
  return signals.sort(compareSignals);
}

export function evaluationContext(
  snapshot: InitiativeSnapshot,
  options: EvaluateOptions = {},
): EvaluationContext {
  return { today: evaluationDay(snapshot, options), checks: options.checks ?? new CheckCompiler() };
}

/** Every signal for the snapshot, in `sortSignals` order. */
export function evaluate(snapshot: InitiativeSnapshot, options: EvaluateOptions = {}): Signal[] {
  return evaluateIn(snapshot, evaluationContext(snapshot, options), options.detectors);
}

/**
 * `evaluate` in a context the caller keeps, so what the detectors derived (the evidence health above all) is
 * there for the caller's next read of the same snapshot instead of being derived again.
 */
export function evaluateIn(
  snapshot: InitiativeSnapshot,
  context: EvaluationContext,
  detectors: readonly Detector[] = DETECTORS,
): Signal[] {
  return sortSignals(detectors.flatMap((detector) => detector.detect(snapshot, context)));
}
