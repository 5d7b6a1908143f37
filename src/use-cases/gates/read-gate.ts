// Reading one gate with its authorities and votes (the latest per role in force), without the initiative.
import { AppError } from "../../domain/app-error.ts";
import { findInitiative } from "../../store/initiative-repository.ts";
import { findGate, gateOf, type Scope } from "../../store/record-repository.ts";
import type { Services } from "../services.ts";

export async function readGate(services: Services, scope: Scope, gateId: string) {
  const db = services.store.db;
  const record = await findGate(db, scope, gateId);
  if (!record) {
    if (!(await findInitiative(db, scope.orgId, scope.initiativeId)))
      throw AppError.notFound("initiative", scope.initiativeId);
    throw AppError.notFound("gate", gateId);
  }
  return gateOf(record);
}
