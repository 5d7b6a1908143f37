// The radiator: a page of initiatives, each with what its card shows (reported beside evidence health, open
// signals, outcomes with their series, gate states), read from stored results in a fixed number of queries.
import { groupBy } from "../domain/group-by.ts";
import { gateStatus, type GateStatus } from "../domain/gate.ts";
import type { Gate, Milestone } from "../domain/model.ts";

import { healthRank } from "../domain/primitives.ts";
import type { HealthComparison } from "../engine/health-comparison.ts";
import { toVote } from "../store/record-rows.ts";
import { radiatorRows, radiatorStamp } from "../store/radiator-repository.ts";
import type { Severity } from "../domain/primitives.ts";
import type { Signal, SubjectRef } from "../domain/model.ts";
import { freshnessOf, type Freshness } from "./list-signals.ts";
import type { Services } from "./services.ts";

/** How many reasons of the initiative's evidence health a card carries. */
const CARD_REASONS = 3;

export interface RadiatorCard {
  id: string;
  name: string;
  owner: { id: string; name: string };
  summary: string | null;
  asOf: string | null;
  freshness: Freshness;
  /** The initiative's reported health beside its evidence health, as last evaluated. */
  health: HealthComparison | null;
  /** Steps by which the report is greener than the evidence (no report counts as "on track"). */
  divergence: number;
  /** Open (not silenced) signals by severity, and how many are silenced. */
  signalCounts: { open: number; critical: number; warning: number; info: number; silenced: number };
  /** The most severe open signals, one per title (one finding can fire along several paths). */
  topSignals: Array<Pick<Signal, "fingerprint" | "kind" | "severity" | "title" | "subject" | "owner">>;
  outcomes: Array<{
    id: string;
    metric: string;
    comparator: string;
    target: number;
    by: string;
    owner: string | null;
    unit: string | null;
    points: Array<[string, number]>;
    /** The engine's projection when the outcome is off track: its explanation and evidence. */
    offTrack: { explanation: string; evidence: Signal["evidence"] } | null;
  }>;
  gates: Array<{ gate: Gate; status: GateStatus }>;
}

export async function readRadiator(
  services: Services,
  orgId: string,
  page: { after?: string; limit: number },
): Promise<RadiatorCard[]> {
  const rows = await radiatorRows(services.store.db, orgId, page, services.clock());
  const by = <T extends { initiativeId: string }>(items: readonly T[]) =>
    groupBy(items, (x) => x.initiativeId);
  const evaluations = new Map(rows.evaluations.map((e) => [e.initiativeId, e]));
  const healthOf = new Map(
    rows.health.map((h): [string, HealthComparison] => [
      h.initiativeId,
      {
        subject: { type: "initiative", id: h.subjectId },
        title: h.title,
        reported: h.reported as HealthComparison["reported"],
        // A card shows the verdict and its first reasons; the initiative's health view has them all.
        evidence: {
          health: h.health as HealthComparison["evidence"]["health"],
          reasons: (h.reasons as HealthComparison["evidence"]["reasons"]).slice(0, CARD_REASONS),
          unknowns: (h.unknowns as HealthComparison["evidence"]["unknowns"]).slice(0, CARD_REASONS),
        },
      },
    ]),
  );
  const counts = new Map(rows.signalCounts.map((c) => [c.initiativeId, c]));
  const top = by(rows.topSignals);
  const projections = by(rows.projections);
  const outcomes = by(rows.outcomes);
  const metrics = new Map(rows.metrics.map((m) => [`${m.initiativeId}\u0000${m.id}`, m]));
  const points = groupBy(rows.points, (p) => `${p.initiativeId}\u0000${p.metricId}`);
  const gates = by(rows.gates);
  const authorities = groupBy(rows.authorities, (a) => `${a.initiativeId}\u0000${a.gateId}`);
  const votes = groupBy(rows.votes, (v) => `${v.initiativeId}\u0000${v.gateId}`);
  const milestones = by(rows.milestones);
  const people = new Map(rows.people.map((p) => [p.id, p.name]));

  return rows.initiatives.map((initiative): RadiatorCard => {
    const key = (id: string) => `${initiative.id}\u0000${id}`;
    const evaluation = evaluations.get(initiative.id);
    const health = healthOf.get(initiative.id) ?? null;
    const reported = health?.reported ? healthRank(health.reported.health) : 0;
    return {
      id: initiative.id,
      name: initiative.name,
      owner: { id: initiative.ownerId, name: people.get(initiative.ownerId) ?? initiative.ownerId },
      summary: initiative.summary,
      asOf: evaluation?.asOf ?? initiative.asOf,
      freshness: freshnessOf({
        version: initiative.version,
        evaluatedVersion: Math.max(evaluation?.evaluatedVersion ?? 0, 0),
        pending: initiative.version > (evaluation?.evaluatedVersion ?? -1),
        evaluatedAt: evaluation?.evaluatedAt ?? null,
        asOf: evaluation?.asOf ?? null,
        lastError: null,
      }),
      health,
      divergence:
        health && health.evidence.health !== "unknown" ? healthRank(health.evidence.health) - reported : 0,
      signalCounts: (({ initiativeId: _id, ...c }) => c)(
        counts.get(initiative.id) ?? {
          initiativeId: "",
          open: 0,
          critical: 0,
          warning: 0,
          info: 0,
          silenced: 0,
        },
      ),
      topSignals: (top.get(initiative.id) ?? []).map((s) => ({
        fingerprint: s.fingerprint,
        kind: s.kind,
        severity: s.severity as Severity,
        title: s.title,
        subject: { type: s.subjectType as SubjectRef["type"], id: s.subjectId },
        owner: s.owner,
      })),
      outcomes: (outcomes.get(initiative.id) ?? []).map((o) => {
        const projection = (projections.get(initiative.id) ?? []).find((p) => p.subjectId === o.id);
        return {
          id: o.id,
          metric: o.metricId,
          comparator: o.comparator,
          target: o.target,
          by: o.by,
          owner: o.ownerId,
          unit: metrics.get(key(o.metricId))?.unit ?? null,
          points: (points.get(key(o.metricId)) ?? [])
            .map((p): [string, number] => [p.date, Number(p.value)])
            .sort(([a], [b]) => a.localeCompare(b)),
          offTrack: projection
            ? { explanation: projection.explanation, evidence: projection.evidence as Signal["evidence"] }
            : null,
        };
      }),
      gates: (gates.get(initiative.id) ?? []).map((g) => {
        const gate: Gate = {
          id: g.id,
          name: g.name,
          date: g.date,
          authorities: (authorities.get(key(g.id)) ?? []).map((a) => ({
            role: a.role,
            personId: a.personId,
          })),
          votes: (votes.get(key(g.id)) ?? []).map(toVote),
        };
        const waiting = (milestones.get(initiative.id) ?? []).map(
          (m) => ({ id: m.id, gateId: m.gateId }) as Milestone,
        );
        return { gate, status: gateStatus(gate, waiting) };
      }),
    };
  });
}

/** What the page's content depends on (versions, evaluations, silences): equal stamps, equal pages. */
export function readRadiatorStamp(
  services: Services,
  orgId: string,
  page: { after?: string; limit: number },
) {
  return radiatorStamp(services.store.db, orgId, page, services.clock());
}
