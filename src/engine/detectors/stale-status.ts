// stale-status: the initiative, an open commitment or a team with open work that nobody has reported on within the cadence.
import type { Evidence, InitiativeSnapshot, Signal, StatusReport, SubjectRef } from "../../domain/model.ts";
import { daysBetween, type IsoDate } from "../../domain/primitives.ts";
import { signal, type Detector } from "../detector.ts";
import { commitmentActor, isOpen, teamActor } from "./work-in-progress.ts";

const KIND = "stale-status";

/** Up to twice the cadence, one report was missed (info); beyond it, the silence is a habit (warning). */
export const WARNING_CADENCES = 2;

/** Something that should be reported on every cadence, with the reports that speak for it. */
interface Watched {
  ref: SubjectRef;
  /** In human words, for titles: `"Self-serve release"`, `Marketing`. */
  name: string;
  owner: string;
  /** Reports that count as status on it, newest first. */
  reports: StatusReport[];
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
  detect(snapshot, { today }) {
    const cadence = snapshot.initiative.cadenceDays;
    const start = startDate(snapshot);
    return watchedSubjects(snapshot, today).flatMap((watched) => {
      const since = watched.reports[0]?.date ?? start;
      // Nothing dated at all: the initiative has no history yet, so nothing can be overdue.
      if (since === null) return [];
      const age = daysBetween(since, today);
      return age > cadence ? [staleSignal(watched, { since, age, cadence })] : [];
    });
  },
};

interface Staleness {
  /** The latest report's date, else the initiative's start. */
  since: IsoDate;
  /** Days from `since` to today. */
  age: number;
  cadence: number;
}

function staleSignal(watched: Watched, { since, age, cadence }: Staleness): Signal {
  const last = watched.reports[0];
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

function watchedSubjects(snapshot: InitiativeSnapshot, today: IsoDate): Watched[] {
  const reports = snapshot.reports
    .filter((r) => r.date <= today)
    .sort((a, b) => b.date.localeCompare(a.date));
  const about = (type: SubjectRef["type"], ids: ReadonlySet<string>) =>
    reports.filter((r) => r.subject.type === type && ids.has(r.subject.id));
  const { initiative } = snapshot;
  const open = snapshot.commitments.filter((c) => isOpen(c, today));

  const initiativeWatch: Watched = {
    ref: { type: "initiative", id: initiative.id },
    name: initiative.name,
    owner: initiative.ownerId,
    reports: reports.filter((r) => r.subject.type === "initiative"),
    scope: initiative.name,
  };
  const commitmentWatches = open.map((c): Watched => ({
    ref: { type: "commitment", id: c.id },
    name: `"${c.title}"`,
    owner: commitmentActor(snapshot, c),
    reports: about("commitment", new Set([c.id])),
    scope: `"${c.title}"`,
  }));
  // A report on any of a team's commitments speaks for the team: teams report on their work, and demanding
  // a separate team-level report as well would flag every team that does exactly that.
  const teamIds = [...new Set(open.map((c) => c.teamId))];
  const teamWatches = teamIds.map((teamId): Watched => {
    const name = snapshot.teams.find((t) => t.id === teamId)?.name ?? teamId;
    const theirs = new Set(snapshot.commitments.filter((c) => c.teamId === teamId).map((c) => c.id));
    return {
      ref: { type: "team", id: teamId },
      name,
      owner: teamActor(snapshot, teamId),
      reports: [...about("team", new Set([teamId])), ...about("commitment", theirs)].sort((a, b) =>
        b.date.localeCompare(a.date),
      ),
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
  const dates = [
    ...snapshot.reports.map((r) => r.date),
    ...snapshot.metrics.flatMap((m) => m.points.map((p) => p.date)),
    ...(snapshot.initiative.investment?.points.map((p) => p.date) ?? []),
    ...snapshot.decisions.map((d) => d.date),
    ...snapshot.reviews.map((r) => r.date),
    ...snapshot.risks.flatMap((r) => (r.raisedOn ? [r.raisedOn] : [])),
    ...snapshot.milestones.flatMap((m) => [m.date, ...m.tests.flatMap((t) => (t.date ? [t.date] : []))]),
    ...snapshot.commitments.flatMap((c) => [c.due, c.done, ...c.dueHistory].filter((d) => d !== null)),
  ];
  return dates.length > 0 ? dates.reduce((a, b) => (a < b ? a : b)) : null;
}
