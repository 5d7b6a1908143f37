// Anonymity rules: secrets by hash only, keyed hashes where a stored hash must not be recomputable, days
// instead of instants, submissions released in shuffled batches, and no aggregate over fewer than k people.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
} from "node:crypto";

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

/**
 * A key that lets one participant vote once per item, yet cannot link their votes on different items: an HMAC
 * under the anonymity key, which the database does not hold, so nobody reading it can recompute the key from
 * the stored participant hash and the item.
 */
export function voterKey(anonymityKey: Uint8Array, participantHash: string, itemId: string): string {
  return createHmac("sha256", anonymityKey)
    .update(`vote\u0000${participantHash}\u0000${itemId}`)
    .digest("hex");
}

/**
 * Anonymous submissions wait sealed until at least this many can be released together, or their ritual moves
 * on: one release then holds several submissions, in no telling order, in one transaction of its own.
 */
export const RELEASE_BATCH = MIN_GROUP_SIZE;

/**
 * What a sealed submission is bound to: it opens only as a submission of this kind to this ritual, so a row
 * moved to another ritual (or another org) does not open at all.
 */
export interface SealScope {
  orgId: string;
  kind: string;
  ritualId: string;
}

/** Sealed text is padded to a multiple of this many bytes, so its length does not tell one submission from another. */
export const SEAL_BLOCK = 1024;
const SEAL_VERSION = "v1";

function sealKey(anonymityKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", anonymityKey, Buffer.alloc(0), "plumbline sealed submissions", 32));
}

const scopeText = (scope: SealScope) => `${scope.orgId}\u0000${scope.kind}\u0000${scope.ritualId}`;

/**
 * Encrypts a submission while it waits for its batch (AES-256-GCM under a key derived from the anonymity key,
 * which the database does not hold). Whoever reads the database, its dump, its files or its write-ahead log
 * sees ciphertext of a padded length: nothing to match, by text or by size, against what is later released.
 */
export function sealPayload(anonymityKey: Uint8Array, scope: SealScope, payload: unknown): string {
  const text = JSON.stringify(payload);
  const size = Buffer.byteLength(text);
  // JSON ignores trailing whitespace: the padding needs no length of its own.
  const padded = text + " ".repeat(Math.ceil((size + 1) / SEAL_BLOCK) * SEAL_BLOCK - size);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(anonymityKey), iv);
  cipher.setAAD(Buffer.from(scopeText(scope)));
  const sealedText = Buffer.concat([cipher.update(padded, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${SEAL_VERSION}.${iv.toString("base64url")}.${sealedText.toString("base64url")}`;
}

/** Opens what `sealPayload` sealed for the same scope; throws when the key, the scope or a byte differs. */
export function openSealedPayload(anonymityKey: Uint8Array, scope: SealScope, sealed: string): unknown {
  const [version, iv, body] = sealed.split(".");
  if (version !== SEAL_VERSION || !iv || !body) throw new Error("not a sealed submission this version opens");
  const bytes = Buffer.from(body, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", sealKey(anonymityKey), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(scopeText(scope)));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  const text = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]);
  return JSON.parse(text.toString("utf8"));
}

/** A uniformly shuffled copy (Fisher–Yates with a cryptographic source): the order says nothing. */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export function effectiveGroupSize(requested: number | undefined): number {
  return Math.max(MIN_GROUP_SIZE, requested ?? DEFAULT_GROUP_SIZE);
}

/** A group an aggregate would be shown over: how many gave it, its k, whether it is closed, how it was joined. */
export interface Group {
  respondents: number;
  k: number;
  closed: boolean;
  /**
   * Whether every participation came through a personal invitation of its own. An open link proves nothing:
   * one person joining it k times would make up a group alone, so its respondents are never counted as people.
   */
  invitationOnly: boolean;
}

/**
 * Why an aggregate is withheld, or null when it may be shown: only over a closed group of at least k people,
 * each proved distinct by their own invitation. While a group can still grow, two views taken before and after
 * one more answer would differ by exactly that person's answer.
 */
export function whyWithheld(group: Group, words: { gave: string; ritual: string }): string | null {
  const k = Math.max(MIN_GROUP_SIZE, group.k);
  if (!group.closed) return `shown once the ${words.ritual} is closed`;
  if (!group.invitationOnly)
    return `fewer than ${k} people ${words.gave} by personal invitation: an open link cannot tell people apart`;
  if (group.respondents < k) return `fewer than ${k} people ${words.gave}`;
  return null;
}

/**
 * The participation token an invitation yields, the same at every join with it: so a person who joined and
 * left before answering can join again and go on, while the invitation still stands for one participation
 * (one answer of a pulse). An HMAC under the anonymity key, which the database does not hold: nobody reading it
 * can tie the stored participant hash to the stored invitation hash.
 */
export function invitedParticipationSecret(
  anonymityKey: Uint8Array,
  ritual: { kind: string; ritualId: string },
  invitation: string,
): string {
  const mac = createHmac("sha256", anonymityKey)
    .update(`participation\u0000${ritual.kind}\u0000${ritual.ritualId}\u0000${invitation}`)
    .digest("base64url");
  return `ppt_${mac}`;
}

/**
 * What the store keeps of a personal invitation: an HMAC under the anonymity key, so that whoever reads the
 * database, or handed the invitations out, cannot tell which stored row (used or not) is whose.
 */
export function invitationHash(anonymityKey: Uint8Array, secret: string): string {
  return createHmac("sha256", anonymityKey).update(`invitation\u0000${secret}`).digest("hex");
}

/** At most this many invitations are issued in one request. */
export const MAX_INVITATIONS_PER_REQUEST = 200;
