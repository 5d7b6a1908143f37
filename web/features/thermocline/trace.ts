// Traces a report up the chain of roll-ups that cite it, and says what changed at each layer.
import type { InitiativeDocument, StatusReport } from "../../lib/api-types.ts";
import { daysBetween, HEALTH_LABEL, HEALTH_RANK } from "../../lib/format.ts";

export interface Layer {
  report: StatusReport;
  /** What this layer did to what it received; empty for the ground report. */
  changes: string[];
  /** True when this layer reported greener than the layer below it. */
  softened: boolean;
}

export function subjectTitle(doc: InitiativeDocument, subject: string): string {
  if (subject === "initiative") return doc.initiative;
  return doc.commitments?.[subject]?.title ?? doc.teams?.[subject]?.name ?? subject;
}

/** Reports from the ground: they cite nothing, and some roll-up cites them. Newest first. */
export function groundReports(reports: readonly StatusReport[]): StatusReport[] {
  const cited = new Set(reports.flatMap((r) => r.cites ?? []));
  return reports
    .filter((r) => (r.cites ?? []).length === 0 && cited.has(r.id))
    .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

function layerChanges(doc: InitiativeDocument, below: StatusReport, report: StatusReport): string[] {
  const changes: string[] = [];
  const delta = HEALTH_RANK[below.health] - HEALTH_RANK[report.health];
  if (delta > 0) changes.push(`Softened ${HEALTH_LABEL[below.health]} → ${HEALTH_LABEL[report.health]}`);
  else if (delta < 0)
    changes.push(`Escalated ${HEALTH_LABEL[below.health]} → ${HEALTH_LABEL[report.health]}`);
  else changes.push(`Kept ${HEALTH_LABEL[report.health]}`);
  if (below.subject !== report.subject) {
    changes.push(`Rolled "${subjectTitle(doc, below.subject)}" into "${subjectTitle(doc, report.subject)}"`);
  }
  if (below.note && !(report.note ?? "").includes(below.note))
    changes.push(`Dropped the note "${below.note}"`);
  const others = (report.cites ?? []).length - 1;
  if (others > 0) changes.push(`Combined it with ${others} other report${others === 1 ? "" : "s"}`);
  const days = daysBetween(below.date, report.date);
  changes.push(days === 0 ? "Passed on the same day" : `Passed on after ${days} day${days === 1 ? "" : "s"}`);
  return changes;
}

/** The ground report, then each report that cites the one below it (the earliest, when several do). */
export function traceUp(doc: InitiativeDocument, groundId: string): Layer[] {
  const reports = doc.reports ?? [];
  const ground = reports.find((r) => r.id === groundId);
  if (!ground) return [];
  const layers: Layer[] = [{ report: ground, changes: [], softened: false }];
  for (let below = ground; ;) {
    const above = reports
      .filter((r) => r.cites?.includes(below.id))
      .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))[0];
    if (!above || layers.some((l) => l.report.id === above.id)) return layers;
    layers.push({
      report: above,
      changes: layerChanges(doc, below, above),
      softened: HEALTH_RANK[above.health] < HEALTH_RANK[below.health],
    });
    below = above;
  }
}
