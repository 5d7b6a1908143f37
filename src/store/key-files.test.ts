import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ANONYMITY_KEY_FILE, AUDIT_KEY_FILE, loadAnonymityKey, loadAuditKey } from "./key-files.ts";

describe("the keys kept outside the database", () => {
  it("is created once in the data directory, readable by its owner only, and read back after", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "plumb-key-")), "data");
    const first = loadAnonymityKey(null, dir);
    expect(first.length).toBe(32);
    expect(statSync(join(dir, ANONYMITY_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(loadAnonymityKey(null, dir)).equals(Buffer.from(first))).toBe(true);
    expect(readFileSync(join(dir, ANONYMITY_KEY_FILE), "utf8").trim()).toBe(
      Buffer.from(first).toString("hex"),
    );
  });

  it("comes from the environment when set, and then no file is written", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "plumb-key-")), "data");
    const key = loadAnonymityKey("x".repeat(40), dir);
    expect(Buffer.from(key).toString("utf8")).toBe("x".repeat(40));
    expect(() => statSync(join(dir, ANONYMITY_KEY_FILE))).toThrow();
  });

  it("keeps the audit key apart from the anonymity key, and refuses a key file that holds no key", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "plumb-key-")), "data");
    const audit = loadAuditKey(null, dir);
    expect(Buffer.from(audit).equals(Buffer.from(loadAnonymityKey(null, dir)))).toBe(false);
    expect(statSync(join(dir, AUDIT_KEY_FILE)).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, AUDIT_KEY_FILE), "not a key\n");
    expect(() => loadAuditKey(null, dir)).toThrow(/does not hold a key/);
  });
});
