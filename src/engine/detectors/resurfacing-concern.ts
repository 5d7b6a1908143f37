// resurfacing-concern: the same worry raised in review after review, risk and report, in new words each time, and never answered.
import type { Evidence, InitiativeSnapshot, Signal, SubjectRef } from "../../domain/model.ts";
import { daysBetween, type IsoDate } from "../../domain/primitives.ts";
import { signal, type Detector } from "../detector.ts";
import { buildCorpus, clusterBySimilarity, similarity } from "../text-similarity.ts";

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
  where: string;
  text: string;
  subject?: SubjectRef;
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
  detect(snapshot, { today }) {
    const mentions = findMentions(snapshot).filter((m) => m.date <= today);
    const answers = findAnswers(snapshot).filter((a) => a.date <= today);
    const corpus = buildCorpus([...mentions.map((m) => m.text), ...answers.map((a) => a.text)]);
    return clusterBySimilarity(corpus, CONCERN_SIMILARITY, mentions.length).flatMap((members) => {
      const cluster = members.map((i) => mentions[i]!).sort((a, b) => a.date.localeCompare(b.date));
      const sources = new Set(cluster.map((m) => m.source)).size;
      const first = cluster[0]!;
      const last = cluster.at(-1)!;
      if (sources < MIN_SOURCES || daysBetween(first.date, last.date) < MIN_SPAN_DAYS) return [];
      const keys = new Set(cluster.map((m) => m.key));
      const answered = answers.some(
        (answer, k) =>
          answer.date >= last.date &&
          !(answer.key && keys.has(answer.key)) &&
          members.some((i) => similarity(corpus, i, mentions.length + k) >= CONCERN_SIMILARITY),
      );
      return answered ? [] : [concernSignal(snapshot, cluster, sources)];
    });
  },
};

function findMentions(snapshot: InitiativeSnapshot): Mention[] {
  const people = new Map(snapshot.people.map((p) => [p.id, p.name]));
  // Truth authors are never named: a review may be anonymous, and the review's name says enough.
  const truths = snapshot.reviews.flatMap((review) =>
    review.truths.flatMap((truth) =>
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
    ),
  );
  // An undated risk cannot be placed in time, so it cannot show a concern recurring; it is left out.
  const risks = snapshot.risks.flatMap((risk) =>
    risk.raisedOn
      ? [
          {
            key: `risk:${risk.id}`,
            source: `risk:${risk.id}`,
            date: risk.raisedOn,
            where: "pre-mortem risk",
            text: risk.title,
            subject: { type: "risk" as const, id: risk.id },
          },
        ]
      : [],
  );
  // A green report's note is news, not a concern: only at-risk and off-track narratives count.
  const reports = snapshot.reports.flatMap((report) =>
    report.narrative?.trim() && report.health !== "on_track"
      ? [
          {
            key: `report:${report.id}`,
            source: `report:${report.id}`,
            date: report.date,
            where: `${people.get(report.authorId) ?? report.authorId}'s ${report.health.replace("_", " ")} report on ${subjectName(snapshot, report.subject)}`,
            text: report.narrative,
            subject: report.subject,
          },
        ]
      : [],
  );
  return [...truths, ...risks, ...reports];
}

function findAnswers(snapshot: InitiativeSnapshot): Answer[] {
  const decisions = snapshot.decisions.map((decision) => ({
    date: decision.date,
    text: [decision.respondsTo, decision.rationale].filter(Boolean).join(". "),
  }));
  const resolutions = snapshot.reports.flatMap((report) =>
    report.narrative && saysResolved(report.narrative)
      ? [{ date: report.date, text: report.narrative, key: `report:${report.id}` }]
      : [],
  );
  return [...decisions, ...resolutions];
}

/** True when the text says something is resolved, not that it is not yet resolved. */
export function saysResolved(text: string): boolean {
  const lower = text.toLowerCase().replace(/\u2019/g, "'");
  return [...lower.matchAll(RESOLVED)].some((match) => !NEGATED_BEFORE.test(lower.slice(0, match.index)));
}

function subjectName(snapshot: InitiativeSnapshot, subject: SubjectRef): string {
  switch (subject.type) {
    case "initiative":
      return "the initiative";
    case "commitment":
      return `"${snapshot.commitments.find((c) => c.id === subject.id)?.title ?? subject.id}"`;
    case "team":
      return snapshot.teams.find((t) => t.id === subject.id)?.name ?? subject.id;
    default:
      return `${subject.type} ${subject.id}`;
  }
}

function concernSignal(snapshot: InitiativeSnapshot, cluster: Mention[], sources: number): Signal {
  const { initiative } = snapshot;
  const first = cluster[0]!;
  const last = cluster.at(-1)!;
  const line = (m: Mention) => `${m.date}, ${m.where}: "${m.text}"`;
  return signal({
    kind: KIND,
    severity: sources >= CRITICAL_SOURCES ? "critical" : "warning",
    subject: { type: "initiative", id: initiative.id },
    title: `${initiative.name}: a concern raised in ${sources} places keeps coming back: "${shorten(first.text)}"`,
    explanation: [
      `The same concern was written down ${cluster.length} times in ${sources} separate reviews, risks or reports over ${daysBetween(first.date, last.date)} days, in different words each time:`,
      cluster.map(line).join("; ") + ".",
      `No decision and no report since ${last.date} answers it. Decide what to do about it (pivot, descope, delay, stop, or persevere with a reason) and record the decision.`,
    ].join(" "),
    evidence: cluster.map((m): Evidence => ({
      text: line(m),
      ...(m.subject ? { subject: m.subject } : {}),
      value: { date: m.date, source: m.source },
    })),
    owner: initiative.ownerId,
    identity: [first.key],
  });
}

function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
