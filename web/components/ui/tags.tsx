// Small labelled chips: a signal's severity, a gate's state.
import type { GateState, Severity } from "../../lib/api-types.ts";
import { GATE_STATE_LABEL, SEVERITY_LABEL } from "../../lib/format.ts";

export function SeverityTag({ severity }: { severity: Severity }) {
  return <span className={`badge severity severity--${severity}`}>{SEVERITY_LABEL[severity]}</span>;
}

const GATE_SHAPE: Record<GateState, string> = { held: "✕", go: "✓", pending: "…" };

export function GateStateTag({ state }: { state: GateState }) {
  return (
    <span className={`badge gate-state gate-state--${state}`}>
      <span aria-hidden="true">{GATE_SHAPE[state]}</span>
      <span>{GATE_STATE_LABEL[state]}</span>
    </span>
  );
}
