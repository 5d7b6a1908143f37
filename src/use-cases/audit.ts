// Who did something, as the audit log names them, and the one call every governance action makes.
import type { AuditEventInput } from "../domain/audit.ts";
import { appendAudit, appendAuditEvents } from "../store/audit-repository.ts";
import type { Database } from "../store/open-store.ts";
import type { Services } from "./services.ts";

import { LOCAL_ACTOR, type Actor } from "../domain/actor.ts";

export type { Actor };
/** The local command line. */
export const CLI_ACTOR: Actor = LOCAL_ACTOR;

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
    services.auditKey,
    orgId,
    { outcome: "done", details: {}, ...event, actor: describeActor(actor) },
    services.clock(),
  );
}

/** Many acts of one action, each its own event, appended to the chain in one turn. */
export function auditEach(
  db: Database,
  services: Services,
  orgId: string,
  actor: Actor,
  events: ReadonlyArray<
    Omit<AuditEventInput, "actor" | "outcome" | "details"> &
      Partial<Pick<AuditEventInput, "outcome" | "details">>
  >,
) {
  return appendAuditEvents(
    db,
    services.auditKey,
    orgId,
    events.map((event) => ({ outcome: "done" as const, details: {}, ...event, actor: describeActor(actor) })),
    services.clock(),
  );
}
