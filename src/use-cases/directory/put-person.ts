// Creating or changing a person of the org's directory (admins only). Reporting lines stay a tree; a person
// who has left keeps their history but loses their voice: sessions and tokens revoked, sign-in disabled.
import type { Actor } from "../../domain/actor.ts";
import { AppError } from "../../domain/app-error.ts";
import type { Person } from "../../domain/model.ts";
import { toIsoDate } from "../../domain/primitives.ts";
import { hasLeft } from "../../domain/record-policy.ts";
import { disableUser, revokeSessionsOf } from "../../store/account-repository.ts";
import {
  findPerson,
  revokeTokensOf,
  savePerson,
  publishOrgDirectoryChange,
} from "../../store/org-repository.ts";
import { audit } from "../audit.ts";
import { inTransaction, type Services } from "../services.ts";

export async function putPerson(
  services: Services,
  orgId: string,
  person: Person,
  actor: Actor,
): Promise<Person> {
  return inTransaction(services, async (db) => {
    if (person.managerId !== null) {
      if (person.managerId === person.id) {
        throw AppError.invalid("invalid manager", [
          { path: "manager", message: "a person cannot be their own manager" },
        ]);
      }
      const seen = new Set([person.id]);
      for (let m: string | null = person.managerId; m !== null;) {
        if (seen.has(m)) {
          throw AppError.invalid("invalid manager", [
            { path: "manager", message: `reporting lines would form a cycle through '${m}'` },
          ]);
        }
        seen.add(m);
        const manager: Person | null = await findPerson(db, orgId, m);
        if (!manager)
          throw AppError.invalid("invalid manager", [{ path: "manager", message: `unknown person '${m}'` }]);
        m = manager.managerId;
      }
    }
    await savePerson(db, orgId, person);
    await publishOrgDirectoryChange(db, orgId, services.clock());
    await audit(db, services, orgId, actor, {
      action: "person.put",
      targetType: "person",
      targetId: person.id,
      details: { manager: person.managerId, left: person.leftOn },
    });
    const now = services.clock();
    if (hasLeft(person, toIsoDate(now))) {
      const sessions = await revokeSessionsOf(db, orgId, person.id, now);
      const tokens = await revokeTokensOf(db, orgId, person.id, now);
      const disabled = await disableUser(db, orgId, person.id, now);
      if (sessions + tokens > 0 || disabled) {
        await audit(db, services, orgId, actor, {
          action: "person.left",
          targetType: "person",
          targetId: person.id,
          details: {
            left: person.leftOn,
            sessions_revoked: sessions,
            tokens_revoked: tokens,
            account_disabled: disabled,
          },
        });
      }
    }
    return person;
  });
}
