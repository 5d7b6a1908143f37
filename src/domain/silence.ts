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
