// The alignment index: five dimensions measured from an initiative's record, their monthly trend, and the org roll-up. Pure.
// Who summarises whom is the engine's report graph (the filtered-rollup detector's), read here, not re-derived.
import { DEFAULT_GROUP_SIZE, MIN_GROUP_SIZE } from "../domain/anonymity.ts";
import type {
  Decision,
  InitiativeSnapshot,
  SignalRecord,
  StatusReport,
  SubjectRef,
} from "../domain/model.ts";
import { addDays, daysBetween, healthRank, type IsoDate } from "../domain/primitives.ts";
import { reportGraph, type Beneath } from "../engine/detectors/filtered-rollup.ts";
import { isSameSubject, subjectKey, targetSide } from "../engine/evidence-health.ts";
import { dayOf, earlier, mean, median, namesAny, testDay, toScore, voteDay } from "./alignment-inputs.ts";
import { decisionRequests } from "./decision-requests.ts";
import { maxOf, minOf } from "../domain/extremes.ts";

/** A month, for surprise rates and the steps of the trend. */
export const WINDOW_DAYS = 30;
/** How many points a trend has: now and five months back. */
export const TREND_POINTS = 6;
/** A signal first seen this close to the date of what it concerns was found too late to plan around. */
export const SURPRISE_NEAR_DAYS = 7;
/** Each surprise in the last month costs this much: four in a month (one a week) scores 0. */
export const SURPRISE_COST = 25;
/** Four weeks, two default reporting cadences: a delay or a wait this long scores 0, none scores 100. */
export const HORIZON_DAYS = 28;
/** Each reporting layer beyond the first between the ground and the owner costs this much. */
export const LAYER_COST = 25;
/** A score change of at least this much between trend points is a move; less is flat. */
export const TREND_STEP = 5;
/** Days of metric points on either side of a decision over which the outcome's slope is read. */
export const SLOPE_WINDOW_DAYS = 28;
/** A change of slope smaller than this share of the larger slope is noise: the outcome moved flat. */
export const SLOPE_NOISE = 0.1;
/**
 * An open trigger younger than this cannot be judged yet (a decision within a week is quick whatever comes),
 * so it is listed but not scored; older, it counts at its age so far.
 */
export const JUDGE_AFTER_DAYS = 7;

export const DIMENSION_KEYS = [
  "surpriseFrequency",
  "informationFlow",
  "courseCorrectionSpeed",
  "psychologicalSafety",
  "pivotHistory",
] as const;
export type DimensionKey = (typeof DIMENSION_KEYS)[number];

export const DIMENSION_LABELS: Record<DimensionKey, string> = {
  surpriseFrequency: "surprise frequency",
  informationFlow: "information flow",
  courseCorrectionSpeed: "course-correction speed",
  psychologicalSafety: "psychological safety",
  pivotHistory: "pivot history",
};

export type Direction = "up" | "down" | "flat" | "unknown";

export interface TrendPoint {
  asOf: IsoDate;
  score: number | null;
}

export interface Dimension<M> {
  /** 0–100, higher is better; null when the record holds nothing to measure. */
  score: number | null;
  measures: M;
  /** Oldest first; the last point is as of today. */
  trend: TrendPoint[];
  /** The last scored point against the one before: up is better. */
  direction: Direction;
}

// ── Inputs ───────────────────────────────────────────────────────────────────────────────────────────────

/** A team's pulse: null when there is none, or it is withheld (below k). */
export interface TeamPulse {
  teamId: string;
  aggregate: { mean: number; respondents: number } | null;
}

export interface AlignmentInput {
  snapshot: InitiativeSnapshot;
  signals: readonly SignalRecord[];
  /** Today's pulse per team, when there is one: it has no history, so it counts in today's score only. */
  pulses?: readonly TeamPulse[];
  today: IsoDate;
  /**
   * The day the store began recording the initiative's signals (its first evaluation). Signals first seen
   * then are the baseline, not surprises: they were there before anyone was watching. Null: no baseline.
   */
  recordedSince?: IsoDate | null;
  /** The smallest group whose pulse may be used (k); never below MIN_GROUP_SIZE. */
  minGroupSize?: number;
}

/** What was on record as of a day: the snapshot cut to it, and the signals seen by then. */
interface History {
  snapshot: InitiativeSnapshot;
  signals: SignalRecord[];
  asOf: IsoDate;
  /** Signals first seen on or before this day are the baseline (see AlignmentInput.recordedSince). */
  baseline: IsoDate | null;
}

/**
 * The record as it stood on `asOf` (≤ today): items dated later are dropped; undated ones count from their
 * parent's date or today (see `dayOf`). Signals are recorded on the wall clock, and an initiative evaluated
 * "as of" an earlier day sees them on that day, so their days are capped at today.
 */
