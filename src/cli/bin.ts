// The process entry point: real streams and signals in, an exit code out.
import { runCli } from "./main.ts";

const stopped = new Promise<void>((resolve) => {
  process.once("SIGINT", () => resolve());
  process.once("SIGTERM", () => resolve());
});

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  clock: () => new Date(),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  untilStopped: stopped,
});
process.exit(code);
