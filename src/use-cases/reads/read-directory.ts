// Reading the org and its directory (people and teams), for the routes and commands that show them.
import {
  findOrg,
  findPerson,
  findTeam,
  listOrgs,
  listPeople,
  listTeams,
  personIds,
  teamIds,
} from "../../store/org-repository.ts";
import type { Services } from "../services.ts";

type Page = { after?: string; limit: number };

export const readOrg = (services: Services, orgId: string) => findOrg(services.store.db, orgId);
export const readOrgs = (services: Services) => listOrgs(services.store.db);
export const readPerson = (services: Services, orgId: string, id: string) =>
  findPerson(services.store.db, orgId, id);
export const readTeam = (services: Services, orgId: string, id: string) =>
  findTeam(services.store.db, orgId, id);
export const readPeople = (services: Services, orgId: string, page: Page) =>
  listPeople(services.store.db, orgId, page);
export const readTeams = (services: Services, orgId: string, page: Page) =>
  listTeams(services.store.db, orgId, page);

/** The ids of the org's people and teams: what a file imported into it may name without listing. */
export async function knownNames(services: Services, orgId: string) {
  return {
    people: await personIds(services.store.db, orgId),
    teams: await teamIds(services.store.db, orgId),
  };
}
