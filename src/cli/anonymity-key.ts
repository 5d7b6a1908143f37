// The anonymity key, kept outside the database: PLUMBLINE_ANONYMITY_KEY, else `anonymity.key` (mode 0600) in the
// data directory, created on first use. Whoever holds the database alone cannot recompute what it keys.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ANONYMITY_KEY_BYTES } from "../domain/anonymity.ts";

export const ANONYMITY_KEY_FILE = "anonymity.key";

export function loadAnonymityKey(configured: string | null, dataDir: string): Uint8Array {
  if (configured) return Buffer.from(configured, "utf8");
  const path = join(dataDir, ANONYMITY_KEY_FILE);
  try {
    return Buffer.from(readFileSync(path, "utf8").trim(), "hex");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(ANONYMITY_KEY_BYTES);
  try {
    // `wx`: two processes starting at once must not each write a key; the loser reads the winner's.
    writeFileSync(path, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return Buffer.from(readFileSync(path, "utf8").trim(), "hex");
  }
  chmodSync(path, 0o600);
  return key;
}
