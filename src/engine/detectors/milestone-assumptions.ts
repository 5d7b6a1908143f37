// untested-assumption / undecided-invalidation: a milestone passed without its tests; an invalidation waits for a decision.
import type { Assumption, InitiativeSnapshot, Milestone, Signal } from "../../domain/model.ts";
import { daysBetween, type IsoDate } from "../../domain/primitives.ts";
import { signal, type Detector } from "../detector.ts";
import {
  DECISION_OVERDUE_DAYS,
  count,
  passedUntestedMilestones,
  pendingInvalidations,
  type PendingInvalidation,
} from "../evidence-health.ts";

function untestedSignal(
  snapshot: InitiativeSnapshot,
  today: IsoDate,
  { milestone, untested }: { milestone: Milestone; untested: Assumption[] },
): Signal {
  const subject = { type: "milestone" as const, id: milestone.id };
  const quoted = untested.map((a) => `"${a.statement}"`).join(", ");
  return signal({
    kind: "untested-assumption",
    severity: "warning",
    subject,
    title: `Milestone passed untested: "${milestone.name}"`,
    explanation:
      `"${milestone.name}" was due on ${milestone.date} (${count(daysBetween(milestone.date, today), "day")} ago) ` +
      `to validate or invalidate ${count(milestone.assumptions.length, "assumption")}; ` +
      `${untested.length} still ${untested.length === 1 ? "has" : "have"} no verdict: ${quoted}. ` +
      `Record the tests, or a decision to move the milestone.`,
    evidence: untested.map((a) => ({ text: `untested: "${a.statement}"`, subject, value: a.id })),
    owner: snapshot.initiative.ownerId,
  });
}

function undecidedSignal(snapshot: InitiativeSnapshot, pending: PendingInvalidation): Signal {
  const { milestone, assumption, test, since, daysWaiting } = pending;
  const subject = { type: "milestone" as const, id: milestone.id };
  const killCriteria = assumption.killCriteria
    ? `The kill criteria recorded before the test: "${assumption.killCriteria}".`
    : "No kill criteria were recorded before the test.";
  return signal({
    kind: "undecided-invalidation",
    severity: daysWaiting > DECISION_OVERDUE_DAYS ? "critical" : "warning",
    subject,
    title: `Invalidated assumption awaits a decision: "${assumption.statement}"`,
    explanation:
      `At milestone "${milestone.name}" (${milestone.date}) the assumption "${assumption.statement}" was invalidated` +
      `${test.evidence ? ` (evidence: "${test.evidence}")` : ""}. ` +
      `No decision responds to it: ${count(daysWaiting, "day")} waiting since ${since}. ${killCriteria} ` +
      `Record a decision (pivot, persevere, stop, descope or delay) responding to "${milestone.name}".`,
    evidence: [
      { text: `invalidated: "${assumption.statement}"`, subject, value: test.id },
      ...(test.evidence ? [{ text: `test evidence: ${test.evidence}` }] : []),
      { text: `waiting for a decision since ${since}: ${count(daysWaiting, "day")}`, value: daysWaiting },
      { text: `kill criteria: ${assumption.killCriteria ?? "none recorded"}` },
    ],
    owner: snapshot.initiative.ownerId,
    identity: [assumption.id],
  });
}

export const milestoneAssumptions: Detector = {
  kinds: ["untested-assumption", "undecided-invalidation"],
  reads: ["milestones", "decisions", "initiative"],
  detect(snapshot, { today }) {
    return [
      ...passedUntestedMilestones(snapshot, today).map((m) => untestedSignal(snapshot, today, m)),
      ...pendingInvalidations(snapshot, today).map((p) => undecidedSignal(snapshot, p)),
    ];
  },
};