function historyAsOf(
  snapshot: InitiativeSnapshot,
  signals: readonly SignalRecord[],
  asOf: IsoDate,
  today: IsoDate,
  recordedSince: IsoDate | null,
): History {
  const known = (day: IsoDate) => day <= asOf;
  return {
    asOf,
    baseline: recordedSince === null ? null : earlier(recordedSince, today),
    snapshot: {
      ...snapshot,
      reports: snapshot.reports.filter((r) => known(r.date)),
      decisions: snapshot.decisions.filter((d) => known(d.date)),
      milestones: snapshot.milestones.map((m) => ({
        ...m,
        tests: m.tests.filter((t) => known(testDay(t, m, today))),
      })),
      gates: snapshot.gates.map((g) => ({ ...g, votes: g.votes.filter((v) => known(voteDay(v, g, today))) })),
      risks: snapshot.risks.filter((r) => known(dayOf(r.raisedOn, null, today))),
      reviews: snapshot.reviews.filter((r) => known(r.date)),
      recognitions: snapshot.recognitions.filter((r) => known(r.date)),
      metrics: snapshot.metrics.map((m) => ({ ...m, points: m.points.filter((p) => known(p.date)) })),
    },
    signals: signals.flatMap((s) => {
      const firstSeen = earlier(s.firstSeen, today);
      if (!known(firstSeen)) return [];
      const resolvedAt = s.resolvedAt === null ? null : earlier(s.resolvedAt, today);
      return [{ ...s, firstSeen, resolvedAt: resolvedAt !== null && known(resolvedAt) ? resolvedAt : null }];
    }),
  };
}

const days = (from: IsoDate, to: IsoDate) => Math.max(0, daysBetween(from, to));

/** 0 days → 100, HORIZON_DAYS or more → 0, linearly. */
const waitScore = (waited: number) => toScore(100 - (100 * waited) / HORIZON_DAYS);

// ── 1. Surprise frequency ────────────────────────────────────────────────────────────────────────────────

export interface Surprise {
  date: IsoDate;
  /** late-signal: first seen within SURPRISE_NEAR_DAYS of its subject's date; unwarned-critical: critical with nothing before it; status-jump: on_track straight to off_track. */
  reason: "late-signal" | "unwarned-critical" | "status-jump";
  subject: SubjectRef;
  /** The signal's kind; null for a status jump. */
  kind: string | null;
  detail: string;
}

export interface SurpriseMeasures {
  windowDays: number;
  /** Surprises in the last WINDOW_DAYS: what the score reads. */
  lastWindow: number;
  total: number;
  /** Every surprise on record, newest first. */
  surprises: Surprise[];
}

/** The date a subject is due: a milestone's, an outcome's, a gate's, a commitment's. */
function dueDate(snapshot: InitiativeSnapshot, subject: SubjectRef): IsoDate | null {
  const { id } = subject;
  switch (subject.type) {
    case "milestone":
      return snapshot.milestones.find((m) => m.id === id)?.date ?? null;
    case "outcome":
      return snapshot.outcomes.find((o) => o.id === id)?.by ?? null;
    case "gate":
      return snapshot.gates.find((g) => g.id === id)?.date ?? null;
    case "commitment":
      return snapshot.commitments.find((c) => c.id === id)?.due ?? null;
    default:
      return null;
  }
}

/** Anything on the subject before the signal: an earlier signal, or an at_risk/off_track report. */
function wasWarned(h: History, signal: SignalRecord): boolean {
  return (
    h.signals.some((o) => isSameSubject(o.subject, signal.subject) && o.firstSeen < signal.firstSeen) ||
    h.snapshot.reports.some(
      (r) => isSameSubject(r.subject, signal.subject) && r.health !== "on_track" && r.date < signal.firstSeen,
    )
  );
}

/** Surprises from signals: one per subject and day at most, none from the baseline. */
function signalSurprises(h: History): Surprise[] {
  const found = h.signals.flatMap((s): Surprise[] => {
    if (s.severity === "info" || (h.baseline !== null && s.firstSeen <= h.baseline)) return [];
    const due = dueDate(h.snapshot, s.subject);
    if (due && Math.abs(daysBetween(due, s.firstSeen)) <= SURPRISE_NEAR_DAYS) {
      const lead = daysBetween(s.firstSeen, due);
      const when = lead >= 0 ? `${lead} day(s) before` : `${-lead} day(s) after`;
      const detail = `${s.kind} first seen ${s.firstSeen}, ${when} its date ${due}`;
      return [{ date: s.firstSeen, reason: "late-signal", subject: s.subject, kind: s.kind, detail }];
    }
    if (s.severity === "critical" && !wasWarned(h, s)) {
      const detail = `critical ${s.kind} first seen ${s.firstSeen} with no earlier signal or concern on its subject`;
      return [{ date: s.firstSeen, reason: "unwarned-critical", subject: s.subject, kind: s.kind, detail }];
    }
    return [];
  });
  const bySubjectAndDay = new Map<string, Surprise>();
  for (const surprise of found) {
    const key = `${surprise.date}\u0000${subjectKey(surprise.subject)}`;
    if (!bySubjectAndDay.has(key) || surprise.reason === "late-signal") bySubjectAndDay.set(key, surprise);
  }
  return [...bySubjectAndDay.values()];
}

