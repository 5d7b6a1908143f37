import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";

const dir = mkdtempSync(join(tmpdir(), "plumbline-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the embedded store's data directory", () => {
  it("refuses a second process while one holds it, and names that process", async () => {
    const dataDir = join(dir, "held");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, "plumbline.lock"), String(process.ppid));
    await expect(openStore({ kind: "pglite", dataDir })).rejects.toThrow(`in use by process ${process.ppid}`);
  });

  it("takes over a lock left by a process that died, and releases it on close", async () => {
    const dataDir = join(dir, "stale");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, "plumbline.lock"), "999999999");
    const store = await openStore({ kind: "pglite", dataDir });
    expect(existsSync(join(dataDir, "plumbline.lock"))).toBe(true);
    await store.close();
    expect(existsSync(join(dataDir, "plumbline.lock"))).toBe(false);
  });
});
