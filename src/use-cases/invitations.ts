// Personal single-use invitations (docs/anonymity.md): a ritual with any invitation is invitation-only, and each
// invitation yields exactly one participation (joined again, the same one), so the k rule counts people rather
// than joins of a link.
import { AppError } from "../domain/app-error.ts";
import {
  invitationHash,
  invitedParticipationSecret,
  MAX_INVITATIONS_PER_REQUEST,
  newSecret,
  opaqueId,
} from "../domain/anonymity.ts";
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
 * Uses the invitation a join presents, in the caller's transaction under the ritual's lock: the participation
 * token it yields when the ritual is invitation-only, null when the ritual is open-link and none was given.
 * Joining again with the same invitation yields the same token, so the participation it stands for goes on
 * (its one answer included) rather than a second one starting.
 */
export async function consumeInvitation(
  db: Database,
  services: Services,
  ritual: InvitedRitual,
  invitation: string | undefined,
): Promise<string | null> {
  const invitationOnly = (await repo.countInvitations(db, ritual)) > 0;
  if (!invitationOnly) {
    if (invitation) throw new AppError("conflict", "this link takes no invitations: join without one");
    return null;
  }
  if (!invitation) {
    throw new AppError(
      "unauthenticated",
      "this ritual is by invitation only: send your invitation as 'X-Invitation'",
    );
  }
  const key = anonymityKeyOf(services);
  const hash = invitationHash(key, invitation);
  // Written once, at the first join: a join again rewrites nothing that could date it.
  if (!(await repo.useInvitation(db, ritual, hash)) && !(await repo.findInvitation(db, ritual, hash)))
    throw new AppError("unauthenticated", "the invitation is not one of this ritual's");
  return invitedParticipationSecret(key, ritual, invitation);
}

/** Whether a ritual is invitation-only: then an open-link join must not slip in between the two transactions. */
export async function isInvitationOnly(db: Database, ritual: InvitedRitual): Promise<boolean> {
  return (await repo.countInvitations(db, ritual)) > 0;
}

/** How many invitations a ritual was issued in all, used or not: it says nothing of who joined, or when. */
export async function countIssuedInvitations(db: Database, ritual: InvitedRitual): Promise<number> {
  return repo.countInvitations(db, ritual);
}
