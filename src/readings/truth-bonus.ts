// The truth bonus: credit a named person with the lead time of a risk or "worse" truth that events later confirmed.
import type { InitiativeSnapshot, Recognition, SignalRecord } from "../domain/model.ts";
import { daysBetween, type IsoDate } from "../domain/primitives.ts";
import { earlier, isSimilarText, namesAny, voteDay } from "./alignment-inputs.ts";
import { maxOf } from "../domain/extremes.ts";

export interface Confirmation {
  /** What confirmed it: the risk's warning sign fired, a No-Go vote, or a decision. */
  by: "early-warning" | "no-go" | "decision";
  /** The vote's or decision's id, or the risk's id for a warning sign. */
  ref: string;
  date: IsoDate;
  detail: string;
}

export interface SurfacedTruth {
  initiativeId: string;
  source: "risk" | "truth";
  /** The risk's id, or `<review id>/<truth id>`. */
  id: string;
  personId: string;
  personName: string;
  raisedOn: IsoDate | null;
  text: string;
  /** The earliest confirmation on or after the day it was raised; null while unconfirmed. */
  confirmation: Confirmation | null;
  /** Days from raising it to its confirmation; null when unconfirmed or undated. */
  leadTimeDays: number | null;
}

export interface BoardPerson {
  personId: string;
  personName: string;
  /** The longest lead time of a confirmed truth they surfaced: what ranks them. */
  bestLeadTimeDays: number | null;
  /** Shown, never ranked on: volume must not buy rank. */
  confirmed: number;
  surfaced: number;
}

export interface BoardRecognition extends Recognition {
  initiativeId: string;
  personName: string;
  byName: string;
}

export interface TruthBoard {
  truths: SurfacedTruth[];
  people: BoardPerson[];
  recognitions: BoardRecognition[];
}

interface Claim {
  source: SurfacedTruth["source"];
  id: string;
  personId: string;
  raisedOn: IsoDate | null;
  text: string;
  /** Exact names a vote's reason or a decision's respondsTo may use for it (a risk's id, `risk:<id>`, title). */
  names: string[];
}

/** Named risks and named "worse" truths; anonymous ones are left out here, so they can never be credited. */
function claims(snapshot: InitiativeSnapshot): Claim[] {
  const risks = snapshot.risks.flatMap((risk): Claim[] =>
    risk.raisedBy
      ? [
          {
            source: "risk",
            id: risk.id,
            personId: risk.raisedBy,
            raisedOn: risk.raisedOn,
            text: risk.title,
            names: [risk.id, `risk:${risk.id}`, risk.title],
          },
        ]
      : [],
  );
  const truths = snapshot.reviews.flatMap((review) =>
    review.anonymous
      ? []
      : review.truths.flatMap((truth): Claim[] =>
          truth.authorId && truth.worse
            ? [
                {
                  source: "truth",
                  id: `${review.id}/${truth.id}`,
                  personId: truth.authorId,
                  raisedOn: review.date,
                  text: truth.worse,
                  names: [],
                },
              ]
            : [],
        ),
  );
  return [...risks, ...truths];
}

/** The texts that describe what a decision's respondsTo names: a milestone with its assumptions and test evidence, a gate with its No-Go reasons, a risk. */
function namedSubjectTexts(snapshot: InitiativeSnapshot, respondsTo: string | null): string[] {
  if (!respondsTo) return [];
  return [
    ...snapshot.milestones
      .filter((m) => namesAny(respondsTo, [m.id, `milestone:${m.id}`, m.name]))
      .flatMap((m) => [
        m.name,
        ...m.assumptions.map((a) => a.statement),
        ...m.tests.flatMap((t) => t.evidence ?? []),
      ]),
    ...snapshot.gates
      .filter((g) => namesAny(respondsTo, [g.id, `gate:${g.id}`, g.name]))
      .flatMap((g) => [
        g.name,
        ...g.votes.flatMap((v) => (v.vote === "no_go" && v.reason ? [v.reason] : [])),
      ]),
    ...snapshot.risks
      .filter((r) => namesAny(respondsTo, [r.id, `risk:${r.id}`, r.title]))
      .map((r) => r.title),
  ];
}

/** Everything that would confirm the claim, at any date. */
function confirmations(
  snapshot: InitiativeSnapshot,
  signals: readonly SignalRecord[],
  claim: Claim,
  today: IsoDate,
): Confirmation[] {
  const warnings = signals
    .filter(
      (s) =>
        claim.source === "risk" &&
        s.kind === "early-warning-triggered" &&
        s.severity !== "info" &&
        s.subject.type === "risk" &&
        s.subject.id === claim.id,
    )
    .map((s): Confirmation => ({
      by: "early-warning",
      ref: claim.id,
      date: earlier(s.firstSeen, today),
      detail: `its warning sign fired (${s.severity})`,
    }));
  const noGos = snapshot.gates.flatMap((gate) =>
    gate.votes
      .filter(
        (v) => v.vote === "no_go" && (namesAny(v.reason, claim.names) || isSimilarText(v.reason, claim.text)),
      )
      .map((v): Confirmation => ({
        by: "no-go",
        ref: v.id,
        date: voteDay(v, gate, today),
        detail: `No-Go on "${gate.name}" by ${v.personId}${v.reason ? `: ${v.reason}` : ""}`,
      })),
  );
  const decisions = snapshot.decisions
    .filter(
      (d) =>
        namesAny(d.respondsTo, claim.names) ||
        isSimilarText(d.respondsTo, claim.text) ||
        isSimilarText(d.rationale, claim.text) ||
        namedSubjectTexts(snapshot, d.respondsTo).some((text) => isSimilarText(text, claim.text)),
    )
    .map((d): Confirmation => ({
      by: "decision",
      ref: d.id,
      date: d.date,
      detail: `${d.kind} by ${d.byId}: ${d.rationale}`,
    }));
  return [...warnings, ...noGos, ...decisions].filter((c) => c.date <= today);
}

