// Changes an initiative's plan through its document form: re-validated whole and saved atomically. Records
// (reports, votes, verdicts…) are not changed here: each has its own use-case, and a change that would add,
// alter or remove one is refused.
import { AppError } from "../domain/app-error.ts";
import type { InitiativeSnapshot } from "../domain/model.ts";
import { fromSnapshot } from "../initiative-file/from-snapshot.ts";
import type { PathSegment } from "../initiative-file/locate.ts";
import { validateInitiativeDocument } from "../initiative-file/parse-initiative-file.ts";
import type { InitiativeFile } from "../initiative-file/schema.ts";
import { markHandEdits } from "../domain/overrides.ts";
import { diffRecords, recordCount, recordedChoiceProblems, type RecordProblem } from "../domain/records.ts";
import { loadInitiative, savePlan } from "../store/initiative-repository.ts";
import { lockInitiative } from "../store/record-repository.ts";
import { countSealed, reviewRitualId } from "../store/sealed-repository.ts";
import type { Database } from "../store/open-store.ts";
import { personIds, teamIds } from "../store/org-repository.ts";
import { problemsOf } from "./problems.ts";
import { audit, CLI_ACTOR, type Actor } from "./audit.ts";
import { publishChange } from "../store/event-repository.ts";
import { inTransaction, type Services } from "./services.ts";

/** The file's lists whose items have ids that default to their position. */
const LISTS = [
  "links",
  "reports",
  "milestones",
  "decisions",
  "gates",
  "risks",
  "reviews",
  "outcomes",
  "recognitions",
] as const;

/** A document in which every list item carries its id, so that removing one never renumbers the others. */
export function pinnedDocument(snapshot: InitiativeSnapshot): InitiativeFile {
  const file: Record<string, unknown> = { ...fromSnapshot(snapshot) };
  for (const key of LISTS) {
    const items = file[key] as Array<Record<string, unknown>> | undefined;
    const ids = (snapshot[key] as Array<{ id: string }>).map((item) => item.id);
    if (items) file[key] = items.map((item, i) => ({ ...item, id: ids[i] }));
  }
  // Votes name their role, so that a change of a gate's authorities keeps every vote's meaning.
  const document = file as InitiativeFile;
  document.gates = document.gates?.map((gate, g) => ({
    ...gate,
    votes: gate.votes?.map((vote, v) => ({ ...vote, role: snapshot.gates[g]!.votes[v]!.role })),
  }));
  return document;
}

export interface Change<T> {
  /** Changes the document in place and returns what the caller should answer with; `current` is as stored. */
  apply(document: InitiativeFile, current: InitiativeSnapshot): T;
  /** Where the changed item sits in the document, so problems name fields relative to the request body. */
  at?: (document: InitiativeFile) => PathSegment[];
  /** For governance changes: the audit event to write with the change (in the same transaction). */
  audit?:
    { action: string; targetType: string; targetId: string; details?: Record<string, unknown> } | undefined;
  /** More writes that belong to the same transaction, after the change is saved. */
  afterSave?: (db: Database, result: T, saved: InitiativeSnapshot) => Promise<void>;
}

/**
 * A review whose anonymous truths are still sealed keeps its anonymity choice too: they were given under it
 * (docs/anonymity.md), though none is released yet.
 */
async function sealedChoiceProblems(
  db: Database,
  orgId: string,
  stored: InitiativeSnapshot,
  next: InitiativeSnapshot,
): Promise<RecordProblem[]> {
  const problems: RecordProblem[] = [];
  for (const [r, review] of next.reviews.entries()) {
    const before = stored.reviews.find((x) => x.id === review.id);
    if (!before || before.anonymous === review.anonymous) continue;
    if (
      (await countSealed(db, {
        orgId,
        kind: "review_truth",
        ritualId: reviewRitualId(stored.initiative.id, review.id),
      })) > 0
    ) {
      problems.push({
        path: ["reviews", r, "anonymous"],
        message: "truths were given under this review's anonymity choice; it cannot change now",
      });
    }
  }
  return problems;
}

export async function changeInitiative<T>(
  services: Services,
  orgId: string,
  initiativeId: string,
  change: Change<T>,
  actor: Actor = CLI_ACTOR,
): Promise<{ result: T; snapshot: InitiativeSnapshot }> {
  return inTransaction(services, async (db) => {
    if (!(await lockInitiative(db, { orgId, initiativeId })))
      throw AppError.notFound("initiative", initiativeId);
    const current = await loadInitiative(db, orgId, initiativeId);
    if (!current) throw AppError.notFound("initiative", initiativeId);
    const document = structuredClone(pinnedDocument(current));
    const result = change.apply(document, current);
    const known = { people: await personIds(db, orgId), teams: await teamIds(db, orgId) };
    const validated = validateInitiativeDocument(document, { checks: services.checks, known });
    if (!validated.ok) {
      throw AppError.invalid(
        "the change is invalid",
        problemsOf(validated.problems, change.at?.(document) ?? []),
      );
    }
    if (validated.snapshot.initiative.id !== initiativeId) {
      throw AppError.invalid("an initiative's id cannot change", [{ path: "id", message: "cannot change" }]);
    }
    // What a person changes of a commitment a tracker brought in is kept as an override, beside the source's.
    const next = markHandEdits(current, validated.snapshot, actor.personId, services.clock());
    const records = diffRecords(current, next);
    const problems = [
      ...records.problems,
      ...recordedChoiceProblems(current, next),
      ...(await sealedChoiceProblems(db, orgId, current, next)),
    ];
    if (problems.length > 0 || recordCount(records.added) > 0) {
      throw new AppError(
        "conflict",
        problems.length > 0
          ? "the change would rewrite what is recorded"
          : "records (reports, votes, verdicts, points, truths, decisions, recognitions) are added through their own routes",
        problemsOf(problems, change.at?.(document) ?? []),
      );
    }
    await savePlan(db, orgId, next);
    await publishChange(db, { orgId, initiativeId }, { change: "plan.changed" }, services.clock());
    await change.afterSave?.(db, result, next);
    if (change.audit) {
      await audit(db, services, orgId, actor, {
        ...change.audit,
        details: { initiative: initiativeId, ...change.audit.details },
      });
    }
    return { result, snapshot: next };
  });
}
