// stale-status: the initiative, an open commitment or a team with open work that nobody has reported on within the cadence.
import type {
  Commitment,
  Decision,
  Evidence,
  InitiativeSnapshot,
  Milestone,
  Review,
  Risk,
  SeriesPoint,
  Signal,
  StatusReport,
  SubjectRef,
} from "../../domain/model.ts";
import type { IsoDate } from "../../domain/primitives.ts";
import { daysApart, instantOf } from "../calendar.ts";
import { signal, type Detector, type EvaluationContext } from "../detector.ts";
import { subjectKey } from "../evidence-health.ts";
import { firstById, latestFor, perArray, perArrayIn } from "../memo.ts";
import { commitmentActor, isOpen, teamActor } from "./work-in-progress.ts";

const KIND = "stale-status";

/** Up to twice the cadence, one report was missed (info); beyond it, the silence is a habit (warning). */
export const WARNING_CADENCES = 2;

/** Something that should be reported on every cadence, with the reports that speak for it. */
export interface Watched {
  ref: SubjectRef;
  /** In human words, for titles: `"Self-serve release"`, `Marketing`. */
  name: string;
  owner: string;
  /** The newest report that counts as status on it (the first of them by date, newest first, then as written). */
  latest: StatusReport | undefined;
  /** What those reports cover, for the explanation: `"Self-serve release"`, `Sales or any of its commitments`. */
  scope: string;
}

export const staleStatus: Detector = {
  kinds: [KIND],
  reads: [
    "initiative",
    "commitments",
    "teams",
    "reports",
    "metrics",
    "decisions",
    "reviews",
    "risks",
    "milestones",
  ],
  detect(snapshot, context) {
    return reportSchedule(snapshot, context).flatMap((due) => {
      const { watched, since, age, cadence } = due;
      if (!isOverdue(due)) return [];
      // Worded again only when what it says changed: the same signal object keeps the merged list standing.
      const { ref, name, owner, latest, scope } = watched;
      const keys = [ref.type, name, owner, latest, scope, since, age, cadence];
      return [
        latestFor(context, staleSignal, `${ref.type}:${ref.id}`, keys, () =>
          staleSignal(watched, { since, age, cadence }),
        ),
      ];
    });
  },
};

/** When a subject's next report is due: `cadence` days after its latest report (else the initiative's start). */
export interface ReportDue extends Staleness {
  watched: Watched;
  /** The day the next report is due: `since` plus the cadence. */
  dueOn: IsoDate;
}

/**
 * The cadence rule, in one place: every subject that should be reported on (the initiative, each open
 * commitment, each team with open work) with the day its next report is due. Subjects of an initiative with
 * nothing dated at all are left out: nothing can be due yet. Reminders read this as the detector does.
 */
export function reportSchedule(snapshot: InitiativeSnapshot, context: EvaluationContext): ReportDue[] {
  const { today } = context;
  const cadence = snapshot.initiative.cadenceDays;
  const start = startDate(snapshot);
  return watchedSubjects(snapshot, context).flatMap((watched): ReportDue[] => {
    const since = watched.latest?.date ?? start;
    if (since === null) return [];
    const dueOn = new Date(instantOf(since) + cadence * 86_400_000).toISOString().slice(0, 10) as IsoDate;
    return [{ watched, since, age: daysApart(since, today), cadence, dueOn }];
  });
}

/** Due today or before: the day a reminder goes out. */
export function isDue(due: ReportDue): boolean {
  return due.age >= due.cadence;
}

/** Past its due day: the silence stale-status reports. */
export function isOverdue(due: ReportDue): boolean {
  return due.age > due.cadence;
}

interface Staleness {
  /** The latest report's date, else the initiative's start. */
  since: IsoDate;
  /** Days from `since` to today. */
  age: number;
  cadence: number;
}

