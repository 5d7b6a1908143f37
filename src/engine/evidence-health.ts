// Evidence health: what the data alone says about the initiative, each team and each commitment, and the shared readings behind it.
import type {
  Assumption,
  AssumptionTest,
  Commitment,
  Comparator,
  Evidence,
  Gate,
  InitiativeSnapshot,
  Metric,
  Milestone,
  Outcome,
  Risk,
  StatusReport,
  SubjectRef,
  Vote,
} from "../domain/model.ts";
import { daysBetween, healthRank, type Health, type IsoDate } from "../domain/primitives.ts";
import { checkBindings, type CheckOutcome } from "./check.ts";
import type { EvaluationContext, SnapshotSection } from "./detector.ts";
import { projectMetric, type Projection } from "./trend.ts";

/**
 * An undelivered commitment is at risk from the day after it was due, and off track once it is more than
 * this many days late: two weeks is the default reporting cadence, so by then a whole reporting cycle has
 * passed and the slip is a miss, not a hiccup.
 */
export const OVERDUE_OFF_TRACK_DAYS = 14;

/**
 * An outcome projected to cover less than this share of the way from its latest value to its target is off
 * track (the pace would have to more than double); covering more of the way, but not all of it, is at risk.
 */
export const OUTCOME_OFF_TRACK_PROGRESS = 0.5;

/** An invalidation waiting longer than this for a decision is critical: a full default cadence of drift. */
export const DECISION_OVERDUE_DAYS = 14;

export interface HealthAssessment {
  subject: SubjectRef;
  health: Health;
  /** The evidence behind a call worse than on_track, worst first; empty when on_track. */
  reasons: Evidence[];
  /** What the data could not decide (a check that does not evaluate, an outcome with too few points). */
  unknowns: Evidence[];
}

/** Every section `evidenceHealth` reads: a detector built on it declares these too. */
export const EVIDENCE_READS = [
  "initiative",
  "commitments",
  "links",
  "metrics",
  "outcomes",
  "gates",
  "milestones",
  "decisions",
  "risks",
  "people",
] as const satisfies readonly SnapshotSection[];

/** Every section `subjectTitle` may read, whatever the subject's type. */
export const SUBJECT_TITLE_READS = [
  "initiative",
  "teams",
  "commitments",
  "links",
  "requirements",
  "outcomes",
  "milestones",
  "gates",
  "risks",
  "people",
] as const satisfies readonly SnapshotSection[];

// ── Words for people and subjects ────────────────────────────────────────────────────────────────────────

export function personName(snapshot: Pick<InitiativeSnapshot, "people">, personId: string): string {
  return snapshot.people.find((p) => p.id === personId)?.name ?? personId;
}

/** Who must act on a finding: the subject's owner, else the initiative owner (who owns everything unowned). */
export function whoActs(snapshot: InitiativeSnapshot, ownerId: string | null | undefined): string {
  return ownerId ?? snapshot.initiative.ownerId;
}

const COMPARATOR_SYMBOLS: Record<Comparator, string> = {
  ">=": "≥",
  "<=": "≤",
  ">": ">",
  "<": "<",
  "==": "=",
};

/** "1 day", "3 days". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** 2000 → "2,000"; 638.57 → "639"; 4.29 → "4.3". */
export function formatNumber(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 1 });
}

/** "weekly_activations ≥ 2,000 by 2026-04-30". */
export function describeOutcome(outcome: Outcome): string {
  return `${outcome.metricId} ${COMPARATOR_SYMBOLS[outcome.comparator]} ${formatNumber(outcome.target)} by ${outcome.by}`;
}

