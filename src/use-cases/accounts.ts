// Signing in with a local account, browser sessions (cookie + CSRF token) and their revocation.
import { randomBytes } from "node:crypto";
import { hashSecretText } from "../domain/anonymity.ts";
import { AppError } from "../domain/app-error.ts";
import {
  hashPassword,
  MIN_PASSWORD_LENGTH,
  needsRehash,
  UNMATCHABLE_HASH,
  verifyPassword,
  type ScryptCost,
} from "../domain/password.ts";
import type { Role } from "../domain/policy.ts";
import * as accounts from "../store/account-repository.ts";
import { findPerson } from "../store/org-repository.ts";
import { audit, CLI_ACTOR, type Actor } from "./audit.ts";
import { inTransaction, type Services } from "./services.ts";

export const SESSION_DAYS = 7;

export interface SignedIn {
  orgId: string;
  personId: string;
  name: string;
  role: Role;
  csrfToken: string;
  sessionId: string;
}

export async function createAccount(
  services: Services,
  input: { orgId: string; personId: string; email: string; password: string; role: Role; actor?: Actor },
  options: {
    /** Hash at another cost than the recommended one: for tests only, and only when they say so. */
    passwordCost?: ScryptCost;
    /** The password's hash, already made (the demo's accounts share one published password). */
    passwordHash?: string;
  } = {},
): Promise<void> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw AppError.invalid("the password is too short", [
      { path: "password", message: `must be at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)) {
    throw AppError.invalid("invalid email", [{ path: "email", message: "must be an email address" }]);
  }
  const passwordHash = options.passwordHash ?? (await hashPassword(input.password, options.passwordCost));
  await inTransaction(services, async (db) => {
    if (!(await findPerson(db, input.orgId, input.personId))) {
      throw AppError.invalid("unknown person", [
        { path: "person", message: `unknown person '${input.personId}'` },
      ]);
    }
    const other = await accounts.findUserByEmail(db, input.email);
    if (other && (other.orgId !== input.orgId || other.personId !== input.personId)) {
      throw new AppError("conflict", `the email ${input.email} belongs to another account`);
    }
    await accounts.saveUser(db, {
      orgId: input.orgId,
      personId: input.personId,
      email: input.email,
      passwordHash,
      role: input.role,
    });
    await audit(db, services, input.orgId, input.actor ?? CLI_ACTOR, {
      action: "account.put",
      targetType: "person",
      targetId: input.personId,
      details: { role: input.role },
    });
  });
}

/** Signs in: a new session (its secret goes in the cookie, only its hash is stored) and its CSRF token. */
export async function signIn(
  services: Services,
  email: string,
  password: string,
): Promise<SignedIn & { secret: string }> {
  const db = services.store.db;
  const user = await accounts.findUserByEmail(db, email);
  // Hash even for an unknown email, so the answer takes as long either way and says nothing about who exists.
  const ok = await verifyPassword(password, user?.passwordHash ?? UNMATCHABLE_HASH);
  if (!user || !ok || user.disabledAt)
    throw new AppError("unauthenticated", "the email or the password is wrong");
  // A hash made at an older, lower cost is made again at today's, now that the password is known.
  if (needsRehash(user.passwordHash)) {
    await accounts.setPasswordHash(db, user.orgId, user.personId, await hashPassword(password));
  }
  const person = await findPerson(db, user.orgId, user.personId);
  const secret = `pls_${randomBytes(32).toString("base64url")}`;
  const now = services.clock();
  const session = {
    orgId: user.orgId,
    id: `ses_${randomBytes(8).toString("hex")}`,
    secretHash: hashSecretText(secret),
    personId: user.personId,
    csrfToken: randomBytes(24).toString("base64url"),
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
  };
  await accounts.insertSession(db, session);
  return {
    secret,
    orgId: user.orgId,
    personId: user.personId,
    name: person?.name ?? user.personId,
    role: user.role,
    csrfToken: session.csrfToken,
    sessionId: session.id,
  };
}

/** The live session a cookie names, with its account; null when unknown, expired, revoked or disabled. */
export async function sessionFor(services: Services, secret: string): Promise<SignedIn | null> {
  const db = services.store.db;
  const session = await accounts.findSessionByHash(db, hashSecretText(secret));
  if (!session || session.revokedAt || session.expiresAt <= services.clock()) return null;
  const user = await accounts.findUser(db, session.orgId, session.personId);
  if (!user || user.disabledAt) return null;
  const person = await findPerson(db, session.orgId, session.personId);
  return {
    orgId: session.orgId,
    personId: session.personId,
    name: person?.name ?? session.personId,
    role: user.role,
    csrfToken: session.csrfToken,
    sessionId: session.id,
  };
}

export async function signOut(services: Services, signedIn: SignedIn): Promise<void> {
  await accounts.revokeSession(services.store.db, signedIn.orgId, signedIn.sessionId, services.clock());
}

export async function revokeSessionsOf(
  services: Services,
  orgId: string,
  personId: string,
  actor: Actor,
): Promise<number> {
  return inTransaction(services, async (db) => {
    if (!(await findPerson(db, orgId, personId))) throw AppError.notFound("person", personId);
    const revoked = await accounts.revokeSessionsOf(db, orgId, personId, services.clock());
    await audit(db, services, orgId, actor, {
      action: "sessions.revoke",
      targetType: "person",
      targetId: personId,
      details: { revoked },
    });
    return revoked;
  });
}
