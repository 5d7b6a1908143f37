// The process entry point: real streams and signals in, an exit code out.
import type { Writable } from "node:stream";
import { runCli } from "./main.ts";

const stopped = new Promise<void>((resolve) => {
  process.once("SIGINT", () => resolve());
  process.once("SIGTERM", () => resolve());
});

/** Resolves once everything written so far has left the process: a pipe takes only 64 KiB at a time. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    // A write's callback runs after every earlier write has been flushed, in order.
    stream.write("", () => resolve());
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  clock: () => new Date(),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  ...(process.stderr.isTTY ? { terminal: { columns: process.stderr.columns } } : {}),
  untilStopped: stopped,
});
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
