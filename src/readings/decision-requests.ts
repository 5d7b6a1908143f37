// Decision requests: every invalidated assumption test asks for a decision, and the first decision responding to it answers.
import {
  DECISION_KINDS,
  type Assumption,
  type AssumptionTest,
  type Decision,
  type InitiativeSnapshot,
  type Milestone,
} from "../domain/model.ts";
import { daysBetween, type IsoDate } from "../domain/primitives.ts";
import { namesAny, testDay } from "./alignment-inputs.ts";

export type RequestState = "open" | "decided" | "superseded";

export interface DecisionRequest {
  /** `<milestone id>/<test id>`: one request per invalidating test. */
  id: string;
  milestoneId: string;
  milestoneName: string;
  assumptionId: string;
  statement: string;
  testId: string;
  evidence: string | null;
  /** The test's date (else the milestone's, never later than today): when the wait for a decision began. */
  openedOn: IsoDate;
  /** What was to happen if the test invalidated it, written before the test; null when nobody wrote it. */
  killCriteria: string | null;
  state: RequestState;
  decision: Pick<Decision, "id" | "kind" | "date" | "byId" | "rationale"> | null;
  /** Days from the test to the decision; null until decided. */
  daysToDecision: number | null;
  /** Days waiting so far (open requests only). */
  daysOpen: number | null;
  /** The day a later test validated the assumption before anyone decided; null otherwise. */
  supersededOn: IsoDate | null;
  /** Whether the decision's kind is one the kill criteria named ("…decide to delay or pivot"); null when either is missing. */
  followsKillCriteria: boolean | null;
}

/** The names a decision may give in `respondsTo` for this request, as the undecided-invalidation signal reads them. */
function requestNames(milestone: Milestone, assumption: Assumption): string[] {
  return [milestone.id, milestone.name, assumption.id, assumption.statement];
}

/** The first decision on or after `since` (by date, then order of record) whose respondsTo names the request. */
function answeringDecision(
  decisions: readonly Decision[],
  names: readonly string[],
  since: IsoDate,
  today: IsoDate,
): Decision | null {
  const candidates = decisions.filter(
    (d) => d.date >= since && d.date <= today && namesAny(d.respondsTo, names),
  );
  return candidates.reduce<Decision | null>((first, d) => (!first || d.date < first.date ? d : first), null);
}

/** The earliest later test that validated the assumption again, if any, up to today. */
function revalidation(
  milestone: Milestone,
  test: AssumptionTest,
  openedOn: IsoDate,
  today: IsoDate,
): IsoDate | null {
  const later = milestone.tests
    .filter((t) => t !== test && t.assumptionId === test.assumptionId && t.verdict === "validated")
    .map((t) => testDay(t, milestone, today))
    .filter((day) => day > openedOn && day <= today)
    .sort();
  return later[0] ?? null;
}

/** True when the kill criteria name the decision's kind (or its verb: "stop", "delay", "pivot", …). */
export function followsKillCriteria(
  killCriteria: string | null,
  kind: Decision["kind"] | undefined,
): boolean | null {
  if (!killCriteria || !kind) return null;
  const named = DECISION_KINDS.filter((k) => new RegExp(`\\b${k}`, "i").test(killCriteria));
  return named.includes(kind);
}

function requestFor(
  snapshot: InitiativeSnapshot,
  milestone: Milestone,
  assumption: Assumption,
  test: AssumptionTest,
  today: IsoDate,
): DecisionRequest {
  const openedOn = testDay(test, milestone, today);
  const decision = answeringDecision(
    snapshot.decisions,
    requestNames(milestone, assumption),
    openedOn,
    today,
  );
  const revalidated = revalidation(milestone, test, openedOn, today);
  const superseded = revalidated !== null && (!decision || revalidated < decision.date);
  const state: RequestState = superseded ? "superseded" : decision ? "decided" : "open";
  return {
    id: `${milestone.id}/${test.id}`,
    milestoneId: milestone.id,
    milestoneName: milestone.name,
    assumptionId: assumption.id,
    statement: assumption.statement,
    testId: test.id,
    evidence: test.evidence,
    openedOn,
    killCriteria: assumption.killCriteria,
    state,
    decision:
      state === "decided" && decision
        ? {
            id: decision.id,
            kind: decision.kind,
            date: decision.date,
            byId: decision.byId,
            rationale: decision.rationale,
          }
        : null,
    daysToDecision: state === "decided" && decision ? daysBetween(openedOn, decision.date) : null,
    daysOpen: state === "open" ? Math.max(0, daysBetween(openedOn, today)) : null,
    supersededOn: superseded ? revalidated : null,
    followsKillCriteria:
      state === "decided" ? followsKillCriteria(assumption.killCriteria, decision?.kind) : null,
  };
}

/** Every decision request of the initiative known by `today`, oldest first. Tests dated after today are not yet known. */
export function decisionRequests(snapshot: InitiativeSnapshot, today: IsoDate): DecisionRequest[] {
  return snapshot.milestones
    .flatMap((milestone) =>
      milestone.tests.flatMap((test) => {
        const assumption = milestone.assumptions.find((a) => a.id === test.assumptionId);
        if (!assumption || test.verdict !== "invalidated" || testDay(test, milestone, today) > today)
          return [];
        return [requestFor(snapshot, milestone, assumption, test, today)];
      }),
    )
    .sort((a, b) => a.openedOn.localeCompare(b.openedOn) || a.id.localeCompare(b.id));
}
