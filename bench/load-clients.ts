// The benchmark's concurrent clients, in a process of their own so that they do not share the server's event
// loop: `clients` at once, each sending the next of `requests` (in turn) until `seconds` are up. Reads its
// plan as JSON from the first argument and prints what it measured as JSON on standard output.
import { round, summarize, type Summary } from "./stats.ts";

export interface LoadPlan {
  url: string;
  token: string;
  clients: number;
  seconds: number;
  /** Sent in turn: request i is `requests[i % requests.length]`. */
  requests: Array<{ method: string; path: string; body?: unknown }>;
}

export interface LoadResult {
  ok: number;
  failed: number;
  perSecond: number;
  clientMs: Summary;
  serverMs: Summary;
  /** The first refusal's status and body, when there was one. */
  firstFailure: string | null;
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const deadline = performance.now() + plan.seconds * 1000;
  const client: number[] = [];
  const server: number[] = [];
  let ok = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: plan.clients }, async () => {
      while (performance.now() < deadline) {
        const { method, path, body } = plan.requests[n++ % plan.requests.length]!;
        const sent = performance.now();
        const response = await fetch(`${plan.url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${plan.token}`,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await response.text();
        client.push(performance.now() - sent);
        const timing = /dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "");
        if (timing) server.push(Number(timing[1]));
        if (response.status < 300) ok++;
        else {
          failed++;
          firstFailure ??= `${response.status} ${text.slice(0, 500)}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    ok,
    failed,
    perSecond: round(ok / seconds, 1),
    clientMs: summarize(client),
    serverMs: summarize(server),
    firstFailure,
  };
}

const plan = JSON.parse(process.argv[2] ?? "null") as LoadPlan | null;
if (!plan) {
  process.stderr.write("usage: load-clients.ts PLAN_JSON\n");
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await run(plan))}\n`);
