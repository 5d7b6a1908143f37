// Go/No-Go gates with distributed authority: a gate's state follows from its authorities' effective votes.
import type { Gate, Milestone, Vote } from "./model.ts";

export type GateState = "pending" | "held" | "go";

export interface GateStatus {
  state: GateState;
  /** Roles whose holder has voted go. */
  go: string[];
  /** Each No-Go in force, with who cast it and why. */
  noGo: Array<{ role: string; by: string; reason: string | null }>;
  /** Roles still to vote. */
  pending: string[];
  /** Milestones that wait for this gate and are paused while it is held. */
  pausedMilestones: string[];
}

/** The vote in force for each role: the latest one cast for it. */
export function effectiveVotes(gate: Gate): Map<string, Vote> {
  const byRole = new Map<string, Vote>();
  for (const vote of gate.votes) byRole.set(vote.role, vote);
  return byRole;
}

/** Any No-Go holds the gate; it is go only when every authority has voted go. */
export function gateStatus(gate: Gate, milestones: readonly Milestone[]): GateStatus {
  const votes = effectiveVotes(gate);
  const go: string[] = [];
  const noGo: GateStatus["noGo"] = [];
  const pending: string[] = [];
  for (const { role } of gate.authorities) {
    const vote = votes.get(role);
    if (!vote) pending.push(role);
    else if (vote.vote === "go") go.push(role);
    else noGo.push({ role, by: vote.personId, reason: vote.reason });
  }
  const state: GateState =
    noGo.length > 0 ? "held" : pending.length === 0 && go.length > 0 ? "go" : "pending";
  const pausedMilestones =
    state === "held" ? milestones.filter((m) => m.gateId === gate.id).map((m) => m.id) : [];
  return { state, go, noGo, pending, pausedMilestones };
}

export type VoteRefusal = "not-an-authority" | "holds-another-role" | "reason-required";

/**
 * Whether `personId` may cast `vote` for `role`. Only the role's current holder votes for it: so a No-Go is
 * lifted only by the person who cast it while they hold the role, or by the next holder of that role;
 * neither an admin nor the initiative owner can vote for a role they do not hold.
 */
export function canCastVote(
  gate: Gate,
  role: string,
  personId: string,
  vote: Vote["vote"],
  reason: string | null,
): VoteRefusal | null {
  const authority = gate.authorities.find((a) => a.role === role);
  if (!authority) return "not-an-authority";
  if (authority.personId !== personId) return "holds-another-role";
  if (vote === "no_go" && !reason?.trim()) return "reason-required";
  return null;
}
