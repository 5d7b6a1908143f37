// Pre-mortems: a facilitator opens a session and shares a link; anyone with it submits risks, anonymously if
// allowed; the group votes; the facilitator merges duplicates and promotes items to the risk register.
// Anonymous risks are sealed on arrival and released in shuffled batches (docs/anonymity.md).
import { randomUUID } from "node:crypto";
import { AppError } from "../domain/app-error.ts";
import {
  effectiveGroupSize,
  hashSecretText,
  newSecret,
  opaqueId,
  RELEASE_BATCH,
  shuffled,
  voterKey,
  whyWithheld,
} from "../domain/anonymity.ts";
import type { IsoDate, Level } from "../domain/primitives.ts";
import { toIsoDate } from "../domain/primitives.ts";
import { findInitiative } from "../store/initiative-repository.ts";
import { publishEvent } from "../store/event-repository.ts";
import type { Database } from "../store/open-store.ts";
import { findPerson } from "../store/org-repository.ts";
import * as repo from "../store/premortem-repository.ts";
import type { PremortemItem, PremortemSession } from "../store/premortem-repository.ts";
import * as sealed from "../store/sealed-repository.ts";
import { audit, type Actor } from "./audit.ts";
import { changeInitiative } from "./change-initiative.ts";
import { consumeInvitation, isInvitationOnly, issueInvitations } from "./invitations.ts";
import { anonymityKeyOf, inTransaction, type Services } from "./services.ts";

/**
 * Tells the live stream a session changed: a named item came in, or its facilitator moved it on, merged or
 * promoted. Never for an anonymous submission, a release of sealed risks or a vote (docs/anonymity.md).
 */
async function announce(db: Database, services: Services, session: PremortemSession, change: string) {
  await publishEvent(
    db,
    session.orgId,
    {
      type: "premortem.changed",
      initiativeId: session.initiativeId,
      data: { change, premortem: session.id },
    },
    services.clock(),
  );
}

/** Bounds that keep one link from flooding a session, without linking anything to anyone. */
export const LIMITS = { participantsPerSession: 300, submissionsPerParticipant: 10 } as const;

export interface ItemInput {
  risk: string;
  likelihood: Level;
  impact: Level;
  earlyWarning: string | null;
  mitigation: string | null;
}

export async function openPremortem(
  services: Services,
  input: {
    orgId: string;
    initiativeId: string;
    title: string;
    facilitatorId: string;
    allowAnonymous: boolean;
    minGroupSize?: number | undefined;
    actor: Actor;
  },
) {
  return inTransaction(services, async (db) => {
    if (!(await findInitiative(db, input.orgId, input.initiativeId)))
      throw AppError.notFound("initiative", input.initiativeId);
    if (!(await findPerson(db, input.orgId, input.facilitatorId))) {
      throw AppError.invalid("unknown facilitator", [
        { path: "facilitator", message: `unknown person '${input.facilitatorId}'` },
      ]);
    }
    const { secret, hash } = newSecret("pms_");
    const session = {
      orgId: input.orgId,
      initiativeId: input.initiativeId,
      id: opaqueId("pm_"),
      title: input.title,
      facilitatorId: input.facilitatorId,
      shareHash: hash,
      allowAnonymous: input.allowAnonymous,
      state: "collecting" as const,
      openedOn: toIsoDate(services.clock()),
      minGroupSize: effectiveGroupSize(input.minGroupSize),
    };
    await repo.insertSession(db, session);
    await audit(db, services, input.orgId, input.actor, {
      action: "premortem.open",
      targetType: "premortem",
      targetId: session.id,
      details: {
        initiative: input.initiativeId,
        allow_anonymous: input.allowAnonymous,
        min_group_size: session.minGroupSize,
      },
    });
    return { session: { ...session, shareHash: undefined }, shareSecret: secret };
  });
}

async function sessionByShare(db: Database, shareSecret: string) {
  const session = await repo.findSessionByShareHash(db, hashSecretText(shareSecret));
  // One answer for a wrong link and a closed one would leak nothing; a closed session says so plainly.
  if (!session) throw AppError.notFound("pre-mortem link", "(given)");
  return session;
}

/**
 * A participation token for the link's session: it limits floods and is linked to no one. A session with
 * invitations is invitation-only: the join presents one of its invitations, which is used in a transaction of its
 * own (under the session's lock) before the participant is written in another, so no row ties the invitation to
 * the participant by transaction. An invitation always yields the same token: joined again (another device, a
 * closed tab), it goes on with the same participation, its risks and votes, rather than starting a second.
 */
