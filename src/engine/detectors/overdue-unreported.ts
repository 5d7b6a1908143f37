// overdue-unreported: a commitment past its due date, not delivered, and not reported on since it fell due.
import type { Commitment, InitiativeSnapshot, StatusReport } from "../../domain/model.ts";
import type { IsoDate } from "../../domain/primitives.ts";
import { signal, type Detector } from "../detector.ts";

const KIND = "overdue-unreported";

export const overdueUnreported: Detector = {
  kinds: [KIND],
  reads: ["initiative", "commitments", "reports", "teams"],
  detect(snapshot, { today }) {
    const reportsOn = new Map<string, StatusReport[]>();
    for (const report of snapshot.reports) {
      if (report.subject.type !== "commitment" || report.date > today) continue;
      reportsOn.set(report.subject.id, [...(reportsOn.get(report.subject.id) ?? []), report]);
    }
    return snapshot.commitments.flatMap((commitment) => {
      const { due } = commitment;
      if (due === null || due >= today) return [];
      if (commitment.done !== null && commitment.done <= today) return [];
      const reports = reportsOn.get(commitment.id) ?? [];
      if (reports.some((r) => r.date >= due)) return [];
      const last = reports.reduce<StatusReport | null>(
        (a, r) => (a === null || r.date > a.date ? r : a),
        null,
      );
      return [finding(snapshot, commitment, due, last, today)];
    });
  },
};

function finding(
  snapshot: InitiativeSnapshot,
  commitment: Commitment,
  due: IsoDate,
  last: StatusReport | null,
  today: IsoDate,
) {
  const overdue = Math.round((Date.parse(today) - Date.parse(due)) / 86_400_000);
  const cadence = snapshot.initiative.cadenceDays;
  const subject = { type: "commitment" as const, id: commitment.id };
  const team = snapshot.teams.find((t) => t.id === commitment.teamId);
  const lastText = last
    ? `the last report, on ${last.date}, called it ${last.health.replace("_", " ")}`
    : "nobody has ever reported on it";
  return signal({
    kind: KIND,
    // As for stale-status: within one cadence a report may still be on its way; beyond two, silence is a habit.
    severity: overdue > 2 * cadence ? "critical" : overdue > cadence ? "warning" : "info",
    subject,
    title: `"${commitment.title}" is ${overdue} days overdue and nobody has said so`,
    explanation:
      `"${commitment.title}" was due ${due} and is not delivered, ${overdue} days on; ` +
      `no status report has been written on it since it fell due (${lastText}). ` +
      `Say where it stands: a new date, at risk or off track, or delivered.`,
    evidence: [
      {
        text: `due ${due}, not delivered: ${overdue} days overdue`,
        subject,
        value: { due, overdueDays: overdue },
      },
      last
        ? {
            text: `last report ${last.date}: ${last.health}`,
            subject,
            value: { date: last.date, health: last.health },
          }
        : { text: "no status report on it" },
    ],
    owner: commitment.ownerId ?? team?.leadId ?? snapshot.initiative.ownerId,
  });
}
