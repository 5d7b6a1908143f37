// repeated-slip: a commitment whose due date moved later three times or more, with no decision since the last move.
import type { Commitment, Decision, Evidence, InitiativeSnapshot } from "../../domain/model.ts";
import type { IsoDate } from "../../domain/primitives.ts";
import { signal, type Detector } from "../detector.ts";

const KIND = "repeated-slip";

/** Once is bad luck, twice a warning; a third move later says the plan, not the week, is wrong. */
export const MIN_SLIPS = 3;
/** From this many slips on, the date has stopped meaning anything. */
export const CRITICAL_SLIPS = 5;
/** The moves shown in the explanation and the evidence: the latest few, with counts for the rest. */
const SHOWN = 3;

interface Move {
  from: IsoDate;
  /** Null when the date was dropped (moved to no date). */
  to: IsoDate | null;
}

/**
 * The moves of a due date, oldest first. A move to an earlier date is a pull-in, not a slip; dropping the
 * date altogether is one.
 */
export function dueMoves(commitment: Pick<Commitment, "due" | "dueHistory">): {
  slips: Move[];
  pullIns: Move[];
} {
  const dates: Array<IsoDate | null> = [...commitment.dueHistory, commitment.due];
  const slips: Move[] = [];
  const pullIns: Move[] = [];
  for (let i = 1; i < dates.length; i++) {
    const from = dates[i - 1]!;
    const to = dates[i] ?? null;
    if (from === null || to === from) continue;
    (to === null || to > from ? slips : pullIns).push({ from, to });
  }
  return { slips, pullIns };
}

export const repeatedSlip: Detector = {
  kinds: [KIND],
  reads: ["initiative", "commitments", "decisions", "teams"],
  detect(snapshot, { today }) {
    return snapshot.commitments.flatMap((commitment) => {
      if (commitment.done !== null && commitment.done <= today) return [];
      const { slips, pullIns } = dueMoves(commitment);
      if (slips.length < MIN_SLIPS) return [];
      // The data records the dates a commitment moved away from, not the day it moved: the last move is
      // dated at the date it abandoned (the last day it could go unnoticed), or today if that is ahead.
      const lastFrom = [...commitment.dueHistory].at(-1)!;
      const lastMove = lastFrom < today ? lastFrom : today;
      const decision = decisionSince(snapshot.decisions, commitment, lastMove, today);
      if (decision) return [];
      return [finding(snapshot, commitment, slips, pullIns, lastMove)];
    });
  },
};

/** A decision on or after the last move, about this commitment or about nothing in particular. */
function decisionSince(
  decisions: Decision[],
  commitment: Commitment,
  since: IsoDate,
  today: IsoDate,
): Decision | undefined {
  const names = new Set([commitment.id.toLowerCase(), commitment.title.toLowerCase()]);
  return decisions.find(
    (d) =>
      d.date >= since &&
      d.date <= today &&
      (d.respondsTo === null || names.has(d.respondsTo.trim().toLowerCase())),
  );
}

function finding(
  snapshot: InitiativeSnapshot,
  commitment: Commitment,
  slips: Move[],
  pullIns: Move[],
  lastMove: IsoDate,
) {
  const first = commitment.dueHistory[0]!;
  const now = commitment.due;
  const drift = now ? days(first, now) : null;
  const shown = slips.slice(-SHOWN);
  const earlier = slips.length - shown.length;
  const moveText = (m: Move) => `${m.from} → ${m.to ?? "no date"}`;
  const subject = { type: "commitment" as const, id: commitment.id };
  const team = snapshot.teams.find((t) => t.id === commitment.teamId);
  return signal({
    kind: KIND,
    severity: slips.length >= CRITICAL_SLIPS ? "critical" : "warning",
    subject,
    title: `"${commitment.title}" slipped ${slips.length} times with no decision`,
    explanation: [
      `The due date of "${commitment.title}" moved later ${slips.length} times`,
      pullIns.length > 0 ? ` (and was pulled in ${pullIns.length})` : "",
      `: first due ${first}, now ${now ?? "without a date"}`,
      drift !== null ? `, ${drift} days later` : "",
      `. Latest moves: ${shown.map(moveText).join(", ")}`,
      earlier > 0 ? `, after ${earlier} earlier` : "",
      `. No decision has been recorded since ${lastMove}. `,
      `Decide on the evidence: delay to a date the team believes, descope, or stop, and record it.`,
    ].join(""),
    evidence: [
      {
        text: `due ${first} → ${now ?? "no date"}: ${slips.length} slips, ${pullIns.length} pull-ins`,
        subject,
        value: { first, due: now, slips: slips.length, pullIns: pullIns.length, driftDays: drift },
      },
      ...shown.map((m): Evidence => ({ text: `moved ${moveText(m)}`, subject, value: m })),
      { text: `no decision since ${lastMove}` },
    ],
    owner: commitment.ownerId ?? team?.leadId ?? snapshot.initiative.ownerId,
  });
}

function days(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