/** A subject's reports in order; each on_track immediately followed by off_track is a jump. */
function statusJumps(reports: readonly StatusReport[]): Surprise[] {
  const bySubject = new Map<string, StatusReport[]>();
  for (const r of reports)
    bySubject.set(subjectKey(r.subject), [...(bySubject.get(subjectKey(r.subject)) ?? []), r]);
  return [...bySubject.values()].flatMap((list) => {
    const ordered = [...list].sort((a, b) => a.date.localeCompare(b.date));
    return ordered.slice(1).flatMap((r, i): Surprise[] =>
      ordered[i]!.health === "on_track" && r.health === "off_track"
        ? [
            {
              date: r.date,
              reason: "status-jump",
              subject: r.subject,
              kind: null,
              detail: `reported on_track on ${ordered[i]!.date} (${ordered[i]!.authorId}), off_track on ${r.date} (${r.authorId})`,
            },
          ]
        : [],
    );
  });
}

function surpriseFrequency(h: History): { score: number | null; measures: SurpriseMeasures } {
  const surprises = [...signalSurprises(h), ...statusJumps(h.snapshot.reports)].sort((a, b) =>
    b.date.localeCompare(a.date),
  );
  const since = addDays(h.asOf, -WINDOW_DAYS);
  const lastWindow = surprises.filter((s) => s.date > since).length;
  const hasRecord = h.signals.length > 0 || h.snapshot.reports.length > 0;
  return {
    score: hasRecord ? toScore(100 - SURPRISE_COST * lastWindow) : null,
    measures: { windowDays: WINDOW_DAYS, lastWindow, total: surprises.length, surprises },
  };
}

// ── 2. Information flow ──────────────────────────────────────────────────────────────────────────────────

/** The reports reachable below `top`, each with its fewest layers from it. */
function reach(graph: Beneath, top: StatusReport): Map<StatusReport, number> {
  const hops = new Map<StatusReport, number>();
  let frontier = [top];
  for (let layer = 1; frontier.length > 0; layer++) {
    frontier = frontier.flatMap((r) =>
      (graph.get(r) ?? []).filter((lower) => lower !== top && !hops.has(lower)),
    );
    frontier = [...new Set(frontier)];
    for (const r of frontier) hops.set(r, layer);
  }
  return hops;
}

export interface FlowEpisode {
  subject: SubjectRef;
  /** The first ground report of the bad news. */
  reportId: string;
  authorId: string;
  date: IsoDate;
  health: StatusReport["health"];
  /** Layers between it and the first owner report that summarises it; null when none does yet. */
  layers: number | null;
  /** The first owner report at least as bad that summarises the episode; null until the news arrived. */
  arrivedOn: IsoDate | null;
  /** The first owner report summarising it was greener than the ground. */
  softened: boolean;
  /** Days from the ground to the owner; while it has not arrived, days waiting so far. */
  delayDays: number;
}

export interface FlowMeasures {
  /** Median layers between ground reports and the owner's first report summarising each. */
  medianLayers: number | null;
  /** Median days for bad news to reach the owner unsoftened; episodes still on the way count at their age. */
  medianDelayDays: number | null;
  episodes: FlowEpisode[];
  arrived: number;
  softened: number;
  notArrived: number;
}

/** Ground bad news by subject: an episode starts at a bad ground report and ends at the next on_track one. */
function episodesOf(ground: readonly StatusReport[]): StatusReport[][] {
  const bySubject = new Map<string, StatusReport[]>();
  for (const r of ground)
    bySubject.set(subjectKey(r.subject), [...(bySubject.get(subjectKey(r.subject)) ?? []), r]);
  const episodes: StatusReport[][] = [];
  for (const list of bySubject.values()) {
    let open: StatusReport[] | null = null;
    for (const r of [...list].sort((a, b) => a.date.localeCompare(b.date))) {
      if (r.health === "on_track") open = null;
      else if (open) open.push(r);
      else episodes.push((open = [r]));
    }
  }
  return episodes;
}

