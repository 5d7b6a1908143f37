// Password hashing with scrypt, a memory-hard function, and comparison that takes the same time either way.
// Each hash carries its own parameters (`scrypt$N$r$p$salt$key`), so hashes made at an older cost still verify
// and are replaced at the current cost on the next successful sign-in.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's Password Storage Cheat Sheet: scrypt with N = 2^17, r = 8 (1024-byte blocks), p = 1. Each hash
 * takes 128 × N × r bytes = 128 MiB while it runs; Node runs at most four at once (its thread pool).
 */
export const PASSWORD_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
/** Room for a hash at twice today's memory, so a later, higher cost can still be verified. */
const MAX_MEMORY = 2 * 128 * PASSWORD_COST.N * PASSWORD_COST.r;
const KEY_LENGTH = 32;

/** Hashes at `cost`: the current recommendation unless a caller (a test) asks explicitly for another. */
export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...cost, maxmem: MAX_MEMORY });
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** A hash that matches no password, at the current cost: verifying against it takes as long as a real one. */
export const UNMATCHABLE_HASH = [
  "scrypt",
  PASSWORD_COST.N,
  PASSWORD_COST.r,
  PASSWORD_COST.p,
  "A".repeat(22),
  "A".repeat(43),
].join("$");

function costOf(stored: string): ScryptCost | null {
  const [scheme, n, r, p] = stored.split("$");
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== "scrypt" || ![cost.N, cost.r, cost.p].every((v) => Number.isInteger(v) && v > 0)) {
    return null;
  }
  return cost;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const cost = costOf(stored);
  const [, , , , salt, key] = stored.split("$");
  if (!cost || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, {
    ...cost,
    maxmem: MAX_MEMORY,
  }).catch(() => null); // Parameters beyond the memory allowed verify nothing.
  return actual !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when `stored` was made at less than the current cost, and should be made again at it. */
export function needsRehash(stored: string): boolean {
  const cost = costOf(stored);
  return !cost || cost.N < PASSWORD_COST.N || cost.r < PASSWORD_COST.r || cost.p < PASSWORD_COST.p;
}

export const MIN_PASSWORD_LENGTH = 10;
