// Loads the demo org (the Orbit launch grown to a small company, and its other initiatives) into a store.
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { AppError } from "../domain/app-error.ts";
import { parseInitiativeFile } from "../initiative-file/parse-initiative-file.ts";
import type { Role } from "../domain/policy.ts";
import { countUsers } from "../store/account-repository.ts";
import { ensureOrg, listPeople } from "../store/org-repository.ts";
import { hashPassword } from "../domain/password.ts";
import { createAccount } from "../use-cases/accounts.ts";
import { toIsoDate } from "../domain/primitives.ts";
import { LOCAL_ACTOR } from "../domain/actor.ts";
import { findInitiative } from "../store/initiative-repository.ts";
import { deleteInitiative } from "../use-cases/delete-initiative.ts";
import { relativeToToday } from "./relative-dates.ts";
import { importInitiative } from "../use-cases/import-initiative.ts";
import type { Services } from "../use-cases/services.ts";

export const DEMO_ORG = { id: "orbit-labs", name: "Orbit Labs" };

/** Every demo person signs in as `<id>@orbit-labs.example` with this password. */
export const DEMO_PASSWORD = "plumbline-demo";

/** Roles of the demo's accounts: the VP administers, leads plan, everyone else contributes. */
function demoRole(person: { id: string; title: string | null }, ownerId: string): Role {
  if (person.id === ownerId) return "admin";
  return /lead|head|director|vp/i.test(person.title ?? "") ? "lead" : "member";
}

const dataDir = fileURLToPath(new URL("./data/", import.meta.url));

/**
 * Imports the demo files whose initiatives are not in the store yet (or all of them, replacing earlier
 * copies, with `reset`), so that what people changed in the demo survives a restart; returns their ids. The
 * demo's history is laid out relative to the clock's today (see relative-dates.ts).
 */
export async function loadDemo(services: Services, options: { reset?: boolean } = {}): Promise<string[]> {
  await ensureOrg(services.store.db, DEMO_ORG.id, DEMO_ORG.name);
  const files = (await readdir(dataDir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const ids: string[] = [];
  const owners = new Map<string, string>();
  for (const name of files) {
    const parsed = parseInitiativeFile(await readFile(`${dataDir}${name}`, "utf8"), {
      fileName: name,
      checks: services.checks,
    });
    if (!parsed.ok) throw AppError.invalid(`demo file ${name} is invalid`, parsed.problems);
    const { id, ownerId } = parsed.snapshot.initiative;
    ids.push(id);
    owners.set(id, ownerId);
    const stored = await findInitiative(services.store.db, DEMO_ORG.id, id);
    if (stored && !options.reset) continue;
    // A reset starts the initiative over: its history is replaced by the demo's, which no import may do.
    if (stored) await deleteInitiative(services, DEMO_ORG.id, id, LOCAL_ACTOR);
    const today = toIsoDate(services.clock());
    await importInitiative(
      services,
      DEMO_ORG.id,
      relativeToToday(parsed.file as Record<string, unknown>, today),
    );
  }
  if ((await countUsers(services.store.db, DEMO_ORG.id)) === 0) {
    const people = await listPeople(services.store.db, DEMO_ORG.id, { limit: 1000 });
    const owner = owners.get(ids[0] ?? "") ?? "";
    // Everyone's password is the same published one: one hash at the full cost serves them all.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const person of people) {
      await createAccount(
        services,
        {
          orgId: DEMO_ORG.id,
          personId: person.id,
          email: `${person.id}@orbit-labs.example`,
          password: DEMO_PASSWORD,
          role: demoRole(person, owner),
        },
        { passwordHash },
      );
    }
  }
  return ids;
}