/** A subject in human words: the initiative's name, a commitment's title, a link's statement, … */
export function subjectTitle(snapshot: InitiativeSnapshot, subject: SubjectRef): string {
  const { id } = subject;
  switch (subject.type) {
    case "initiative":
      return snapshot.initiative.name;
    case "team":
      return snapshot.teams.find((t) => t.id === id)?.name ?? id;
    case "commitment":
      return snapshot.commitments.find((c) => c.id === id)?.title ?? id;
    case "link":
      return snapshot.links.find((l) => l.id === id)?.statement ?? id;
    case "requirement":
      return snapshot.requirements.find((r) => r.id === id)?.title ?? id;
    case "outcome": {
      const outcome = snapshot.outcomes.find((o) => o.id === id);
      return outcome ? describeOutcome(outcome) : id;
    }
    case "milestone":
      return snapshot.milestones.find((m) => m.id === id)?.name ?? id;
    case "gate":
      return snapshot.gates.find((g) => g.id === id)?.name ?? id;
    case "risk":
      return snapshot.risks.find((r) => r.id === id)?.title ?? id;
    case "person":
      return personName(snapshot, id);
  }
}

/** Two references to one subject; a snapshot holds one initiative, so any initiative reference names it. */
export function isSameSubject(a: SubjectRef, b: SubjectRef): boolean {
  return a.type === b.type && (a.type === "initiative" || a.id === b.id);
}

/** A subject as signals name it: reports may call the initiative `initiative`; signals use its id. */
export function canonicalSubject(
  snapshot: Pick<InitiativeSnapshot, "initiative">,
  subject: SubjectRef,
): SubjectRef {
  return subject.type === "initiative" ? { type: "initiative", id: snapshot.initiative.id } : subject;
}

/** The latest status report on `subject` (by date, then by position), or null when nobody reported. */
export function reportedHealth(
  snapshot: Pick<InitiativeSnapshot, "reports">,
  subject: SubjectRef,
): StatusReport | null {
  let latest: StatusReport | null = null;
  for (const report of snapshot.reports) {
    if (isSameSubject(report.subject, subject) && (!latest || report.date >= latest.date)) latest = report;
  }
  return latest;
}

/** "metrics.support_backlog.latest = 240, …": the values a check read, for evidence. */
export function describeCheckValues(values: Record<string, unknown>): string {
  const parts = Object.entries(values).map(
    ([path, value]) => `${path} = ${value === undefined ? "(missing)" : JSON.stringify(value)}`,
  );
  return parts.length > 0 ? parts.join(", ") : "no values";
}

// ── Readings shared with the detectors ───────────────────────────────────────────────────────────────────

/** Days an undelivered commitment is past its due date; 0 when it is not overdue. */
export function overdueDays(commitment: Commitment, today: IsoDate): number {
  if (commitment.done || !commitment.due) return 0;
  return Math.max(0, daysBetween(commitment.due, today));
}

/** Each role's standing No-Go: a role's latest vote (by date, then position) is the one that counts. */
export function standingNoGos(gate: Gate): Vote[] {
  const latestByRole = new Map<string, Vote>();
  for (const vote of gate.votes) {
    const previous = latestByRole.get(vote.role);
    if (!previous || (vote.date ?? "") >= (previous.date ?? "")) latestByRole.set(vote.role, vote);
  }
  return [...latestByRole.values()].filter((vote) => vote.vote === "no_go");
}

export interface WarningSignReading {
  risk: Risk;
  expression: string;
  outcome: CheckOutcome;
}

/** Each risk's early-warning sign evaluated: pass means the sign has fired (the risk is materialising). */
export function readWarningSigns(
  snapshot: InitiativeSnapshot,
  context: EvaluationContext,
): WarningSignReading[] {
  const bindings = checkBindings(snapshot);
  return snapshot.risks.flatMap((risk) =>
    risk.earlyWarning
      ? [
          {
            risk,
            expression: risk.earlyWarning,
            outcome: context.checks.evaluate(risk.earlyWarning, bindings),
          },
        ]
      : [],
  );
}

const normalise = (text: string) => text.trim().toLowerCase();

/** True when a decision responds to `names` (a milestone's id or name, an assumption's statement) on or after `since`. */
function hasDecisionSince(snapshot: InitiativeSnapshot, names: readonly string[], since: IsoDate): boolean {
  const wanted = new Set(names.map(normalise));
  return snapshot.decisions.some(
    (d) => d.respondsTo !== null && wanted.has(normalise(d.respondsTo)) && d.date >= since,
  );
}

