// plumb index: the org's table and one initiative's dimensions, as text and JSON, from a store on disk.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIndex } from "../../src/cli/commands/alignment-index.ts";
import { runImport } from "../../src/cli/commands/import.ts";
import { runOrgCreate } from "../../src/cli/commands/org.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { loadConfig } from "../../src/config/config.ts";
import { REPO_ORBIT, SHARED_ORBIT } from "../support/files.ts";

const ORBIT = existsSync(SHARED_ORBIT) ? SHARED_ORBIT : REPO_ORBIT;
const work = mkdtempSync(join(tmpdir(), "plumb-index-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function io(): CliIo & { out: () => string } {
  let stdout = "";
  return {
    stdout: (t) => void (stdout += t),
    stderr: () => undefined,
    env: { PLUMBLINE_DATA_DIR: join(work, "data") },
    cwd: work,
    clock: () => new Date("2026-02-10T12:00:00Z"),
    color: false,
    out: () => stdout,
  };
}

describe("plumb index", () => {
  beforeAll(async () => {
    const setup = io();
    const config = loadConfig(setup.env);
    expect(await runOrgCreate("acme", {}, config, setup)).toBe(0);
    expect(await runImport(ORBIT, {}, config, setup)).toBe(0);
  });

  it("prints the org's table: a row per initiative and the org's mean, with trend arrows", async () => {
    const run = io();
    expect(await runIndex({ format: "text" }, loadConfig(run.env), run)).toBe(0);
    expect(run.out()).toContain("each counting once");
    expect(run.out()).toMatch(/orbit-self-serve-launch\s+\d+ [↑↓→·]/);
    expect(run.out()).toMatch(/org \(1\)/);
  });

  it("prints one initiative's five dimensions with their measures, and JSON in the API's shape", async () => {
    const text = io();
    await runIndex({ initiative: "orbit-self-serve-launch", format: "text" }, loadConfig(text.env), text);
    for (const label of [
      "surprise frequency",
      "information flow",
      "course-correction speed",
      "pivot history",
    ]) {
      expect(text.out()).toContain(label);
    }
    expect(text.out()).toMatch(/psychological safety .*no pulse at or above k/);
    const json = io();
    await runIndex({ initiative: "orbit-self-serve-launch", format: "json" }, loadConfig(json.env), json);
    const out = JSON.parse(json.out()) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(["course_correction_speed", "overall_trend", "as_of"]),
    );
  });
});
