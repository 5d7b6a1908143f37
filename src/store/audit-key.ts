// The audit key: what the audit log is signed with. It must not live in the database it protects, so it
// comes from the environment or from a file beside the data, readable by its owner only.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../domain/app-error.ts";

export const AUDIT_KEY_FILE = "audit.key";

/** The configured key, else the one in `dataDir/audit.key`, created (32 random bytes, mode 0600) if absent. */
export function loadAuditKey(configured: Uint8Array | null, dataDir: string): Uint8Array {
  if (configured) return configured;
  const file = join(dataDir, AUDIT_KEY_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const text = readFileSync(file, "utf8").trim();
  if (!/^[0-9a-fA-F]{64,}$/.test(text)) {
    throw AppError.invalid(
      `${file} does not hold an audit key (64 or more hexadecimal characters); restore it from your backup`,
    );
  }
  return Buffer.from(text, "hex");
}
