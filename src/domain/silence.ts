// Whether a signal is silenced: the latest live acknowledgement or suppression, never a quiet disappearance.
import { can, type Role } from "./policy.ts";

export type SilenceMode = "acknowledged" | "suppressed";

export interface SilenceRecord {
  id: string;
  fingerprint: string;
  mode: SilenceMode;
  byPerson: string;
  reason: string;
  expiresAt: Date | null;
  createdAt: Date;
  liftedAt: Date | null;
}

/** The silence in force for a fingerprint at `now`: not lifted, not expired, the most recent first. */
export function activeSilence<T extends SilenceRecord>(
  silences: readonly T[],
  fingerprint: string,
  now: Date,
): T | null {
  let found: T | null = null;
  for (const s of silences) {
    if (s.fingerprint !== fingerprint || s.liftedAt !== null) continue;
    if (s.expiresAt !== null && s.expiresAt <= now) continue;
    if (!found || s.createdAt >= found.createdAt) found = s;
  }
  return found;
}

/** The longest a suppression may last: silencing is a pause for a reason, not a way to stop looking. */
export const MAX_SUPPRESSION_DAYS = 180;

/**
 * Whether `personId`, holding `role`, may lift `silence`: a suppression is a planning call (a lead's or an
 * admin's), lifted by one of them or by whoever made it; an acknowledgement by anyone who contributes.
 */
export function mayLift(
  silence: { mode: "acknowledged" | "suppressed"; byPerson: string },
  role: Role,
  personId: string,
): boolean {
  if (silence.mode === "acknowledged") return can(role, "contribute");
  return can(role, "plan") || silence.byPerson === personId;
}

/**
 * Why `personId`, holding `role`, may not silence a current signal as `mode`, in words; null when they may.
 * Acknowledging is a contributor's act and suppressing a planning call. A new silence takes the place of the
 * one in force (the latest wins), so only someone who may lift that one may replace it: a member's
 * acknowledgement does not end a lead's suppression.
 */
export function silenceRefusal(
  mode: SilenceMode,
  role: Role,
  personId: string,
  inForce: { mode: SilenceMode; byPerson: string } | null,
): string | null {
  if (mode === "acknowledged" && !can(role, "contribute")) {
    return "acknowledging a signal takes a member, a lead or an admin";
  }
  if (mode === "suppressed" && !can(role, "plan")) {
    return "suppressing a signal is a planning call: it takes a lead or an admin";
  }
  if (inForce && !mayLift(inForce, role, personId)) {
    return `it is suppressed by '${inForce.byPerson}', and only a lead, an admin or '${inForce.byPerson}' themself may replace that`;
  }
  return null;
}

/** The moment a suppression asked to last `until` (YYYY-MM-DD) ends, or why it cannot end then. */
export function suppressionEnd(
  until: string | undefined,
  now: Date,
): { ok: true; expiresAt: Date } | { ok: false; message: string } {
  if (!until) return { ok: false, message: "is required: say the day the suppression ends" };
  const expiresAt = new Date(`${until}T00:00:00Z`);
  const days = (expiresAt.getTime() - now.getTime()) / 86_400_000;
  if (!(days > 0 && days <= MAX_SUPPRESSION_DAYS)) {
    return { ok: false, message: `must be after today and at most ${MAX_SUPPRESSION_DAYS} days away` };
  }
  return { ok: true, expiresAt };
}
