// plumb demo: loads the demo org, prints a token and a tour, and serves it (what `npm start` runs).
import type { Config } from "../../config/config.ts";
import { DEMO_ORG, DEMO_PASSWORD, loadDemo } from "../../demo/load-demo.ts";
import { createToken } from "../../use-cases/manage-tokens.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { serveApp } from "./serve.ts";

export async function runDemo(
  options: { serve: boolean; reset?: boolean },
  config: Config,
  io: CliIo,
): Promise<number> {
  return withServices(config, io, async (services) => {
    io.stderr(
      `Loading the demo org '${DEMO_ORG.id}' into ${services.store.kind} at ${services.store.location}…\n`,
    );
    const ids = await loadDemo(services, { reset: options.reset ?? false });
    const { secret } = await createToken(services, {
      orgId: DEMO_ORG.id,
      name: "demo",
      role: "admin",
      expiresInDays: 30,
    });
    io.stderr(`Loaded ${ids.length} initiatives: ${ids.join(", ")}\n`);
    if (!options.serve) {
      io.stdout(`${secret}\n`);
      return EXIT.ok;
    }
    await serveApp(services, config, io, (url) => {
      io.stdout(
        [
          "",
          `Plumbline is running at ${url}`,
          "",
          `  Sign in as dana@orbit-labs.example (or pat@…, mia@…, any demo person) with the password ${DEMO_PASSWORD}`,
          `  Admin API token (demo, expires in 30 days): ${secret}`,
          "",
          `  curl -H "Authorization: Bearer ${secret}" ${url}/api/v1/initiatives`,
          `  curl -H "Authorization: Bearer ${secret}" ${url}/api/v1/initiatives/${ids[0]}/signals`,
          `  API reference: ${url}/docs    health: ${url}/health`,
          "",
          "Press Ctrl+C to stop.",
          "",
        ].join("\n"),
      );
    });
    return EXIT.ok;
  });
}
