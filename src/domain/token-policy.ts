// Who may create an API token, and for whom: a token that acts as a person carries that person's voice (their
// votes, their reports), so only they create it, or an admin who says why (and the audit log keeps the why).
import { actorKind, type Actor } from "./actor.ts";
import { AppError } from "./app-error.ts";
import { can, ROLES, type Role } from "./policy.ts";

export interface TokenRequest {
  role: Role;
  /** The person the token will act as; null for automation. */
  personId: string | null;
  /** Required when an admin creates a token for someone else. */
  reason?: string | undefined;
}

const rank = (role: Role) => ROLES.indexOf(role);

/** Refuses a token request that `actor` (holding `actorRole`) may not make; returns what the audit keeps. */
export function checkTokenRequest(
  actor: Actor,
  actorRole: Role,
  request: TokenRequest,
): { onBehalf: boolean } {
  if (actorKind(actor) === "local") return { onBehalf: request.personId !== null };
  if (rank(request.role) > rank(actorRole)) {
    throw new AppError("forbidden", `a '${actorRole}' cannot create a token with the '${request.role}' role`);
  }
  if (request.personId === null) {
    if (!can(actorRole, "administer"))
      throw new AppError("forbidden", "only admins create tokens that act for no person (automation)");
    return { onBehalf: false };
  }
  if (request.personId === actor.personId) return { onBehalf: false };
  if (!can(actorRole, "administer")) {
    throw new AppError("forbidden", `you may create a token for yourself, not for '${request.personId}'`);
  }
  if (!request.reason || request.reason.trim().length < 10) {
    throw AppError.invalid("a token for someone else needs a reason", [
      {
        path: "reason",
        message: `say why you create a token that speaks as '${request.personId}' (it is kept in the audit log)`,
      },
    ]);
  }
  return { onBehalf: true };
}
