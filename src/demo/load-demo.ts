// Loads the demo org (the Orbit launch grown to a small company, and its other initiatives) into a store.
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { AppError } from "../domain/app-error.ts";
import { parseInitiativeFile } from "../initiative-file/parse-initiative-file.ts";
import { ensureOrg } from "../store/org-repository.ts";
import { importInitiative } from "../use-cases/import-initiative.ts";
import type { Services } from "../use-cases/services.ts";

export const DEMO_ORG = { id: "orbit-labs", name: "Orbit Labs" };

const dataDir = fileURLToPath(new URL("./data/", import.meta.url));

/** Imports every demo file, replacing earlier copies; returns the initiatives' ids. */
export async function loadDemo(services: Services): Promise<string[]> {
  await ensureOrg(services.store.db, DEMO_ORG.id, DEMO_ORG.name);
  const files = (await readdir(dataDir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const ids: string[] = [];
  for (const name of files) {
    const parsed = parseInitiativeFile(await readFile(`${dataDir}${name}`, "utf8"), {
      fileName: name,
      checks: services.checks,
    });
    if (!parsed.ok) throw AppError.invalid(`demo file ${name} is invalid`, parsed.problems);
    const { snapshot } = await importInitiative(services, DEMO_ORG.id, parsed.file);
    ids.push(snapshot.initiative.id);
  }
  return ids;
}
