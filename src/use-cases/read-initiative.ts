// Reads an initiative the caller's org owns; another org's id is simply not found.
import { AppError } from "../domain/app-error.ts";
import type { InitiativeSnapshot, Signal } from "../domain/model.ts";
import { evaluate, evaluationDay } from "../engine/evaluate.ts";
import { loadInitiative } from "../store/initiative-repository.ts";
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

export async function evaluateInitiative(
  services: Services,
  orgId: string,
  id: string,
): Promise<{ asOf: string; signals: Signal[] }> {
  const snapshot = await loadInitiativeOrThrow(services, orgId, id);
  const options = { clock: services.clock, checks: services.checks };
  return { asOf: evaluationDay(snapshot, options), signals: evaluate(snapshot, options) };
}
