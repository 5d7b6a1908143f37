// plumb org create|list: the tenants of this store.
import type { Config } from "../../config/config.ts";
import { AppError } from "../../domain/app-error.ts";
import { KeySchema } from "../../domain/primitives.ts";
import { createOrg } from "../../use-cases/create-org.ts";
import { readOrgs } from "../../use-cases/reads/read-directory.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";

export async function runOrgCreate(
  id: string,
  options: { name?: string },
  config: Config,
  io: CliIo,
): Promise<number> {
  const key = KeySchema.safeParse(id);
  if (!key.success)
    throw AppError.invalid("invalid org id", [{ path: "ID", message: key.error.issues[0]!.message }]);
  return withServices(config, io, async (services) => {
    await createOrg(services, id, options.name ?? id);
    io.stdout(`Created org '${id}'.\n`);
    return EXIT.ok;
  });
}

export async function runOrgList(config: Config, io: CliIo): Promise<number> {
  return withServices(config, io, async (services) => {
    for (const org of await readOrgs(services)) io.stdout(`${org.id}  ${org.name}\n`);
    return EXIT.ok;
  });
}
