// Reported health beside evidence health, for every subject the evidence assesses: the engine's headline view.
import type { Evidence, InitiativeSnapshot, SubjectRef } from "../domain/model.ts";
import type { Health } from "../domain/primitives.ts";
import type { EvaluationContext } from "./detector.ts";
import { evidenceHealth, reportedHealth, subjectTitle } from "./evidence-health.ts";

export interface HealthComparison {
  subject: SubjectRef;
  title: string;
  reported: { health: Health; by: string; date: string } | null;
  evidence: { health: Health; reasons: Evidence[]; unknowns: Evidence[] };
}

export function compareHealth(snapshot: InitiativeSnapshot, context: EvaluationContext): HealthComparison[] {
  return evidenceHealth(snapshot, context).map((assessment) => {
    const report = reportedHealth(snapshot, assessment.subject);
    return {
      subject: assessment.subject,
      title: subjectTitle(snapshot, assessment.subject),
      reported: report ? { health: report.health, by: report.authorId, date: report.date } : null,
      evidence: { health: assessment.health, reasons: assessment.reasons, unknowns: assessment.unknowns },
    };
  });
}
