// The org's directory (people and teams) is the org's, not an initiative's: what a file would change in it.
import type { Person, Team } from "./model.ts";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Each person or team of `next` that is new to the directory or differs from its entry, in words. */
export function directoryChanges(
  stored: { people: readonly Person[]; teams: readonly Team[] },
  next: { people: readonly Person[]; teams: readonly Team[] },
): string[] {
  const people = new Map(stored.people.map((p) => [p.id, p]));
  const teams = new Map(stored.teams.map((x) => [x.id, x]));
  const changes: string[] = [];
  for (const person of next.people) {
    const was = people.get(person.id);
    const fields = (p: Person) => [p.name, p.title, p.managerId, p.email, p.leftOn];
    if (!was) changes.push(`adds the person '${person.id}'`);
    else if (!same(fields(was), fields(person))) changes.push(`changes the person '${person.id}'`);
  }
  for (const team of next.teams) {
    const was = teams.get(team.id);
    const fields = (x: Team) => [x.name, x.leadId, x.members, x.wipLimit];
    if (!was) changes.push(`adds the team '${team.id}'`);
    else if (!same(fields(was), fields(team))) changes.push(`changes the team '${team.id}'`);
  }
  return changes;
}
