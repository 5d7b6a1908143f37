// resurfacing-concern: the same worry raised in review after review, risk and report, in new words each time, and never answered.
import type {
  Decision,
  Evidence,
  InitiativeSnapshot,
  Review,
  Risk,
  Signal,
  StatusReport,
  SubjectRef,
} from "../../domain/model.ts";
import { groupBy } from "../../domain/group-by.ts";
import type { IsoDate } from "../../domain/primitives.ts";
import { daysApart } from "../calendar.ts";
import { signal, type Detector, type EvaluationContext } from "../detector.ts";
import {
  firstById,
  fromSections,
  lastById,
  latest,
  latestFor,
  perArray,
  perArrayIn,
  perObject,
  TextCache,
} from "../memo.ts";
import { countOpenings, formOpening, formsIn, type Note } from "../templated-text.ts";
import { isOpen } from "./work-in-progress.ts";
import { buildCorpus, clusterBySimilarity, similarityTable } from "../text-similarity.ts";

const KIND = "resurfacing-concern";

/**
 * Two mentions are the same concern when their TF-IDF cosine reaches 0.3. Rewordings of one concern in the
 * demo data and the tests score 0.3–0.8 ("Load tests still fail above 1,000 users" against "p95 3.2 s at
 * 1,000 users" is 0.33), while mentions that share only an incidental word score below it. Mentions chain
 * (single linkage), so a concern reworded a little each week stays one concern. The same cut-off decides
 * whether a decision or a report speaks to the concern.
 */
export const CONCERN_SIMILARITY = 0.3;
/** Once is news and twice can be coincidence; three separate places is a pattern. */
export const MIN_SOURCES = 3;
/** Three mentions in one sprint are one episode; spread over two weeks they are a concern that will not go away. */
export const MIN_SPAN_DAYS = 14;
/** From five places on, the organisation has plainly heard it and chosen not to act. */
export const CRITICAL_SOURCES = 5;

