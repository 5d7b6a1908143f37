// watermelon: a subject reported greener than its evidence says (green outside, red inside).
import type { InitiativeSnapshot, Signal, StatusReport } from "../../domain/model.ts";
import { healthRank, knownHealth, type Health, type Severity } from "../../domain/primitives.ts";
import { signal, type Detector } from "../detector.ts";
import {
  EVIDENCE_READS,
  SUBJECT_TITLE_READS,
  canonicalSubject,
  evidenceHealth,
  personName,
  reportedHealth,
  subjectTitle,
  type HealthAssessment,
} from "../evidence-health.ts";
import { daysApart } from "../calendar.ts";
import { firstById, latestFor } from "../memo.ts";

/** One step greener (on_track over at_risk, at_risk over off_track) warns; on_track over off_track is critical. */
function severityForGap(steps: number): Severity {
  return steps >= 2 ? "critical" : "warning";
}

function watermelonSignal(
  snapshot: InitiativeSnapshot,
  assessment: HealthAssessment & { health: Health },
  report: StatusReport,
): Signal {
  const name = subjectTitle(snapshot, assessment.subject);
  const author = personName(snapshot, report.authorId);
  const reasons = assessment.reasons.map((r) => r.text).join("; ");
  return signal({
    kind: "watermelon",
    severity: severityForGap(healthRank(assessment.health) - healthRank(report.health)),
    subject: assessment.subject,
    title: `"${name}" reported ${report.health}, evidence says ${assessment.health}`,
    explanation:
      `"${name}" was reported ${report.health} on ${report.date} by ${author}; ` +
      `the evidence says ${assessment.health}: ${reasons}. ${author} should reconcile the report with the evidence.`,
    evidence: [
      {
        text: `report by ${author} on ${report.date}: ${report.health}${report.narrative ? ` ("${report.narrative}")` : ""}`,
        subject: canonicalSubject(snapshot, report.subject),
        value: report.id,
      },
      ...assessment.reasons,
    ],
    owner: report.authorId,
    // A new report is a new claim to reconcile, even if an earlier one was acknowledged.
    identity: [report.id],
  });
}

/**
 * A green call is a claim only while it is current: made within the cadence, or made after the work fell due
 * (a claim about late work). Older than that it is silence, which stale-status and overdue-unreported name.
 */
function isCurrent(
  snapshot: InitiativeSnapshot,
  assessment: HealthAssessment,
  report: StatusReport,
  today: string,
): boolean {
  if (daysApart(report.date, today) <= snapshot.initiative.cadenceDays) return true;
  if (assessment.subject.type !== "commitment") return false;
  const due = firstById(snapshot.commitments).get(assessment.subject.id)?.due ?? null;
  return due !== null && report.date >= due;
}

/**
 * The evidence a report could have seen: all of it but work that fell due after the report was made. "On
 * track" a week before the due date is not contradicted by the work being late a week after it; that silence
 * is overdue-unreported's finding. Empty when everything the evidence says arose after the report.
 */
function knownWhenReported(
  snapshot: InitiativeSnapshot,
  assessment: HealthAssessment,
  report: StatusReport,
): HealthAssessment["reasons"] {
  const commitments = firstById(snapshot.commitments);
  return assessment.reasons.filter((reason) => {
    if (reason.subject?.type !== "commitment") return true;
    const due = commitments.get(reason.subject.id)?.due ?? null;
    return due === null || due <= report.date;
  });
}

export const watermelon: Detector = {
  kinds: ["watermelon"],
  reads: [...new Set([...EVIDENCE_READS, ...SUBJECT_TITLE_READS, "reports" as const])],
  detect(snapshot, context) {
    return evidenceHealth(snapshot, context).flatMap((assessment) => {
      // Where the evidence knows nothing, no call can be greener than it.
      const evidence = knownHealth(assessment.health);
      if (evidence === null) return [];
      const report = reportedHealth(snapshot, assessment.subject);
      const isGreener = report !== null && healthRank(report.health) < healthRank(evidence);
      if (!isGreener || !isCurrent(snapshot, assessment, report, context.today)) return [];
      if (knownWhenReported(snapshot, assessment, report).length === 0) return [];
      // Worded again only when the assessment, the report or a name it prints changed.
      const names = [subjectTitle(snapshot, assessment.subject), personName(snapshot, report.authorId)];
      const inputs = [report, snapshot.initiative.id, ...names];
      return [
        latestFor(context, watermelonSignal, assessment, inputs, () =>
          watermelonSignal(snapshot, { ...assessment, health: evidence }, report),
        ),
      ];
    });
  },
};
