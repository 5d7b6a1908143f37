// Generic webhooks are signed with HMAC-SHA256 over `<timestamp>.<body>`: a receiver checks both the signature
// and that the timestamp is recent, so a captured request cannot be replayed later.
import { createHmac, timingSafeEqual } from "node:crypto";

export const TIMESTAMP_HEADER = "plumbline-timestamp";
export const SIGNATURE_HEADER = "plumbline-signature";
/** How old a signed request may be, by default, before a receiver refuses it. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function mac(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The headers of a signed request: the Unix time in seconds, and `v1=<hex HMAC-SHA256>`. */
export function signWebhook(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: `v1=${mac(secret, timestamp, body)}` };
}

export interface VerifyWebhookInput {
  secret: string;
  /** The raw request body, exactly as received. */
  body: string;
  timestamp: string | undefined | null;
  signature: string | undefined | null;
  now?: Date;
  toleranceSeconds?: number;
}

/** Whether a request was signed with `secret` within the tolerance (compared in constant time). */
export function verifyWebhook(input: VerifyWebhookInput): boolean {
  const { secret, body, timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - Number(timestamp)) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(`v1=${mac(secret, timestamp, body)}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