function staleSignal(watched: Watched, { since, age, cadence }: Staleness): Signal {
  const last = watched.latest;
  const evidence: Evidence[] = [
    last
      ? {
          text: `last report: ${last.date} (${last.health.replace("_", " ")}) on ${last.subject.type} ${last.subject.id}`,
          subject: last.subject,
          value: { report: last.id, date: last.date, days: age },
        }
      : { text: `no report ever; the initiative's earliest date is ${since}`, value: { since, days: age } },
    { text: `cadence: a report every ${cadence} days`, value: cadence },
  ];
  const silence = last
    ? `The last status report on ${watched.scope} was on ${last.date}, ${age} days ago`
    : `Nobody has reported on ${watched.scope}, and the initiative has run for ${age} days (since ${since})`;
  return signal({
    kind: KIND,
    severity: age > WARNING_CADENCES * cadence ? "warning" : "info",
    subject: watched.ref,
    title: last
      ? `No status on ${watched.name} for ${age} days`
      : `No status on ${watched.name} since the initiative started`,
    explanation: `${silence}, while it expects a report every ${cadence} days. Silence is not green: report its health, even if nothing changed.`,
    evidence,
    owner: watched.owner,
  });
}

/** A subject's newest report up to today, and where it stands in the snapshot's reports. */
interface Newest {
  report: StatusReport;
  position: number;
}

/** True when `a` comes before `b` once reports are sorted newest first (stably: then as written). */
function isNewer(a: Newest, b: Newest): boolean {
  return a.report.date > b.report.date || (a.report.date === b.report.date && a.position < b.position);
}

/** Each subject's newest report up to today: the first on it once the reports are sorted newest first. */
function newestBySubject(
  reports: readonly StatusReport[],
  context: EvaluationContext,
): ReadonlyMap<string, Newest> {
  return withLaterReports(new Map(), reports, context, 0);
}

/**
 * `newest` with `reports` taken in, written after every report it was made from and the first of them at
 * `from` in the snapshot's reports; `newest` is not changed.
 */
function withLaterReports(
  newest: ReadonlyMap<string, Newest>,
  reports: readonly StatusReport[],
  { today }: EvaluationContext,
  from: number,
): ReadonlyMap<string, Newest> {
  const next = new Map(newest);
  reports.forEach((report, i) => {
    if (report.date > today) return;
    const key = subjectKey(report.subject);
    const candidate = { report, position: from + i };
    const current = next.get(key);
    if (!current || isNewer(candidate, current)) next.set(key, candidate);
  });
  return next;
}

/** Of a subject's own newest report and its commitments' newest, the newer; on the same day its own. */
function newer(own: Newest | undefined, commitments: Newest | undefined): StatusReport | undefined {
  if (!own || !commitments) return (own ?? commitments)?.report;
  return commitments.report.date.localeCompare(own.report.date) > 0 ? commitments.report : own.report;
}

/** The newest report on any of the commitments `ids`: the first of theirs in the newest-first order. */
function newestOnCommitments(
  newest: ReadonlyMap<string, Newest>,
  ids: ReadonlySet<string>,
): Newest | undefined {
  let found: Newest | undefined;
  for (const id of ids) {
    const candidate = newest.get(subjectKey({ type: "commitment", id }));
    if (candidate && (!found || isNewer(candidate, found))) found = candidate;
  }
  return found;
}

/** Each team's commitment ids. */
function commitmentIdsByTeam(commitments: readonly Commitment[]): ReadonlyMap<string, ReadonlySet<string>> {
  const byTeam = new Map<string, Set<string>>();
  for (const { id, teamId } of commitments) {
    const ids = byTeam.get(teamId);
    if (ids) ids.add(id);
    else byTeam.set(teamId, new Set([id]));
  }
  return byTeam;
}

const NO_IDS: ReadonlySet<string> = new Set();

function commitmentIds(commitments: readonly Commitment[]): ReadonlySet<string> {
  return new Set(commitments.map((c) => c.id));
}

