// sunk-cost-spiral: investment keeps rising after assumptions failed or dates slipped, and nobody has decided anything since.
import type {
  AssumptionTest,
  Evidence,
  InitiativeSnapshot,
  SeriesPoint,
  Signal,
  StatusReport,
} from "../../domain/model.ts";
import type { IsoDate } from "../../domain/primitives.ts";
import { signal, type Detector, type EvaluationContext } from "../detector.ts";
import { groupBy } from "../../domain/group-by.ts";
import { fromSections, latest, latestFor, perArrayIn } from "../memo.ts";

const KIND = "sunk-cost-spiral";

/** One slip may be bad luck; a second says the plan, not the week, is wrong. */
export const MIN_SLIPS = 2;
/** Spending half as much again after the first warning sign is a spiral, not a recovery plan. */
export const CRITICAL_GROWTH = 0.5;

/**
 * How people talk when the money already spent is the reason to go on. They support the finding and
 * never make it: a phrase without a failed assumption or a slip is only a phrase.
 */
const SUNK_COST_PHRASES =
  /\b(?:(?:we(?:'ve| have))? already (?:invested|spent|sunk|put in)|too far (?:in|along|down)|can(?:'t|not) (?:stop|turn back|back out) now|(?:so much|too much) (?:work|effort|time|money)|come (?:this|so) far|sunk cost)\b/i;

/** Why the plan is in doubt: an assumption a test invalidated, or a due date that moved. */
interface Trigger {
  date: IsoDate;
  text: string;
  subject: Evidence["subject"];
  /** For a slip: the commitment's title, and the due date it moved from and to (null: no date). */
  slip?: { title: string; from: IsoDate; to: IsoDate | null };
}

export const sunkCostSpiral: Detector = {
  kinds: [KIND],
  reads: ["initiative", "milestones", "commitments", "decisions", "reports"],
  detect(snapshot, context) {
    const { today } = context;
    // Read again only when milestones or commitments change: a new report or decision leaves them as they were.
    const invalidations = fromSections(context, snapshot, ["milestones"], findInvalidations);
    const slips = fromSections(context, snapshot, ["commitments"], findSlips);
    if (invalidations.length === 0 && slips.length < MIN_SLIPS) return [];
    const triggers = latest(context, sortedTriggers, [invalidations, slips], () =>
      sortedTriggers(invalidations, slips),
    );
    const first = triggers[0]!;
    const lastTrigger = triggers.at(-1)!;
    if (snapshot.decisions.some((d) => d.date >= lastTrigger.date && d.date <= today)) return [];

    const points = (snapshot.initiative.investment?.points ?? [])
      .filter((p) => p.date <= today)
      .sort((a, b) => a.date.localeCompare(b.date));
    // Without the spend, slips alone are each commitment's own finding (repeated-slip), not a spiral.
    const cannotTell = points.length < 2 || points.at(-1)!.date < first.date;
    if (cannotTell && invalidations.length === 0) return [];
    if (points.length < 2) {
      const gap = "the initiative records fewer than two investment points";
      return [
        latestFor(context, unknownInvestment, gap, [snapshot.initiative, triggers], () =>
          unknownInvestment(snapshot, triggers, gap),
        ),
      ];
    }
    const [before, last] = points.slice(-2) as [SeriesPoint, SeriesPoint];
    if (last.date < first.date) {
      const gap = `no investment is recorded after ${last.date}`;
      return [
        latestFor(context, unknownInvestment, gap, [snapshot.initiative, triggers], () =>
          unknownInvestment(snapshot, triggers, gap),
        ),
      ];
    }
    if (last.value <= before.value) return [];
    const phrases = perArrayIn(context, snapshot.reports, sunkCostPhrases, withLaterPhrases);
    const facts = { triggers, points, invalidations, slips, phrases };
    // Worded again only when a fact it states changed: the same signal keeps the merged list standing.
    const keys = [snapshot.initiative, triggers, before, last, phrases];
    return [latestFor(context, spiral, KIND, keys, () => spiral(snapshot, facts))];
  },
};

/** Invalidated assumptions, unless a later test validated the assumption again (then the plan holds). */
function findInvalidations(
  snapshot: Pick<InitiativeSnapshot, "milestones">,
  { today }: EvaluationContext,
): Trigger[] {
  return snapshot.milestones.flatMap((milestone) =>
    milestone.tests.flatMap((test) => {
      const dated = (t: AssumptionTest) => t.date ?? milestone.date;
      const date = dated(test);
      if (test.verdict !== "invalidated" || date > today) return [];
      const revalidated = milestone.tests.some(
        (t) =>
          t.assumptionId === test.assumptionId &&
          t.verdict === "validated" &&
          dated(t) > date &&
          dated(t) <= today,
      );
      if (revalidated) return [];
      const assumption = milestone.assumptions.find((a) => a.id === test.assumptionId);
      return [
        {
          date,
          text: `"${assumption?.statement ?? test.assumptionId}" invalidated at ${milestone.name} on ${date}${test.evidence ? ` (${test.evidence})` : ""}`,
          subject: { type: "milestone", id: milestone.id },
        },
      ];
    }),
  );
}

/**
 * Every later move of an open commitment's due date is a slip: a pull-in is no slip, and delivered work has
 * nothing left to spend on. The data records the dates a commitment moved away from, not the day it moved,
 * so a slip is dated at the due date it abandoned (the last day it could go unnoticed), or today if that
 * date is still ahead.
 */
function findSlips(
  snapshot: Pick<InitiativeSnapshot, "commitments">,
  { today }: EvaluationContext,
): Trigger[] {
  return snapshot.commitments.flatMap((commitment) => {
    if (commitment.done !== null && commitment.done <= today) return [];
    const dates = [...commitment.dueHistory, commitment.due];
    return commitment.dueHistory.flatMap((from, i) => {
      const to = dates[i + 1] ?? null;
      if (to !== null && to <= from) return [];
      return [
        {
          date: from < today ? from : today,
          text: `"${commitment.title}" slipped ${fromTo(from, to)}`,
          subject: { type: "commitment", id: commitment.id },
          slip: { title: commitment.title, from, to },
        },
      ];
    });
  });
}

/** Named in the explanation: the invalidations, and the commitments that slipped most, a few of each. */
const SHOWN = 3;
/** Cited as evidence: one item per invalidation and per commitment that slipped, up to this many. */
const CITED = 10;

/** The triggers in a few words, however many there are: invalidations, then slips by commitment. */
function describeTriggers(triggers: readonly Trigger[]): string {
  const invalidations = triggers.filter((t) => t.slip === undefined);
  const bySlipper = slipsByCommitment(triggers);
  const parts = [
    ...invalidations.slice(0, SHOWN).map((t) => t.text),
    ...(invalidations.length > SHOWN ? [`${count(invalidations.length - SHOWN, "more invalidation")}`] : []),
    ...bySlipper.slice(0, SHOWN).map(slipText),
  ];
  const rest = bySlipper.slice(SHOWN);
  if (rest.length > 0) {
    const slips = rest.reduce((n, group) => n + group.length, 0);
    parts.push(`${count(slips, "more slip")} of ${count(rest.length, "other commitment")}`);
  }
  return parts.join("; ");
}

/** Slips grouped by commitment, the most slipped first (then the earliest to slip). */
function slipsByCommitment(triggers: readonly Trigger[]): Trigger[][] {
  const slips = triggers.filter((t) => t.slip !== undefined);
  const groups = [...groupBy(slips, (t) => t.subject?.id).values()];
  return groups.sort((a, b) => b.length - a.length || a[0]!.date.localeCompare(b[0]!.date));
}

function fromTo(from: IsoDate, to: IsoDate | null): string {
  return `from ${from} to ${to ?? "no date"}`;
}

function slipText(group: readonly Trigger[]): string {
  const last = group.at(-1)!;
  const { title, from, to } = last.slip!;
  return group.length === 1
    ? last.text
    : `"${title}" slipped ${group.length} times, last ${fromTo(from, to)}`;
}

/** Evidence for the triggers, bounded: each invalidation and each commitment's slips, up to CITED items. */
function triggerEvidence(triggers: readonly Trigger[]): Evidence[] {
  const invalidations = triggers.filter((t) => t.slip === undefined);
  const items: Evidence[] = [
    ...invalidations.map((t): Evidence => ({ text: t.text, subject: t.subject, value: { date: t.date } })),
    ...slipsByCommitment(triggers).map((group): Evidence => ({
      text: slipText(group),
      subject: group[0]!.subject,
      value: { slips: group.map((t) => t.date) },
    })),
  ];
  if (items.length <= CITED) return items;
  return [...items.slice(0, CITED), { text: `and ${count(items.length - CITED, "more")} not listed here` }];
}

interface SpiralFacts {
  triggers: Trigger[];
  points: SeriesPoint[];
  invalidations: Trigger[];
  slips: Trigger[];
  /** Sunk-cost talk in report narratives: supporting evidence only. */
  phrases: Evidence[];
}

function spiral(snapshot: InitiativeSnapshot, facts: SpiralFacts): Signal {
  const { initiative } = snapshot;
  const { triggers, points, invalidations, slips, phrases } = facts;
  const unit = initiative.investment?.unit.replace(/_/g, " ") ?? "";
  const first = triggers[0]!;
  const latest = triggers.at(-1)!;
  const last = points.at(-1)!;
  // The spend when the first sign appeared: the last point on or before it, else the first point recorded.
  const baseline = points.filter((p) => p.date <= first.date).at(-1) ?? points[0]!;
  const growth = baseline.value > 0 ? (last.value - baseline.value) / baseline.value : Infinity;
  const causes = [
    ...(invalidations.length > 0 ? [`${count(invalidations.length, "invalidated assumption")}`] : []),
    ...(slips.length > 0 ? [`${count(slips.length, "due-date slip")}`] : []),
  ].join(" and ");
  const growthText = Number.isFinite(growth) ? `${Math.round(growth * 100)}%` : "from nothing";
  return signal({
    kind: KIND,
    severity: growth > CRITICAL_GROWTH ? "critical" : "warning",
    subject: { type: "initiative", id: initiative.id },
    title: `${initiative.name}: investment keeps rising after ${causes}, with no decision`,
    explanation: [
      `Investment in ${initiative.name} rose from ${baseline.value} ${unit} (${baseline.date}) to ${last.value} ${unit} (${last.date}), up ${growthText} since the first warning sign on ${first.date}.`,
      `Meanwhile: ${describeTriggers(triggers)}.`,
      `No decision has been recorded since ${latest.date}.`,
      ...(phrases.length > 0
        ? [`Reports also argue from what is already spent: ${phrases.map((p) => p.text).join("; ")}.`]
        : []),
      `Decide on the evidence, not on what is already spent: pivot, descope, delay, stop, or persevere with a reason, and record it.`,
    ].join(" "),
    evidence: [
      {
        text: `investment ${baseline.value} → ${last.value} ${unit} (${baseline.date} → ${last.date})`,
        value: { baseline, latest: last, growth: Number.isFinite(growth) ? growth : null },
      },
      ...triggerEvidence(triggers),
      ...phrases,
    ],
    owner: initiative.ownerId,
  });
}

/** A spiral cannot be ruled out without the spend: say so rather than pass silently. */
function unknownInvestment(snapshot: InitiativeSnapshot, triggers: Trigger[], gap: string): Signal {
  const { initiative } = snapshot;
  return signal({
    kind: KIND,
    severity: "info",
    subject: { type: "initiative", id: initiative.id },
    title: `${initiative.name}: cannot tell whether investment keeps rising`,
    explanation:
      `${describeTriggers(triggers)}, and no decision has been recorded since ${triggers.at(-1)!.date}. ` +
      `Whether this is a sunk-cost spiral depends on whether spending goes on, and ${gap}. ` +
      `Record the cumulative investment, or a decision.`,
    evidence: [
      ...triggerEvidence(triggers),
      { text: `investment points recorded: ${initiative.investment?.points.length ?? 0}` },
    ],
    owner: initiative.ownerId,
    identity: ["investment-unknown"],
  });
}

/** Every trigger, oldest first. */
function sortedTriggers(invalidations: readonly Trigger[], slips: readonly Trigger[]): Trigger[] {
  return [...invalidations, ...slips].sort((a, b) => a.date.localeCompare(b.date));
}

/** `phrases` with those of `reports` (written after the ones they were read from) added. */
function withLaterPhrases(
  phrases: readonly Evidence[],
  reports: readonly StatusReport[],
  context: EvaluationContext,
): Evidence[] {
  const more = sunkCostPhrases(reports, context);
  return more.length === 0 ? (phrases as Evidence[]) : [...phrases, ...more];
}

function sunkCostPhrases(reports: readonly StatusReport[], { today }: EvaluationContext): Evidence[] {
  return reports.flatMap((report) => {
    const match = report.narrative && report.date <= today ? SUNK_COST_PHRASES.exec(report.narrative) : null;
    return match
      ? [
          {
            text: `${report.date}, report ${report.id}: "${report.narrative}"`,
            subject: report.subject,
            value: { phrase: match[0] },
          },
        ]
      : [];
  });
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
