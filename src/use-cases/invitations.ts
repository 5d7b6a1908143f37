// Personal single-use invitations (docs/anonymity.md): a ritual with any invitation is invitation-only, and each
// invitation yields exactly one participation, so the k rule counts people rather than joins of a link.
import { AppError } from "../domain/app-error.ts";
import { invitationHash, MAX_INVITATIONS_PER_REQUEST, newSecret, opaqueId } from "../domain/anonymity.ts";
import { toIsoDate } from "../domain/primitives.ts";
import * as repo from "../store/invitation-repository.ts";
import type { InvitedRitual } from "../store/invitation-repository.ts";
import type { Database } from "../store/open-store.ts";
import { anonymityKeyOf, type Services } from "./services.ts";

/**
 * New invitations for a ritual whose row the caller has locked: their one-time secrets, shown once. Issued only
 * before anyone joined by the open link (or once the ritual takes invitations already), and never more in all
 * than the ritual takes participants.
 */
export async function issueInvitations(
  db: Database,
  services: Services,
  ritual: InvitedRitual,
  input: { count: number; participants: number; cap: number },
): Promise<string[]> {
  if (input.count < 1 || input.count > MAX_INVITATIONS_PER_REQUEST) {
    throw AppError.invalid("invalid count", [
      { path: "count", message: `ask for 1 to ${MAX_INVITATIONS_PER_REQUEST} invitations` },
    ]);
  }
  const issued = await repo.countInvitations(db, ritual);
  if (issued === 0 && input.participants > 0) {
    throw new AppError(
      "conflict",
      "people joined by the open link already: invitations are issued before anyone joins",
    );
  }
  if (issued + input.count > input.cap) {
    throw new AppError("conflict", `at most ${input.cap} invitations in all (${issued} issued)`);
  }
  const key = anonymityKeyOf(services);
  const issuedOn = toIsoDate(services.clock());
  const secrets = Array.from({ length: input.count }, () => newSecret("piv_").secret);
  await repo.insertInvitations(
    db,
    ritual,
    secrets.map((secret) => ({ id: opaqueId("inv_"), secretHash: invitationHash(key, secret), issuedOn })),
  );
  return secrets;
}

/**
 * Uses the invitation a join presents, in the caller's transaction under the ritual's lock: true when the ritual
 * is invitation-only and this join used its invitation, false when the ritual is open-link and none was given.
 */
export async function consumeInvitation(
  db: Database,
  services: Services,
  ritual: InvitedRitual,
  invitation: string | undefined,
): Promise<boolean> {
  const invitationOnly = (await repo.countInvitations(db, ritual)) > 0;
  if (!invitationOnly) {
    if (invitation) throw new AppError("conflict", "this link takes no invitations: join without one");
    return false;
  }
  if (!invitation) {
    throw new AppError(
      "unauthenticated",
      "this ritual is by invitation only: send your invitation as 'X-Invitation'",
    );
  }
  const hash = invitationHash(anonymityKeyOf(services), invitation);
  if (await repo.useInvitation(db, ritual, hash)) return true;
  if (await repo.findInvitation(db, ritual, hash))
    throw new AppError("conflict", "this invitation has been used");
  throw new AppError("unauthenticated", "the invitation is not one of this ritual's");
}

/** Whether a ritual is invitation-only: then an open-link join must not slip in between the two transactions. */
export async function isInvitationOnly(db: Database, ritual: InvitedRitual): Promise<boolean> {
  return (await repo.countInvitations(db, ritual)) > 0;
}

/** How many invitations a ritual was issued in all, used or not: it says nothing of who joined, or when. */
export async function countIssuedInvitations(db: Database, ritual: InvitedRitual): Promise<number> {
  return repo.countInvitations(db, ritual);
}