function watchedSubjects(snapshot: InitiativeSnapshot, context: EvaluationContext): Watched[] {
  const { today } = context;
  // The same for every run until the reports change (a new fact or point does not move them).
  const newest = perArrayIn(context, snapshot.reports, newestBySubject, withLaterReports);
  const latestOn = (type: SubjectRef["type"], id: string) => newest.get(subjectKey({ type, id }));
  const { initiative } = snapshot;
  const open = snapshot.commitments.filter((c) => isOpen(c, today));

  // Reports on the initiative's work speak for it as a team's do for the team: a portfolio whose
  // commitments are reported on within the cadence is not silent for want of a roll-up.
  const allIds = perArray(snapshot.commitments, commitmentIds);
  const initiativeWatch: Watched = {
    ref: { type: "initiative", id: initiative.id },
    name: initiative.name,
    owner: initiative.ownerId,
    latest: newer(newest.get("initiative"), newestOnCommitments(newest, allIds)),
    scope: `${initiative.name} or any of its commitments`,
  };
  const commitmentWatches = open.map((c): Watched => ({
    ref: { type: "commitment", id: c.id },
    name: `"${c.title}"`,
    owner: commitmentActor(snapshot, c),
    latest: latestOn("commitment", c.id)?.report,
    scope: `"${c.title}"`,
  }));
  // A report on any of a team's commitments speaks for the team: teams report on their work, and demanding
  // a separate team-level report as well would flag every team that does exactly that.
  const teamIds = [...new Set(open.map((c) => c.teamId))];
  const teamWatches = teamIds.map((teamId): Watched => {
    const name = firstById(snapshot.teams).get(teamId)?.name ?? teamId;
    const theirs = perArray(snapshot.commitments, commitmentIdsByTeam).get(teamId) ?? NO_IDS;
    return {
      ref: { type: "team", id: teamId },
      name,
      owner: teamActor(snapshot, teamId),
      // The team's own reports come first among equals, as when both lists were sorted together (stably).
      latest: newer(latestOn("team", teamId), newestOnCommitments(newest, theirs)),
      scope: `${name} or any of its commitments`,
    };
  });
  return [initiativeWatch, ...commitmentWatches, ...teamWatches];
}

/**
 * When the initiative started, for subjects never reported on: the earliest dated activity in it (reports,
 * metric and investment points, decisions, reviews, risks raised, milestones and their tests, commitments'
 * due and done dates). A person's departure date is not activity in the initiative, so it is not read.
 */
function startDate(snapshot: InitiativeSnapshot): IsoDate | null {
  // Each section's earliest date is remembered per array: a new point or report re-reads only its own array.
  const earliestOfSections = [
    perArray(snapshot.reports, earliestReport, (first, appended) =>
      earliest2(first, earliestReport(appended)),
    ),
    ...snapshot.metrics.map((m) => perArray(m.points, earliestPoint)),
    perArray(snapshot.initiative.investment?.points ?? NO_POINTS, earliestPoint),
    perArray(snapshot.decisions, earliestDecision),
    perArray(snapshot.reviews, earliestReview),
    perArray(snapshot.risks, earliestRisk),
    perArray(snapshot.milestones, earliestMilestone),
    perArray(snapshot.commitments, earliestCommitment),
  ];
  return earliest((visit) => earliestOfSections.forEach((d) => d !== null && visit(d)));
}

const NO_POINTS: readonly SeriesPoint[] = [];

/** The earlier of two dates, either of which may be missing. */
function earliest2(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  return a === null || (b !== null && b < a) ? b : a;
}

/** The earliest of the dates `each` visits (ISO dates order as strings), or null when it visits none. */
function earliest(each: (visit: (date: IsoDate) => void) => void): IsoDate | null {
  let first: IsoDate | null = null;
  each((date) => {
    if (first === null || date < first) first = date;
  });
  return first;
}

const earliestReport = (reports: readonly StatusReport[]) =>
  earliest((visit) => reports.forEach((r) => visit(r.date)));
const earliestPoint = (points: readonly SeriesPoint[]) =>
  earliest((visit) => points.forEach((p) => visit(p.date)));
const earliestDecision = (decisions: readonly Decision[]) =>
  earliest((visit) => decisions.forEach((d) => visit(d.date)));
const earliestReview = (reviews: readonly Review[]) =>
  earliest((visit) => reviews.forEach((r) => visit(r.date)));
const earliestRisk = (risks: readonly Risk[]) =>
  earliest((visit) => risks.forEach((r) => r.raisedOn && visit(r.raisedOn)));
const earliestMilestone = (milestones: readonly Milestone[]) =>
  earliest((visit) =>
    milestones.forEach((m) => {
      visit(m.date);
      m.tests.forEach((t) => t.date && visit(t.date));
    }),
  );
const earliestCommitment = (commitments: readonly Commitment[]) =>
  earliest((visit) =>
    commitments.forEach((c) => {
      if (c.due !== null) visit(c.due);
      if (c.done !== null) visit(c.done);
      c.dueHistory.forEach(visit);
    }),
  );