export async function joinPremortem(services: Services, shareSecret: string, invitation?: string) {
  const found = await sessionByShare(services.store.db, shareSecret);
  const ritual = invitedRitualOf(found);
  const invited = await inTransaction(services, async (db) => {
    await openForJoining(db, found);
    return consumeInvitation(db, services, ritual, invitation);
  });
  return inTransaction(services, async (db) => {
    // Joins of one session take turns on its row, so the count below holds until this join commits: the cap
    // is exact however many join at once, and racing joins with one invitation write its participant once.
    // Invitations never outnumber the cap, so an invited join fits.
    const session = await openForJoining(db, found);
    const joined = invited ? { secret: invited, hash: hashSecretText(invited) } : newSecret("ppt_");
    if (invited) {
      if (!(await repo.findParticipant(db, session, joined.hash, { lock: false })))
        await repo.insertParticipant(db, session, joined.hash);
    } else {
      if (await isInvitationOnly(db, ritual))
        throw new AppError(
          "unauthenticated",
          "this ritual is by invitation only: send your invitation as 'X-Invitation'",
        );
      if ((await repo.countParticipants(db, session)) >= LIMITS.participantsPerSession) {
        throw new AppError("conflict", "this pre-mortem has as many participants as it takes");
      }
      await repo.insertParticipant(db, session, joined.hash);
    }
    return { participationToken: joined.secret, session: publicSession(session) };
  });
}

async function openForJoining(db: Database, found: PremortemSession) {
  const session = await repo.lockSession(db, found);
  if (!session) throw AppError.notFound("pre-mortem link", "(given)");
  if (session.state === "closed") throw new AppError("conflict", "this pre-mortem is closed");
  return session;
}

const invitedRitualOf = (session: PremortemSession) => ({
  orgId: session.orgId,
  kind: "premortem" as const,
  ritualId: session.id,
});

/**
 * Facilitator: personal single-use invitations to the session, their secrets shown once. From the first, the
 * session is invitation-only: its open link no longer lets anyone join without one.
 */
export async function invitePremortem(
  services: Services,
  input: {
    orgId: string;
    initiativeId: string;
    sessionId: string;
    personId: string | null;
    count: number;
    actor: Actor;
  },
) {
  return inTransaction(services, async (db) => {
    const session = await openForJoining(db, await facilitated(db, input));
    const secrets = await issueInvitations(db, services, invitedRitualOf(session), {
      count: input.count,
      participants: await repo.countParticipants(db, session),
      cap: LIMITS.participantsPerSession,
    });
    await audit(db, services, input.orgId, input.actor, {
      action: "premortem.invite",
      targetType: "premortem",
      targetId: session.id,
      details: { count: input.count },
    });
    return secrets;
  });
}

async function participant(
  db: Database,
  session: PremortemSession,
  token: string | undefined,
  options: { lock: boolean },
) {
  if (!token)
    throw new AppError(
      "unauthenticated",
      "send the participation token from /join as 'X-Participation-Token'",
    );
  const hash = hashSecretText(token);
  const found = await repo.findParticipant(db, session, hash, options);
  if (!found)
    throw new AppError("unauthenticated", "the participation token is not one of this pre-mortem's");
  return found;
}

/** What an anonymous submission is answered with: it is sealed, and has no id anyone could look for yet. */
export interface Sealed {
  sealed: true;
}

/**
 * An anonymous submission through the share link: no author, no audit event, no event on the live stream.
 * The participant's count is raised in one transaction, the risk sealed in another that writes nothing else,
 * and it reaches the session's items only in a shuffled batch, with a random id and the day only.
 */
export async function submitAnonymously(
  services: Services,
  shareSecret: string,
  token: string | undefined,
  item: ItemInput,
): Promise<Sealed> {
  const session = await inTransaction(services, async (db) => {
    const session = await sessionByShare(db, shareSecret);
    if (!session.allowAnonymous)
      throw new AppError("forbidden", "this pre-mortem takes named submissions only");
    if (session.state !== "collecting")
      throw new AppError("conflict", "this pre-mortem no longer takes new risks");
    const found = await participant(db, session, token, { lock: true });
    if (found.submissions >= LIMITS.submissionsPerParticipant) {
      throw new AppError("conflict", `at most ${LIMITS.submissionsPerParticipant} risks per participant`);
    }
    await repo.countSubmission(db, session, found.tokenHash);
    return session;
  });
  await inTransaction(services, (db) => seal(db, services, session, item));
  await releaseWhenEnough(services, session);
  return { sealed: true };
}

const ritualOf = (session: PremortemSession) => ({
  orgId: session.orgId,
  kind: "premortem_item" as const,
  ritualId: session.id,
});

