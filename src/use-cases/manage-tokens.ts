// API tokens: created with a secret shown once, stored as a hash, recognisable by prefix, expiring, revocable.
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../domain/app-error.ts";
import type { Role } from "../domain/policy.ts";
import { toIsoDate } from "../domain/primitives.ts";
import { hasLeft } from "../domain/record-policy.ts";
import { checkTokenRequest } from "../domain/token-policy.ts";
import {
  findOrg,
  findTokenByHash,
  insertToken,
  listTokens,
  revokeToken,
  touchToken,
  type TokenRecord,
} from "../store/org-repository.ts";
import { findPerson } from "../store/org-repository.ts";
import { audit, CLI_ACTOR, type Actor } from "./audit.ts";
import { inTransaction, type Services } from "./services.ts";

export type { TokenRecord };

export const TOKEN_PREFIX = "plb_";

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export interface CreatedToken {
  token: TokenRecord;
  /** The whole secret: shown once, never stored. */
  secret: string;
}

export async function createToken(
  services: Services,
  input: {
    orgId: string;
    name: string;
    role: Role;
    expiresInDays: number | null;
    personId?: string | null;
    actor?: Actor;
    /** The caller's role (the local command line acts as an admin). */
    actorRole?: Role;
    /** Why an admin creates a token that acts as someone else. */
    reason?: string | undefined;
  },
): Promise<CreatedToken> {
  const actor = input.actor ?? CLI_ACTOR;
  const { onBehalf } = checkTokenRequest(actor, input.actorRole ?? "admin", {
    role: input.role,
    personId: input.personId ?? null,
    reason: input.reason,
  });
  return inTransaction(services, async (db) => {
    if (!(await findOrg(db, input.orgId))) throw AppError.notFound("org", input.orgId);
    if (input.personId) {
      const person = await findPerson(db, input.orgId, input.personId);
      if (!person) {
        throw AppError.invalid("unknown person", [
          { path: "person", message: `unknown person '${input.personId}'` },
        ]);
      }
      if (hasLeft(person, toIsoDate(services.clock()))) {
        throw new AppError("forbidden", `'${input.personId}' has left the org: no token acts as them`);
      }
    }
    const secret = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
    const now = services.clock();
    const token = await insertToken(db, {
      id: `tok_${randomBytes(6).toString("hex")}`,
      orgId: input.orgId,
      name: input.name,
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      role: input.role,
      personId: input.personId ?? null,
      expiresAt:
        input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * 86_400_000),
      secretHash: hashSecret(secret),
    });
    await audit(db, services, input.orgId, actor, {
      action: onBehalf ? "token.create_on_behalf" : "token.create",
      targetType: "token",
      targetId: token.id,
      details: {
        role: token.role,
        person: token.personId,
        name: token.name,
        expires_at: token.expiresAt?.toISOString() ?? null,
        ...(onBehalf && input.reason ? { reason: input.reason.trim() } : {}),
      },
    });
    return { token, secret };
  });
}

/** The token a bearer secret belongs to, when it is live; null for unknown, revoked or expired secrets. */
export async function authenticate(services: Services, secret: string): Promise<TokenRecord | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const token = await findTokenByHash(services.store.db, hashSecret(secret));
  const now = services.clock();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
  // Recording use is best-effort: a failed write must not refuse a valid request. It is recorded once a day
  // at most, as a day: a finer time, or a write just before each request, would date what the token did.
  const today = toIsoDate(now);
  if (token.lastUsedOn !== today) {
    await touchToken(services.store.db, token.orgId, token.id, today).catch(() => undefined);
  }
  return token;
}

export function listOrgTokens(services: Services, orgId: string): Promise<TokenRecord[]> {
  return listTokens(services.store.db, orgId);
}

export async function revokeOrgToken(
  services: Services,
  orgId: string,
  id: string,
  actor: Actor = CLI_ACTOR,
): Promise<void> {
  await inTransaction(services, async (db) => {
    if (!(await revokeToken(db, orgId, id, services.clock()))) throw AppError.notFound("live token", id);
    await audit(db, services, orgId, actor, { action: "token.revoke", targetType: "token", targetId: id });
  });
}
