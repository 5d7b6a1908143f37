// What one radiator card shows, from the radiator's one request, and the order cards stand in: widest gap
// between report and evidence first.
import type {
  GateStatus,
  HealthAssessment,
  InitiativeDocument,
  RadiatorCard,
  Signal,
} from "../../lib/api-types.ts";
import { evidenceRank, HEALTH_RANK } from "../../lib/format.ts";
import { outcomeViews, type OutcomeView } from "../../lib/outcome.ts";

export interface CardData {
  doc: InitiativeDocument;
  health: HealthAssessment | undefined;
  /** The most severe open signals, one per title. */
  topSignals: RadiatorCard["top_signals"];
  counts: RadiatorCard["signal_counts"];
  outcomes: OutcomeView[];
  gates: GateStatus[];
}

/** A card from the radiator's answer: the outcomes and their series as the initiative file writes them. */
export function cardData(card: RadiatorCard): CardData {
  const doc: InitiativeDocument = {
    id: card.id,
    initiative: card.name,
    owner: card.owner.id,
    as_of: card.as_of ?? "",
    people: [{ id: card.owner.id, name: card.owner.name }] as InitiativeDocument["people"],
    ...(card.summary ? { summary: card.summary } : {}),
    outcomes: card.outcomes.map((o) => ({
      id: o.id,
      metric: o.metric,
      target: `${o.comparator} ${o.target}`,
      by: o.by,
      ...(o.owner ? { owner: o.owner } : {}),
    })),
    metrics: Object.fromEntries(
      card.outcomes.map((o) => [o.metric, { unit: o.unit ?? undefined, points: o.points }]),
    ),
  };
  // An off-track outcome's projection, as the signal the outcome view reads it from.
  const projections = card.outcomes.flatMap((o): Signal[] =>
    o.off_track
      ? [
          {
            kind: "outcome-off-track",
            severity: "critical",
            subject: { type: "outcome", id: o.id },
            title: "",
            explanation: o.off_track.explanation,
            evidence: o.off_track.evidence,
            owner: o.owner ?? "",
            fingerprint: `projection:${o.id}`,
          } as Signal,
        ]
      : [],
  );
  return {
    doc,
    health: card.health ?? undefined,
    topSignals: card.top_signals,
    counts: card.signal_counts,
    outcomes: outcomeViews(doc, projections),
    gates: card.gates,
  };
}

/**
 * How many steps greener the report is than the evidence (negative when the report is more cautious).
 * No report at all counts as claiming "on track": silence hides the truth as well as a green report does.
 */
export function divergence(card: CardData): number {
  const evidence = card.health ? evidenceRank(card.health.evidence.health) : null;
  if (!card.health || evidence === null) return 0;
  const reported = card.health.reported ? HEALTH_RANK[card.health.reported.health] : 0;
  return evidence - reported;
}

const criticalCount = (card: CardData) => card.counts.critical;

/** Widest divergence first; then most critical signals, worst evidence, and name. */
export function byDivergence(a: CardData, b: CardData): number {
  const evidence = (c: CardData) => (c.health ? (evidenceRank(c.health.evidence.health) ?? -1) : -1);
  return (
    divergence(b) - divergence(a) ||
    criticalCount(b) - criticalCount(a) ||
    evidence(b) - evidence(a) ||
    a.doc.initiative.localeCompare(b.doc.initiative)
  );
}