/** The first confirmation on or after the day it was raised: an issue confirmed before anyone raised it was not foreseen. */
function firstConfirmation(found: readonly Confirmation[], raisedOn: IsoDate | null): Confirmation | null {
  return found
    .filter((c) => raisedOn === null || c.date >= raisedOn)
    .reduce<Confirmation | null>((first, c) => (!first || c.date < first.date ? c : first), null);
}

/** Every named risk and "worse" truth of the initiative with its confirmation and lead time, as known by `today`. */
export function surfacedTruths(
  snapshot: InitiativeSnapshot,
  signals: readonly SignalRecord[],
  today: IsoDate,
): SurfacedTruth[] {
  const nameOf = (id: string) => snapshot.people.find((p) => p.id === id)?.name ?? id;
  return claims(snapshot)
    .filter((claim) => claim.raisedOn === null || claim.raisedOn <= today)
    .map((claim) => {
      const confirmation = firstConfirmation(confirmations(snapshot, signals, claim, today), claim.raisedOn);
      return {
        initiativeId: snapshot.initiative.id,
        source: claim.source,
        id: claim.id,
        personId: claim.personId,
        personName: nameOf(claim.personId),
        raisedOn: claim.raisedOn,
        text: claim.text,
        confirmation,
        leadTimeDays: confirmation && claim.raisedOn ? daysBetween(claim.raisedOn, confirmation.date) : null,
      };
    });
}

/** Longer lead time first; a number before none. */
const byLeadTime = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);

/** Confirmed before unconfirmed, then the longer lead time, then the earlier raised, then by id. Never by volume. */
export function compareTruths(a: SurfacedTruth, b: SurfacedTruth): number {
  return (
    Number(b.confirmation !== null) - Number(a.confirmation !== null) ||
    byLeadTime(a.leadTimeDays, b.leadTimeDays) ||
    (a.raisedOn ?? "9999").localeCompare(b.raisedOn ?? "9999") ||
    a.initiativeId.localeCompare(b.initiativeId) ||
    a.id.localeCompare(b.id)
  );
}

/** Each person ranked by their best confirmed lead time alone; how many they raised is shown but never counted. */
function rankPeople(truths: readonly SurfacedTruth[]): BoardPerson[] {
  const byPerson = new Map<string, SurfacedTruth[]>();
  for (const truth of truths) byPerson.set(truth.personId, [...(byPerson.get(truth.personId) ?? []), truth]);
  return [...byPerson.entries()]
    .map(([personId, own]) => {
      const confirmed = own.filter((t) => t.confirmation !== null);
      const leads = confirmed.flatMap((t) => (t.leadTimeDays === null ? [] : [t.leadTimeDays]));
      return {
        personId,
        personName: own[0]!.personName,
        bestLeadTimeDays: maxOf(leads) ?? null,
        confirmed: confirmed.length,
        surfaced: own.length,
        hasConfirmed: confirmed.length > 0,
      };
    })
    .sort(
      (a, b) =>
        Number(b.hasConfirmed) - Number(a.hasConfirmed) ||
        byLeadTime(a.bestLeadTimeDays, b.bestLeadTimeDays) ||
        a.personId.localeCompare(b.personId),
    )
    .map(({ hasConfirmed: _, ...person }) => person);
}

/** The board: surfaced truths and people ranked by lead time and confirmation, and explicit recognitions apart, newest first. */
export function truthBoard(
  truths: readonly SurfacedTruth[],
  recognitions: readonly BoardRecognition[],
): TruthBoard {
  return {
    truths: [...truths].sort(compareTruths),
    people: rankPeople(truths),
    recognitions: [...recognitions].sort(
      (a, b) =>
        b.date.localeCompare(a.date) ||
        a.initiativeId.localeCompare(b.initiativeId) ||
        a.id.localeCompare(b.id),
    ),
  };
}

/** An initiative's recognitions as the board lists them, with names. */
export function boardRecognitions(snapshot: InitiativeSnapshot, today: IsoDate): BoardRecognition[] {
  const nameOf = (id: string) => snapshot.people.find((p) => p.id === id)?.name ?? id;
  return snapshot.recognitions
    .filter((r) => r.date <= today)
    .map((r) => ({
      ...r,
      initiativeId: snapshot.initiative.id,
      personName: nameOf(r.personId),
      byName: nameOf(r.byId),
    }));
}
