// stalled-stage: open work that has sat in one stage far longer than the other open work of its initiative.
//
// The model has no first-class stage: a commitment states it as two facts, `stage` (a string such as
// "alpha" or "beta") and `stage_since` (the date it entered that stage). Commitments without them are not
// compared, and neither is one in its last stage: it has nowhere further to move, so what is left is
// delivering it, which overdue and stale signals watch.
import type { Commitment, InitiativeSnapshot } from "../../domain/model.ts";
import type { IsoDate } from "../../domain/primitives.ts";
import { signal, type Detector } from "../detector.ts";

const KIND = "stalled-stage";

/** Far longer: at least this many times the peers' median time in the same stage… */
export const STALL_FACTOR = 3;
/** …and never under this many days, so a young initiative's few weeks are not a stall. */
export const MIN_STALL_DAYS = 365;
/** Fewer peers than this say nothing about what is usual. */
export const MIN_PEERS = 4;
/** Peers named in the explanation: the quickest few. */
const SHOWN = 3;

/** Names of a last stage: work there is finished moving through stages. */
const LAST_STAGES = new Set(["stable", "ga", "done", "complete", "completed", "released", "final"]);

/** In its last stage: named so, or the stage the commitment itself targets (the fact `target_stage`). */
function isLastStage(commitment: Commitment, stage: string): boolean {
  const target = commitment.facts.target_stage;
  const name = stage.trim().toLowerCase();
  return LAST_STAGES.has(name) || (target?.type === "string" && target.value.trim().toLowerCase() === name);
}

interface Staged {
  commitment: Commitment;
  stage: string;
  since: IsoDate;
  days: number;
}

export const stalledStage: Detector = {
  kinds: [KIND],
  reads: ["initiative", "commitments", "teams"],
  detect(snapshot, { today }) {
    const staged = snapshot.commitments.flatMap((c): Staged[] => {
      if (c.done !== null && c.done <= today) return [];
      const stage = c.facts.stage;
      const since = c.facts.stage_since;
      if (stage?.type !== "string" || since?.type !== "date" || since.value > today) return [];
      if (isLastStage(c, stage.value)) return [];
      return [{ commitment: c, stage: stage.value, since: since.value, days: days(since.value, today) }];
    });
    const byStage = new Map<string, Staged[]>();
    for (const s of staged) byStage.set(s.stage, [...(byStage.get(s.stage) ?? []), s]);
    return staged.flatMap((s) => {
      const peers = (byStage.get(s.stage) ?? []).filter((p) => p !== s);
      if (peers.length < MIN_PEERS) return [];
      const usual = median(peers.map((p) => p.days));
      if (s.days < MIN_STALL_DAYS || s.days < STALL_FACTOR * usual) return [];
      return [finding(snapshot, s, peers, usual)];
    });
  },
};

function finding(snapshot: InitiativeSnapshot, s: Staged, peers: Staged[], usual: number) {
  const { commitment } = s;
  const subject = { type: "commitment" as const, id: commitment.id };
  const team = snapshot.teams.find((t) => t.id === commitment.teamId);
  const quickest = [...peers].sort((a, b) => a.days - b.days).slice(0, SHOWN);
  const ratio = usual > 0 ? Math.round(s.days / usual) : null;
  return signal({
    kind: KIND,
    severity: "warning",
    subject,
    title: `"${commitment.title}" has been in ${s.stage} for ${s.days} days`,
    explanation:
      `"${commitment.title}" entered ${s.stage} on ${s.since} and is still there, ${s.days} days on; ` +
      `the other ${peers.length} open commitments in ${s.stage} have been there ${usual} days at the median` +
      (ratio ? ` (${ratio}× less)` : "") +
      `, e.g. ${quickest.map((p) => `"${p.commitment.title}" ${p.days} days`).join(", ")}. ` +
      `Move it on, or say what holds it and whether it is still wanted.`,
    evidence: [
      {
        text: `in ${s.stage} since ${s.since}: ${s.days} days`,
        subject,
        value: { stage: s.stage, since: s.since },
      },
      {
        text: `${peers.length} open peers in ${s.stage}: median ${usual} days`,
        value: { peers: peers.length, medianDays: usual },
      },
    ],
    owner: commitment.ownerId ?? team?.leadId ?? snapshot.initiative.ownerId,
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

function days(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
