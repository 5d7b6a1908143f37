// What the evaluator needs to bring a cached snapshot up to date: the changes after a version, read from the
// outbox, each turned into an engine change by reading only the rows it names.
import { and, asc, eq, gt, isNull, or } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { InitiativeSnapshot } from "../domain/model.ts";
import { addDecision, addReport } from "../engine/changes.ts";
import type { SnapshotChange } from "../engine/incremental.ts";
import {
  currentPoints,
  currentVotes,
  toDecision,
  toRecognition,
  toReport,
  toTest,
  toTruth,
  toVote,
} from "./record-rows.ts";
import { CHANGE_EVENT } from "./event-repository.ts";
import type { Database } from "./open-store.ts";
import type { Scope } from "./record-repository.ts";
import * as t from "./schema.ts";

export interface OutboxChange {
  /** The change event's id: the initiative's version it made. */
  eventId: number;
  change: string;
  data: Record<string, unknown>;
}

/**
 * The initiative's change events after `afterEventId`, in order (each write's `initiative.changed`, and the org's
 * directory changes, which name no initiative), up to 1,000.
 */
export async function changesSince(
  db: Database,
  scope: Scope,
  afterEventId: number,
): Promise<OutboxChange[]> {
  const rows = await db
    .select({ id: t.events.id, data: t.events.data })
    .from(t.events)
    .where(
      and(
        eq(t.events.orgId, scope.orgId),
        or(eq(t.events.initiativeId, scope.initiativeId), isNull(t.events.initiativeId)),
        eq(t.events.type, CHANGE_EVENT),
        gt(t.events.id, afterEventId),
      ),
    )
    .orderBy(asc(t.events.id))
    .limit(1000);
  return rows.map((r) => ({
    eventId: r.id,
    change: String(r.data.change ?? ""),
    data: r.data,
  }));
}

const inInitiative = (table: { orgId: PgColumn; initiativeId: PgColumn }, scope: Scope) =>
  and(eq(table.orgId, scope.orgId), eq(table.initiativeId, scope.initiativeId));

/**
 * The engine change for one outbox change, reading only the rows it names; null for a change that needs the
 * initiative loaded again (a plan change, an import, anything not a single record).
 */
export async function snapshotChangeFor(
  db: Database,
  scope: Scope,
  change: OutboxChange,
): Promise<SnapshotChange | null> {
  const id = typeof change.data.id === "string" ? change.data.id : null;
  switch (change.change) {
    case "status_report.added": {
      const [row] = await db
        .select()
        .from(t.statusReports)
        .where(and(inInitiative(t.statusReports, scope), eq(t.statusReports.id, id ?? "")));
      return row ? addReport(toReport(row)) : null;
    }
    case "status_report.corrected": {
      const [row] = await db
        .select()
        .from(t.statusReports)
        .where(and(inInitiative(t.statusReports, scope), eq(t.statusReports.id, id ?? "")));
      if (!row?.supersedesId) return null;
      const correction = toReport(row);
      const old = row.supersedesId;
      return {
        kind: "report",
        sections: ["reports"],
        apply: (s: InitiativeSnapshot) => ({
          ...s,
          reports: [
            ...s.reports
              .filter((r) => r.id !== old)
              .map((r) =>
                r.cites.includes(old) ? { ...r, cites: r.cites.map((c) => (c === old ? row.id : c)) } : r,
              ),
            correction,
          ],
        }),
      };
    }
    case "decision.recorded": {
      const [row] = await db
        .select()
        .from(t.decisions)
        .where(and(inInitiative(t.decisions, scope), eq(t.decisions.id, id ?? "")));
      return row ? addDecision(toDecision(row)) : null;
    }
    case "recognition.added": {
      const [row] = await db
        .select()
        .from(t.recognitions)
        .where(and(inInitiative(t.recognitions, scope), eq(t.recognitions.id, id ?? "")));
      if (!row) return null;
      const recognition = toRecognition(row);
      return {
        kind: "recognition",
        sections: ["recognitions"],
        apply: (s) => ({ ...s, recognitions: [...s.recognitions, recognition] }),
      };
    }
    case "metric_points.added": {
      // One metric's points (`metric`), or a bulk ingest's several (`metrics`): each read once.
      const metricIds = Array.isArray(change.data.metrics)
        ? change.data.metrics.map(String)
        : [String(change.data.metric ?? "")];
      const series = new Map<string, ReturnType<typeof currentPoints>>();
      for (const metricId of metricIds) {
        const rows = await db
          .select()
          .from(t.metricPoints)
          .where(and(inInitiative(t.metricPoints, scope), eq(t.metricPoints.metricId, metricId)));
        series.set(metricId, currentPoints(rows));
      }
      return {
        kind: "point",
        sections: ["metrics"],
        apply: (s) => ({
          ...s,
          metrics: s.metrics.map((m) => {
            const points = series.get(m.id);
            return points ? { ...m, points } : m;
          }),
        }),
      };
    }
    case "vote.cast": {
      const gateId = String(change.data.gate ?? "");
      const rows = await db
        .select()
        .from(t.votes)
        .where(and(inInitiative(t.votes, scope), eq(t.votes.gateId, gateId)))
        .orderBy(asc(t.votes.position));
      const votes = currentVotes(rows).map(toVote);
      return {
        kind: "vote",
        sections: ["gates"],
        apply: (s) => ({ ...s, gates: s.gates.map((g) => (g.id === gateId ? { ...g, votes } : g)) }),
      };
    }
    case "assumption_test.recorded": {
      const milestoneId = String(change.data.milestone ?? "");
      const rows = await db
        .select()
        .from(t.assumptionTests)
        .where(and(inInitiative(t.assumptionTests, scope), eq(t.assumptionTests.milestoneId, milestoneId)))
        .orderBy(asc(t.assumptionTests.position));
      const tests = rows.map(toTest);
      return {
        kind: "test",
        sections: ["milestones"],
        apply: (s) => ({
          ...s,
          milestones: s.milestones.map((m) => (m.id === milestoneId ? { ...m, tests } : m)),
        }),
      };
    }
    case "truth.added": {
      const reviewId = String(change.data.review ?? "");
      const rows = await db
        .select()
        .from(t.truths)
        .where(and(inInitiative(t.truths, scope), eq(t.truths.reviewId, reviewId)))
        .orderBy(asc(t.truths.position));
      const truths = rows.map(toTruth);
      return {
        kind: "truth",
        sections: ["reviews"],
        apply: (s) => ({ ...s, reviews: s.reviews.map((r) => (r.id === reviewId ? { ...r, truths } : r)) }),
      };
    }
    default:
      return null;
  }
}
