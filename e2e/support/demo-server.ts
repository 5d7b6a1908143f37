// Builds the web app and starts `plumb demo` on a free port with a throwaway data directory.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";

export interface DemoServer {
  baseUrl: string;
  stop(): Promise<void>;
}

const STARTUP_MS = 120_000;

/** The demo server's secret for GitHub webhook deliveries of orbit-labs/billing. */
export const DEMO_WEBHOOK_SECRET = "journey-webhook-secret-0123456789";

export async function buildWeb(root: string): Promise<void> {
  await build({ configFile: join(root, "web/vite.config.ts"), logLevel: "warn" });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function waitForUrl(child: ChildProcess, log: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`plumb demo did not start in ${STARTUP_MS / 1000} s:\n${log.join("")}`)),
      STARTUP_MS,
    );
    const onData = (chunk: Buffer) => {
      log.push(chunk.toString());
      const match = /Plumbline is running at (\S+)/.exec(log.join(""));
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`plumb demo exited with ${code}:\n${log.join("")}`));
    });
  });
}

/** The demo org on the embedded store, whatever DATABASE_URL the environment has: each run starts clean. */
export async function startDemoServer(root: string): Promise<DemoServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "plumbline-e2e-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    PLUMBLINE_DATA_DIR: dataDir,
    // The demo's billing migration reads orbit-labs/billing: journeys deliver its webhooks signed with this.
    PLUMBLINE_GITHUB_WEBHOOK_SECRETS: JSON.stringify({ "orbit-labs/billing": DEMO_WEBHOOK_SECRET }),
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [join(root, "bin/plumb.js"), "demo"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGINT");
      const forced = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(forced);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    return { baseUrl: await waitForUrl(child, log), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