function informationFlow(h: History, graph: Beneath): { score: number | null; measures: FlowMeasures } {
  const { reports, initiative } = h.snapshot;
  const ownerReports = reports
    .filter((r) => r.authorId === initiative.ownerId)
    .sort((a, b) => a.date.localeCompare(b.date));
  const reachOf = new Map(ownerReports.map((o) => [o, reach(graph, o)]));
  const ground = reports.filter(
    (r) => r.authorId !== initiative.ownerId && (graph.get(r) ?? []).length === 0,
  );
  const groundLayers = ground.flatMap((g) => {
    const fewest = minOf(ownerReports.flatMap((o) => reachOf.get(o)!.get(g) ?? []));
    return fewest === undefined ? [] : [fewest];
  });
  const episodes = episodesOf(ground).map((members): FlowEpisode => {
    const start = members[0]!;
    const summarising = ownerReports.filter(
      (o) => o.date >= start.date && members.some((m) => reachOf.get(o)!.has(m)),
    );
    const first = summarising[0];
    const arrival = summarising.find((o) => healthRank(o.health) >= healthRank(start.health));
    return {
      subject: start.subject,
      reportId: start.id,
      authorId: start.authorId,
      date: start.date,
      health: start.health,
      layers: first ? (minOf(members.flatMap((m) => reachOf.get(first)!.get(m) ?? [])) ?? null) : null,
      arrivedOn: arrival?.date ?? null,
      softened: first !== undefined && healthRank(first.health) < healthRank(start.health),
      delayDays: days(start.date, arrival?.date ?? h.asOf),
    };
  });
  const medianLayers = median(groundLayers);
  const medianDelayDays = median(episodes.map((e) => e.delayDays));
  const parts = [
    ...(medianLayers === null ? [] : [toScore(100 - LAYER_COST * (medianLayers - 1))]),
    ...(medianDelayDays === null ? [] : [waitScore(medianDelayDays)]),
  ];
  const score = mean(parts);
  return {
    score: score === null ? null : toScore(score),
    measures: {
      medianLayers,
      medianDelayDays,
      episodes,
      arrived: episodes.filter((e) => e.arrivedOn !== null).length,
      softened: episodes.filter((e) => e.softened).length,
      notArrived: episodes.filter((e) => e.arrivedOn === null).length,
    },
  };
}

// ── 3. Course-correction speed ───────────────────────────────────────────────────────────────────────────

export interface Trigger {
  kind: "invalidation" | "no-go" | "critical-signal";
  /** The decision request's id, the vote's id, or the signal's kind. */
  ref: string;
  subject: SubjectRef;
  date: IsoDate;
  detail: string;
  decision: Pick<Decision, "id" | "kind" | "date" | "byId"> | null;
  /** Days to the decision; while open, days waiting so far. */
  days: number;
}

export interface CourseCorrectionMeasures {
  /** Median over decided triggers at their time to decision, and open ones at their age once JUDGE_AFTER_DAYS old. */
  medianDays: number | null;
  /** Median over decided triggers only. */
  medianDaysToDecision: number | null;
  decided: number;
  open: Trigger[];
  triggers: Trigger[];
}

/** The first decision on or after `since` that `responds` accepts. */
function firstDecision(
  decisions: readonly Decision[],
  since: IsoDate,
  responds: (d: Decision) => boolean,
): Decision | null {
  return decisions
    .filter((d) => d.date >= since && responds(d))
    .reduce<Decision | null>((first, d) => (!first || d.date < first.date ? d : first), null);
}

const decisionRef = (d: Decision | null) =>
  d ? { id: d.id, kind: d.kind, date: d.date, byId: d.byId } : null;

function invalidationTriggers(h: History): Trigger[] {
  return decisionRequests(h.snapshot, h.asOf)
    .filter((r) => r.state !== "superseded")
    .map((r) => ({
      kind: "invalidation",
      ref: r.id,
      subject: { type: "milestone", id: r.milestoneId },
      date: r.openedOn,
      detail: `"${r.statement}" invalidated at "${r.milestoneName}"`,
      decision: r.decision
        ? { id: r.decision.id, kind: r.decision.kind, date: r.decision.date, byId: r.decision.byId }
        : null,
      days: r.daysToDecision ?? r.daysOpen ?? 0,
    }));
}

/** Each No-Go until a decision responds to its gate; one lifted by a later go of its role without a decision is dropped. */
function noGoTriggers(h: History): Trigger[] {
  return h.snapshot.gates.flatMap((gate) =>
    gate.votes.flatMap((vote, i): Trigger[] => {
      if (vote.vote !== "no_go") return [];
      const date = voteDay(vote, gate, h.asOf);
      const names = [gate.id, `gate:${gate.id}`, gate.name];
      const decision = firstDecision(h.snapshot.decisions, date, (d) => namesAny(d.respondsTo, names));
      const lifted = gate.votes.slice(i + 1).some((v) => v.role === vote.role && v.vote === "go");
      if (!decision && lifted) return [];
      return [
        {
          kind: "no-go",
          ref: vote.id,
          subject: { type: "gate", id: gate.id },
          date,
          detail: `No-Go on "${gate.name}" by ${vote.personId} (${vote.role})${vote.reason ? `: ${vote.reason}` : ""}`,
          decision: decisionRef(decision),
          days: days(date, decision?.date ?? h.asOf),
        },
      ];
    }),
  );
}

/**
 * Critical signals, one trigger per day they were first seen, until the next decision on the initiative:
 * signals name subjects (a link, a requirement) that decisions rarely name, so any decision after the alarm
 * answers every alarm before it, and alarms of one day are one trigger. Signals the data resolved before any
 * decision are dropped; an undecided invalidation is already counted as an invalidation.
 */