/** Words a report uses when it closes a concern ("proration fixed"); "fix in review" does not close it. */
const RESOLVED = /\b(?:resolved|fixed|solved|mitigated|closed|addressed|unblocked|no longer)\b/g;
const NEGATED_BEFORE = /(?:\bnot|\bnever|n't|\byet to be|\bpartly|\bpartially)\s+(?:\w+\s+)?$/;

/** One time the concern was written down. */
interface Mention {
  /** Stable across evaluations: what the finding's identity is made of. */
  key: string;
  /** The review, risk or report it was written in: a concern counts once per source. */
  source: string;
  date: IsoDate;
  /** Where it was written: a review's or a risk's description, or the report (described only when reported). */
  where: string | StatusReport;
  text: string;
  subject?: SubjectRef;
  /** A report's opening words when they have blanks, to tell a form's line from a note someone wrote. */
  opening?: string;
}

/** A concern that keeps coming back, unanswered: its mentions oldest first, and how many sources wrote it. */
interface Concern {
  cluster: Mention[];
  sources: number;
  /** Set when the concern was split from mentions on other work: the commitment it is about. */
  scope?: string;
}

/** Something on record that may answer a concern: a decision, or a report saying it is resolved. */
interface Answer {
  date: IsoDate;
  text: string;
  /** The mention's key when the answer is itself a mention ("fixed X, but Y still fails"): it cannot answer itself. */
  key?: string;
}

export const resurfacingConcern: Detector = {
  kinds: [KIND],
  reads: ["reviews", "risks", "reports", "decisions", "people", "commitments", "teams", "initiative"],
  detect(snapshot, context) {
    // Which concerns keep coming back depends on what was written and when, not on anyone's or anything's
    // name: a new fact or a renamed team re-words the findings without clustering every text again.
    const concerns = fromSections(context, snapshot, CONCERN_INPUTS, findConcerns);
    return concerns
      .filter((concern) => !aboutDeliveredWork(snapshot, concern, context.today))
      .map((concern) =>
        // Worded again only when the concern or a section its wording names (people, commitments, teams) changed.
        latestFor(context, concernSignal, concern, wordingKeys(snapshot), () =>
          concernSignal(
            snapshot,
            concern,
            concern.cluster.map((m) => describeWhere(snapshot, m.where)),
          ),
        ),
      );
  },
};

const CONCERN_INPUTS = ["reviews", "risks", "reports", "decisions"] as const;

function findConcerns(
  snapshot: Pick<InitiativeSnapshot, (typeof CONCERN_INPUTS)[number]>,
  context: EvaluationContext,
) {
  const { today } = context;
  // A line filled in from a form (an importer's "KEP-1287 file updated…") repeats on every piece of work it
  // was filled in for: its words are the form's, not a concern someone raised, so it is no mention.
  const forms = formsIn(perArray(snapshot.reports, countReportOpenings, countMoreReportOpenings));
  const mentions = [
    ...findMentions(snapshot, context).filter((m) => m.date <= today),
    ...perArrayIn(context, snapshot.reports, reportMentions, withLater(reportMentions)).filter(
      (m) => m.opening === undefined || !forms.has(m.opening),
    ),
  ];
  const answers = [
    ...snapshot.decisions.map((d) => perObject(context, d, decisionAnswer)).filter((a) => a.date <= today),
    ...perArrayIn(context, snapshot.reports, reportResolutions, withLater(reportResolutions)),
  ];
  // Mentions and answers are the same objects for as long as what they were read from is: most changes (a
  // green report, a new point) leave both lists as they were, and the texts need not be compared again.
  return latest(context, clusterConcerns, [...mentions, ANSWERS_FOLLOW, ...answers], () =>
    clusterConcerns(mentions, answers),
  );
}

/**
 * The work a mention is about: a report's commitment. Anything else (a review, a risk, a report on a team or
 * the initiative) is wider and may speak of any of it. Linked commitments are not joined: on the KEPs'
 * history, notes about different work that references each other were never one concern.
 */
function scopeOf(mention: Mention): string | null {
  return mention.subject?.type === "commitment" ? mention.subject.id : null;
}

/**
 * A cluster whose mentions are on different commitments joins different work that shares words (notes
 * written from one template): it is split into one concern per commitment, each keeping the wider
 * mentions (reviews, risks, reports on a team or the initiative) that belong to all of them.
 */
function splitByScope(members: number[], scope: (i: number) => string | null): Array<[number[], string?]> {
  const byScope = groupBy(members, scope);
  const wide = byScope.get(null) ?? [];
  byScope.delete(null);
  if (byScope.size <= 1) return [[members]];
  return [...byScope].map(([key, own]) => [[...own, ...wide].sort((a, b) => a - b), key!]);
}

/** Separates the mentions from the answers in the memo's keys. */
const ANSWERS_FOLLOW = Symbol("answers follow");

function clusterConcerns(mentions: readonly Mention[], answers: readonly Answer[]): Concern[] {
  const corpus = buildCorpus([...mentions.map((m) => m.text), ...answers.map((a) => a.text)]);
  const similar = similarityTable(corpus);
  const clusters = clusterBySimilarity(corpus, CONCERN_SIMILARITY, mentions.length, similar);
  const split = clusters.flatMap((members) => splitByScope(members, (i) => scopeOf(mentions[i]!)));
  return split.flatMap(([members, scope]) => {
    const cluster = members.map((i) => mentions[i]!).sort((a, b) => a.date.localeCompare(b.date));
    const sources = new Set(cluster.map((m) => m.source)).size;
    const first = cluster[0]!;
    const last = cluster.at(-1)!;
    if (sources < MIN_SOURCES || daysApart(first.date, last.date) < MIN_SPAN_DAYS) return [];
    const keys = new Set(cluster.map((m) => m.key));
    const answered = answers.some(
      (answer, k) =>
        answer.date >= last.date &&
        !(answer.key && keys.has(answer.key)) &&
        members.some((i) => similar(i, mentions.length + k) >= CONCERN_SIMILARITY),
    );
    return answered ? [] : [scope === undefined ? { cluster, sources } : { cluster, sources, scope }];
  });
}

/** The mentions in reviews and risks, each the same object for as long as what it was written in is. */
function findMentions(snapshot: Pick<InitiativeSnapshot, "reviews" | "risks">, context: EvaluationContext) {
  const mentions: Mention[] = [];
  for (const review of snapshot.reviews) mentions.push(...perObject(context, review, truthMentions));
  for (const risk of snapshot.risks) {
    const mention = perObject(context, risk, riskMention);
    if (mention) mentions.push(mention);
  }
  return mentions;
}

/** What `read` finds in reports up to today, each the same object for as long as its report is. */
function readReports<V>(
  reports: readonly StatusReport[],
  context: EvaluationContext,
  read: (report: StatusReport) => V | null,
): V[] {
  const found: V[] = [];
  for (const report of reports) {
    if (report.date > context.today) continue;
    const value = perObject(context, report, read);
    if (value !== null) found.push(value);
  }
  return found;
}

function reportMentions(reports: readonly StatusReport[], context: EvaluationContext): Mention[] {
  return readReports(reports, context, reportMention);
}

function reportResolutions(reports: readonly StatusReport[], context: EvaluationContext): Answer[] {
  return readReports(reports, context, reportResolution);
}

/** Extends what `read` found in reports with what it finds in the reports appended to them. */
function withLater<V>(read: (reports: readonly StatusReport[], context: EvaluationContext) => V[]) {
  return (found: readonly V[], appended: readonly StatusReport[], context: EvaluationContext): V[] => {
    const more = read(appended, context);
    return more.length === 0 ? (found as V[]) : [...found, ...more];
  };
}

/** A review's "worse than expected" truths. Truth authors are never named: a review may be anonymous. */
function truthMentions(review: Review): Mention[] {
  return review.truths.flatMap((truth) =>
    truth.worse?.trim()
      ? [
          {
            key: `review:${review.id}:${truth.id}`,
            source: `review:${review.id}`,
            date: review.date,
            where: `${review.name} (worse than expected)`,
            text: truth.worse,
          },
        ]
      : [],
  );
}

/** An undated risk cannot be placed in time, so it cannot show a concern recurring; it is left out. */
function riskMention(risk: Risk): Mention | null {
  if (!risk.raisedOn) return null;
  return {
    key: `risk:${risk.id}`,
    source: `risk:${risk.id}`,
    date: risk.raisedOn,
    where: "pre-mortem risk",
    text: risk.title,
    subject: { type: "risk", id: risk.id },
  };
}

function reportNotes(reports: readonly StatusReport[]): Note[] {
  return reports.flatMap((r) =>
    r.narrative ? [{ text: r.narrative, subject: `${r.subject.type}:${r.subject.id}` }] : [],
  );
}

const countReportOpenings = (reports: readonly StatusReport[]) => countOpenings(reportNotes(reports));

const countMoreReportOpenings = (
  counted: ReturnType<typeof countOpenings>,
  appended: readonly StatusReport[],
) => countOpenings(reportNotes(appended), counted);

/** A green report's note is news, not a concern: only at-risk and off-track narratives count. */
function reportMention(report: StatusReport): Mention | null {
  if (!report.narrative?.trim() || report.health === "on_track") return null;
  const key = `report:${report.id}`;
  const opening = formOpening(report.narrative);
  return {
    key,
    source: key,
    date: report.date,
    where: report,
    text: report.narrative,
    subject: report.subject,
    ...(opening === null ? {} : { opening }),
  };
}

function decisionAnswer(decision: Decision): Answer {
  return { date: decision.date, text: [decision.respondsTo, decision.rationale].filter(Boolean).join(". ") };
}

/** A report that says the concern is resolved answers it ("fixed X, but Y still fails" cannot answer itself). */
function reportResolution(report: StatusReport): Answer | null {
  if (!report.narrative || !resolvedTexts.get(report.narrative, saysResolved)) return null;
  return { date: report.date, text: report.narrative, key: `report:${report.id}` };
}

/** Narratives repeat from report to report: each is read for a resolution once. */
const resolvedTexts = new TextCache<boolean>(20_000);

/** True when the text says something is resolved, not that it is not yet resolved. */
export function saysResolved(text: string): boolean {
  const lower = text.toLowerCase().replace(/\u2019/g, "'");
  return [...lower.matchAll(RESOLVED)].some((match) => !NEGATED_BEFORE.test(lower.slice(0, match.index)));
}

/** A concern written only in reports on work since delivered was answered by the delivery. */
function aboutDeliveredWork(snapshot: InitiativeSnapshot, { cluster }: Concern, today: IsoDate): boolean {
  const commitments = firstById(snapshot.commitments);
  return cluster.every((m) => {
    if (m.subject?.type !== "commitment") return false;
    const commitment = commitments.get(m.subject.id);
    return commitment !== undefined && !isOpen(commitment, today);
  });
}

/** What a concern's wording reads besides the concern itself. */
function wordingKeys(snapshot: InitiativeSnapshot): readonly unknown[] {
  return [snapshot.initiative, snapshot.people, snapshot.commitments, snapshot.teams];
}

/** Where a mention was written, in words: a report is described by its author, call and subject. */
function describeWhere(snapshot: InitiativeSnapshot, where: string | StatusReport): string {
  if (typeof where === "string") return where;
  const author = lastById(snapshot.people).get(where.authorId)?.name ?? where.authorId;
  return `${author}'s ${where.health.replace("_", " ")} report on ${subjectName(snapshot, where.subject)}`;
}

function subjectName(snapshot: InitiativeSnapshot, subject: SubjectRef): string {
  switch (subject.type) {
    case "initiative":
      return "the initiative";
    case "commitment":
      return `"${firstById(snapshot.commitments).get(subject.id)?.title ?? subject.id}"`;
    case "team":
      return firstById(snapshot.teams).get(subject.id)?.name ?? subject.id;
    default:
      return `${subject.type} ${subject.id}`;
  }
}

/** The finding for a concern; `wheres` describes where each of its mentions was written, in order. */
function concernSignal(
  snapshot: InitiativeSnapshot,
  { cluster, sources, scope }: Concern,
  wheres: readonly string[],
): Signal {
  const { initiative } = snapshot;
  const first = cluster[0]!;
  const last = cluster.at(-1)!;
  const line = (m: Mention, i: number) => `${m.date}, ${wheres[i]}: "${m.text}"`;
  return signal({
    kind: KIND,
    severity: sources >= CRITICAL_SOURCES ? "critical" : "warning",
    subject: { type: "initiative", id: initiative.id },
    title: `${initiative.name}: a concern raised in ${sources} places keeps coming back: "${shorten(first.text)}"`,
    explanation: [
      `The same concern was written down ${cluster.length} times in ${sources} separate reviews, risks or reports over ${daysApart(first.date, last.date)} days, in different words each time:`,
      shownLines(cluster.map(line)) + ".",
      `No decision and no report since ${last.date} answers it. Decide what to do about it (pivot, descope, delay, stop, or persevere with a reason) and record the decision.`,
    ].join(" "),
    evidence: cluster.map((m, i): Evidence => ({
      text: line(m, i),
      ...(m.subject ? { subject: m.subject } : {}),
      value: { date: m.date, source: m.source },
    })),
    owner: initiative.ownerId,
    identity: scope === undefined ? [first.key] : [first.key, scope],
  });
}

/** Mentions named in the explanation: the first few and the latest, however often it was raised. */
const SHOWN_FIRST = 3;
const SHOWN_LAST = 2;

function shownLines(lines: readonly string[]): string {
  if (lines.length <= SHOWN_FIRST + SHOWN_LAST + 1) return lines.join("; ");
  const hidden = lines.length - SHOWN_FIRST - SHOWN_LAST;
  return [...lines.slice(0, SHOWN_FIRST), `${hidden} more`, ...lines.slice(-SHOWN_LAST)].join("; ");
}

function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
