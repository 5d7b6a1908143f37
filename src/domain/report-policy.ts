// What a status report must say: a report greener than the evidence on its subject says why. The one rule every
// path that adds a report (the API, an import, the command line through either) asks.
import type { FieldProblem } from "./app-error.ts";
import { AppError } from "./app-error.ts";
import { healthRank, type EvidenceHealth, type Health } from "./primitives.ts";

/** The shortest reason that explains anything. */
export const GREENER_REASON_MIN = 10;
export const GREENER_REASON_MAX = 2000;

/**
 * True when `reported` is a better call than the evidence health on the subject. Evidence that knows nothing
 * (`unknown`, or no assessment at all) has no call to be greener than: false.
 */
export function isGreenerThan(reported: Health, evidence: EvidenceHealth | null | undefined): boolean {
  return (
    evidence !== null &&
    evidence !== undefined &&
    evidence !== "unknown" &&
    healthRank(reported) < healthRank(evidence)
  );
}

/**
 * The problem with a report's greener reason, or null: a report greener than its subject's evidence health
 * needs a reason of at least {@link GREENER_REASON_MIN} characters, stored with it; one that is not greener
 * may still carry one.
 */
export function greenerReasonProblem(
  report: { health: Health; greenerReason?: string | null | undefined },
  evidence: EvidenceHealth | null | undefined,
  field = "greener_reason",
): FieldProblem | null {
  const reason = report.greenerReason?.trim() ?? "";
  if (!isGreenerThan(report.health, evidence)) return null;
  if (reason.length === 0) {
    return {
      path: field,
      message: `Reason for a greener report: the evidence says '${evidence}' and this report says '${report.health}'; say why the evidence is wrong or out of date`,
    };
  }
  if (reason.length < GREENER_REASON_MIN) {
    return {
      path: field,
      message: `Reason for a greener report: write at least ${GREENER_REASON_MIN} characters`,
    };
  }
  return null;
}

/** Throws a 422-shaped error naming `greener_reason` when the report needs a reason and has none. */
export function requireGreenerReason(
  report: { health: Health; greenerReason?: string | null | undefined },
  evidence: EvidenceHealth | null | undefined,
  field = "greener_reason",
): void {
  const problem = greenerReasonProblem(report, evidence, field);
  if (problem) {
    throw AppError.invalid("a report greener than the evidence needs a reason (greener_reason)", [problem]);
  }
}