function criticalSignalTriggers(h: History): Trigger[] {
  const byDay = new Map<IsoDate, SignalRecord[]>();
  for (const s of h.signals) {
    if (s.severity !== "critical" || s.kind === "undecided-invalidation") continue;
    if (!firstDecision(h.snapshot.decisions, s.firstSeen, () => true) && s.resolvedAt !== null) continue;
    byDay.set(s.firstSeen, [...(byDay.get(s.firstSeen) ?? []), s]);
  }
  return [...byDay.entries()].map(([date, alarms]): Trigger => {
    const decision = firstDecision(h.snapshot.decisions, date, () => true);
    const kinds = [...new Set(alarms.map((s) => s.kind))].sort();
    return {
      kind: "critical-signal",
      ref: kinds.join(","),
      subject:
        alarms.length === 1 ? alarms[0]!.subject : { type: "initiative", id: h.snapshot.initiative.id },
      date,
      detail: `${alarms.length} critical signal(s) first seen ${date}: ${kinds.join(", ")}`,
      decision: decisionRef(decision),
      days: days(date, decision?.date ?? h.asOf),
    };
  });
}

function triggersOf(h: History): Trigger[] {
  return [...invalidationTriggers(h), ...noGoTriggers(h), ...criticalSignalTriggers(h)].sort(
    (a, b) => a.date.localeCompare(b.date) || a.ref.localeCompare(b.ref),
  );
}

function courseCorrectionSpeed(triggers: readonly Trigger[]): {
  score: number | null;
  measures: CourseCorrectionMeasures;
} {
  const decided = triggers.filter((t) => t.decision !== null);
  const judged = triggers.filter((t) => t.decision !== null || t.days >= JUDGE_AFTER_DAYS);
  const medianDays = median(judged.map((t) => t.days));
  return {
    score: medianDays === null ? null : waitScore(medianDays),
    measures: {
      medianDays,
      medianDaysToDecision: median(decided.map((t) => t.days)),
      decided: decided.length,
      open: triggers.filter((t) => t.decision === null),
      triggers: [...triggers],
    },
  };
}

// ── 4. Psychological safety ──────────────────────────────────────────────────────────────────────────────

export interface SafetyMeasures {
  /** The respondent-weighted pulse over teams with at least k respondents; null when none qualifies. */
  pulse: { mean: number; respondents: number; teams: number } | null;
  /** Teams whose pulse was missing, withheld, or below k: unknown, never used. */
  teamsWithoutPulse: number;
  concerns: number;
  /** Concerns whose author is unknown (anonymous): they cannot be attributed, so the share leaves them out. */
  anonymousConcerns: number;
  namedConcerns: number;
  fromOutsideLeads: number;
  /** Named concerns raised by people who lead no team and do not own the initiative. */
  outsideLeadsShare: number | null;
  basis: "pulse-and-concerns" | "pulse" | "concerns" | "none";
}

/**
 * Concerns raised: "worse" truths, risks, and at_risk/off_track reports that summarise nothing (a roll-up
 * relays a concern; it does not raise it). Each with its author, null when anonymous.
 */
function concernAuthors(h: History, graph: Beneath): Array<string | null> {
  const { reviews, risks, reports } = h.snapshot;
  return [
    ...reviews.flatMap((r) => r.truths.filter((t) => t.worse).map((t) => (r.anonymous ? null : t.authorId))),
    ...risks.map((r) => r.raisedBy),
    ...reports
      .filter((r) => r.health !== "on_track" && (graph.get(r) ?? []).length === 0)
      .map((r) => r.authorId),
  ];
}

/** The k rule: a team's pulse is used only with at least k respondents; anything less is unknown. */
function usablePulse(pulses: readonly TeamPulse[], teamIds: readonly string[], k: number) {
  const usable = pulses.filter(
    (p) => teamIds.includes(p.teamId) && p.aggregate !== null && p.aggregate.respondents >= k,
  );
  const respondents = usable.reduce((sum, p) => sum + p.aggregate!.respondents, 0);
  if (respondents === 0) return { pulse: null, without: teamIds.length };
  const weighted =
    usable.reduce((sum, p) => sum + p.aggregate!.mean * p.aggregate!.respondents, 0) / respondents;
  return {
    pulse: { mean: Math.round(weighted * 100) / 100, respondents, teams: usable.length },
    without: teamIds.length - usable.length,
  };
}

