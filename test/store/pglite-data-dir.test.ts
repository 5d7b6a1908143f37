// The embedded store's data directory on disk: owner-only (directories 0700, files 0600), PostgreSQL's fsync
// on, and a directory left world-readable by an earlier version made private when it is opened.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openStore, resultRows } from "../../src/store/open-store.ts";

const work = mkdtempSync(join(tmpdir(), "plumb-datadir-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every path under `dir` with its permission bits. */
function modes(dir: string): Array<{ path: string; mode: number; isDir: boolean }> {
  const all = [{ path: dir, mode: statSync(dir).mode & 0o777, isDir: true }];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    all.push({ path, mode: statSync(path).mode & 0o777, isDir: entry.isDirectory() });
  }
  return all;
}

describe("the embedded store's data directory", () => {
  it("is owner-only, directories and files alike, and fsyncs", { timeout: 120_000 }, async () => {
    const dataDir = join(work, "fresh");
    const store = await openStore({ kind: "pglite", dataDir });
    const [setting] = resultRows<{ fsync: string }>(await store.db.execute(sql`show fsync`));
    expect(setting?.fsync).toBe("on");
    await store.db.execute(sql`create table kept (note text)`);
    await store.db.execute(sql`insert into kept values ('written')`);
    await store.close();

    const all = modes(dataDir);
    expect(all.filter((f) => !f.isDir).length).toBeGreaterThan(100);
    expect(all.filter((f) => f.isDir && f.mode !== 0o700)).toEqual([]);
    expect(all.filter((f) => !f.isDir && f.mode !== 0o600)).toEqual([]);

    const again = await openStore({ kind: "pglite", dataDir });
    expect(resultRows(await again.db.execute(sql`select note from kept`))).toEqual([{ note: "written" }]);
    await again.close();
  });

  it("makes private what an earlier version left readable by everyone", { timeout: 120_000 }, async () => {
    const dataDir = join(work, "older");
    await (await openStore({ kind: "pglite", dataDir })).close();
    for (const f of modes(dataDir)) chmodSync(f.path, f.isDir ? 0o755 : 0o666);
    writeFileSync(join(dataDir, "stray-file"), "x", { mode: 0o666 });
    chmodSync(join(dataDir, "stray-file"), 0o666);

    await (await openStore({ kind: "pglite", dataDir })).close();
    const all = modes(dataDir);
    expect(all.filter((f) => f.isDir && f.mode !== 0o700)).toEqual([]);
    expect(all.filter((f) => !f.isDir && f.mode !== 0o600)).toEqual([]);
  });
});
