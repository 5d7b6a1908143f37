// Deleting an initiative and everything in it, its history included: an admin's act, kept in the audit log.
import type { Actor } from "../domain/actor.ts";
import { AppError } from "../domain/app-error.ts";
import { deleteInitiative as deleteRows } from "../store/initiative-repository.ts";
import { audit } from "./audit.ts";
import { inTransaction, type Services } from "./services.ts";

export async function deleteInitiative(
  services: Services,
  orgId: string,
  id: string,
  actor: Actor,
): Promise<void> {
  await inTransaction(services, async (db) => {
    if (!(await deleteRows(db, orgId, id))) throw AppError.notFound("initiative", id);
    await audit(db, services, orgId, actor, {
      action: "initiative.delete",
      targetType: "initiative",
      targetId: id,
    });
  });
}
