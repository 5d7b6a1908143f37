// Authentication and role checks: every /api route passes through here, with a bearer API token or a browser
// session cookie (whose unsafe requests must also carry the session's CSRF token).
import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { AppError } from "../domain/app-error.ts";
import { can, type Action, type Role } from "../domain/policy.ts";
import { sessionFor } from "../use-cases/accounts.ts";
import type { Actor } from "../use-cases/audit.ts";
import { authenticate } from "../use-cases/manage-tokens.ts";
import type { Services } from "../use-cases/services.ts";

export const SESSION_COOKIE = "plumb_session";
export const CSRF_HEADER = "x-csrf-token";

export interface Principal {
  orgId: string;
  role: Role;
  /** The API token used; null for a browser session. */
  tokenId: string | null;
  /** The person acting; null for automation tokens. */
  personId: string | null;
  /** The browser session used, if any. */
  sessionId?: string;
}

/** The principal as the audit log names it. */
export function actorOf(principal: Principal): Actor {
  return {
    personId: principal.personId,
    tokenId: principal.tokenId ?? (principal.sessionId ? `session:${principal.sessionId}` : null),
  };
}

export type AppEnv = { Variables: { principal: Principal } };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function requireCaller(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const token = match ? await authenticate(services, match[1]!) : null;
      if (!token) throw new AppError("unauthenticated", "the API token is unknown, revoked or expired");
      c.set("principal", {
        orgId: token.orgId,
        role: token.role,
        tokenId: token.id,
        personId: token.personId,
      });
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie ? await sessionFor(services, cookie) : null;
    if (!session) {
      throw new AppError("unauthenticated", "sign in, or send an API token as 'Authorization: Bearer plb_…'");
    }
    // A cookie rides along on any request to this site, even one another site makes the browser send: an
    // unsafe request must prove it comes from our pages by echoing the session's CSRF token.
    if (!SAFE_METHODS.has(c.req.method) && !sameSecret(c.req.header(CSRF_HEADER) ?? "", session.csrfToken)) {
      throw new AppError(
        "forbidden",
        `a signed-in request that changes something needs the '${CSRF_HEADER}' header`,
      );
    }
    c.set("principal", {
      orgId: session.orgId,
      role: session.role,
      tokenId: null,
      personId: session.personId,
      sessionId: session.sessionId,
    });
    return next();
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
