// Casting a gate vote: the role's holder only (and not once they have left), appended as a new record (the
// latest per role is in force), with the gate's state change announced and audited.
import type { Actor } from "../../domain/actor.ts";
import { AppError } from "../../domain/app-error.ts";
import { canCastVote, gateStatus, type GateStatus } from "../../domain/gate.ts";
import type { Vote } from "../../domain/model.ts";
import { hasLeft } from "../../domain/record-policy.ts";
import { findPerson } from "../../store/org-repository.ts";
import { findGate, gateOf, insertVote } from "../../store/record-repository.ts";
import { audit } from "../audit.ts";
import { writeRecord } from "../records/write-record.ts";
import type { Services } from "../services.ts";

export interface CastVote {
  orgId: string;
  initiativeId: string;
  gateId: string;
  /** The person voting: the caller's own identity, never a body field. */
  personId: string;
  /** Needed only when the voter holds several roles on the gate. */
  role?: string | undefined;
  vote: "go" | "no_go";
  reason: string | null;
  tokenId: string | null;
}

/** Casts the vote in one transaction with the gate's state change and the audit events for both. */
export async function castVote(
  services: Services,
  input: CastVote,
): Promise<{ role: string; before: GateStatus; after: GateStatus }> {
  const actor: Actor = { personId: input.personId, tokenId: input.tokenId };
  return writeRecord(services, input, async ({ db, today, claim, publish }) => {
    // Under the lock: the gate's state before and after this vote must be the one every other vote sees.
    await claim();
    const record = await findGate(db, input, input.gateId);
    if (!record) throw AppError.notFound("gate", input.gateId);
    const held = record.authorities.filter((a) => a.personId === input.personId).map((a) => a.role);
    const role = input.role ?? (held.length === 1 ? held[0] : undefined);
    if (!role) {
      if (held.length === 0)
        throw new AppError("forbidden", "you hold no role on this gate, so you cannot vote on it");
      throw AppError.invalid(`you hold several roles (${held.join(", ")})`, [
        { path: "role", message: "say which role this vote is for" },
      ]);
    }
    const { gate, milestones } = gateOf(record);
    const refusal = canCastVote(gate, role, input.personId, input.vote, input.reason);
    if (refusal === "reason-required") {
      throw AppError.invalid("a No-Go needs a reason", [
        { path: "reason", message: "a No-Go needs a reason" },
      ]);
    }
    if (refusal === "not-an-authority")
      throw new AppError("forbidden", `'${role}' is not a role on this gate`);
    if (refusal) throw new AppError("forbidden", `only the holder of the '${role}' role votes for it`);
    if (hasLeft(await findPerson(db, input.orgId, input.personId), today)) {
      throw new AppError("forbidden", `'${input.personId}' has left the org and no longer votes`);
    }
    const before = gateStatus(gate, milestones);
    const row = await insertVote(db, {
      orgId: input.orgId,
      initiativeId: input.initiativeId,
      gateId: input.gateId,
      role,
      personId: input.personId,
      vote: input.vote,
      reason: input.reason,
      date: today,
      recordedBy: input.tokenId ?? input.personId,
    });
    const cast: Vote = {
      id: row.id,
      role,
      personId: input.personId,
      vote: input.vote,
      reason: input.reason,
      date: today,
    };
    const after = gateStatus(gateOf(record, cast).gate, milestones);
    await publish("vote.cast", { gate: input.gateId, role });
    await publish("vote.cast", { gate: input.gateId, state: after.state }, "gate.changed");
    await audit(db, services, input.orgId, actor, {
      action: "vote.cast",
      targetType: "gate",
      targetId: input.gateId,
      details: { initiative: input.initiativeId, vote: input.vote, role, reason: input.reason },
    });
    if (before.state !== after.state) {
      await audit(db, services, input.orgId, actor, {
        action: `gate.${after.state === "held" ? "held" : after.state === "go" ? "go" : "reopened"}`,
        targetType: "gate",
        targetId: input.gateId,
        details: {
          initiative: input.initiativeId,
          from: before.state,
          to: after.state,
          paused_milestones: after.pausedMilestones,
        },
      });
    }
    return { role, before, after };
  });
}
