// plumb audit checkpoint / verify --against, on a store on disk: the key is made beside the data, owner-only,
// and a checkpoint written today catches tomorrow what the database alone no longer shows.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliIn } from "../support/cli.ts";

const work = mkdtempSync(join(tmpdir(), "plumb-audit-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const plumb = cliIn(work);

// Each command opens the embedded store from cold, as a person running it does: slow on a busy machine.
describe("plumb audit", { timeout: 120_000 }, () => {
  it("signs with a key it keeps beside the data, owner-only, and writes a checkpoint it verifies against", async () => {
    expect((await plumb(["org", "create", "acme"])).code).toBe(0);
    expect((await plumb(["token", "create", "--name", "ci", "--role", "viewer"])).code).toBe(0);
    expect(statSync(join(work, "data", "audit.key")).mode & 0o777).toBe(0o600);

    const written = await plumb(["audit", "checkpoint", "-o", "checkpoint.json"]);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain("Wrote checkpoint 1 of 'acme'");
    expect(statSync(join(work, "checkpoint.json")).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(work, "checkpoint.json"), "utf8"))).toMatchObject({
      org: "acme",
      seq: 1,
    });

    const verified = await plumb(["audit", "verify", "--against", "checkpoint.json"]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain("is intact: 1 events, each chained to the one before and signed");
    expect(verified.stdout).toContain("it holds checkpoint 1");
  });

  it("says the log was not signed with this key when the key changed, and exits 1", async () => {
    const other = await plumb(["audit", "verify"], { PLUMBLINE_AUDIT_KEY: "ab".repeat(32) });
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/tampered with at event 1 \(recomputed\).*not signed with this audit key/);
  });

  it("refuses a file that is not a checkpoint, naming the field, with exit 2", async () => {
    writeFileSync(join(work, "bad.json"), JSON.stringify({ org: "acme", seq: "one" }));
    const bad = await plumb(["audit", "verify", "--against", "bad.json"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("seq");
    expect((await plumb(["audit", "verify", "--against", "missing.json"])).stderr).toContain(
      "cannot read the checkpoint missing.json",
    );
  });

  it("refuses an audit key in the environment that is too short", async () => {
    const res = await plumb(["audit", "verify"], { PLUMBLINE_AUDIT_KEY: "abc" });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("PLUMBLINE_AUDIT_KEY");
  });
});
