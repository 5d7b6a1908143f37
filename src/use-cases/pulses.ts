// Psychological-safety pulses: a team answers Edmondson's seven items anonymously; results obey the k rule.
// Answers are sealed on arrival and released in shuffled batches (docs/anonymity.md).
import { randomUUID } from "node:crypto";
import { AppError } from "../domain/app-error.ts";
import {
  effectiveGroupSize,
  hashSecretText,
  newSecret,
  opaqueId,
  RELEASE_BATCH,
  shuffled,
  whyWithheld,
} from "../domain/anonymity.ts";
import { toIsoDate } from "../domain/primitives.ts";
import { aggregate, PULSE_ITEMS, type PulseAggregate } from "../domain/pulse.ts";
import type { Database } from "../store/open-store.ts";
import { findTeam } from "../store/org-repository.ts";
import * as repo from "../store/pulse-repository.ts";
import type { PulseSurvey } from "../store/pulse-repository.ts";
import * as sealed from "../store/sealed-repository.ts";
import { audit, type Actor } from "./audit.ts";
import {
  consumeInvitation,
  countIssuedInvitations,
  isInvitationOnly,
  issueInvitations,
} from "./invitations.ts";
import { anonymityKeyOf, inTransaction, type Services } from "./services.ts";

export const MAX_PULSE_PARTICIPANTS = 500;
const SCALE_TEXT = "1 (strongly disagree) to 7 (strongly agree)";

export async function openPulse(
  services: Services,
  input: { orgId: string; teamId: string; minGroupSize?: number | undefined; actor: Actor },
) {
  return inTransaction(services, async (db) => {
    if (!(await findTeam(db, input.orgId, input.teamId))) {
      throw AppError.invalid("unknown team", [{ path: "team", message: `unknown team '${input.teamId}'` }]);
    }
    const { secret, hash } = newSecret("plp_");
    const survey = {
      orgId: input.orgId,
      id: opaqueId("pulse_"),
      teamId: input.teamId,
      shareHash: hash,
      openedOn: toIsoDate(services.clock()),
      minGroupSize: effectiveGroupSize(input.minGroupSize),
    };
    await repo.insertSurvey(db, survey);
    await audit(db, services, input.orgId, input.actor, {
      action: "pulse.open",
      targetType: "pulse",
      targetId: survey.id,
      details: { team: input.teamId, min_group_size: survey.minGroupSize },
    });
    return { survey: { ...survey, closedOn: null }, shareSecret: secret };
  });
}

async function byShare(db: Database, shareSecret: string) {
  const survey = await repo.findSurveyByShareHash(db, hashSecretText(shareSecret));
  if (!survey) throw AppError.notFound("pulse link", "(given)");
  if (survey.closedOn) throw new AppError("conflict", "this pulse is closed");
  return survey;
}

/**
 * A participation token for the pulse. A pulse with invitations is invitation-only: the join presents one of
 * its invitations, used in a transaction of its own under the pulse's lock, before the participant is written in
 * another. An invitation always yields the same token: who joined and left can join again until they answered,
 * and one invitation gives one answer.
 */
export async function joinPulse(services: Services, shareSecret: string, invitation?: string) {
  const found = await byShare(services.store.db, shareSecret);
  const ritual = invitedRitualOf(found);
  const invited = await inTransaction(services, async (db) => {
    await openForJoining(db, found);
    return consumeInvitation(db, services, ritual, invitation);
  });
  return inTransaction(services, async (db) => {
    // Joins take turns on the survey's row: the cap is exact however many join at once, and racing joins with
    // one invitation write its participant once. Invitations never outnumber the cap, so an invited join fits.
    const survey = await openForJoining(db, found);
    const joined = invited ? { secret: invited, hash: hashSecretText(invited) } : newSecret("ppt_");
    if (invited) {
      const known = await repo.findPulseParticipant(db, survey, joined.hash);
      if (known?.answered) throw new AppError("conflict", "this invitation has answered already");
      if (!known) await repo.insertPulseParticipant(db, survey, joined.hash);
    } else {
      if (await isInvitationOnly(db, ritual))
        throw new AppError(
          "unauthenticated",
          "this ritual is by invitation only: send your invitation as 'X-Invitation'",
        );
      if ((await repo.countPulseParticipants(db, survey)) >= MAX_PULSE_PARTICIPANTS) {
        throw new AppError("conflict", "this pulse has as many participants as it takes");
      }
      await repo.insertPulseParticipant(db, survey, joined.hash);
    }
    return {
      participationToken: joined.secret,
      items: PULSE_ITEMS.map((i) => i.text),
      scale: SCALE_TEXT,
    };
  });
}