/** The test that currently speaks for an assumption: its latest (undated tests count from the milestone's date). */
function latestTest(milestone: Milestone, assumption: Assumption): AssumptionTest | null {
  let latest: AssumptionTest | null = null;
  for (const test of milestone.tests) {
    if (test.assumptionId !== assumption.id) continue;
    if (!latest || (test.date ?? milestone.date) >= (latest.date ?? milestone.date)) latest = test;
  }
  return latest;
}

/** Assumptions with no validated or invalidated test (an inconclusive test decides nothing). */
function untestedAssumptions(milestone: Milestone): Assumption[] {
  return milestone.assumptions.filter(
    (a) => !milestone.tests.some((t) => t.assumptionId === a.id && t.verdict !== "inconclusive"),
  );
}

/** Milestones whose date has passed (before today) with assumptions still untested. */
export function passedUntestedMilestones(
  snapshot: InitiativeSnapshot,
  today: IsoDate,
): { milestone: Milestone; untested: Assumption[] }[] {
  return snapshot.milestones.flatMap((milestone) => {
    const untested = untestedAssumptions(milestone);
    return milestone.date < today && untested.length > 0 ? [{ milestone, untested }] : [];
  });
}

export interface PendingInvalidation {
  milestone: Milestone;
  assumption: Assumption;
  test: AssumptionTest;
  /** The day the wait for a decision began: the test's date, else the milestone's. */
  since: IsoDate;
  daysWaiting: number;
}

/** Invalidated assumptions (by their latest test) with no decision responding to them since the test. */
export function pendingInvalidations(snapshot: InitiativeSnapshot, today: IsoDate): PendingInvalidation[] {
  return snapshot.milestones.flatMap((milestone) =>
    milestone.assumptions.flatMap((assumption) => {
      const test = latestTest(milestone, assumption);
      if (test?.verdict !== "invalidated") return [];
      const since = test.date ?? milestone.date;
      const names = [milestone.id, milestone.name, assumption.statement];
      if (hasDecisionSince(snapshot, names, since)) return [];
      return [{ milestone, assumption, test, since, daysWaiting: Math.max(0, daysBetween(since, today)) }];
    }),
  );
}

export type OutcomeForecast =
  | { status: "unprojectable"; outcome: Outcome; reason: string }
  | {
      status: "projected";
      outcome: Outcome;
      metric: Metric;
      projection: Projection;
      /** on_track when the projection meets the target; see OUTCOME_OFF_TRACK_PROGRESS otherwise. */
      health: Health;
      /** The pace per day needed from the latest point to meet the target on its date; null when already met. */
      neededPerDay: number | null;
    };

/** +1 when the target is reached from below (higher is better), -1 from above. */
function targetSide(outcome: Outcome, metric: Metric): 1 | -1 {
  if (outcome.comparator === ">=" || outcome.comparator === ">") return 1;
  if (outcome.comparator === "<=" || outcome.comparator === "<") return -1;
  // "==" on a projected value never holds exactly: read it as "reach the target" in the metric's direction.
  return metric.direction === "up" ? 1 : -1;
}

function meetsTarget(value: number, outcome: Outcome, side: 1 | -1): boolean {
  switch (outcome.comparator) {
    case ">":
      return value > outcome.target;
    case "<":
      return value < outcome.target;
    default:
      return side * (value - outcome.target) >= 0;
  }
}

/**
 * Projects an outcome's metric to its date with a Theil–Sen line over the recent points known today
 * (points dated after today are ignored, so an evaluation as of a past day sees what was known then).
 */
