// Bearer-token authentication and role checks: every /api route passes through here.
import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../domain/app-error.ts";
import { can, type Action, type Role } from "../domain/policy.ts";
import { authenticate } from "../use-cases/manage-tokens.ts";
import type { Actor } from "../use-cases/audit.ts";
import type { Services } from "../use-cases/services.ts";

export interface Principal {
  orgId: string;
  role: Role;
  tokenId: string;
  /** The person the token acts as; null for automation tokens. */
  personId: string | null;
}

/** The principal as the audit log names it. */
export function actorOf(principal: Principal): Actor {
  return { personId: principal.personId, tokenId: principal.tokenId };
}

export type AppEnv = { Variables: { principal: Principal } };

export function requireToken(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError("unauthenticated", "send an API token as 'Authorization: Bearer plb_…'");
    const token = await authenticate(services, match[1]!);
    if (!token) throw new AppError("unauthenticated", "the API token is unknown, revoked or expired");
    c.set("principal", { orgId: token.orgId, role: token.role, tokenId: token.id, personId: token.personId });
    await next();
  };
}

/** The caller's principal, once it is allowed `action`. */
export function authorize(c: Context<AppEnv>, action: Action): Principal {
  const principal = c.get("principal");
  if (!can(principal.role, action)) {
    throw new AppError("forbidden", `the '${principal.role}' role may not ${action} in this org`);
  }
  return principal;
}