async function openForJoining(db: Database, found: PulseSurvey) {
  const survey = await repo.lockSurvey(db, found);
  if (!survey) throw AppError.notFound("pulse link", "(given)");
  if (survey.closedOn) throw new AppError("conflict", "this pulse is closed");
  return survey;
}

const invitedRitualOf = (survey: PulseSurvey) => ({
  orgId: survey.orgId,
  kind: "pulse" as const,
  ritualId: survey.id,
});

/** Personal single-use invitations to the pulse, their secrets shown once; from the first it is invitation-only. */
export async function invitePulse(
  services: Services,
  input: { orgId: string; id: string; count: number; actor: Actor },
) {
  return inTransaction(services, async (db) => {
    const found = await repo.findSurvey(db, input.orgId, input.id);
    if (!found) throw AppError.notFound("pulse", input.id);
    const survey = await openForJoining(db, found);
    const secrets = await issueInvitations(db, services, invitedRitualOf(survey), {
      count: input.count,
      participants: await repo.countPulseParticipants(db, survey),
      cap: MAX_PULSE_PARTICIPANTS,
    });
    await audit(db, services, input.orgId, input.actor, {
      action: "pulse.invite",
      targetType: "pulse",
      targetId: survey.id,
      details: { count: input.count },
    });
    return secrets;
  });
}

/**
 * One answer per participation token. The token is marked as having answered in one transaction, the answer
 * sealed in another that writes nothing else; it joins the answers in a shuffled batch, with a random id and the
 * day only.
 */
export async function answerPulse(
  services: Services,
  shareSecret: string,
  token: string | undefined,
  answers: number[],
) {
  const survey = await inTransaction(services, async (db) => {
    const survey = await byShare(db, shareSecret);
    if (!token)
      throw new AppError(
        "unauthenticated",
        "send the participation token from /join as 'X-Participation-Token'",
      );
    if (!(await repo.markAnswered(db, survey, hashSecretText(token)))) {
      throw new AppError("conflict", "this participation token is unknown here or has answered already");
    }
    return survey;
  });
  await inTransaction(services, (db) =>
    sealed.insertSealed(db, anonymityKeyOf(services), {
      id: randomUUID(),
      ...ritualOf(survey),
      initiativeId: null,
      payload: { answers },
      sealedOn: toIsoDate(services.clock()),
    }),
  );
  await inTransaction(services, async (db) => {
    const locked = await repo.lockSurvey(db, survey);
    if (locked) await releaseSealed(db, services, locked, locked.closedOn !== null);
  });
}

const ritualOf = (survey: PulseSurvey) => ({
  orgId: survey.orgId,
  kind: "pulse_answer" as const,
  ritualId: survey.id,
});

/** Moves sealed answers into the survey's, shuffled, under its lock; with `all` false, only a whole batch. */
async function releaseSealed(db: Database, services: Services, survey: PulseSurvey, all: boolean) {
  const ritual = ritualOf(survey);
  if (!all && (await sealed.countSealed(db, ritual)) < RELEASE_BATCH) return;
  const waiting = await sealed.takeSealed(db, anonymityKeyOf(services), ritual);
  await repo.insertResponses(
    db,
    shuffled(waiting).map((w) => ({
      orgId: survey.orgId,
      surveyId: survey.id,
      id: opaqueId("pr_"),
      answers: (w.payload as { answers: number[] }).answers,
      submittedOn: w.sealedOn,
    })),
  );
}

