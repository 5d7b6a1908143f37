// The variables a check sees, built from a snapshot: each commitment's facts and every metric's series, as CEL values.
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { maxOf, minOf } from "../domain/extremes.ts";
import type { Commitment, Fact, InitiativeSnapshot, Metric } from "../domain/model.ts";

function celValue(fact: Fact): unknown {
  if (fact.type === "date") return timestampFromDate(new Date(`${fact.value}T00:00:00Z`));
  return fact.value;
}

export function commitmentBinding(commitment: Commitment): Record<string, unknown> {
  const binding: Record<string, unknown> = {};
  if (commitment.due) binding.due = celValue({ type: "date", value: commitment.due });
  if (commitment.done) binding.done = celValue({ type: "date", value: commitment.done });
  for (const [name, fact] of Object.entries(commitment.facts)) binding[name] = celValue(fact);
  return binding;
}

export function metricBinding(metric: Metric): Record<string, unknown> {
  // Series are usually recorded in date order already, which a stable sort passes over in one go.
  const points = [...metric.points].sort((a, b) => a.date.localeCompare(b.date));
  const values = points.map((point) => point.value);
  const binding: Record<string, unknown> = { unit: metric.unit, count: points.length, values };
  const latest = points.at(-1);
  const previous = points.at(-2);
  if (latest) {
    binding.latest = latest.value;
    binding.latest_date = celValue({ type: "date", value: latest.date });
    binding.max = maxOf(values);
    binding.min = minOf(values);
  }
  if (previous && latest) {
    binding.previous = previous.value;
    binding.change = latest.value - previous.value;
  }
  return binding;
}

export type CheckInputs = Pick<InitiativeSnapshot, "commitments" | "metrics">;

export function metricsBinding(
  metrics: readonly Metric[],
  metricOf: (metric: Metric) => Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(metrics.map((metric) => [metric.id, metricOf(metric)]));
}

export function buildBindings(
  commitments: readonly Commitment[],
  commitmentOf: (commitment: Commitment) => Record<string, unknown>,
  metrics: Record<string, unknown>,
): Record<string, unknown> {
  const bindings: Record<string, unknown> = {};
  for (const commitment of commitments) bindings[commitment.id] = commitmentOf(commitment);
  bindings.metrics = metrics;
  return bindings;
}

/** The variables a check sees: each commitment by id (its facts plus `due`/`done`) and `metrics`. */
export function checkBindings(snapshot: CheckInputs): Record<string, unknown> {
  return buildBindings(
    snapshot.commitments,
    commitmentBinding,
    metricsBinding(snapshot.metrics, metricBinding),
  );
}