export function forecastOutcome(
  snapshot: InitiativeSnapshot,
  outcome: Outcome,
  today: IsoDate,
): OutcomeForecast {
  const metric = snapshot.metrics.find((m) => m.id === outcome.metricId);
  if (!metric)
    return { status: "unprojectable", outcome, reason: `the metric ${outcome.metricId} does not exist` };
  const known = metric.points.filter((p) => p.date <= today);
  const projection = projectMetric(known, outcome.by);
  if (!projection) {
    const points =
      known.length === 0 ? "no points" : known.length === 1 ? "one point" : `${known.length} points`;
    return {
      status: "unprojectable",
      outcome,
      reason: `${metric.id} has ${points} up to ${today}; a pace needs at least two on different days`,
    };
  }
  const side = targetSide(outcome, metric);
  const daysLeft = daysBetween(projection.latest.date, outcome.by);
  const stillNeeded = side * (outcome.target - projection.latest.value);
  const neededPerDay = stillNeeded > 0 && daysLeft > 0 ? (side * stillNeeded) / daysLeft : null;
  const base = { status: "projected" as const, outcome, metric, projection, neededPerDay };
  if (meetsTarget(projection.expected, outcome, side)) return { ...base, health: "on_track" };
  // Share of the remaining way the projection covers; when the target is met today but the trend leaves
  // it, the outcome is at risk rather than off track.
  const progress =
    stillNeeded > 0 ? (side * (projection.expected - projection.latest.value)) / stillNeeded : 1;
  return { ...base, health: progress < OUTCOME_OFF_TRACK_PROGRESS ? "off_track" : "at_risk" };
}

// ── Evidence health ──────────────────────────────────────────────────────────────────────────────────────

interface Finding {
  health: Health;
  evidence: Evidence;
}

interface Findings {
  reasons: Finding[];
  unknowns: Evidence[];
}

/** What the data says about each commitment on its own: overdue, and broken or unverifiable links. */
function commitmentFindings(snapshot: InitiativeSnapshot, context: EvaluationContext): Map<string, Findings> {
  const findings = new Map<string, Findings>(
    snapshot.commitments.map((c) => [c.id, { reasons: [], unknowns: [] }]),
  );
  for (const commitment of snapshot.commitments) {
    const late = overdueDays(commitment, context.today);
    if (late === 0) continue;
    findings.get(commitment.id)!.reasons.push({
      health: late > OVERDUE_OFF_TRACK_DAYS ? "off_track" : "at_risk",
      evidence: {
        text: `"${commitment.title}" was due ${commitment.due} and is not delivered: ${count(late, "day")} overdue`,
        subject: { type: "commitment", id: commitment.id },
        value: late,
      },
    });
  }
  const bindings = checkBindings(snapshot);
  for (const link of snapshot.links) {
    if (!link.check) continue;
    const outcome = context.checks.evaluate(link.check, bindings);
    if (outcome.status === "pass") continue;
    const subject = { type: "link" as const, id: link.id };
    for (const id of new Set([link.fromId, link.toId])) {
      const entry = findings.get(id);
      if (!entry) continue;
      if (outcome.status === "fail") {
        entry.reasons.push({
          health: "off_track",
          evidence: {
            text: `broken ${link.kind} "${link.statement}": ${link.check} is false (${describeCheckValues(outcome.values)})`,
            subject,
          },
        });
      } else {
        entry.unknowns.push({
          text: `${link.kind} "${link.statement}" cannot be checked: ${outcome.reason}`,
          subject,
        });
      }
    }
  }
  return findings;
}