export async function closePulse(services: Services, input: { orgId: string; id: string; actor: Actor }) {
  return inTransaction(services, async (db) => {
    const survey = await repo.findSurvey(db, input.orgId, input.id);
    if (!survey) throw AppError.notFound("pulse", input.id);
    if (survey.closedOn) throw new AppError("conflict", "already closed");
    // Every answer still sealed is released as the pulse closes, before any result is shown.
    const locked = await repo.lockSurvey(db, survey);
    if (locked) await releaseSealed(db, services, locked, true);
    await repo.closeSurvey(db, survey, toIsoDate(services.clock()));
    await audit(db, services, input.orgId, input.actor, {
      action: "pulse.close",
      targetType: "pulse",
      targetId: survey.id,
    });
  });
}

export interface PulseView {
  id: string;
  team: string;
  opened_on: string;
  closed_on: string | null;
  min_group_size: number;
  /**
   * How many personal invitations were issued (0: an open link). It changes only when more are issued, never
   * with a join or an answer, so it dates nobody's participation.
   */
  invitations: number;
  /** The seven statements, in the order of `result.items`. */
  statements: string[];
  /**
   * Shown only once closed and answered by at least k people, each by a personal invitation; otherwise why it
   * is withheld.
   */
  result: PulseAggregate | { withheld: string };
}

export function pulseView(survey: PulseSurvey, answers: number[][], invitations: number): PulseView {
  const withheld = whyWithheld(
    {
      respondents: answers.length,
      k: survey.minGroupSize,
      closed: survey.closedOn !== null,
      invitationOnly: invitations > 0,
    },
    { gave: "answered", ritual: "pulse" },
  );
  return {
    id: survey.id,
    team: survey.teamId,
    opened_on: survey.openedOn,
    closed_on: survey.closedOn,
    min_group_size: survey.minGroupSize,
    invitations,
    statements: PULSE_ITEMS.map((i) => i.text),
    result: withheld === null ? aggregate(answers) : { withheld },
  };
}

async function viewOf(db: Database, survey: PulseSurvey): Promise<PulseView> {
  return pulseView(
    survey,
    await repo.listResponses(db, survey),
    await countIssuedInvitations(db, invitedRitualOf(survey)),
  );
}

export async function viewPulse(services: Services, orgId: string, id: string): Promise<PulseView> {
  const survey = await repo.findSurvey(services.store.db, orgId, id);
  if (!survey) throw AppError.notFound("pulse", id);
  return viewOf(services.store.db, survey);
}

export async function listPulses(services: Services, orgId: string, teamId?: string): Promise<PulseView[]> {
  const surveys = await repo.listSurveys(services.store.db, orgId, teamId);
  return Promise.all(surveys.map((s) => viewOf(services.store.db, s)));
}

/**
 * What a share link shows before anyone joins: the team, whether the pulse still takes answers, and the
 * statements to rate. Nothing in it changes with a join or an answer.
 */
export async function viewSharedPulse(services: Services, shareSecret: string) {
  const survey = await repo.findSurveyByShareHash(services.store.db, hashSecretText(shareSecret));
  if (!survey) throw AppError.notFound("pulse link", "(given)");
  const team = await findTeam(services.store.db, survey.orgId, survey.teamId);
  return {
    team: team?.name ?? survey.teamId,
    open: survey.closedOn === null,
    items: PULSE_ITEMS.map((i) => i.text),
    scale: SCALE_TEXT,
  };
}

/** The latest closed pulse of a team that may be shown, for the alignment index; null when none may. */
export async function teamPulse(
  services: Services,
  orgId: string,
  teamId: string,
): Promise<{ mean: number; respondents: number } | null> {
  const views = await listPulses(services, orgId, teamId);
  for (const view of views.reverse())
    if ("mean" in view.result) return { mean: view.result.mean, respondents: view.result.respondents };
  return null;
}
