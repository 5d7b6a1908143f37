// Evidence health: what the data alone says about the initiative, each team and each commitment, and the shared readings behind it.
import type {
  Assumption,
  AssumptionTest,
  Commitment,
  Comparator,
  Evidence,
  Gate,
  InitiativeSnapshot,
  Link,
  Metric,
  Milestone,
  Outcome,
  Risk,
  StatusReport,
  SubjectRef,
  Vote,
} from "../domain/model.ts";
import {
  daysBetween,
  healthRank,
  type EvidenceHealth,
  type Health,
  type IsoDate,
} from "../domain/primitives.ts";
import { contextBindings, evaluateCheck } from "./check.ts";
import { type CheckOutcome } from "../checks/check-compiler.ts";
import type { EvaluationContext, SnapshotSection } from "./detector.ts";
import { firstById, fromSections, latest, latestFor, perArray } from "./memo.ts";
import { projectMetricAsOf, type Projection } from "./trend.ts";

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
  /**
   * The worst call among the findings; on_track when something was checked and found nothing wrong (a due date
   * not yet passed, a passing check, an outcome on course, a vote); unknown when nothing could be checked.
   */
  health: EvidenceHealth;
  /** The evidence behind a call worse than on_track, worst first; empty when on_track or unknown. */
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

/** The part of a snapshot `evidenceHealth` sees. */
type EvidenceInputs = Pick<InitiativeSnapshot, (typeof EVIDENCE_READS)[number]>;

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
  // An index rather than a scan: the org's people are shared by every initiative and named in many findings.
  return firstById(snapshot.people).get(personId)?.name ?? personId;
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

// What `value.toLocaleString("en-US", options)` constructs on every call, made once.
const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** 2000 → "2,000"; 638.57 → "639"; 4.29 → "4.3". */
export function formatNumber(value: number): string {
  return (Math.abs(value) >= 100 ? WHOLE : ONE_DECIMAL).format(value);
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
      return firstById(snapshot.teams).get(id)?.name ?? id;
    case "commitment":
      return firstById(snapshot.commitments).get(id)?.title ?? id;
    case "link":
      return firstById(snapshot.links).get(id)?.statement ?? id;
    case "requirement":
      return firstById(snapshot.requirements).get(id)?.title ?? id;
    case "outcome": {
      const outcome = firstById(snapshot.outcomes).get(id);
      return outcome ? describeOutcome(outcome) : id;
    }
    case "milestone":
      return firstById(snapshot.milestones).get(id)?.name ?? id;
    case "gate":
      return firstById(snapshot.gates).get(id)?.name ?? id;
    case "risk":
      return firstById(snapshot.risks).get(id)?.title ?? id;
    case "person":
      return personName(snapshot, id);
  }
}

/** Two references to one subject; a snapshot holds one initiative, so any initiative reference names it. */
export function isSameSubject(a: SubjectRef, b: SubjectRef): boolean {
  return a.type === b.type && (a.type === "initiative" || a.id === b.id);
}

/** One string per subject, equal exactly when `isSameSubject` holds: a key for indexing by subject. */
export function subjectKey(subject: SubjectRef): string {
  return subject.type === "initiative" ? "initiative" : `${subject.type}\u0000${subject.id}`;
}

/** A subject as signals name it: reports may call the initiative `initiative`; signals use its id. */
export function canonicalSubject(
  snapshot: Pick<InitiativeSnapshot, "initiative">,
  subject: SubjectRef,
): SubjectRef {
  return subject.type === "initiative" ? { type: "initiative", id: snapshot.initiative.id } : subject;
}

/** Each subject's latest report: per subject, the last report in order whose date is not before the latest so far. */
function latestReports(reports: readonly StatusReport[]): ReadonlyMap<string, StatusReport> {
  return withLaterReports(new Map(), reports);
}

/** `latest` with `reports` (written after every report it was made from) taken in; `latest` is not changed. */
function withLaterReports(
  latest: ReadonlyMap<string, StatusReport>,
  reports: readonly StatusReport[],
): ReadonlyMap<string, StatusReport> {
  const next = new Map(latest);
  for (const report of reports) {
    const key = subjectKey(report.subject);
    const current = next.get(key);
    if (!current || report.date >= current.date) next.set(key, report);
  }
  return next;
}

