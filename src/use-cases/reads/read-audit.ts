// Reading the audit log, a page at a time or whole (to verify its chain).
import { listAudit } from "../../store/audit-repository.ts";
import type { Services } from "../services.ts";

export const readAudit = (services: Services, orgId: string, page?: { afterSeq?: number; limit?: number }) =>
  listAudit(services.store.db, orgId, page);