/** The sealed row: a random id, the session, the risk and the day; written in a transaction of its own. */
async function seal(db: Database, services: Services, session: PremortemSession, item: ItemInput) {
  await sealed.insertSealed(db, anonymityKeyOf(services), {
    id: randomUUID(),
    ...ritualOf(session),
    initiativeId: session.initiativeId,
    payload: { ...item },
    sealedOn: toIsoDate(services.clock()),
  });
}

/** Releases the session's sealed risks once a batch is waiting, or all of them once it no longer collects. */
async function releaseWhenEnough(services: Services, session: PremortemSession) {
  await inTransaction(services, async (db) => {
    const locked = await repo.lockSession(db, session);
    if (locked) await releaseSealed(db, services, locked, locked.state !== "collecting");
  });
}

/**
 * Moves the sealed risks into the session's items, under the session's lock: shuffled, with fresh random ids,
 * in one statement, with no event. With `all` false, nothing moves until at least a batch is waiting.
 */
async function releaseSealed(db: Database, services: Services, session: PremortemSession, all: boolean) {
  const ritual = ritualOf(session);
  if (!all && (await sealed.countSealed(db, ritual)) < RELEASE_BATCH) return;
  const waiting = await sealed.takeSealed(db, anonymityKeyOf(services), ritual);
  await repo.insertItems(
    db,
    shuffled(waiting).map((w) => ({
      ...itemRow(session, opaqueId("pmi_"), w.payload as unknown as ItemInput, w.sealedOn),
      raisedBy: null,
    })),
  );
}

/** A submission by a signed-in person, who may still ask to stay anonymous: then they are stored nowhere. */
export async function submitAsPerson(
  services: Services,
  input: {
    orgId: string;
    initiativeId: string;
    sessionId: string;
    personId: string;
    anonymous: boolean;
    item: ItemInput;
  },
): Promise<{ id: string } | Sealed> {
  const outcome = await inTransaction<{ id: string } | { session: PremortemSession }>(
    services,
    async (db) => {
      const session = await repo.findSession(db, input.orgId, input.initiativeId, input.sessionId);
      if (!session) throw AppError.notFound("pre-mortem", input.sessionId);
      if (input.anonymous && !session.allowAnonymous)
        throw new AppError("forbidden", "this pre-mortem takes named submissions only");
      if (session.state !== "collecting")
        throw new AppError("conflict", "this pre-mortem no longer takes new risks");
      // Anonymous: sealed like a share link's risk, in a transaction that writes nothing else.
      if (input.anonymous) {
        await seal(db, services, session, input.item);
        return { session };
      }
      const id = opaqueId("pmi_");
      await repo.insertItem(db, {
        ...itemRow(session, id, input.item, toIsoDate(services.clock())),
        raisedBy: input.personId,
      });
      await announce(db, services, session, "item");
      return { id };
    },
  );
  if (!("session" in outcome)) return outcome;
  await releaseWhenEnough(services, outcome.session);
  return { sealed: true };
}

function itemRow(session: PremortemSession, id: string, item: ItemInput, day: IsoDate | string) {
  return {
    orgId: session.orgId,
    initiativeId: session.initiativeId,
    sessionId: session.id,
    id,
    risk: item.risk,
    likelihood: item.likelihood,
    impact: item.impact,
    earlyWarning: item.earlyWarning,
    mitigation: item.mitigation,
    submittedOn: day,
  };
}

/**
 * A participant's vote on an item's likelihood and impact. Voting again appends a new vote that supersedes
 * theirs (the tally counts each voter's latest); the transaction writes that one row and nothing else.
 */
export async function voteOnItem(
  services: Services,
  shareSecret: string,
  token: string | undefined,
  itemId: string,
  vote: { likelihood: Level; impact: Level },
) {
  return inTransaction(services, async (db) => {
    const session = await sessionByShare(db, shareSecret);
    if (session.state !== "voting") throw new AppError("conflict", "this pre-mortem is not voting now");
    const found = await participant(db, session, token, { lock: false });
    const item = await repo.findItem(db, session, itemId);
    if (!item || item.mergedInto !== null) throw AppError.notFound("item", itemId);
    await repo.appendVote(db, {
      orgId: session.orgId,
      initiativeId: session.initiativeId,
      sessionId: session.id,
      itemId,
      voterKey: voterKey(anonymityKeyOf(services), found.tokenHash, itemId),
      ...vote,
    });
  });
}

async function facilitated(
  db: Database,
  input: { orgId: string; initiativeId: string; sessionId: string; personId: string | null },
) {
  const session = await repo.findSession(db, input.orgId, input.initiativeId, input.sessionId);
  if (!session) throw AppError.notFound("pre-mortem", input.sessionId);
  if (session.facilitatorId !== input.personId)
    throw new AppError("forbidden", "only the session's facilitator may do this");
  return session;
}

