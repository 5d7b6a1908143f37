// The changes that arrive one at a time (a report, a fact, a point, a vote, a decision), as snapshot changes.
import type { Decision, Fact, InitiativeSnapshot, SeriesPoint, StatusReport, Vote } from "../domain/model.ts";
import type { SnapshotChange } from "./incremental.ts";

export function addReport(report: StatusReport): SnapshotChange {
  return { kind: "report", sections: ["reports"], apply: (s) => ({ ...s, reports: [...s.reports, report] }) };
}

export function setFact(commitmentId: string, name: string, fact: Fact): SnapshotChange {
  return {
    kind: "fact",
    sections: ["commitments"],
    apply: (s) => ({
      ...s,
      commitments: s.commitments.map((c) =>
        c.id === commitmentId ? { ...c, facts: { ...c.facts, [name]: fact } } : c,
      ),
    }),
  };
}

export function addPoint(metricId: string, point: SeriesPoint): SnapshotChange {
  return {
    kind: "point",
    sections: ["metrics"],
    apply: (s) => ({
      ...s,
      metrics: s.metrics.map((m) =>
        m.id === metricId
          ? {
              ...m,
              points: [...m.points.filter((p) => p.date !== point.date), point].sort((a, b) =>
                a.date.localeCompare(b.date),
              ),
            }
          : m,
      ),
    }),
  };
}

export function castVote(gateId: string, vote: Vote): SnapshotChange {
  return {
    kind: "vote",
    sections: ["gates"],
    apply: (s) => ({
      ...s,
      gates: s.gates.map((g) =>
        g.id === gateId ? { ...g, votes: [...g.votes.filter((v) => v.role !== vote.role), vote] } : g,
      ),
    }),
  };
}

export function addDecision(decision: Decision): SnapshotChange {
  return {
    kind: "decision",
    sections: ["decisions"],
    apply: (s) => ({ ...s, decisions: [...s.decisions, decision] }),
  };
}

/** Replaces the whole snapshot: every detector re-runs (an import, or a change of many parts). */
export function replaceSnapshot(next: InitiativeSnapshot): SnapshotChange {
  const all = Object.keys(next) as Array<keyof InitiativeSnapshot>;
  return { kind: "replace", sections: all, apply: () => next };
}
