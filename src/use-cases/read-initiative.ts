// Reads an initiative the caller's org owns; another org's id is simply not found.
import { AppError } from "../domain/app-error.ts";
import type { InitiativeSnapshot } from "../domain/model.ts";
import { findInitiative, listInitiatives, loadInitiative } from "../store/initiative-repository.ts";
import type { Services } from "./services.ts";

export async function loadInitiativeOrThrow(
  services: Services,
  orgId: string,
  id: string,
): Promise<InitiativeSnapshot> {
  const snapshot = await loadInitiative(services.store.db, orgId, id);
  if (!snapshot) throw AppError.notFound("initiative", id);
  return snapshot;
}

/** Whether the org has the initiative (another org's is simply not found). */
export async function initiativeExists(services: Services, orgId: string, id: string): Promise<boolean> {
  return (await findInitiative(services.store.db, orgId, id)) !== null;
}

export const readInitiatives = (services: Services, orgId: string, page: { after?: string; limit: number }) =>
  listInitiatives(services.store.db, orgId, page);
