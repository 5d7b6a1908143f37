// Reading one status report as recorded, superseded or not: history stays readable, with what corrected it.
import { AppError } from "../../domain/app-error.ts";
import { correctionOf, findReports, type Scope } from "../../store/record-repository.ts";
import type { Services } from "../services.ts";
import { greenerThan, type RecordedReport } from "./add-status-report.ts";

export async function readStatusReport(
  services: Services,
  scope: Scope,
  id: string,
): Promise<RecordedReport & { supersededBy: string | null }> {
  const db = services.store.db;
  const [row] = await findReports(db, scope, [id]);
  if (!row) throw AppError.notFound("status report", id);
  return {
    row,
    greenerThanEvidence: greenerThan(row.health, row.evidence),
    supersededBy: await correctionOf(db, scope, id),
  };
}
