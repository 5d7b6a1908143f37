// Runs `plumb` in-process against a data directory of the test's own: its exit code and what it printed.
import { join } from "node:path";
import type { CliIo } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli/main.ts";

export function cliIn(work: string) {
  return async function plumb(args: string[], env: Record<string, string> = {}) {
    let stdout = "";
    let stderr = "";
    const io: CliIo = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env: { PLUMBLINE_DATA_DIR: join(work, "data"), ...env },
      cwd: work,
      clock: () => new Date("2026-02-10T12:00:00Z"),
      color: false,
    };
    const code = await runCli(args, io);
    return { code, stdout, stderr };
  };
}
