// plumb import FILE: validates the file against the org and saves the initiative in one transaction.
import { resolve } from "node:path";
import { AppError } from "../../domain/app-error.ts";
import { parseInitiativeFile } from "../../initiative-file/parse-initiative-file.ts";
import { knownNames } from "../../use-cases/reads/read-directory.ts";
import { importInitiative } from "../../use-cases/import-initiative.ts";
import type { Config } from "../../config/config.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { resolveOrg } from "../resolve-org.ts";
import { readInitiativeText } from "./read-file.ts";

export async function runImport(
  fileName: string,
  options: { org?: string },
  config: Config,
  io: CliIo,
): Promise<number> {
  const text = await readInitiativeText(resolve(io.cwd, fileName), fileName);
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    // Parse with the org's directory first, so problems carry the file's lines and columns.
    const known = await knownNames(services, orgId);
    const parsed = parseInitiativeFile(text, { fileName, checks: services.checks, known });
    if (!parsed.ok)
      throw AppError.invalid(
        `${fileName} is not a valid initiative file; nothing was imported`,
        parsed.problems,
      );
    const { snapshot, created } = await importInitiative(services, orgId, parsed.file);
    const counts = [
      `${snapshot.commitments.length} commitments`,
      `${snapshot.links.length} links`,
      `${snapshot.reports.length} reports`,
    ].join(", ");
    io.stdout(
      `${created ? "Imported" : "Replaced"} '${snapshot.initiative.id}' ${created ? "into" : "in"} org '${orgId}' (${counts}).\n`,
    );
    return EXIT.ok;
  });
}
