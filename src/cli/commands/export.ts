// plumb export INITIATIVE: writes the stored initiative as an initiative file (YAML or JSON).
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { stringify } from "yaml";
import type { Config } from "../../config/config.ts";
import { fromSnapshot } from "../../initiative-file/from-snapshot.ts";
import { loadInitiativeOrThrow } from "../../use-cases/read-initiative.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { resolveOrg } from "../resolve-org.ts";

export async function runExport(
  initiativeId: string,
  options: { org?: string; format: "yaml" | "json"; output?: string },
  config: Config,
  io: CliIo,
): Promise<number> {
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    const document = fromSnapshot(await loadInitiativeOrThrow(services, orgId, initiativeId));
    const text =
      options.format === "json"
        ? `${JSON.stringify(document, null, 2)}\n`
        : stringify(document, { lineWidth: 0 });
    if (options.output) {
      await writeFile(resolve(io.cwd, options.output), text);
      io.stderr(`Wrote ${options.output}\n`);
    } else io.stdout(text);
    return EXIT.ok;
  });
}