export async function setPremortemState(
  services: Services,
  input: {
    orgId: string;
    initiativeId: string;
    sessionId: string;
    personId: string | null;
    state: PremortemSession["state"];
    actor: Actor;
  },
) {
  return inTransaction(services, async (db) => {
    const session = await facilitated(db, input);
    const order = ["collecting", "voting", "closed"];
    if (order.indexOf(input.state) < order.indexOf(session.state)) {
      throw new AppError("conflict", `a pre-mortem moves forward only: it is ${session.state}`);
    }
    // Whatever is still sealed is released as the session moves on, so no risk waits for a batch forever.
    const locked = await repo.lockSession(db, session);
    if (locked) await releaseSealed(db, services, locked, true);
    await repo.setSessionState(db, session, input.state);
    await audit(db, services, input.orgId, input.actor, {
      action: "premortem.state",
      targetType: "premortem",
      targetId: session.id,
      details: { from: session.state, to: input.state },
    });
    await announce(db, services, session, "state");
  });
}

export async function mergeItems(
  services: Services,
  input: {
    orgId: string;
    initiativeId: string;
    sessionId: string;
    personId: string | null;
    from: string;
    into: string;
    actor: Actor;
  },
) {
  return inTransaction(services, async (db) => {
    // Facilitation of one session takes turns on its row, so two merges cannot make a chain between them.
    const session = await repo.lockSession(db, await facilitated(db, input));
    if (!session) throw AppError.notFound("pre-mortem", input.sessionId);
    const from = await repo.findItem(db, session, input.from);
    const into = await repo.findItem(db, session, input.into);
    if (!from || !into || from.id === into.id || into.mergedInto !== null) {
      throw AppError.invalid("cannot merge those items", [
        { path: "into", message: "name two different items that are not merged already" },
      ]);
    }
    if (from.mergedInto !== null)
      throw new AppError("conflict", `item '${from.id}' is already merged into '${from.mergedInto}'`);
    await repo.insertMerge(db, {
      orgId: session.orgId,
      initiativeId: session.initiativeId,
      sessionId: session.id,
      itemId: from.id,
      intoId: into.id,
      mergedBy: session.facilitatorId,
      mergedOn: toIsoDate(services.clock()),
    });
    await audit(db, services, input.orgId, input.actor, {
      action: "premortem.merge",
      targetType: "premortem",
      targetId: session.id,
      details: { from: from.id, into: into.id },
    });
    await announce(db, services, session, "merge");
  });
}

/** Promotes an item to the initiative's risk register with an owner; its author (if named) stays its raiser. */
export async function promoteItem(
  services: Services,
  input: {
    orgId: string;
    initiativeId: string;
    sessionId: string;
    personId: string | null;
    itemId: string;
    ownerId: string;
    actor: Actor;
  },
) {
  const session = await inTransaction(services, (db) => facilitated(db, input));
  const item = await repo.findItem(services.store.db, session, input.itemId);
  if (!item || item.mergedInto !== null) throw AppError.notFound("item", input.itemId);
  if (item.promotedRiskId)
    throw new AppError("conflict", `already promoted as risk '${item.promotedRiskId}'`);
  const riskId = `risk-${item.id.slice(4, 12)}`;
  await changeInitiative(
    services,
    input.orgId,
    input.initiativeId,
    {
      apply(document) {
        document.risks = [
          ...(document.risks ?? []),
          {
            id: riskId,
            risk: item.risk,
            likelihood: item.likelihood as Level,
            impact: item.impact as Level,
            ...(item.earlyWarning ? { early_warning: item.earlyWarning } : {}),
            ...(item.mitigation ? { mitigation: item.mitigation } : {}),
            owner: input.ownerId,
            ...(item.raisedBy ? { by: item.raisedBy } : {}),
            raised_on: item.submittedOn,
          },
        ];
      },
      at: (document) => ["risks", (document.risks ?? []).length - 1],
      audit: {
        action: "premortem.promote",
        targetType: "risk",
        targetId: riskId,
        details: { premortem: session.id },
      },
      // Recorded with the risk, in its transaction: an item promoted twice at once conflicts on the key.
      afterSave: async (db) => {
        await repo.insertPromotion(db, {
          orgId: session.orgId,
          initiativeId: session.initiativeId,
          sessionId: session.id,
          itemId: item.id,
          riskId,
          promotedBy: session.facilitatorId,
          promotedOn: toIsoDate(services.clock()),
        });
      },
    },
    input.actor,
  );
  return { riskId };
}