function psychologicalSafety(
  h: History,
  graph: Beneath,
  pulses: readonly TeamPulse[],
  k: number,
): { score: number | null; measures: SafetyMeasures } {
  const { teams, initiative } = h.snapshot;
  const leads = new Set([initiative.ownerId, ...teams.flatMap((t) => (t.leadId ? [t.leadId] : []))]);
  const authors = concernAuthors(h, graph);
  const named = authors.filter((a): a is string => a !== null);
  const outside = named.filter((a) => !leads.has(a)).length;
  const share = named.length > 0 ? outside / named.length : null;
  const { pulse, without } = usablePulse(
    pulses,
    teams.map((t) => t.id),
    k,
  );
  const pulseScore = pulse ? (100 * (pulse.mean - 1)) / 6 : null;
  const parts = [...(pulseScore === null ? [] : [pulseScore]), ...(share === null ? [] : [100 * share])];
  const score = mean(parts);
  return {
    score: score === null ? null : toScore(score),
    measures: {
      pulse,
      teamsWithoutPulse: without,
      concerns: authors.length,
      anonymousConcerns: authors.length - named.length,
      namedConcerns: named.length,
      fromOutsideLeads: outside,
      outsideLeadsShare: share === null ? null : Math.round(share * 1000) / 1000,
      basis:
        pulse && share !== null
          ? "pulse-and-concerns"
          : pulse
            ? "pulse"
            : share !== null
              ? "concerns"
              : "none",
    },
  };
}

// ── 5. Pivot history ─────────────────────────────────────────────────────────────────────────────────────

export interface OutcomeMovement {
  outcomeId: string;
  metricId: string;
  /** Per day, least squares over the points in the window before the decision (its day included). */
  slopeBefore: number;
  /** Per day, over the points in the window after it, up to today. */
  slopeAfter: number;
  /** slopeAfter − slopeBefore, signed so that positive is toward the outcome's target. */
  change: number;
}

export interface PivotEntry {
  decisionId: string;
  date: IsoDate;
  kind: Decision["kind"];
  respondsTo: string | null;
  /** pivot, stop, descope or delay; persevere keeps the course. */
  changedCourse: boolean;
  movements: OutcomeMovement[];
  effect: "improved" | "worsened" | "flat" | "unmeasured";
}

export interface PivotMeasures {
  courseChanges: number;
  perseveres: number;
  /** Triggers (see course-correction speed) whose decision changed course. */
  triggersAnsweredByChange: number;
  triggers: number;
  /** triggersAnsweredByChange / triggers. */
  responsiveness: number | null;
  /** Course changes with an outcome slope readable on both sides, and those after which it improved. */
  measured: number;
  improved: number;
  effectiveness: number | null;
  decisions: PivotEntry[];
}

const COURSE_CHANGES: ReadonlySet<Decision["kind"]> = new Set(["pivot", "stop", "descope", "delay"]);

/** Least-squares slope per day; null with fewer than two points or a single day. */
function slope(points: ReadonlyArray<{ date: IsoDate; value: number }>): number | null {
  if (points.length < 2) return null;
  const xs = points.map((p) => daysBetween(points[0]!.date, p.date));
  const [mx, my] = [mean(xs)!, mean(points.map((p) => p.value))!];
  const sxx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  if (sxx === 0) return null;
  return xs.reduce((sum, x, i) => sum + (x - mx) * (points[i]!.value - my), 0) / sxx;
}

function movements(h: History, decision: Decision): OutcomeMovement[] {
  return h.snapshot.outcomes.flatMap((outcome) => {
    const metric = h.snapshot.metrics.find((m) => m.id === outcome.metricId);
    if (!metric) return [];
    const from = addDays(decision.date, -SLOPE_WINDOW_DAYS);
    const to = addDays(decision.date, SLOPE_WINDOW_DAYS);
    const sorted = [...metric.points].sort((a, b) => a.date.localeCompare(b.date));
    const before = slope(sorted.filter((p) => p.date >= from && p.date <= decision.date));
    const after = slope(sorted.filter((p) => p.date > decision.date && p.date <= to && p.date <= h.asOf));
    if (before === null || after === null) return [];
    const change = targetSide(outcome, metric) * (after - before);
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return [
      {
        outcomeId: outcome.id,
        metricId: metric.id,
        slopeBefore: round(before),
        slopeAfter: round(after),
        change: round(change),
      },
    ];
  });
}

/** +1 toward the target, -1 away, 0 within SLOPE_NOISE of the larger slope. */
function moved(m: OutcomeMovement): number {
  const noise = SLOPE_NOISE * Math.max(Math.abs(m.slopeBefore), Math.abs(m.slopeAfter));
  return Math.abs(m.change) <= noise ? 0 : Math.sign(m.change);
}

function effectOf(moves: readonly OutcomeMovement[]): PivotEntry["effect"] {
  if (moves.length === 0) return "unmeasured";
  const balance = moves.reduce((sum, m) => sum + moved(m), 0);
  return balance > 0 ? "improved" : balance < 0 ? "worsened" : "flat";
}

