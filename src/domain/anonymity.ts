// Anonymity rules: secrets by hash only, days instead of instants, and no aggregate over fewer than k people.
import { createHash, randomBytes } from "node:crypto";

/** No group smaller than this is ever shown, whatever a facilitator sets. */
export const MIN_GROUP_SIZE = 3;
export const DEFAULT_GROUP_SIZE = 5;

/** A new secret with a recognisable prefix (`pms_…`, `ppt_…`), and the hash that is all the store keeps. */
export function newSecret(prefix: string): { secret: string; hash: string } {
  const secret = `${prefix}${randomBytes(24).toString("base64url")}`;
  return { secret, hash: hashSecretText(secret) };
}

export function hashSecretText(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A random id that says nothing about when, or in what order, something was submitted. */
export function opaqueId(prefix: string): string {
  return `${prefix}${randomBytes(8).toString("hex")}`;
}

/** A key that lets one participant vote once per item, yet cannot link their votes on different items. */
export function voterKey(participantHash: string, itemId: string): string {
  return createHash("sha256").update(`${participantHash}\u0000${itemId}`).digest("hex");
}

export function effectiveGroupSize(requested: number | undefined): number {
  return Math.max(MIN_GROUP_SIZE, requested ?? DEFAULT_GROUP_SIZE);
}

/**
 * An aggregate is shown only over a closed group of at least k people: while a group can still grow, two
 * views taken before and after one more answer would differ by exactly that person's answer.
 */
export function mayShowAggregate(respondents: number, k: number, closed: boolean): boolean {
  return closed && respondents >= Math.max(MIN_GROUP_SIZE, k);
}
