// Applies one change to an initiative through its document form, re-validates the whole, and saves it atomically.
import { AppError } from "../domain/app-error.ts";
import type { InitiativeSnapshot } from "../domain/model.ts";
import { fromSnapshot } from "../initiative-file/from-snapshot.ts";
import type { PathSegment } from "../initiative-file/locate.ts";
import { validateInitiativeDocument } from "../initiative-file/parse-initiative-file.ts";
import type { InitiativeFile } from "../initiative-file/schema.ts";
import { loadInitiative, lockInitiative, saveInitiative } from "../store/initiative-repository.ts";
import { personIds, teamIds } from "../store/org-repository.ts";
import { problemsOf } from "./problems.ts";
import { inTransaction, type Services } from "./services.ts";

/** A document in which every list item carries its id, so that removing one never renumbers the others. */
export function pinnedDocument(snapshot: InitiativeSnapshot): InitiativeFile {
  const file = fromSnapshot(snapshot);
  const pin = <T extends { id?: string }>(items: T[] | undefined, ids: string[]) =>
    items?.map((item, i) => ({ ...item, id: ids[i] }));
  return {
    ...file,
    links: pin(
      file.links,
      snapshot.links.map((l) => l.id),
    ),
    reports: pin(
      file.reports,
      snapshot.reports.map((r) => r.id),
    ),
    milestones: pin(
      file.milestones,
      snapshot.milestones.map((m) => m.id),
    ),
    decisions: pin(
      file.decisions,
      snapshot.decisions.map((d) => d.id),
    ),
    gates: pin(
      file.gates,
      snapshot.gates.map((g) => g.id),
    ),
    risks: pin(
      file.risks,
      snapshot.risks.map((r) => r.id),
    ),
    reviews: pin(
      file.reviews,
      snapshot.reviews.map((r) => r.id),
    ),
    outcomes: pin(
      file.outcomes,
      snapshot.outcomes.map((o) => o.id),
    ),
    recognitions: pin(
      file.recognitions,
      snapshot.recognitions.map((r) => r.id),
    ),
  };
}

export interface Change<T> {
  /** Changes the document in place and returns what the caller should answer with. */
  apply(document: InitiativeFile): T;
  /** Where the changed item sits in the document, so problems name fields relative to the request body. */
  at?: (document: InitiativeFile) => PathSegment[];
}

export async function changeInitiative<T>(
  services: Services,
  orgId: string,
  initiativeId: string,
  change: Change<T>,
): Promise<{ result: T; snapshot: InitiativeSnapshot }> {
  return inTransaction(services, async (db) => {
    if (!(await lockInitiative(db, orgId, initiativeId))) throw AppError.notFound("initiative", initiativeId);
    const current = await loadInitiative(db, orgId, initiativeId);
    if (!current) throw AppError.notFound("initiative", initiativeId);
    const document = structuredClone(pinnedDocument(current));
    const result = change.apply(document);
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
    await saveInitiative(db, orgId, validated.snapshot);
    return { result, snapshot: validated.snapshot };
  });
}