function pivotHistory(
  h: History,
  triggers: readonly Trigger[],
): { score: number | null; measures: PivotMeasures } {
  const entries = [...h.snapshot.decisions]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((d): PivotEntry => {
      const moves = movements(h, d);
      return {
        decisionId: d.id,
        date: d.date,
        kind: d.kind,
        respondsTo: d.respondsTo,
        changedCourse: COURSE_CHANGES.has(d.kind),
        movements: moves,
        effect: effectOf(moves),
      };
    });
  const changes = entries.filter((e) => e.changedCourse);
  const measured = changes.filter((e) => e.effect !== "unmeasured");
  const improved = measured.filter((e) => e.effect === "improved").length;
  const answered = triggers.filter((t) => t.decision && COURSE_CHANGES.has(t.decision.kind)).length;
  const responsiveness = triggers.length > 0 ? answered / triggers.length : null;
  const effectiveness = measured.length > 0 ? improved / measured.length : null;
  const parts = [responsiveness, effectiveness].flatMap((x) => (x === null ? [] : [100 * x]));
  const score = mean(parts);
  const ratio = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  return {
    score: score === null ? null : toScore(score),
    measures: {
      courseChanges: changes.length,
      perseveres: entries.length - changes.length,
      triggersAnsweredByChange: answered,
      triggers: triggers.length,
      responsiveness: ratio(responsiveness),
      measured: measured.length,
      improved,
      effectiveness: ratio(effectiveness),
      decisions: entries,
    },
  };
}

// ── The index, its trend, and the org roll-up ────────────────────────────────────────────────────────────

type Scores = { [K in DimensionKey]: number | null };

interface Reading {
  surpriseFrequency: ReturnType<typeof surpriseFrequency>;
  informationFlow: ReturnType<typeof informationFlow>;
  courseCorrectionSpeed: ReturnType<typeof courseCorrectionSpeed>;
  psychologicalSafety: ReturnType<typeof psychologicalSafety>;
  pivotHistory: ReturnType<typeof pivotHistory>;
}

/** Every dimension as of one day. */
function read(h: History, pulses: readonly TeamPulse[], k: number): Reading {
  const graph = reportGraph(h.snapshot);
  const triggers = triggersOf(h);
  return {
    surpriseFrequency: surpriseFrequency(h),
    informationFlow: informationFlow(h, graph),
    courseCorrectionSpeed: courseCorrectionSpeed(triggers),
    psychologicalSafety: psychologicalSafety(h, graph, pulses, k),
    pivotHistory: pivotHistory(h, triggers),
  };
}

/** The mean of the dimensions that have a score; null when none has. */
export function overallOf(scores: Scores): number | null {
  const value = mean(DIMENSION_KEYS.flatMap((key) => (scores[key] === null ? [] : [scores[key]])));
  return value === null ? null : toScore(value);
}

const directionOfDelta = (delta: number): Direction =>
  delta >= TREND_STEP ? "up" : delta <= -TREND_STEP ? "down" : "flat";

/** The last scored point minus the scored point before it; null with fewer than two. */
function lastMove(trend: readonly TrendPoint[]): number | null {
  const scored = trend.flatMap((p) => (p.score === null ? [] : [p.score]));
  return scored.length < 2 ? null : scored.at(-1)! - scored.at(-2)!;
}

/** Up, down or flat: the last scored point against the scored point before it. */
export function directionOf(trend: readonly TrendPoint[]): Direction {
  const delta = lastMove(trend);
  return delta === null ? "unknown" : directionOfDelta(delta);
}

/**
 * The org's direction: the mean of its initiatives' last moves, over those that have one. Not the org
 * trend's own last move, which shifts when an initiative without history joins the mean though none moved.
 */
function orgDirection(trends: ReadonlyArray<readonly TrendPoint[]>): Direction {
  const delta = mean(trends.flatMap((t) => lastMove(t) ?? []));
  return delta === null ? "unknown" : directionOfDelta(delta);
}

/** The first day anything was on record: no trend point is computed before it. */
function recordStart(
  snapshot: InitiativeSnapshot,
  signals: readonly SignalRecord[],
  today: IsoDate,
): IsoDate {
  const dates = [
    ...snapshot.reports.map((r) => r.date),
    ...snapshot.decisions.map((d) => d.date),
    ...snapshot.milestones.flatMap((m) => m.tests.map((t) => testDay(t, m, today))),
    ...snapshot.gates.flatMap((g) => g.votes.map((v) => voteDay(v, g, today))),
    ...snapshot.risks.map((r) => dayOf(r.raisedOn, null, today)),
    ...snapshot.reviews.map((r) => r.date),
    ...signals.map((s) => earlier(s.firstSeen, today)),
  ];
  return dates.reduce((first, d) => earlier(first, d), today);
}

/** The trend's days, oldest first: today and every WINDOW_DAYS back, at most TREND_POINTS, none before the record starts. */
export function trendDays(start: IsoDate, today: IsoDate, points = TREND_POINTS): IsoDate[] {
  const days = Array.from({ length: points }, (_, i) => addDays(today, -WINDOW_DAYS * i));
  return days.filter((d, i) => i === 0 || d >= start).reverse();
}

