// Imports an initiative document (a parsed file or an API body): validated whole, then applied as its
// difference from what is stored: the plan replaced, new records appended by the same rules as every other
// path, nothing recorded changed. Bad documents get every problem at once and change nothing.
import { actorKind } from "../domain/actor.ts";
import { AppError } from "../domain/app-error.ts";
import { directoryChanges } from "../domain/directory.ts";
import type { InitiativeSnapshot } from "../domain/model.ts";
import { can, type Role } from "../domain/policy.ts";
import { importedRecordProblems } from "../domain/record-policy.ts";
import { greenerReasonProblem } from "../domain/report-policy.ts";
import type { FieldProblem } from "../domain/app-error.ts";
import type { Health } from "../domain/primitives.ts";
import type { StatusReport } from "../domain/model.ts";
import { evidenceOn } from "../store/evaluation-repository.ts";
import type { Database } from "../store/open-store.ts";
import { markHandEdits } from "../domain/overrides.ts";
import { diffRecords, recordCount, recordedChoiceProblems, type RecordProblem } from "../domain/records.ts";
import { validateInitiativeDocument } from "../initiative-file/parse-initiative-file.ts";
import { publishChange } from "../store/event-repository.ts";
import {
  appendRecords,
  loadInitiative,
  savePlan,
  saveNewInitiative,
} from "../store/initiative-repository.ts";
import { directoryEntries, personIds, teamIds } from "../store/org-repository.ts";
import { lockInitiative } from "../store/record-repository.ts";
import { audit, CLI_ACTOR, type Actor } from "./audit.ts";
import { problemsOf } from "./problems.ts";
import { inTransaction, type Services } from "./services.ts";

export interface ImportResult {
  snapshot: InitiativeSnapshot;
  created: boolean;
  /** How many records the import added. */
  added: number;
  /** The initiative's version after the import. */
  version: number;
}

export interface ImportOptions {
  expectId?: string;
  actor?: Actor;
  /** What the audit log says was done, when the import is part of another action (a sync). */
  audit?: { action: string; details: Record<string, unknown> };
  /** The caller's role; the local command line acts as an admin. */
  role?: Role;
  /**
   * The document is what a tracker says (a sync): its values are the source's. Otherwise a change to a
   * tracker's commitment is a person's, kept as an override (domain/overrides.ts).
   */
  fromSource?: boolean;
  /** Only create: an initiative that already has the document's id is left alone, and the import refused. */
  mustBeNew?: boolean;
}

export function importInitiative(
  services: Services,
  orgId: string,
  document: unknown,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return inTransaction(services, (db) => importInitiativeIn(db, services, orgId, document, options));
}

/** The import within a transaction the caller holds (a sync writes its history in the same one). */
export async function importInitiativeIn(
  db: Database,
  services: Services,
  orgId: string,
  document: unknown,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const actor = options.actor ?? CLI_ACTOR;
  const role: Role = options.role ?? (actorKind(actor) === "local" ? "admin" : "viewer");
  const known = { people: await personIds(db, orgId), teams: await teamIds(db, orgId) };
  const result = validateInitiativeDocument(document, { checks: services.checks, known });
  if (!result.ok) throw AppError.invalid("the initiative document is invalid", problemsOf(result.problems));
  const initiativeId = result.snapshot.initiative.id;
  if (options.expectId && initiativeId !== options.expectId) {
    throw AppError.invalid("the document is for another initiative", [
      {
        path: "id",
        message: `must be '${options.expectId}' (the initiative in the URL), not '${initiativeId}'`,
      },
    ]);
  }
  const scope = { orgId, initiativeId };
  // The same lock every other write takes; a new initiative is created under its primary key instead.
  const stored = (await lockInitiative(db, scope)) ? await loadInitiative(db, orgId, initiativeId) : null;
  if (stored && options.mustBeNew) {
    throw new AppError(
      "stale",
      `an initiative '${initiativeId}' already exists, and this import only creates`,
      [{ path: "id", message: `'${initiativeId}' is taken by another initiative: choose another id` }],
    );
  }
  const snapshot =
    stored && !options.fromSource
      ? markHandEdits(stored, result.snapshot, actor.personId, services.clock())
      : result.snapshot;

  const { added, problems: recordProblems } = diffRecords(stored, snapshot);
  const problems: RecordProblem[] = [
    ...recordProblems,
    ...(stored ? recordedChoiceProblems(stored, snapshot) : []),
    ...importedRecordProblems(actor, added),
  ];
  if (!can(role, "administer")) {
    const entries = await directoryEntries(db, orgId, {
      people: snapshot.people.map((p) => p.id),
      teams: snapshot.teams.map((x) => x.id),
    });
    for (const change of directoryChanges(entries, snapshot)) {
      problems.push({
        path: [change.includes("person") ? "people" : "teams"],
        message: `the document ${change}: the org's directory is changed by admins (PATCH /api/v1/people, /teams)`,
      });
    }
  }
  const unexplained = await unexplainedGreenerReports(db, scope, snapshot, added.reports);
  if (unexplained.length > 0) {
    throw AppError.invalid("a report greener than the evidence needs a reason (greener_reason)", unexplained);
  }
  if (problems.length > 0) {
    throw new AppError(
      "conflict",
      "the document would change what is recorded or not the caller's to change",
      problemsOf(problems),
    );
  }

  let version: number;
  if (stored) {
    version = await publishChange(db, scope, { change: "initiative.imported" }, services.clock());
    await savePlan(db, orgId, snapshot);
    await appendRecords(db, scope, added, actor.personId ?? actor.tokenId, version);
  } else {
    await saveNewInitiative(db, orgId, snapshot);
    version = await publishChange(db, scope, { change: "initiative.imported" }, services.clock());
  }
  await audit(db, services, orgId, actor, {
    action: options.audit?.action ?? "initiative.import",
    targetType: "initiative",
    targetId: initiativeId,
    details: {
      ...options.audit?.details,
      created: stored === null,
      commitments: snapshot.commitments.length,
      links: snapshot.links.length,
      reports: snapshot.reports.length,
      records_added: recordCount(added),
    },
  });
  return { snapshot, created: stored === null, added: recordCount(added), version };
}

/**
 * The reports an import adds that are greener than the evidence stored on their subject and say not why: the
 * same rule as a report posted one by one. A new initiative has no evidence yet, so its history stands as given.
 */
async function unexplainedGreenerReports(
  db: Database,
  scope: { orgId: string; initiativeId: string },
  snapshot: InitiativeSnapshot,
  added: StatusReport[],
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const report of added) {
    const evidence = await evidenceOn(db, scope, report.subject);
    const index = snapshot.reports.findIndex((r) => r.id === report.id);
    const problem = greenerReasonProblem(
      report,
      evidence.evidence_health?.health as Health | undefined,
      `reports.${index}.greener_reason`,
    );
    if (problem) problems.push(problem);
  }
  return problems;
}
