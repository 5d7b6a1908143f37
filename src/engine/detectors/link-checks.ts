// broken-assumption / unverifiable-assumption: each link's CEL check, evaluated against facts and metrics.
import type { InitiativeSnapshot, Link, Signal } from "../../domain/model.ts";
import { contextBindings, evaluateCheck } from "../check.ts";
import { type CheckOutcome } from "../../checks/check-compiler.ts";
import { signal, type Detector } from "../detector.ts";
import { latestFor } from "../memo.ts";

function describeValues(values: Record<string, unknown>): string {
  const parts = Object.entries(values).map(
    ([path, value]) => `${path} = ${value === undefined ? "(missing)" : JSON.stringify(value)}`,
  );
  return parts.length > 0 ? parts.join(", ") : "no values";
}

/** Who must act on a link's finding: its owner, else the initiative owner (who owns everything unowned). */
function actor(link: Link, snapshot: InitiativeSnapshot): string {
  return link.ownerId ?? snapshot.initiative.ownerId;
}

/** The finding for a link whose check does not pass: broken when it is false, unverifiable otherwise. */
function linkSignals(snapshot: InitiativeSnapshot, link: Link, outcome: CheckOutcome): Signal[] {
  if (outcome.status === "pass") return [];
  const subject = { type: "link" as const, id: link.id };
  const evidence = [
    { text: `check: ${link.check}`, subject },
    ...Object.entries(outcome.values).map(([path, value]) => ({
      text: describeValues({ [path]: value }),
      value,
    })),
  ];
  const between = `${link.fromId} ${link.directed ? "→" : "↔"} ${link.toId}`;
  if (outcome.status === "fail") {
    return [
      signal({
        kind: "broken-assumption",
        severity: "critical",
        subject,
        title: `Broken ${link.kind}: "${link.statement}"`,
        explanation: `The ${link.kind} between ${between} does not hold: \`${link.check}\` is false (${describeValues(outcome.values)}).`,
        evidence,
        owner: actor(link, snapshot),
      }),
    ];
  }
  return [
    signal({
      kind: "unverifiable-assumption",
      severity: "warning",
      subject,
      title: `Unverifiable ${link.kind}: "${link.statement}"`,
      explanation: `The ${link.kind} between ${between} cannot be checked: ${outcome.reason}. Until it can, nobody knows whether it holds.`,
      evidence,
      owner: actor(link, snapshot),
    }),
  ];
}

export const linkChecks: Detector = {
  kinds: ["broken-assumption", "unverifiable-assumption"],
  reads: ["links", "commitments", "metrics", "initiative"],
  detect(snapshot, context) {
    // Shared with evidence health (watermelon), which evaluates the same checks against the same bindings.
    const bindings = contextBindings(snapshot, context);
    return snapshot.links.flatMap((link) => {
      if (!link.check) return [];
      const outcome = evaluateCheck(context, link.check, bindings);
      // A check whose outcome is the same object as last time (nothing it reads changed) keeps its wording.
      const inputs = [outcome, snapshot.initiative];
      return latestFor(context, linkSignals, link, inputs, () => linkSignals(snapshot, link, outcome));
    });
  },
};
