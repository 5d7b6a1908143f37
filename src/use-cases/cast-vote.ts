// Casting a gate vote: the role's holder only, one effective vote per role, the gate's state change recorded.
import { AppError } from "../domain/app-error.ts";
import { canCastVote, gateStatus, type GateStatus } from "../domain/gate.ts";
import type { InitiativeSnapshot } from "../domain/model.ts";
import { toIsoDate } from "../domain/primitives.ts";
import { publishEvent } from "../store/event-repository.ts";
import { audit, type Actor } from "./audit.ts";
import { changeInitiative } from "./change-initiative.ts";
import type { Services } from "./services.ts";

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

function statusOf(snapshot: InitiativeSnapshot, gateId: string): GateStatus {
  const gate = snapshot.gates.find((g) => g.id === gateId);
  if (!gate) throw AppError.notFound("gate", gateId);
  return gateStatus(gate, snapshot.milestones);
}

/** Casts the vote in one transaction with the gate's state change and the audit events for both. */
export async function castVote(
  services: Services,
  input: CastVote,
): Promise<{ role: string; before: GateStatus; after: GateStatus }> {
  const actor: Actor = { personId: input.personId, tokenId: input.tokenId };
  let before: GateStatus | null = null;
  let after: GateStatus | null = null;
  const { result } = await changeInitiative(
    services,
    input.orgId,
    input.initiativeId,
    {
      apply(document, current) {
        const gate = current.gates.find((g) => g.id === input.gateId);
        if (!gate) throw AppError.notFound("gate", input.gateId);
        const held = gate.authorities.filter((a) => a.personId === input.personId).map((a) => a.role);
        const role = input.role ?? (held.length === 1 ? held[0] : undefined);
        if (!role) {
          if (held.length === 0)
            throw new AppError("forbidden", "you hold no role on this gate, so you cannot vote on it");
          throw AppError.invalid(`you hold several roles (${held.join(", ")})`, [
            { path: "role", message: "say which role this vote is for" },
          ]);
        }
        const refusal = canCastVote(gate, role, input.personId, input.vote, input.reason);
        if (refusal === "reason-required") {
          throw AppError.invalid("a No-Go needs a reason", [
            { path: "reason", message: "a No-Go needs a reason" },
          ]);
        }
        if (refusal === "not-an-authority")
          throw new AppError("forbidden", `'${role}' is not a role on this gate`);
        if (refusal) throw new AppError("forbidden", `only the holder of the '${role}' role votes for it`);
        before = statusOf(current, input.gateId);
        const target = (document.gates ?? []).find((g) => g.id === input.gateId)!;
        const roleOf = (vote: { by: string; role?: string | undefined }) =>
          vote.role ?? gate.authorities.find((a) => a.personId === vote.by)?.role;
        target.votes = [
          ...(target.votes ?? []).filter((vote) => roleOf(vote) !== role),
          {
            by: input.personId,
            role,
            vote: input.vote,
            ...(input.reason ? { reason: input.reason } : {}),
            date: toIsoDate(services.clock()),
          },
        ];
        return role;
      },
      audit: {
        action: "vote.cast",
        targetType: "gate",
        targetId: input.gateId,
        details: { vote: input.vote, role: input.role ?? null, reason: input.reason },
      },
      async afterSave(db, _role, saved) {
        after = statusOf(saved, input.gateId);
        await publishEvent(
          db,
          input.orgId,
          {
            type: "gate.changed",
            initiativeId: input.initiativeId,
            data: { gate: input.gateId, state: after.state },
          },
          services.clock(),
        );
        if (before && before.state !== after.state) {
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
      },
    },
    actor,
  );
  return { role: result, before: before!, after: after! };
}
