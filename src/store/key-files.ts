// The keys that must not live in the database they protect: the audit key (what the audit log is signed
// with) and the anonymity key (what makes participation hashes impossible to recompute). Each comes from the
// environment, else from a file beside the data, readable by its owner only, created on first use.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../domain/app-error.ts";

export const AUDIT_KEY_FILE = "audit.key";
export const ANONYMITY_KEY_FILE = "anonymity.key";

const KEY_BYTES = 32;

/** The key in `dataDir/fileName`, created (32 random bytes as hex, mode 0600) if absent. */
export function loadKeyFile(dataDir: string, fileName: string): Uint8Array {
  const file = join(dataDir, fileName);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    // `wx`: two processes starting at once must not each write a key; the loser reads the winner's.
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const text = readFileSync(file, "utf8").trim();
  if (!/^[0-9a-fA-F]{64,}$/.test(text)) {
    throw AppError.invalid(
      `${file} does not hold a key (64 or more hexadecimal characters); restore it from your backup`,
    );
  }
  return Buffer.from(text, "hex");
}

/** PLUMBLINE_AUDIT_KEY, else `audit.key` in the data directory. */
export const loadAuditKey = (configured: Uint8Array | null, dataDir: string): Uint8Array =>
  configured ?? loadKeyFile(dataDir, AUDIT_KEY_FILE);

/** PLUMBLINE_ANONYMITY_KEY, else `anonymity.key` in the data directory. */
export const loadAnonymityKey = (configured: string | null, dataDir: string): Uint8Array =>
  configured ? Buffer.from(configured, "utf8") : loadKeyFile(dataDir, ANONYMITY_KEY_FILE);
