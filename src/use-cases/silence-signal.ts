// Acknowledge, suppress or lift the silence on a signal: each leaves a permanent record of who and why.
import { AppError } from "../domain/app-error.ts";
import type { Role } from "../domain/policy.ts";
import { MAX_SUPPRESSION_DAYS, mayLift } from "../domain/silence.ts";
import { findInitiative } from "../store/initiative-repository.ts";
import { findPerson } from "../store/org-repository.ts";
import { publishEvent } from "../store/event-repository.ts";
import { findOpenSignal, insertSilence, liftSilences, listSilences } from "../store/signal-repository.ts";
import { audit } from "./audit.ts";
import { inTransaction, type Services } from "./services.ts";

export interface SilenceRequest {
  orgId: string;
  initiativeId: string;
  fingerprint: string;
  /** The person doing it. */
  by: string;
  tokenId: string | null;
  reason: string;
  /** Only for suppressions: the day it ends (at most MAX_SUPPRESSION_DAYS away). */
  until?: string;
}

export async function silenceSignal(
  services: Services,
  mode: "acknowledged" | "suppressed",
  request: SilenceRequest,
) {
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
    let expiresAt: Date | null = null;
    if (mode === "suppressed") {
      if (!request.until)
        throw AppError.invalid("a suppression needs an end", [{ path: "until", message: "is required" }]);
      expiresAt = new Date(`${request.until}T00:00:00Z`);
      const days = (expiresAt.getTime() - now.getTime()) / 86_400_000;
      if (days <= 0 || days > MAX_SUPPRESSION_DAYS) {
        throw AppError.invalid("invalid suppression end", [
          { path: "until", message: `must be after today and at most ${MAX_SUPPRESSION_DAYS} days away` },
        ]);
      }
    }
    await audit(
      db,
      services,
      request.orgId,
      { personId: request.by, tokenId: request.tokenId },
      {
        action: mode === "acknowledged" ? "signal.acknowledge" : "signal.suppress",
        targetType: "signal",
        targetId: request.fingerprint,
        details: { initiative: request.initiativeId, reason: request.reason, until: request.until ?? null },
      },
    );
    await publishEvent(
      db,
      request.orgId,
      { type: "signals.changed", initiativeId: request.initiativeId },
      now,
    );
    return insertSilence(db, {
      orgId: request.orgId,
      initiativeId: request.initiativeId,
      fingerprint: request.fingerprint,
      mode,
      byPerson: request.by,
      byToken: request.tokenId,
      reason: request.reason,
      expiresAt,
      createdAt: now,
    });
  });
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
