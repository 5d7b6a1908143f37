// Verifying an org's audit log: the chain, each event's signature and the signed head, and, when given, a
// checkpoint exported earlier; and exporting such a checkpoint from a log that verifies.
import { signCheckpoint, verifyAudit, type AuditCheckpoint, type AuditVerdict } from "../domain/audit.ts";
import { AppError } from "../domain/app-error.ts";
import { listAudit, readAuditHead } from "../store/audit-repository.ts";
import type { Services } from "./services.ts";

export async function verifyAuditLog(
  services: Services,
  orgId: string,
  against?: AuditCheckpoint,
): Promise<AuditVerdict> {
  const db = services.store.db;
  const [events, head] = await Promise.all([listAudit(db, orgId), readAuditHead(db, orgId)]);
  return verifyAudit(events, { org: orgId, key: services.auditKey, head, ...(against ? { against } : {}) });
}

/**
 * A signed checkpoint of where the log stands now, to keep outside the database and verify against later.
 * Refused while the log does not verify: a checkpoint vouches for what it covers.
 */
export async function exportAuditCheckpoint(services: Services, orgId: string): Promise<AuditCheckpoint> {
  const db = services.store.db;
  const [events, head] = await Promise.all([listAudit(db, orgId), readAuditHead(db, orgId)]);
  const verdict = verifyAudit(events, { org: orgId, key: services.auditKey, head });
  if (verdict.problem) {
    throw new AppError(
      "conflict",
      `the audit log does not verify, so no checkpoint can vouch for it: event ${verdict.problem.seq} (${verdict.problem.problem}): ${verdict.problem.detail}`,
    );
  }
  const last = events.at(-1);
  if (!last) throw new AppError("conflict", `the audit log of '${orgId}' has no events to checkpoint yet`);
  return signCheckpoint(services.auditKey, {
    org: orgId,
    seq: last.seq,
    hash: last.hash,
    at: services.clock().toISOString(),
  });
}
