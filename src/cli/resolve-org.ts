// Which org a command acts on: --org, else PLUMBLINE_ORG, else the store's only org.
import { AppError } from "../domain/app-error.ts";
import { findOrg, listOrgs } from "../store/org-repository.ts";
import type { Database } from "../store/open-store.ts";

export async function resolveOrg(db: Database, requested: string | null | undefined): Promise<string> {
  if (requested) {
    if (!(await findOrg(db, requested))) {
      throw AppError.invalid(`there is no org '${requested}'`, [
        { path: "--org", message: `unknown org; create it with 'plumb org create ${requested}'` },
      ]);
    }
    return requested;
  }
  const orgs = await listOrgs(db);
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
