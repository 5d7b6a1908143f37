// outcome-off-track: an outcome whose metric, at its recent pace, will miss the target by its date.
import type { InitiativeSnapshot, Signal } from "../../domain/model.ts";
import { signal, type Detector } from "../detector.ts";
import {
  describeOutcome,
  contextForecast,
  formatNumber,
  whoActs,
  type OutcomeForecast,
} from "../evidence-health.ts";

type Projected = Extract<OutcomeForecast, { status: "projected" }>;

/** "240 tickets", but "2,000" rather than "2,000 count". */
function withUnit(value: number, unit: string): string {
  return unit === "count" ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}

/** "rises about 30 a week", "falls about 4 a week", "is flat". */
function describePace(perWeek: number): string {
  if (Math.abs(perWeek) < 1e-9) return "is flat";
  return `${perWeek > 0 ? "rises" : "falls"} about ${formatNumber(Math.abs(perWeek))} a week`;
}

function missSignal(snapshot: InitiativeSnapshot, forecast: Projected): Signal {
  const { outcome, metric, projection, neededPerDay } = forecast;
  const target = describeOutcome(outcome);
  const subject = { type: "outcome" as const, id: outcome.id };
  const perWeek = projection.slopePerDay * 7;
  const needed =
    neededPerDay === null
      ? ""
      : ` It would need to ${neededPerDay > 0 ? "rise" : "fall"} about ${formatNumber(Math.abs(neededPerDay * 7))} a week from here.`;
  return signal({
    kind: "outcome-off-track",
    severity: forecast.health === "off_track" ? "critical" : "warning",
    subject,
    title: `Outcome off track: ${target}`,
    explanation:
      `${metric.id} ${describePace(perWeek)} (Theil–Sen over the last ${projection.pointsUsed} points, ` +
      `${projection.first.date} to ${projection.latest.date}, latest ${withUnit(projection.latest.value, metric.unit)}). ` +
      `At that pace it reaches about ${formatNumber(projection.expected)} by ${outcome.by}, short of the target (${target}).${needed}`,
    evidence: [
      {
        text: `expected by ${outcome.by}: about ${formatNumber(projection.expected)}`,
        subject,
        value: projection.expected,
      },
      { text: `target: ${target}`, subject, value: outcome.target },
      { text: `pace: ${withUnit(perWeek, metric.unit)} a week`, value: perWeek },
      {
        text: `points used: ${projection.pointsUsed}, ${projection.first.date} to ${projection.latest.date}`,
        value: projection.pointsUsed,
      },
    ],
    owner: whoActs(snapshot, outcome.ownerId),
  });
}

/** Too little data is a finding too: nobody can tell whether the outcome is on track. */
function cannotProjectSignal(
  snapshot: InitiativeSnapshot,
  forecast: Extract<OutcomeForecast, { status: "unprojectable" }>,
): Signal {
  const { outcome, reason } = forecast;
  const subject = { type: "outcome" as const, id: outcome.id };
  return signal({
    kind: "outcome-off-track",
    severity: "info",
    subject,
    title: `Outcome cannot be projected: ${describeOutcome(outcome)}`,
    explanation: `Nobody can tell whether ${describeOutcome(outcome)} will be met: ${reason}. Record points for ${outcome.metricId}.`,
    evidence: [{ text: reason, subject }],
    owner: whoActs(snapshot, outcome.ownerId),
    identity: ["unprojectable"],
  });
}

export const outcomeOffTrack: Detector = {
  kinds: ["outcome-off-track"],
  reads: ["outcomes", "metrics", "initiative"],
  detect(snapshot, context) {
    return snapshot.outcomes.flatMap((outcome) => {
      // Shared with evidence health (watermelon), which forecasts every outcome too.
      const forecast = contextForecast(snapshot, outcome, context);
      if (forecast.status === "unprojectable") return [cannotProjectSignal(snapshot, forecast)];
      return forecast.health === "on_track" ? [] : [missSignal(snapshot, forecast)];
    });
  },
};
