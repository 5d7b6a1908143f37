// Posting a status report: its author by the one rule, its subject and cites checked one query each, the
// evidence on its subject as it stood stored with it, appended, announced. Nothing else of the initiative is read.
import { randomUUID } from "node:crypto";
import type { Actor } from "../../domain/actor.ts";
import { AppError } from "../../domain/app-error.ts";
import type { SubjectRef } from "../../domain/model.ts";
import type { Health } from "../../domain/primitives.ts";
import { authorOf } from "../../domain/record-policy.ts";
import { isGreenerThan, requireGreenerReason } from "../../domain/report-policy.ts";
import { SUBJECT_TYPES } from "../../domain/model.ts";
import { evidenceOn } from "../../store/evaluation-repository.ts";
import { findPerson } from "../../store/org-repository.ts";
import {
  findReports,
  insertStatusReport,
  subjectExists,
  type Scope,
  type StatusReportRow,
} from "../../store/record-repository.ts";
import type { Database } from "../../store/open-store.ts";
import { recordDate, writeRecord } from "../records/write-record.ts";
import type { Services } from "../services.ts";

export interface StatusReportInput {
  id?: string | undefined;
  /** `initiative`, a commitment id, a team key, or `type:id`. */
  subject: string;
  by?: string | undefined;
  date?: string | undefined;
  health: Health;
  note?: string | undefined;
  confidence?: number | undefined;
  /** Ids of the reports this one summarises. */
  cites?: Array<string | number> | undefined;
  /** Why the report is greener than the evidence on its subject; required when it is. */
  greener_reason?: string | undefined;
}

export interface AddStatusReport extends Scope {
  actor: Actor;
  report: StatusReportInput;
}

/** The subject a report names, found in the store: a bare id is a commitment, else a team. */
export async function resolveSubject(db: Database, scope: Scope, text: string): Promise<SubjectRef> {
  const colon = text.indexOf(":");
  const unknown = () =>
    AppError.invalid(`unknown subject '${text}'`, [
      {
        path: "subject",
        message: `'${text}' is not 'initiative', a commitment, a team, or a type:id that exists`,
      },
    ]);
  if (text === "initiative") return { type: "initiative", id: "initiative" };
  if (colon > 0) {
    const type = text.slice(0, colon) as SubjectRef["type"];
    const subject = { type, id: text.slice(colon + 1) };
    if (!SUBJECT_TYPES.includes(type) || !(await subjectExists(db, scope, subject))) throw unknown();
    return subject;
  }
  for (const type of ["commitment", "team"] as const) {
    if (await subjectExists(db, scope, { type, id: text })) return { type, id: text };
  }
  throw unknown();
}

/** Cites name other reports of the initiative, by id. */
export async function checkCites(
  db: Database,
  scope: Scope,
  cites: Array<string | number>,
): Promise<string[]> {
  const ids = cites.map(String);
  const found = new Set((await findReports(db, scope, ids)).map((r) => r.id));
  const missing = ids.map((id, n) => ({ id, n })).filter(({ id }) => !found.has(id));
  if (missing.length > 0) {
    throw AppError.invalid(
      "a cited report does not exist",
      missing.map(({ id, n }) => ({ path: `cites.${n}`, message: `no report '${id}' in this initiative` })),
    );
  }
  return ids;
}

export async function requireAuthorPerson(db: Database, orgId: string, authorId: string, field = "by") {
  const person = await findPerson(db, orgId, authorId);
  if (!person) {
    throw AppError.invalid(`unknown person '${authorId}'`, [
      { path: field, message: `no person '${authorId}' in this org` },
    ]);
  }
  return person;
}

/** A stored report with what the evidence said when it was posted. */
export interface RecordedReport {
  row: StatusReportRow;
  /** True when the report is greener than its subject's evidence health was. */
  greenerThanEvidence: boolean;
}

/** The evidence health on the subject as stored with a report, when there was one. */
export function evidenceHealthOf(evidence: StatusReportRow["evidence"]): Health | undefined {
  return (evidence as { evidence_health?: { health: Health } | null } | null)?.evidence_health?.health;
}

export function greenerThan(health: string, evidence: StatusReportRow["evidence"]): boolean {
  return isGreenerThan(health as Health, evidenceHealthOf(evidence));
}

export async function addStatusReport(services: Services, input: AddStatusReport): Promise<RecordedReport> {
  const { report } = input;
  return writeRecord(
    services,
    input,
    async ({ db, today, publish }) => {
      const authorId = authorOf(input.actor, report.by);
      await requireAuthorPerson(db, input.orgId, authorId);
      const subject = await resolveSubject(db, input, report.subject);
      const cites = await checkCites(db, input, report.cites ?? []);
      const id = report.id ?? `report-${randomUUID()}`;
      if (report.id && (await findReports(db, input, [report.id])).length > 0) {
        throw new AppError("conflict", `a report '${report.id}' already exists`);
      }
      const evidence = await evidenceOn(db, input, subject);
      const reason = report.greener_reason?.trim() || null;
      requireGreenerReason(
        { health: report.health, greenerReason: reason },
        evidence.evidence_health?.health as Health | undefined,
      );
      // Published first: the report is ordered by its change (`changeId`), as the evaluator takes it in.
      const changeId = await publish("status_report.added", { id, subject });
      const row = await insertStatusReport(db, {
        changeId,
        orgId: input.orgId,
        initiativeId: input.initiativeId,
        id,
        subjectType: subject.type,
        subjectId: subject.id,
        authorId,
        date: recordDate(report.date, today),
        health: report.health,
        narrative: report.note ?? null,
        confidence: report.confidence ?? null,
        cites,
        evidence: evidence as unknown as Record<string, unknown>,
        greenerReason: reason,
        recordedBy: input.actor.personId ?? input.actor.tokenId,
      });
      return { row, greenerThanEvidence: greenerThan(row.health, row.evidence) };
      // Its rule reads no other report: reports to one initiative are written side by side.
    },
    { lock: "shared" },
  );
}
