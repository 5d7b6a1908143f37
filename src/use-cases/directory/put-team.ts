// Creating or changing a team of the org's directory (admins only): its lead and members must exist.
import type { Actor } from "../../domain/actor.ts";
import { AppError } from "../../domain/app-error.ts";
import type { Team } from "../../domain/model.ts";
import { findPerson, saveTeam, publishOrgDirectoryChange } from "../../store/org-repository.ts";
import { audit } from "../audit.ts";
import { inTransaction, type Services } from "../services.ts";

export async function putTeam(services: Services, orgId: string, team: Team, actor: Actor): Promise<Team> {
  return inTransaction(services, async (db) => {
    const missing: Array<{ path: string; message: string }> = [];
    for (const [path, id] of [
      ["lead", team.leadId],
      ...team.members.map((m, i) => [`members.${i}`, m]),
    ] as Array<[string, string | null]>) {
      if (id !== null && !(await findPerson(db, orgId, id)))
        missing.push({ path, message: `unknown person '${id}'` });
    }
    if (missing.length > 0) throw AppError.invalid("the team names unknown people", missing);
    await saveTeam(db, orgId, team);
    await publishOrgDirectoryChange(db, orgId, services.clock());
    await audit(db, services, orgId, actor, {
      action: "team.put",
      targetType: "team",
      targetId: team.id,
      details: { lead: team.leadId, members: team.members },
    });
    return team;
  });
}
