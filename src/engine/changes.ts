// The changes that arrive one at a time (a report, a fact, a point, a vote, a decision), as snapshot changes.
import type { Decision, Fact, InitiativeSnapshot, SeriesPoint, StatusReport, Vote } from "../domain/model.ts";
import type { SnapshotChange } from "./incremental.ts";
import { appendTo } from "./memo.ts";
import { chronologically, isChronological } from "./trend.ts";

export function addReport(report: StatusReport): SnapshotChange {
  return {
    kind: "report",
    sections: ["reports"],
    apply: (s) => ({ ...s, reports: appendTo(s.reports, report) }),
  };
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

/**
 * The series with `point` replacing any point on its date, in date order: what a stable sort of the other
 * points followed by `point` gives. A series already in order takes the point after every point not later
 * than it (found by bisection) instead of being sorted again.
 */
function withPoint(points: readonly SeriesPoint[], point: SeriesPoint): SeriesPoint[] {
  const others = points.filter((p) => p.date !== point.date);
  if (!isChronological(points)) return [...others, point].sort(chronologically);
  let low = 0;
  let high = others.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (chronologically(others[middle]!, point) <= 0) low = middle + 1;
    else high = middle;
  }
  others.splice(low, 0, point);
  return others;
}

export function addPoint(metricId: string, point: SeriesPoint): SnapshotChange {
  return {
    kind: "point",
    sections: ["metrics"],
    apply: (s) => ({
      ...s,
      metrics: s.metrics.map((m) => (m.id === metricId ? { ...m, points: withPoint(m.points, point) } : m)),
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
    apply: (s) => ({ ...s, decisions: appendTo(s.decisions, decision) }),
  };
}

/** Replaces the whole snapshot: every detector re-runs (an import, or a change of many parts). */
export function replaceSnapshot(next: InitiativeSnapshot): SnapshotChange {
  const all = Object.keys(next) as Array<keyof InitiativeSnapshot>;
  return { kind: "replace", sections: all, apply: () => next };
}