/** The latest status report on `subject` (by date, then by position), or null when nobody reported. */
export function reportedHealth(
  snapshot: Pick<InitiativeSnapshot, "reports">,
  subject: SubjectRef,
): StatusReport | null {
  // Indexed once per reports array: watermelon asks for every commitment, team and the initiative.
  return perArray(snapshot.reports, latestReports, withLaterReports).get(subjectKey(subject)) ?? null;
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

type WarningSignInputs = Pick<InitiativeSnapshot, "risks" | "commitments" | "metrics">;

function evaluateWarningSigns(snapshot: WarningSignInputs, context: EvaluationContext): WarningSignReading[] {
  const bindings = contextBindings(snapshot, context);
  return snapshot.risks.flatMap((risk) =>
    risk.earlyWarning
      ? [
          {
            risk,
            expression: risk.earlyWarning,
            outcome: evaluateCheck(context, risk.earlyWarning, bindings),
          },
        ]
      : [],
  );
}

/**
 * Each risk's early-warning sign evaluated: pass means the sign has fired (the risk is materialising).
 * Read once per context for the same risks, commitments and metrics (early warning and evidence health both ask).
 */
export function readWarningSigns(
  snapshot: WarningSignInputs,
  context: EvaluationContext,
): readonly WarningSignReading[] {
  return fromSections(context, snapshot, ["risks", "commitments", "metrics"], evaluateWarningSigns);
}

const normalise = (text: string) => text.trim().toLowerCase();

/** True when a decision responds to `names` (a milestone's id or name, an assumption's statement) on or after `since`. */
function hasDecisionSince(
  snapshot: Pick<InitiativeSnapshot, "decisions">,
  names: readonly string[],
  since: IsoDate,
): boolean {
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
  snapshot: Pick<InitiativeSnapshot, "milestones">,
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
export function pendingInvalidations(
  snapshot: Pick<InitiativeSnapshot, "milestones" | "decisions">,
  today: IsoDate,
): PendingInvalidation[] {
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
export function targetSide(outcome: Outcome, metric: Metric): 1 | -1 {
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
  snapshot: Pick<InitiativeSnapshot, "metrics">,
  outcome: Outcome,
  today: IsoDate,
): OutcomeForecast {
  const metric = firstById(snapshot.metrics).get(outcome.metricId);
  if (!metric)
    return { status: "unprojectable", outcome, reason: `the metric ${outcome.metricId} does not exist` };
  return forecastWith(outcome, metric, today);
}

function forecastWith(outcome: Outcome, metric: Metric, today: IsoDate): OutcomeForecast {
  const projection = projectMetricAsOf(metric.points, today, outcome.by);
  if (!projection) {
    const known = metric.points.filter((p) => p.date <= today);
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

/**
 * `forecastOutcome` as of the context's today, again only when the outcome's metric has changed (evidence
 * health and outcome-off-track both forecast every outcome; a new point replaces only its own metric).
 */
export function contextForecast(
  snapshot: Pick<InitiativeSnapshot, "metrics">,
  outcome: Outcome,
  context: EvaluationContext,
): OutcomeForecast {
  const metric = firstById(snapshot.metrics).get(outcome.metricId);
  if (!metric) return forecastOutcome(snapshot, outcome, context.today);
  return latest(context, outcome, [metric], () => forecastWith(outcome, metric, context.today));
}

// ── Evidence health ──────────────────────────────────────────────────────────────────────────────────────

interface Finding {
  health: Health;
  evidence: Evidence;
}

interface Findings {
  reasons: Finding[];
  unknowns: Evidence[];
  /** Whether anything was checked at all: a clean bill of health, rather than no evidence, when there are no reasons. */
  checked: boolean;
}

/** A link whose check does not pass, and its outcome: a finding for the commitments at either end. */
interface LinkReading {
  link: Link;
  outcome: Exclude<CheckOutcome, { status: "pass" }>;
}

/**
 * One commitment id's findings: each commitment with the id overdue, then each failing link to it, in order.
 * It was checked when it has a due date or a delivery to read, or a check on a link to it that passes.
 */
function findingsFor(
  commitments: readonly Commitment[],
  readings: readonly LinkReading[],
  passing: boolean,
  today: IsoDate,
): Findings {
  const scheduled = commitments.some((c) => c.due !== null || c.done !== null);
  const findings: Findings = { reasons: [], unknowns: [], checked: scheduled || passing };
  for (const commitment of commitments) {
    const late = overdueDays(commitment, today);
    if (late === 0) continue;
    findings.reasons.push({
      health: late > OVERDUE_OFF_TRACK_DAYS ? "off_track" : "at_risk",
      evidence: {
        text: `"${commitment.title}" was due ${commitment.due} and is not delivered: ${count(late, "day")} overdue`,
        subject: { type: "commitment", id: commitment.id },
        value: late,
      },
    });
  }
  for (const { link, outcome } of readings) {
    const subject = { type: "link" as const, id: link.id };
    if (outcome.status === "fail") {
      findings.reasons.push({
        health: "off_track",
        evidence: {
          text: `broken ${link.kind} "${link.statement}": ${link.check} is false (${describeCheckValues(outcome.values)})`,
          subject,
        },
      });
      findings.checked = true;
    } else {
      findings.unknowns.push({
        text: `${link.kind} "${link.statement}" cannot be checked: ${outcome.reason}`,
        subject,
      });
    }
  }
  return findings;
}

/**
 * What the data says about each commitment on its own: overdue, and broken or unverifiable links. A
 * commitment's findings are made again only when it or the outcome of a link to it changed, so the rest keep
 * their findings (and their assessments and wording) after a change elsewhere.
 */
function commitmentFindings(snapshot: CommitmentInputs, context: EvaluationContext): Map<string, Findings> {
  const commitmentsById = new Map<string, Commitment[]>();
  for (const commitment of snapshot.commitments) {
    const same = commitmentsById.get(commitment.id);
    if (same) same.push(commitment);
    else commitmentsById.set(commitment.id, [commitment]);
  }
  const readingsById = new Map<string, LinkReading[]>();
  /** Commitments with a check on a link to them that passes: evidence that all is well there. */
  const passing = new Set<string>();
  const bindings = contextBindings(snapshot, context);
  for (const link of snapshot.links) {
    if (!link.check) continue;
    const outcome = evaluateCheck(context, link.check, bindings);
    if (outcome.status === "pass") {
      passing.add(link.fromId).add(link.toId);
      continue;
    }
    for (const id of new Set([link.fromId, link.toId])) {
      if (!commitmentsById.has(id)) continue;
      const readings = readingsById.get(id);
      if (readings) readings.push({ link, outcome });
      else readingsById.set(id, [{ link, outcome }]);
    }
  }
  const findings = new Map<string, Findings>();
  for (const [id, commitments] of commitmentsById) {
    const readings = readingsById.get(id) ?? [];
    const passes = passing.has(id);
    const inputs = [...commitments, passes, ...readings.flatMap((r) => [r.link, r.outcome])];
    findings.set(
      id,
      latestFor(context, findingsFor, id, inputs, () =>
        findingsFor(commitments, readings, passes, context.today),
      ),
    );
  }
  return findings;
}

/** What the data says about the initiative as a whole: gates, assumption tests, outcomes, warning signs. */
function initiativeFindings(
  snapshot: Pick<InitiativeSnapshot, (typeof INITIATIVE_FINDING_READS)[number]>,
  context: EvaluationContext,
): Findings {
  const reasons: Finding[] = [];
  const unknowns: Evidence[] = [];
  // Checked when a gate has a vote, an outcome a projection, a warning sign a reading or a milestone a test.
  let checked =
    snapshot.gates.some((gate) => gate.votes.length > 0) ||
    snapshot.milestones.some((milestone) => milestone.tests.length > 0);
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
    const forecast = contextForecast(snapshot, outcome, context);
    const subject = { type: "outcome" as const, id: outcome.id };
    if (forecast.status === "unprojectable") {
      unknowns.push({
        text: `outcome ${describeOutcome(outcome)} cannot be projected: ${forecast.reason}`,
        subject,
      });
      continue;
    }
    checked = true;
    if (forecast.health !== "on_track") {
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
    if (outcome.status !== "unverifiable") checked = true;
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
  return { reasons, unknowns, checked: checked || reasons.length > 0 };
}

/**
 * The worst health among the findings, with their evidence worst first; with none, on_track when something
 * was checked and unknown when nothing was.
 */
function assess(
  subject: SubjectRef,
  reasons: readonly Finding[],
  unknowns: readonly Evidence[],
  checked: boolean,
): HealthAssessment {
  const unique = new Map<string, Finding>();
  for (const finding of reasons)
    unique.set(`${finding.evidence.subject?.id ?? ""}\u0000${finding.evidence.text}`, finding);
  const sorted = [...unique.values()].sort((a, b) => healthRank(b.health) - healthRank(a.health));
  const worst: EvidenceHealth = sorted[0]?.health ?? (checked ? "on_track" : "unknown");
  return {
    subject,
    health: worst,
    reasons: sorted.map((f) => f.evidence),
    unknowns: [...new Map(unknowns.map((u) => [`${u.subject?.id ?? ""}\u0000${u.text}`, u])).values()],
  };
}

/**
 * The health the data alone supports for every commitment, every team with commitments, and the initiative.
 * A commitment's findings roll up to its team and to the initiative: the worst wins. Assessed once per context
 * for the same sections (a new report, for one, changes none of them): the assessments are shared, read-only.
 */
export function evidenceHealth(snapshot: EvidenceInputs, context: EvaluationContext): HealthAssessment[] {
  return [...fromSections(context, snapshot, EVIDENCE_READS, assessEvidence)];
}

/** Findings rolled up for one subject: its own (if any), then each of `commitments`' in order. */
function rollUp(
  byCommitment: ReadonlyMap<string, Findings>,
  subject: SubjectRef,
  commitments: readonly Commitment[],
  own?: Findings,
): HealthAssessment {
  const found = [...(own ? [own] : []), ...commitments.flatMap((c) => byCommitment.get(c.id) ?? [])];
  return assess(
    subject,
    found.flatMap((f) => f.reasons),
    found.flatMap((f) => f.unknowns),
    found.some((f) => f.checked),
  );
}

type CommitmentInputs = Pick<InitiativeSnapshot, "commitments" | "links" | "metrics">;

/** Each commitment's findings and the team and commitment assessments made from them alone. */
interface CommitmentEvidence {
  byCommitment: ReadonlyMap<string, Findings>;
  teams: HealthAssessment[];
  commitments: HealthAssessment[];
}

const assessTeam = (byCommitment: ReadonlyMap<string, Findings>, teamId: string, theirs: Commitment[]) =>
  rollUp(byCommitment, { type: "team", id: teamId }, theirs);

const assessCommitment = (byCommitment: ReadonlyMap<string, Findings>, commitment: Commitment) =>
  rollUp(byCommitment, { type: "commitment", id: commitment.id }, [commitment]);

function assessCommitments(snapshot: CommitmentInputs, context: EvaluationContext): CommitmentEvidence {
  const byCommitment = commitmentFindings(snapshot, context);
  const teamIds = [...new Set(snapshot.commitments.map((c) => c.teamId))];
  // An assessment is made again only when the findings it rolls up are not the same objects as last time.
  const teams = teamIds.map((teamId) => {
    const theirs = snapshot.commitments.filter((c) => c.teamId === teamId);
    const inputs = theirs.map((c) => byCommitment.get(c.id));
    return latestFor(context, assessTeam, teamId, inputs, () => assessTeam(byCommitment, teamId, theirs));
  });
  const commitments = snapshot.commitments.map((c) =>
    latestFor(context, assessCommitment, byCommitment.get(c.id)!, [c.id], () =>
      assessCommitment(byCommitment, c),
    ),
  );
  return { byCommitment, teams, commitments };
}

/** What `initiativeFindings` reads. */
const INITIATIVE_FINDING_READS = [
  "gates",
  "people",
  "milestones",
  "decisions",
  "outcomes",
  "metrics",
  "risks",
  "commitments",
] as const satisfies readonly SnapshotSection[];

const assessInitiative = (
  snapshot: EvidenceInputs,
  commitments: CommitmentEvidence,
  own: Findings,
): HealthAssessment =>
  rollUp(
    commitments.byCommitment,
    { type: "initiative", id: snapshot.initiative.id },
    snapshot.commitments,
    own,
  );

function assessEvidence(snapshot: EvidenceInputs, context: EvaluationContext): HealthAssessment[] {
  // Commitments and teams are assessed from commitments, links and metrics alone, so a vote, a decision or a
  // test result re-assesses only the initiative.
  const commitments = fromSections(context, snapshot, ["commitments", "links", "metrics"], assessCommitments);
  const own = fromSections(context, snapshot, INITIATIVE_FINDING_READS, initiativeFindings);
  const initiative = latest(
    context,
    assessInitiative,
    [snapshot.initiative, snapshot.commitments, commitments, own],
    () => assessInitiative(snapshot, commitments, own),
  );
  return [initiative, ...commitments.teams, ...commitments.commitments];
}