/** What the data says about the initiative as a whole: gates, assumption tests, outcomes, warning signs. */
function initiativeFindings(snapshot: InitiativeSnapshot, context: EvaluationContext): Findings {
  const reasons: Finding[] = [];
  const unknowns: Evidence[] = [];
  for (const gate of snapshot.gates) {
    for (const vote of standingNoGos(gate)) {
      reasons.push({
        health: "off_track",
        evidence: {
          text: `No-Go on gate "${gate.name}" by ${personName(snapshot, vote.personId)} (${vote.role})${vote.reason ? `: ${vote.reason}` : ""}`,
          subject: { type: "gate", id: gate.id },
        },
      });
    }
  }
  for (const pending of pendingInvalidations(snapshot, context.today)) {
    reasons.push({
      health: "off_track",
      evidence: {
        text: `assumption "${pending.assumption.statement}" was invalidated at "${pending.milestone.name}" and no decision responds to it after ${count(pending.daysWaiting, "day")}`,
        subject: { type: "milestone", id: pending.milestone.id },
        value: pending.daysWaiting,
      },
    });
  }
  for (const { milestone, untested } of passedUntestedMilestones(snapshot, context.today)) {
    reasons.push({
      health: "at_risk",
      evidence: {
        text: `milestone "${milestone.name}" passed on ${milestone.date} with ${count(untested.length, "untested assumption")}`,
        subject: { type: "milestone", id: milestone.id },
        value: untested.length,
      },
    });
  }
  for (const outcome of snapshot.outcomes) {
    const forecast = forecastOutcome(snapshot, outcome, context.today);
    const subject = { type: "outcome" as const, id: outcome.id };
    if (forecast.status === "unprojectable") {
      unknowns.push({
        text: `outcome ${describeOutcome(outcome)} cannot be projected: ${forecast.reason}`,
        subject,
      });
    } else if (forecast.health !== "on_track") {
      reasons.push({
        health: forecast.health,
        evidence: {
          text: `outcome ${describeOutcome(outcome)} is projected to reach about ${formatNumber(forecast.projection.expected)}`,
          subject,
          value: forecast.projection.expected,
        },
      });
    }
  }
  for (const { risk, expression, outcome } of readWarningSigns(snapshot, context)) {
    const subject = { type: "risk" as const, id: risk.id };
    if (outcome.status === "pass") {
      reasons.push({
        health: "at_risk",
        evidence: {
          text: `warning sign of "${risk.title}" fired: ${expression} (${describeCheckValues(outcome.values)})`,
          subject,
        },
      });
    } else if (outcome.status === "unverifiable") {
      unknowns.push({
        text: `warning sign of "${risk.title}" cannot be checked: ${outcome.reason}`,
        subject,
      });
    }
  }
  return { reasons, unknowns };
}

/** The worst health among the findings (on_track when there are none), with their evidence worst first. */
function assess(
  subject: SubjectRef,
  reasons: readonly Finding[],
  unknowns: readonly Evidence[],
): HealthAssessment {
  const unique = new Map<string, Finding>();
  for (const finding of reasons)
    unique.set(`${finding.evidence.subject?.id ?? ""}\u0000${finding.evidence.text}`, finding);
  const sorted = [...unique.values()].sort((a, b) => healthRank(b.health) - healthRank(a.health));
  const worst = sorted[0]?.health ?? "on_track";
  return {
    subject,
    health: worst,
    reasons: sorted.map((f) => f.evidence),
    unknowns: [...new Map(unknowns.map((u) => [`${u.subject?.id ?? ""}\u0000${u.text}`, u])).values()],
  };
}

/**
 * The health the data alone supports for every commitment, every team with commitments, and the initiative.
 * A commitment's findings roll up to its team and to the initiative: the worst wins.
 */
export function evidenceHealth(snapshot: InitiativeSnapshot, context: EvaluationContext): HealthAssessment[] {
  const byCommitment = commitmentFindings(snapshot, context);
  const rollUp = (subject: SubjectRef, commitments: readonly Commitment[], own?: Findings) => {
    const found = [...(own ? [own] : []), ...commitments.flatMap((c) => byCommitment.get(c.id) ?? [])];
    return assess(
      subject,
      found.flatMap((f) => f.reasons),
      found.flatMap((f) => f.unknowns),
    );
  };
  const teamIds = [...new Set(snapshot.commitments.map((c) => c.teamId))];
  return [
    rollUp(
      { type: "initiative", id: snapshot.initiative.id },
      snapshot.commitments,
      initiativeFindings(snapshot, context),
    ),
    ...teamIds.map((teamId) =>
      rollUp(
        { type: "team", id: teamId },
        snapshot.commitments.filter((c) => c.teamId === teamId),
      ),
    ),
    ...snapshot.commitments.map((c) => rollUp({ type: "commitment", id: c.id }, [c])),
  ];
}
