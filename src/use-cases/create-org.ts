// Creating a tenant: an org of its own, with nothing in it yet.
import { AppError } from "../domain/app-error.ts";
import { ensureOrg, findOrg } from "../store/org-repository.ts";
import { inTransaction, type Services } from "./services.ts";

export async function createOrg(services: Services, id: string, name: string): Promise<void> {
  await inTransaction(services, async (db) => {
    if (await findOrg(db, id)) throw new AppError("conflict", `org '${id}' already exists`);
    await ensureOrg(db, id, name);
  });
}
