// `plumb import-keps` against a temporary PGlite store: the real KEP data, one initiative per SIG, evaluated.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cliIn } from "../support/cli.ts";

const KEPS = fileURLToPath(new URL("../../quality/data/keps/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "plumb-keps-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const plumb = cliIn(work);

describe("plumb import-keps", () => {
  it("imports every SIG's KEPs, says what it finds, and adds nothing the second time", async () => {
    expect((await plumb(["org", "create", "k8s"])).code).toBe(0);
    const first = await plumb(["import-keps", KEPS, "--top", "3"]);
    expect(first.code).toBe(0);
    const sigs = Number(/(\d+) SIG initiatives/.exec(first.stdout)?.[1]);
    expect(sigs).toBeGreaterThan(20);
    expect(first.stdout).toMatch(/^Read 655 KEPs as of 2026-07-15: \d+ SIG initiatives, [\d,]+ commitments/);
    expect(first.stdout).toContain(`Into org 'k8s': ${sigs} created, 0 already there;`);
    expect(first.stdout).toMatch(/What Plumbline finds: [\d,]+ open signals\n +\d+ {2}[a-z-]+\n/);
    const examples = first.stdout.split("For example (the most severe of each kind first):\n")[1]!;
    const kinds = examples
      .split("\n")
      .slice(0, 3)
      .map((line) => line.trim().split(/ +/)[1]);
    expect(new Set(kinds).size).toBe(3);
    expect(examples).toMatch(/^ {2}critical +[a-z-]+ +sig-[a-z-]+: /);
    expect(first.stderr).toContain(`keps: ${sigs} of ${sigs} initiatives imported`);

    const node = JSON.parse((await plumb(["export", "sig-node", "--format", "json"])).stdout) as {
      commitments: Record<string, unknown>;
      reports: unknown[];
    };
    expect(Object.keys(node.commitments).length).toBeGreaterThan(10);
    expect(node.reports.length).toBeGreaterThan(10);

    const again = await plumb(["import-keps", KEPS]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Into org 'k8s': 0 created, ${sigs} already there; 0 records added.`);
  }, 180_000); // the whole dataset, twice: about 30 s on a machine that runs other tests beside it

  it("names the files a directory lacks, and the lines that are not JSON", async () => {
    const empty = join(work, "empty");
    mkdirSync(empty);
    const missing = await plumb(["import-keps", empty]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("does not hold the KEP data");
    expect(missing.stderr).toContain("keps.jsonl");

    const broken = join(work, "broken");
    mkdirSync(broken);
    for (const file of ["kep_status_history.jsonl", "k8s_sigs.jsonl"])
      copyFileSync(join(KEPS, file), join(broken, file));
    const keps = readFileSync(join(KEPS, "keps.jsonl"), "utf8").split("\n");
    writeFileSync(join(broken, "keps.jsonl"), [keps[0], "{not json", ...keps.slice(1)].join("\n"));
    const read = await plumb(["import-keps", broken, "--org", "k8s", "--top", "0"]);
    expect(read.code).toBe(0);
    expect(read.stdout).toMatch(/Read 655 KEPs/);
    expect(read.stdout).toMatch(/ +1 {2}unreadable line/);

    const asOf = await plumb(["import-keps", KEPS, "--as-of", "15 July"]);
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toContain("--as-of must be a date written YYYY-MM-DD, not '15 July'");
  }, 120_000);
});
