// Correcting a status report: a new report that supersedes the old one and says why. Both stay in history;
// the correction is what the engine reads from then on. Only the author (or automation speaking for them).
import { randomUUID } from "node:crypto";
import type { Actor } from "../../domain/actor.ts";
import { AppError } from "../../domain/app-error.ts";
import type { Health } from "../../domain/primitives.ts";
import { authorOf } from "../../domain/record-policy.ts";
import { requireGreenerReason } from "../../domain/report-policy.ts";
import { evidenceOn } from "../../store/evaluation-repository.ts";
import { correctionOf, findReports, insertStatusReport, type Scope } from "../../store/record-repository.ts";
import { audit } from "../audit.ts";
import { recordDate, writeRecord } from "../records/write-record.ts";
import type { Services } from "../services.ts";
import { checkCites, greenerThan, type RecordedReport } from "./add-status-report.ts";

export interface CorrectStatusReport extends Scope {
  actor: Actor;
  reportId: string;
  correction: {
    /** Why the report is corrected: kept with it, for anyone reading the history. */
    reason: string;
    health?: Health | undefined;
    note?: string | undefined;
    confidence?: number | undefined;
    cites?: Array<string | number> | undefined;
    date?: string | undefined;
    /** Why the corrected report is greener than the evidence; required when it is (else the original's). */
    greener_reason?: string | undefined;
  };
}

export async function correctStatusReport(
  services: Services,
  input: CorrectStatusReport,
): Promise<RecordedReport> {
  const { correction } = input;
  return writeRecord(services, input, async ({ db, today, claim, publish }) => {
    // Under the lock: two corrections of one report must not both pass the check below.
    await claim();
    const [original] = await findReports(db, input, [input.reportId]);
    if (!original) throw AppError.notFound("status report", input.reportId);
    // The author corrects their own words; a person cannot correct someone else's report.
    authorOf(input.actor, original.authorId);
    const already = await correctionOf(db, input, original.id);
    if (already) {
      throw new AppError(
        "conflict",
        `report '${original.id}' was already corrected by '${already}': correct that one instead`,
      );
    }
    if (correction.reason.trim().length < 10) {
      throw AppError.invalid("a correction says why", [
        { path: "reason", message: "say in a sentence why the report is corrected (at least 10 characters)" },
      ]);
    }
    const subject = { type: original.subjectType, id: original.subjectId };
    const id = `report-${randomUUID()}`;
    const evidence = await evidenceOn(db, input, subject);
    const health = correction.health ?? (original.health as Health);
    const greenerReason = correction.greener_reason?.trim() || original.greenerReason;
    requireGreenerReason({ health, greenerReason }, evidence.evidence_health?.health as Health | undefined);
    const changeId = await publish("status_report.corrected", { id, supersedes: original.id, subject });
    const row = await insertStatusReport(db, {
      changeId,
      orgId: input.orgId,
      initiativeId: input.initiativeId,
      id,
      subjectType: original.subjectType,
      subjectId: original.subjectId,
      authorId: original.authorId,
      date: recordDate(correction.date ?? original.date, today),
      health,
      narrative: correction.note ?? original.narrative,
      confidence: correction.confidence ?? original.confidence,
      cites: correction.cites ? await checkCites(db, input, correction.cites) : original.cites,
      evidence: evidence as unknown as Record<string, unknown>,
      greenerReason,
      recordedBy: input.actor.personId ?? input.actor.tokenId,
      supersedesId: original.id,
      correctionReason: correction.reason.trim(),
    });
    await audit(db, services, input.orgId, input.actor, {
      action: "report.correct",
      targetType: "status report",
      targetId: original.id,
      details: {
        initiative: input.initiativeId,
        correction: id,
        reason: correction.reason.trim(),
        health: { from: original.health, to: row.health },
      },
    });
    return { row, greenerThanEvidence: greenerThan(row.health, row.evidence) };
  });
}
