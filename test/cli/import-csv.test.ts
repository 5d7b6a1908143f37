// `plumb import-csv` against a temporary PGlite store: the real command, the use-case of the HTTP route.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ORBIT } from "../support/files.ts";
import { cliIn } from "../support/cli.ts";

const SAMPLE = fileURLToPath(new URL("../../examples/csv/orbit-metrics.csv", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "plumb-csv-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const plumb = cliIn(work);

describe("plumb import-csv", () => {
  it("imports the example file, then finds every point unchanged the second time", async () => {
    expect((await plumb(["org", "create", "acme"])).code).toBe(0);
    expect((await plumb(["import", REPO_ORBIT])).code).toBe(0);
    const first = await plumb(["import-csv", "orbit-self-serve-launch", SAMPLE]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      `${SAMPLE}: 4 rows read, 4 written (support_backlog 1, weekly_activations 3), 0 unchanged, 0 rejected.\n`,
    );
    const again = await plumb(["import-csv", "orbit-self-serve-launch", SAMPLE]);
    expect(again.stdout).toContain("4 rows read, 0 written, 4 unchanged, 0 rejected.");
    const exported = await plumb(["export", "orbit-self-serve-launch", "--format", "json"]);
    const doc = JSON.parse(exported.stdout) as { metrics: Record<string, { points: unknown[] }> };
    expect(doc.metrics.weekly_activations!.points).toContainEqual(["2026-02-10", 275]);
  });

  it("exits 2 naming the line and the field, writing nothing; --partial writes the good rows", async () => {
    const file = join(work, "bad.csv");
    writeFileSync(file, "date,value\n2026-02-08,5\n2026-02-09,five\n");
    const bad = await plumb([
      "import-csv",
      "orbit-self-serve-launch",
      "bad.csv",
      "--metric",
      "support_backlog",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("1 of 2 rows are invalid; nothing was written (fix them, or send --partial");
    expect(bad.stderr).toContain("bad.csv:3: value: 'five' is not a number");
    const partial = await plumb([
      "import-csv",
      "orbit-self-serve-launch",
      "bad.csv",
      "--metric",
      "support_backlog",
      "--partial",
    ]);
    expect(partial.code).toBe(2);
    expect(partial.stdout).toBe(
      "bad.csv: 2 rows read, 1 written (support_backlog 1), 0 unchanged, 1 rejected.\n",
    );
    expect(partial.stderr).toContain("bad.csv:3: value:");
  });

  it("describes itself with an example", async () => {
    const help = await plumb(["import-csv", "--help"]);
    expect(help.stdout).toContain("plumb import-csv orbit-self-serve-launch examples/csv/orbit-metrics.csv");
  });
});
