import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ORBIT, SHARED_ORBIT } from "../support/files.ts";
import { existsSync } from "node:fs";
import { stringify } from "yaml";
import { smallDocument } from "../support/files.ts";
import { cliIn } from "../support/cli.ts";

const ORBIT = existsSync(SHARED_ORBIT) ? SHARED_ORBIT : REPO_ORBIT;
const work = mkdtempSync(join(tmpdir(), "plumb-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const plumb = cliIn(work);

describe("plumb check", () => {
  it("prints the Orbit signals grouped by severity and exits 1 at the default threshold", async () => {
    const { code, stdout } = await plumb(["check", ORBIT]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/CRITICAL \(\d+\)/);
    expect(stdout).toContain('Broken assumption: "Capacity covers expected demand"');
    expect(stdout).toContain("→ omar must act");
  });

  it("prints JSON in the documented shape", async () => {
    const { code, stdout } = await plumb(["check", ORBIT, "--format", "json", "--fail-on", "critical"]);
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as { signals: Array<Record<string, unknown>> };
    for (const s of out.signals) {
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining(["kind", "severity", "subject", "title", "explanation", "evidence", "owner"]),
      );
    }
    expect(out.signals.filter((s) => s.kind === "broken-assumption")).toHaveLength(2);
    const conflict = out.signals.find((s) => s.kind === "requirement-conflict")!;
    expect(conflict.title).toContain("concurrent_users");
  });

  it("shows only the signals the filters ask for, and those alone count for --fail-on", async () => {
    const all = JSON.parse((await plumb(["check", ORBIT, "--format", "json"])).stdout) as {
      signals: Array<{ kind: string; severity: string; owner: string | null }>;
    };
    const some = await plumb([
      "check",
      ORBIT,
      "--format",
      "json",
      "--kind",
      "broken-assumption",
      "--kind",
      "watermelon",
    ]);
    const shown = (JSON.parse(some.stdout) as typeof all).signals;
    expect(shown.map((s) => s.kind).sort()).toEqual(
      all.signals
        .filter((s) => ["broken-assumption", "watermelon"].includes(s.kind))
        .map((s) => s.kind)
        .sort(),
    );
    const omar = await plumb(["check", ORBIT, "--owner", "omar", "--severity", "critical"]);
    expect(omar.stdout).toContain("→ omar must act");
    expect(omar.stdout).not.toContain("→ dana must act");
    const infoOnly = await plumb(["check", ORBIT, "--kind", "untraced-work", "--severity", "critical"]);
    expect(infoOnly.code).toBe(0);
    const typo = await plumb(["check", ORBIT, "--kind", "watermellon"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("--kind: 'watermellon' is not a kind of signal");
  });

  it("summarises one line per kind with counts and who must act, and still exits by --fail-on", async () => {
    const full = JSON.parse((await plumb(["check", ORBIT, "--format", "json"])).stdout) as {
      signals: Array<{ kind: string }>;
    };
    const { code, stdout } = await plumb(["check", ORBIT, "--format", "summary"]);
    expect(code).toBe(1);
    const kinds = new Set(full.signals.map((s) => s.kind));
    for (const kind of kinds) expect(stdout).toMatch(new RegExp(`^  ${kind}\\s+\\d+  `, "m"));
    expect(stdout).toContain(`${full.signals.length} signals of ${kinds.size} kinds`);
    expect(stdout).toMatch(/must act: \w+ \d+/);
    expect(stdout).not.toContain("Path: lee off_track");
  });

  it("exits 0 when nothing reaches --fail-on", async () => {
    const file = join(work, "quiet.yaml");
    writeFileSync(file, stringify(smallDocument({ links: [] })));
    expect((await plumb(["check", file])).code).toBe(0);
  });

  it("exits 2 with every problem for an invalid file, and for a missing one", async () => {
    const file = join(work, "bad.yaml");
    writeFileSync(file, "initiative: X\nowner: nobody\nas_of: 2026-02-30\n");
    const bad = await plumb(["check", file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("bad.yaml:2:8 owner: unknown person 'nobody' (not in people)");
    expect(bad.stderr).toContain("bad.yaml:3:8 as_of: must be a real calendar date written as YYYY-MM-DD");
    expect((await plumb(["check", join(work, "missing.yaml")])).code).toBe(2);
    expect((await plumb(["check", ORBIT, "--fail-on", "sometimes"])).code).toBe(2);
    expect((await plumb(["check", ORBIT, "--as-of", "yesterday"])).code).toBe(2);
  });

  it("refuses a check that nests loops too deep to run, naming it, instead of running it", async () => {
    const ten = "[0,1,2,3,4,5,6,7,8,9]";
    const check = [..."abcdefg"].reduceRight((inner, v) => `${ten}.all(${v}, ${inner})`, "a >= 0");
    const file = join(work, "loops.yaml");
    const links = [{ kind: "assumption", between: ["campaign", "capacity"], statement: "S", check }];
    writeFileSync(file, stringify(smallDocument({ links })));
    const refused = await plumb(["check", file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /loops\.yaml:\d+:\d+ links\.0\.check: the CEL expression is refused: it puts all, exists, exists_one, map or filter inside one another 7 deep/,
    );
  });

  it("has --help on every command", async () => {
    for (const command of [
      [],
      ["check"],
      ["import"],
      ["export"],
      ["serve"],
      ["demo"],
      ["token"],
      ["token", "create"],
      ["org"],
    ]) {
      const { code, stdout } = await plumb([...command, "--help"]);
      expect(code, command.join(" ")).toBe(0);
      expect(stdout).toContain("Usage: plumb");
    }
  });
});

// Each command opens the embedded store from cold, as a person running it does: slow on a busy machine.
describe("plumb import / export / token", { timeout: 120_000 }, () => {
  it("imports into the embedded store, exports the same initiative, and round-trips", async () => {
    expect((await plumb(["org", "create", "acme"])).code).toBe(0);
    const imported = await plumb(["import", ORBIT]);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Imported 'orbit-self-serve-launch' into org 'acme'");
    const exported = await plumb(["export", "orbit-self-serve-launch", "-o", "orbit-export.yaml"]);
    expect(exported.code).toBe(0);
    const again = await plumb(["import", "orbit-export.yaml"]);
    expect(again.stdout).toContain("Replaced 'orbit-self-serve-launch'");
    const second = await plumb(["export", "orbit-self-serve-launch"]);
    expect(second.stdout).toBe(readFileSync(join(work, "orbit-export.yaml"), "utf8"));
  });

  it("refuses an invalid import and changes nothing", async () => {
    const file = join(work, "bad-import.yaml");
    writeFileSync(file, stringify(smallDocument({ id: "orbit-self-serve-launch", owner: "nobody" })));
    const res = await plumb(["import", file]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("nothing was imported");
    expect((await plumb(["export", "orbit-self-serve-launch"])).stdout).toContain(
      "initiative: Orbit self-serve launch",
    );
  });

  it("creates, lists and revokes tokens; the secret is printed once", async () => {
    const created = await plumb(["token", "create", "--name", "ci", "--role", "viewer"]);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^plb_/);
    const listed = await plumb(["token", "list"]);
    expect(listed.stdout).toContain("ci");
    expect(listed.stdout).not.toContain(secret);
    const id = /tok_[0-9a-f]+/.exec(listed.stdout)![0];
    expect((await plumb(["token", "revoke", id])).code).toBe(0);
    expect((await plumb(["token", "list"])).stdout).toContain("revoked");
    expect((await plumb(["token", "revoke", id])).code).toBe(2);
    expect((await plumb(["token", "create", "--name", "x", "--role", "king"])).code).toBe(2);
  });
});
