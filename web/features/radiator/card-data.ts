// What one radiator card shows, read in one go, and the order cards stand in: widest gap between report and evidence first.
import type { ApiClient } from "../../lib/api-client.ts";
import type { GateStatus, HealthAssessment, InitiativeDocument, Signal } from "../../lib/api-types.ts";
import { HEALTH_RANK } from "../../lib/format.ts";
import { outcomeViews, type OutcomeView } from "../../lib/outcome.ts";

export interface CardData {
  doc: InitiativeDocument;
  health: HealthAssessment | undefined;
  openSignals: Signal[];
  outcomes: OutcomeView[];
  gates: GateStatus[];
}

export async function loadCard(api: ApiClient, id: string, signal?: AbortSignal): Promise<CardData> {
  const [doc, health, signals, gates] = await Promise.all([
    api.initiative(id, signal),
    api.health(id, signal),
    api.signals(id, signal),
    api.gates(id, signal),
  ]);
  const statuses = await Promise.all(gates.items.map((gate) => api.gateStatus(id, gate.id, signal)));
  return {
    doc,
    health: health.items.find((item) => item.subject.type === "initiative"),
    openSignals: signals.signals.filter((s) => s.status === "open"),
    outcomes: outcomeViews(doc, signals.signals),
    gates: statuses,
  };
}

/**
 * How many steps greener the report is than the evidence (negative when the report is more cautious).
 * No report at all counts as claiming "on track": silence hides the truth as well as a green report does.
 */
export function divergence(card: CardData): number {
  if (!card.health) return 0;
  const reported = card.health.reported ? HEALTH_RANK[card.health.reported.health] : 0;
  return HEALTH_RANK[card.health.evidence.health] - reported;
}

const criticalCount = (card: CardData) => card.openSignals.filter((s) => s.severity === "critical").length;

/** Widest divergence first; then most critical signals, worst evidence, and name. */
export function byDivergence(a: CardData, b: CardData): number {
  const evidence = (c: CardData) => (c.health ? HEALTH_RANK[c.health.evidence.health] : -1);
  return (
    divergence(b) - divergence(a) ||
    criticalCount(b) - criticalCount(a) ||
    evidence(b) - evidence(a) ||
    a.doc.initiative.localeCompare(b.doc.initiative)
  );
}
