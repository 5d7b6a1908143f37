// CEL checks as detectors evaluate them: bindings built once per context, outcomes again only when what they read changed.
import { celMap } from "@bufbuild/cel";
import {
  buildBindings,
  commitmentBinding,
  metricBinding,
  metricsBinding,
  type CheckInputs,
} from "../checks/bindings.ts";
import type { CheckOutcome } from "../checks/check-compiler.ts";
import type { InitiativeSnapshot } from "../domain/model.ts";
import type { EvaluationContext } from "./detector.ts";
import { fromSections, latest, perObject } from "./memo.ts";

function sharedMetrics(snapshot: Pick<InitiativeSnapshot, "metrics">, context: EvaluationContext) {
  return metricsBinding(snapshot.metrics, (metric) => perObject(context, metric, metricBinding));
}

function sharedBindings(snapshot: CheckInputs, context: EvaluationContext): Record<string, unknown> {
  // Per commitment and per metric too, and `metrics` as a whole: after a change to one fact or one series,
  // every other binding is the same object as before, so the checks that read only those need no evaluation.
  return buildBindings(
    snapshot.commitments,
    (commitment) => perObject(context, commitment, commitmentBinding),
    fromSections(context, snapshot, ["metrics"], sharedMetrics),
  );
}

/**
 * `checkBindings`, built once per context for the same commitments and metrics and shared by every detector
 * that evaluates checks. Checks only read their bindings, so sharing them is safe.
 */
export function contextBindings(snapshot: CheckInputs, context: EvaluationContext): Record<string, unknown> {
  return fromSections(context, snapshot, ["commitments", "metrics"], sharedBindings);
}

type CelMapInput = Parameters<typeof celMap>[0];

/**
 * A plain binding object as CEL reads it: CEL's `toCel` turns a plain object into a map of its entries on every
 * lookup, so converting each binding once, up front, reads the same and saves a map per variable per check.
 */
function asCelMap(binding: Record<string, unknown>): unknown {
  return celMap(new Map(Object.entries(binding)) as CelMapInput);
}

function celMetrics(metrics: Record<string, unknown>, context: EvaluationContext): unknown {
  const converted = Object.entries(metrics).map(([id, binding]) => [
    id,
    perObject(context, binding as Record<string, unknown>, asCelMap),
  ]);
  return celMap(new Map(converted as Array<[string, unknown]>) as CelMapInput);
}

/** The activation CEL evaluates checks against: `bindings` with each commitment and metric already converted. */
function celActivation(
  bindings: Record<string, unknown>,
  context: EvaluationContext,
): Record<string, unknown> {
  const activation: Record<string, unknown> = {};
  for (const [name, binding] of Object.entries(bindings)) {
    const value = binding as Record<string, unknown>;
    activation[name] =
      name === "metrics" ? perObject(context, value, celMetrics) : perObject(context, value, asCelMap);
  }
  return activation;
}

/**
 * `context.checks.evaluate(source, bindings)`, evaluated again only when a binding value the check can look
 * up (see `CompiledCheck.lookups`) is not the same as last time: a link's check is read by the link detectors
 * and by evidence health, a risk's warning sign by early warning and evidence health, and after a change to
 * one commitment's facts only the checks that can see it are evaluated again.
 */
export function evaluateCheck(
  context: EvaluationContext,
  source: string,
  bindings: Record<string, unknown>,
): CheckOutcome {
  const compiled = context.checks.compile(source);
  // A check that does not compile is unverifiable whatever the bindings say.
  const inputs = compiled.ok ? compiled.check.lookups.map((name) => bindings[name]) : [];
  return latest(context, compiled, inputs, () =>
    context.checks.evaluateCompiled(compiled, bindings, () => perObject(context, bindings, celActivation)),
  );
}
