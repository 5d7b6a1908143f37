// Acknowledge, suppress or lift the silence on a signal: each leaves a permanent record of who and why.
import { AppError } from "../domain/app-error.ts";
import type { Role } from "../domain/policy.ts";
import {
  activeSilence,
  mayLift,
  silenceRefusal,
  suppressionEnd,
  type SilenceMode,
} from "../domain/silence.ts";
import { findInitiative } from "../store/initiative-repository.ts";
import { findPerson } from "../store/org-repository.ts";
import { publishEvent } from "../store/event-repository.ts";
import type { Database } from "../store/open-store.ts";
import {
  findOpenSignal,
  insertSilences,
  liftSilences,
  listSilences,
  type SignalSilence,
} from "../store/signal-repository.ts";
import { audit, auditEach } from "./audit.ts";
import { inTransaction, type Services } from "./services.ts";

export interface SilenceRequest {
  orgId: string;
  initiativeId: string;
  fingerprint: string;
  /** The person doing it. */
  by: string;
  /** The role they act with: it decides what they may silence (`silenceRefusal`). */
  role: Role;
  tokenId: string | null;
  reason: string;
  /** Only for suppressions: the day it ends (at most MAX_SUPPRESSION_DAYS away). */
  until?: string;
}

export async function silenceSignal(services: Services, mode: SilenceMode, request: SilenceRequest) {
  return inTransaction(services, async (db) => {
    if (!(await findInitiative(db, request.orgId, request.initiativeId))) {
      throw AppError.notFound("initiative", request.initiativeId);
    }
    if (!(await findOpenSignal(db, request.orgId, request.initiativeId, request.fingerprint))) {
      throw AppError.notFound("current signal", request.fingerprint);
    }
    if (!(await findPerson(db, request.orgId, request.by))) {
      throw AppError.invalid("unknown person", [{ path: "by", message: `unknown person '${request.by}'` }]);
    }
    const now = services.clock();
    const inForce = activeSilence(
      await listSilences(db, request.orgId, request.initiativeId),
      request.fingerprint,
      now,
    );
    const refusal = silenceRefusal(mode, request.role, request.by, inForce);
    if (refusal) throw new AppError("forbidden", `signal '${request.fingerprint}': ${refusal}`);
    const expiresAt = expiryOf(mode, request.until, now);
    const [silence] = await recordSilences(db, services, mode, request, [request.fingerprint], expiresAt);
    return silence!;
  });
}

/** When a silence of `mode` ends: never for an acknowledgement, on the day asked for a suppression. */
export function expiryOf(mode: SilenceMode, until: string | undefined, now: Date): Date | null {
  if (mode === "acknowledged") return null;
  const end = suppressionEnd(until, now);
  if (!end.ok) throw AppError.invalid("invalid suppression end", [{ path: "until", message: end.message }]);
  return end.expiresAt;
}

/**
 * Writes one silence per fingerprint, each audited as its own act, and announces the change once. The caller
 * has checked every fingerprint against the policy in the same transaction.
 */
export async function recordSilences(
  db: Database,
  services: Services,
  mode: SilenceMode,
  request: Omit<SilenceRequest, "fingerprint" | "role">,
  fingerprints: readonly string[],
  expiresAt: Date | null,
): Promise<SignalSilence[]> {
  const now = services.clock();
  await auditEach(
    db,
    services,
    request.orgId,
    { personId: request.by, tokenId: request.tokenId },
    fingerprints.map((fingerprint) => ({
      action: mode === "acknowledged" ? "signal.acknowledge" : "signal.suppress",
      targetType: "signal",
      targetId: fingerprint,
      details: { initiative: request.initiativeId, reason: request.reason, until: request.until ?? null },
    })),
  );
  const silences = await insertSilences(
    db,
    fingerprints.map((fingerprint) => ({
      orgId: request.orgId,
      initiativeId: request.initiativeId,
      fingerprint,
      mode,
      byPerson: request.by,
      byToken: request.tokenId,
      reason: request.reason,
      expiresAt,
      createdAt: now,
    })),
  );
  await publishEvent(db, request.orgId, { type: "signals.changed", initiativeId: request.initiativeId }, now);
  return silences;
}

export async function liftSilence(
  services: Services,
  request: Omit<SilenceRequest, "reason" | "until"> & { role: Role },
) {
  return inTransaction(services, async (db) => {
    if (!(await findPerson(db, request.orgId, request.by))) {
      throw AppError.invalid("unknown person", [{ path: "by", message: `unknown person '${request.by}'` }]);
    }
    const now = services.clock();
    const inForce = (await listSilences(db, request.orgId, request.initiativeId)).filter(
      (s) => s.fingerprint === request.fingerprint && !s.liftedAt && (!s.expiresAt || s.expiresAt > now),
    );
    const refused = inForce.find((s) => !mayLift(s, request.role, request.by));
    if (refused) {
      throw new AppError(
        "forbidden",
        `the suppression by '${refused.byPerson}' is lifted by a lead, an admin or '${refused.byPerson}' themself`,
      );
    }
    const lifted = await liftSilences(
      db,
      request.orgId,
      request.initiativeId,
      request.fingerprint,
      request.by,
      services.clock(),
      request.tokenId,
    );
    if (lifted === 0) throw AppError.notFound("silence on signal", request.fingerprint);
    await publishEvent(
      db,
      request.orgId,
      { type: "signals.changed", initiativeId: request.initiativeId },
      services.clock(),
    );
    await audit(
      db,
      services,
      request.orgId,
      { personId: request.by, tokenId: request.tokenId },
      {
        action: "signal.unsilence",
        targetType: "signal",
        targetId: request.fingerprint,
        details: { initiative: request.initiativeId, lifted },
      },
    );
    return lifted;
  });
}
