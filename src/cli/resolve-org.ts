// Which org a command acts on: --org, else PLUMBLINE_ORG, else the store's only org.
import { AppError } from "../domain/app-error.ts";
import { readOrg, readOrgs } from "../use-cases/reads/read-directory.ts";
import type { Services } from "../use-cases/services.ts";

export async function resolveOrg(services: Services, requested: string | null | undefined): Promise<string> {
  if (requested) {
    if (!(await readOrg(services, requested))) {
      throw AppError.invalid(`there is no org '${requested}'`, [
        { path: "--org", message: `unknown org; create it with 'plumb org create ${requested}'` },
      ]);
    }
    return requested;
  }
  const orgs = await readOrgs(services);
  if (orgs.length === 1) return orgs[0]!.id;
  if (orgs.length === 0) {
    throw AppError.invalid("the store has no org yet", [
      { path: "--org", message: "create one with 'plumb org create ID', or load the demo with 'plumb demo'" },
    ]);
  }
  throw AppError.invalid("the store has several orgs", [
    { path: "--org", message: `say which: ${orgs.map((o) => o.id).join(", ")}` },
  ]);
}