/**
 * The answer to a PATCH or DELETE of a pre-mortem's record (an item, a vote): what happened stays, and here is
 * how to correct it.
 */
function recordIsFixed(record: "item" | "vote", verb: "changed" | "removed"): AppError {
  const correct =
    record === "item"
      ? "merge a duplicate into another (POST …/premortems/{session}/merge) or promote it to the risk register " +
        "(POST …/items/{item}/promote)"
      : "vote again (POST …/items/{item}/votes): your new vote supersedes your last, which stays in the history";
  return new AppError(
    "conflict",
    `a pre-mortem ${record} is a record of what happened and is never ${verb}: ${correct}`,
  );
}

/** A PATCH or DELETE of an item: not found as any read would say, else refused with how to correct it. */
export async function refuseItemChange(
  services: Services,
  input: { orgId: string; initiativeId: string; sessionId: string; itemId: string },
  verb: "changed" | "removed",
): Promise<never> {
  const db = services.store.db;
  const session = await repo.findSession(db, input.orgId, input.initiativeId, input.sessionId);
  if (!session) throw AppError.notFound("pre-mortem", input.sessionId);
  if (!(await repo.findItem(db, session, input.itemId))) throw AppError.notFound("item", input.itemId);
  throw recordIsFixed("item", verb);
}

/** A PATCH or DELETE of a vote through the share link: refused with how to vote again. */
export async function refuseVoteChange(
  services: Services,
  shareSecret: string,
  verb: "changed" | "removed",
): Promise<never> {
  await sessionByShare(services.store.db, shareSecret);
  throw recordIsFixed("vote", verb);
}

function publicSession(session: PremortemSession) {
  return {
    id: session.id,
    title: session.title,
    state: session.state,
    allow_anonymous: session.allowAnonymous,
  };
}

export interface ItemView {
  id: string;
  risk: string;
  likelihood: string;
  impact: string;
  early_warning: string | null;
  mitigation: string | null;
  /** The named author, or null: anonymous items have none anywhere. */
  raised_by: string | null;
  submitted_on: string;
  merged_into: string | null;
  promoted_risk: string | null;
  /**
   * The group's votes, shown only once the session is closed and at least k people voted on the item, each by a
   * personal invitation.
   */
  votes:
    | { voters: number; likelihood: Record<string, number>; impact: Record<string, number> }
    | { withheld: string };
}

/** The session with its items and, where the k rule allows, the group's votes. */
export async function viewPremortem(
  services: Services,
  session: PremortemSession,
): Promise<{
  session: ReturnType<typeof publicSession> & {
    facilitator: string;
    opened_on: string;
    min_group_size: number;
  };
  items: ItemView[];
}> {
  const db = services.store.db;
  const [items, votes, invitationOnly] = await Promise.all([
    repo.listItems(db, session),
    repo.listCurrentVotes(db, session),
    isInvitationOnly(db, invitedRitualOf(session)),
  ]);
  const closed = session.state === "closed";
  return {
    session: {
      ...publicSession(session),
      facilitator: session.facilitatorId,
      opened_on: session.openedOn,
      min_group_size: session.minGroupSize,
    },
    items: items.map((item: PremortemItem) => {
      const mine = votes.filter((v) => v.itemId === item.id);
      const tally = (key: "likelihood" | "impact") =>
        Object.fromEntries(
          ["low", "medium", "high"].map((level) => [level, mine.filter((v) => v[key] === level).length]),
        );
      const withheld = whyWithheld(
        { respondents: mine.length, k: session.minGroupSize, closed, invitationOnly },
        { gave: "voted", ritual: "session" },
      );
      return {
        id: item.id,
        risk: item.risk,
        likelihood: item.likelihood,
        impact: item.impact,
        early_warning: item.earlyWarning,
        mitigation: item.mitigation,
        raised_by: item.raisedBy,
        submitted_on: item.submittedOn,
        merged_into: item.mergedInto,
        promoted_risk: item.promotedRiskId,
        votes:
          withheld === null
            ? { voters: mine.length, likelihood: tally("likelihood"), impact: tally("impact") }
            : { withheld },
      };
    }),
  };
}

export async function viewByShare(services: Services, shareSecret: string) {
  return viewPremortem(services, await sessionByShare(services.store.db, shareSecret));
}

export const listPremortems = (services: Services, orgId: string, initiativeId: string) =>
  repo.listSessions(services.store.db, orgId, initiativeId);
export const findPremortem = (services: Services, orgId: string, initiativeId: string, id: string) =>
  repo.findSession(services.store.db, orgId, initiativeId, id);
