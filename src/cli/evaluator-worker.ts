// Evaluation off the serving thread: with a PostgreSQL server, the evaluator runs in a worker thread with its
// own connections, so that evaluating a large initiative never holds up a request. (The embedded store lives
// in the serving thread, so there the evaluator runs beside the server.)
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { CheckCompiler } from "../checks/check-compiler.ts";
import { openStore } from "../store/open-store.ts";
import { Evaluator } from "../use-cases/evaluation/evaluator.ts";
import { loggableError } from "../domain/loggable-error.ts";

export interface EvaluatorWorkerOptions {
  url: string;
  /** A fixed "now" (benchmarks); the real clock otherwise. */
  fixedNow?: string;
  /** The audit key, hex-encoded, for anything the evaluator records. */
  auditKey: string;
}

export interface RunningEvaluation {
  /** Stops evaluating; resolves with how many evaluations were incremental and how many loaded whole. */
  stop(): Promise<{ incremental: number; full: number }>;
}

type Message =
  | { type: "started" }
  | { type: "error"; message: string }
  | { type: "stopped"; stats: { incremental: number; full: number } };

const entry = fileURLToPath(new URL("../../bin/evaluator-worker.js", import.meta.url));

/** Starts the evaluator in a worker thread on the PostgreSQL server at `options.url`. */
export async function startEvaluatorWorker(
  options: EvaluatorWorkerOptions,
  onError: (message: string) => void,
): Promise<RunningEvaluation> {
  const worker = new Worker(entry, { workerData: options });
  let stopped: ((stats: { incremental: number; full: number }) => void) | null = null;
  await new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (message: Message) => {
      if (message.type === "started") resolve();
      else if (message.type === "error") onError(message.message);
      else if (message.type === "stopped") stopped?.(message.stats);
    });
  });
  return {
    stop: () =>
      new Promise((resolve) => {
        stopped = (stats) => {
          void worker.terminate().then(() => resolve(stats));
        };
        worker.postMessage("stop");
      }),
  };
}

if (!isMainThread && parentPort && (workerData as EvaluatorWorkerOptions | undefined)?.url) {
  const options = workerData as EvaluatorWorkerOptions;
  const port = parentPort;
  const store = await openStore({ kind: "postgres", url: options.url, poolSize: 4 });
  const now = options.fixedNow ? new Date(options.fixedNow) : null;
  const evaluator = new Evaluator(
    {
      store,
      clock: () => now ?? new Date(),
      checks: new CheckCompiler(),
      auditKey: Buffer.from(options.auditKey, "hex"),
    },
    {
      onError: (error, claim) =>
        port.postMessage({
          type: "error",
          message: `evaluation of ${claim.orgId}/${claim.initiativeId} failed (retried shortly): ${loggableError(error, { stack: false })}`,
        } satisfies Message),
    },
  );
  await evaluator.start();
  port.on("message", (message) => {
    if (message !== "stop") return;
    void (async () => {
      await evaluator.stop();
      await store.close();
      port.postMessage({ type: "stopped", stats: evaluator.stats } satisfies Message);
    })();
  });
  port.postMessage({ type: "started" } satisfies Message);
}
