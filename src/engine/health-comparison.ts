// Reported health beside evidence health, for every subject the evidence assesses: the engine's headline view.
import type { Evidence, InitiativeSnapshot, SubjectRef } from "../domain/model.ts";
import type { EvidenceHealth, Health } from "../domain/primitives.ts";
import type { EvaluationContext } from "./detector.ts";
import { evidenceHealth, reportedHealth, subjectTitle } from "./evidence-health.ts";
import { latestFor } from "./memo.ts";

export interface HealthComparison {
  subject: SubjectRef;
  title: string;
  reported: { health: Health; by: string; date: string } | null;
  evidence: { health: EvidenceHealth; reasons: Evidence[]; unknowns: Evidence[] };
}

/**
 * Every assessed subject's comparison. Within one context (an incremental evaluation's), a subject whose
 * assessment, latest report and title are as before keeps the same comparison object, so what stores the
 * comparisons can tell what moved without comparing their contents.
 */
export function compareHealth(snapshot: InitiativeSnapshot, context: EvaluationContext): HealthComparison[] {
  return evidenceHealth(snapshot, context).map((assessment) => {
    const report = reportedHealth(snapshot, assessment.subject);
    const title = subjectTitle(snapshot, assessment.subject);
    return latestFor(context, compareHealth, assessment, [report, title], () => ({
      subject: assessment.subject,
      title,
      reported: report ? { health: report.health, by: report.authorId, date: report.date } : null,
      evidence: { health: assessment.health, reasons: assessment.reasons, unknowns: assessment.unknowns },
    }));
  });
}
