// early-warning-triggered: a pre-mortem risk whose checkable warning sign has fired (or cannot be checked).
import type { InitiativeSnapshot, Signal } from "../../domain/model.ts";
import type { Level, Severity } from "../../domain/primitives.ts";
import { signal, type Detector } from "../detector.ts";
import {
  describeCheckValues,
  readWarningSigns,
  whoActs,
  type WarningSignReading,
} from "../evidence-health.ts";
import { latestFor } from "../memo.ts";

/** A high-impact risk materialising is critical; any other is a warning. */
function severityForImpact(impact: Level): Severity {
  return impact === "high" ? "critical" : "warning";
}

function triggeredSignal(
  snapshot: InitiativeSnapshot,
  { risk, expression, outcome }: WarningSignReading,
): Signal {
  const subject = { type: "risk" as const, id: risk.id };
  const values = describeCheckValues(outcome.values);
  return signal({
    kind: "early-warning-triggered",
    severity: severityForImpact(risk.impact),
    subject,
    title: `Warning sign fired: "${risk.title}"`,
    explanation:
      `The pre-mortem risk "${risk.title}" (likelihood ${risk.likelihood}, impact ${risk.impact}) is materialising: ` +
      `its warning sign \`${expression}\` is true (${values}).` +
      (risk.mitigation ? ` The planned mitigation: ${risk.mitigation}.` : " No mitigation was planned."),
    evidence: [
      { text: `warning sign: ${expression}`, subject },
      ...Object.entries(outcome.values).map(([path, value]) => ({
        text: describeCheckValues({ [path]: value }),
        value,
      })),
    ],
    owner: whoActs(snapshot, risk.ownerId),
  });
}

/**
 * A warning sign that cannot be evaluated is reported under the same kind at info severity, with its own
 * identity: the risk's watch is blind, which its owner must fix, but nothing is known to have fired.
 */
function uncheckableSignal(
  snapshot: InitiativeSnapshot,
  { risk, expression, outcome }: WarningSignReading,
): Signal {
  const subject = { type: "risk" as const, id: risk.id };
  const reason = outcome.status === "unverifiable" ? outcome.reason : "it gave no answer";
  return signal({
    kind: "early-warning-triggered",
    severity: "info",
    subject,
    title: `Warning sign cannot be checked: "${risk.title}"`,
    explanation: `Nobody would notice "${risk.title}" materialising: its warning sign \`${expression}\` cannot be evaluated (${reason}).`,
    evidence: [
      { text: `warning sign: ${expression}`, subject },
      { text: reason, value: outcome.values },
    ],
    owner: whoActs(snapshot, risk.ownerId),
    identity: ["uncheckable"],
  });
}

function warningSignals(snapshot: InitiativeSnapshot, reading: WarningSignReading): Signal[] {
  if (reading.outcome.status === "pass") return [triggeredSignal(snapshot, reading)];
  if (reading.outcome.status === "unverifiable") return [uncheckableSignal(snapshot, reading)];
  return [];
}

export const earlyWarning: Detector = {
  kinds: ["early-warning-triggered"],
  reads: ["risks", "commitments", "metrics", "initiative"],
  detect(snapshot, context) {
    return readWarningSigns(snapshot, context).flatMap((reading) => {
      // A sign whose outcome is the same object as last time (nothing it reads changed) keeps its wording.
      const inputs = [reading.outcome, snapshot.initiative];
      return latestFor(context, warningSignals, reading.risk, inputs, () =>
        warningSignals(snapshot, reading),
      );
    });
  },
};