export interface AlignmentIndex {
  initiativeId: string;
  name: string;
  asOf: IsoDate;
  /** The mean of the five scores that exist. */
  overall: number | null;
  overallTrend: TrendPoint[];
  overallDirection: Direction;
  surpriseFrequency: Dimension<SurpriseMeasures>;
  informationFlow: Dimension<FlowMeasures>;
  courseCorrectionSpeed: Dimension<CourseCorrectionMeasures>;
  psychologicalSafety: Dimension<SafetyMeasures>;
  pivotHistory: Dimension<PivotMeasures>;
}

/**
 * The index of one initiative as of `today`, with each dimension's trend computed from the same record as
 * of each earlier point. The pulse has no history: it counts in today's psychological safety only, so that
 * dimension's trend (today's point included) reads the concern share alone and compares like with like.
 */
export function alignmentIndex(input: AlignmentInput): AlignmentIndex {
  const { snapshot, signals, today } = input;
  const k = Math.max(MIN_GROUP_SIZE, input.minGroupSize ?? DEFAULT_GROUP_SIZE);
  const since = input.recordedSince ?? null;
  const now = read(historyAsOf(snapshot, signals, today, today, since), input.pulses ?? [], k);
  const past = trendDays(recordStart(snapshot, signals, today), today).map((day) => ({
    day,
    reading: read(historyAsOf(snapshot, signals, day, today, since), [], k),
  }));
  const dimension = <K extends DimensionKey>(key: K): Dimension<Reading[K]["measures"]> => {
    const trend = past.map(({ day, reading }) => ({ asOf: day, score: reading[key].score }));
    return { score: now[key].score, measures: now[key].measures, trend, direction: directionOf(trend) };
  };
  const scoresOf = (reading: Reading) =>
    Object.fromEntries(DIMENSION_KEYS.map((key) => [key, reading[key].score])) as Scores;
  const overallTrend = past.map(({ day, reading }) => ({ asOf: day, score: overallOf(scoresOf(reading)) }));
  return {
    initiativeId: snapshot.initiative.id,
    name: snapshot.initiative.name,
    asOf: today,
    overall: overallOf(scoresOf(now)),
    overallTrend,
    overallDirection: directionOf(overallTrend),
    surpriseFrequency: dimension("surpriseFrequency"),
    informationFlow: dimension("informationFlow"),
    courseCorrectionSpeed: dimension("courseCorrectionSpeed"),
    psychologicalSafety: dimension("psychologicalSafety"),
    pivotHistory: dimension("pivotHistory"),
  };
}

export interface OrgDimension {
  /** The mean over the initiatives that have a score: each initiative counts once, whatever its size. */
  score: number | null;
  initiatives: number;
  trend: TrendPoint[];
  direction: Direction;
}

export interface OrgAlignment {
  asOf: IsoDate;
  weighting: "initiative";
  overall: number | null;
  overallTrend: TrendPoint[];
  overallDirection: Direction;
  dimensions: Record<DimensionKey, OrgDimension>;
  initiatives: AlignmentIndex[];
}

/** The mean of the scores present, rounded; null when none. */
function meanScore(scores: ReadonlyArray<number | null>): number | null {
  const value = mean(scores.flatMap((s) => (s === null ? [] : [s])));
  return value === null ? null : toScore(value);
}

/**
 * The org's trend, point by point: initiatives are aligned by their own today (each may be evaluated as of
 * a different day), the point `i` months back averaging each initiative's point `i` months back.
 */
function orgTrend(trends: ReadonlyArray<readonly TrendPoint[]>, asOf: IsoDate): TrendPoint[] {
  const length = maxOf(trends.map((t) => t.length)) ?? 0;
  return Array.from({ length }, (_, back) => ({
    asOf: addDays(asOf, -WINDOW_DAYS * back),
    score: meanScore(trends.map((t) => t[t.length - 1 - back]?.score ?? null)),
  })).reverse();
}

/** The org roll-up: every dimension's mean over initiatives, each initiative weighing the same. */
export function orgAlignment(indexes: readonly AlignmentIndex[], asOf: IsoDate): OrgAlignment {
  const dimensions = Object.fromEntries(
    DIMENSION_KEYS.map((key): [DimensionKey, OrgDimension] => {
      const trends = indexes.map((i) => i[key].trend);
      return [
        key,
        {
          score: meanScore(indexes.map((i) => i[key].score)),
          initiatives: indexes.filter((i) => i[key].score !== null).length,
          trend: orgTrend(trends, asOf),
          direction: orgDirection(trends),
        },
      ];
    }),
  ) as Record<DimensionKey, OrgDimension>;
  const overallTrends = indexes.map((i) => i.overallTrend);
  return {
    asOf,
    weighting: "initiative",
    overall: meanScore(indexes.map((i) => i.overall)),
    overallTrend: orgTrend(overallTrends, asOf),
    overallDirection: orgDirection(overallTrends),
    dimensions,
    initiatives: [...indexes],
  };
}
