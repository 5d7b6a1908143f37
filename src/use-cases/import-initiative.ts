// Imports an initiative document (a parsed file or an API body): validated whole, then saved in one transaction.
import { AppError } from "../domain/app-error.ts";
import type { InitiativeSnapshot } from "../domain/model.ts";
import { validateInitiativeDocument } from "../initiative-file/parse-initiative-file.ts";
import { findInitiative, saveInitiative } from "../store/initiative-repository.ts";
import { personIds, teamIds } from "../store/org-repository.ts";
import { audit, CLI_ACTOR, type Actor } from "./audit.ts";
import { publishEvent } from "../store/event-repository.ts";
import { recordEvaluation } from "./record-evaluation.ts";
import { inTransaction, type Services } from "./services.ts";
import { problemsOf } from "./problems.ts";

export interface ImportResult {
  snapshot: InitiativeSnapshot;
  created: boolean;
}

export async function importInitiative(
  services: Services,
  orgId: string,
  document: unknown,
  options: { expectId?: string; actor?: Actor } = {},
): Promise<ImportResult> {
  return inTransaction(services, async (db) => {
    const known = { people: await personIds(db, orgId), teams: await teamIds(db, orgId) };
    const result = validateInitiativeDocument(document, { checks: services.checks, known });
    if (!result.ok) throw AppError.invalid("the initiative document is invalid", problemsOf(result.problems));
    const { snapshot } = result;
    if (options.expectId && snapshot.initiative.id !== options.expectId) {
      throw AppError.invalid("the document is for another initiative", [
        {
          path: "id",
          message: `must be '${options.expectId}' (the initiative in the URL), not '${snapshot.initiative.id}'`,
        },
      ]);
    }
    const created = (await findInitiative(db, orgId, snapshot.initiative.id)) === null;
    await saveInitiative(db, orgId, snapshot);
    await recordEvaluation(db, services, orgId, snapshot);
    await publishEvent(
      db,
      orgId,
      { type: "initiative.changed", initiativeId: snapshot.initiative.id },
      services.clock(),
    );
    await audit(db, services, orgId, options.actor ?? CLI_ACTOR, {
      action: "initiative.import",
      targetType: "initiative",
      targetId: snapshot.initiative.id,
      details: {
        created,
        commitments: snapshot.commitments.length,
        links: snapshot.links.length,
        reports: snapshot.reports.length,
      },
    });
    return { snapshot, created };
  });
}
