// Who did something, as the audit log names them, and the one call every governance action makes.
import type { AuditEventInput } from "../domain/audit.ts";
import { appendAudit } from "../store/audit-repository.ts";
import type { Database } from "../store/open-store.ts";
import type { Services } from "./services.ts";

/** The caller: a person acting through a token, a token of automation, or the local command line. */
export interface Actor {
  personId: string | null;
  tokenId: string | null;
}

export const CLI_ACTOR: Actor = { personId: null, tokenId: null };

export function describeActor(actor: Actor): string {
  if (actor.personId) return `person:${actor.personId}${actor.tokenId ? ` via ${actor.tokenId}` : ""}`;
  if (actor.tokenId) return `token:${actor.tokenId}`;
  return "cli";
}

export function audit(
  db: Database,
  services: Services,
  orgId: string,
  actor: Actor,
  event: Omit<AuditEventInput, "actor" | "outcome" | "details"> &
    Partial<Pick<AuditEventInput, "outcome" | "details">>,
) {
  return appendAudit(
    db,
    orgId,
    { outcome: "done", details: {}, ...event, actor: describeActor(actor) },
    services.clock(),
  );
}
