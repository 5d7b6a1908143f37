// An outcome read for the scorecard: its target as a number, its metric's points, and the engine's projection.
import type { InitiativeDocument, Outcome, Signal } from "./api-types.ts";

export interface OutcomeView {
  outcome: Outcome;
  comparator: string;
  target: number | undefined;
  unit: string | undefined;
  points: Array<[string, number]>;
  /** From the engine's outcome-off-track signal; undefined when the engine found no shortfall. */
  projection: { expected: number; pacePerWeek: number | undefined; explanation: string } | undefined;
}

/** ">= 2000" → { comparator: ">=", target: 2000 } (the API always writes the comparator). */
export function parseTarget(target: string): { comparator: string; target: number | undefined } {
  const match = /^\s*(>=|<=|==|>|<)?\s*(-?\d+(?:\.\d+)?)/.exec(target);
  return { comparator: match?.[1] ?? "", target: match?.[2] === undefined ? undefined : Number(match[2]) };
}

function numberEvidence(signal: Signal, prefix: string): number | undefined {
  const item = signal.evidence.find((e) => e.text.startsWith(prefix));
  return typeof item?.value === "number" ? item.value : undefined;
}

export function outcomeViews(doc: InitiativeDocument, signals: readonly Signal[]): OutcomeView[] {
  return (doc.outcomes ?? []).map((outcome) => {
    const metric = doc.metrics?.[outcome.metric];
    const signal = signals.find((s) => s.kind === "outcome-off-track" && s.subject.id === outcome.id);
    const expected = signal ? numberEvidence(signal, "expected by") : undefined;
    return {
      outcome,
      ...parseTarget(outcome.target),
      unit: metric?.unit,
      points: [...(metric?.points ?? [])].sort(([a], [b]) => a.localeCompare(b)),
      projection:
        signal && expected !== undefined
          ? { expected, pacePerWeek: numberEvidence(signal, "pace"), explanation: signal.explanation }
          : undefined,
    };
  });
}
