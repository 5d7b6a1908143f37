// The real `plumb` process writing a large export into a pipe: every byte arrives before it exits.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { stringify } from "yaml";
import { runCli } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { smallDocument } from "../support/files.ts";

const BIN = fileURLToPath(new URL("../../bin/plumb.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "plumb-pipe-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { PLUMBLINE_DATA_DIR: join(work, "data") };

async function plumbInProcess(args: string[]): Promise<number> {
  const io: CliIo = {
    stdout: () => undefined,
    stderr: () => undefined,
    env,
    cwd: work,
    clock: () => new Date("2026-02-10T12:00:00Z"),
    color: false,
  };
  return runCli(args, io);
}

/** Runs `plumb` as a child process with its stdout a pipe; resolves with every byte read and the exit code. */
function plumbThroughPipe(args: string[]): Promise<{ code: number | null; stdout: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: work,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(chunks) }));
  });
}

it("writes a large export through a pipe whole before exiting", { timeout: 120_000 }, async () => {
  const commitments: Record<string, unknown> = {};
  for (let i = 0; i < 3000; i++) {
    commitments[`c${i}`] = {
      team: i % 2 ? "marketing" : "operations",
      owner: i % 2 ? "mia" : "omar",
      title: `Commitment number ${i}, long enough to make the export weigh a few hundred kilobytes`,
      due: "2026-03-01",
    };
  }
  const file = join(work, "large.yaml");
  writeFileSync(file, stringify(smallDocument({ id: "large", commitments, links: [] })));
  expect(await plumbInProcess(["org", "create", "acme"])).toBe(0);
  expect(await plumbInProcess(["import", file])).toBe(0);
  expect(await plumbInProcess(["export", "large", "-o", "large-export.yaml"])).toBe(0);
  const expected = readFileSync(join(work, "large-export.yaml"));
  expect(expected.length).toBeGreaterThan(256 * 1024);

  const piped = await plumbThroughPipe(["export", "large"]);
  expect(piped.code).toBe(0);
  expect(piped.stdout.length).toBe(expected.length);
  expect(piped.stdout.equals(expected)).toBe(true);
});
