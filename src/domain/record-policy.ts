// Who may record what: the one rule for authored records and votes, whichever path (API, import, CLI) asks.
import type { Actor } from "./actor.ts";
import { actorKind } from "./actor.ts";
import { AppError } from "./app-error.ts";
import type { Person } from "./model.ts";
import type { RecordProblem, RecordSet } from "./records.ts";

/**
 * The author a record names. A person speaks only for themself: `requested` defaults to them and may not name
 * anyone else. Automation and the local operator record others' words (imports, pipelines) and must say whose.
 */
export function authorOf(actor: Actor, requested: string | undefined, field = "by"): string {
  if (actor.personId) {
    if (requested !== undefined && requested !== actor.personId) {
      throw new AppError(
        "forbidden",
        `you act as '${actor.personId}' and cannot record '${requested}' as the author`,
      );
    }
    return actor.personId;
  }
  if (requested === undefined) {
    throw AppError.invalid("the record needs an author", [
      { path: field, message: "is required for a token that acts for no person" },
    ]);
  }
  return requested;
}

/** True when `person` has left the org as of `today` (they keep their history, not their voice). */
export function hasLeft(person: Pick<Person, "leftOn"> | null, today: string): boolean {
  return person?.leftOn !== null && person?.leftOn !== undefined && person.leftOn <= today;
}

/**
 * The problems with records an import adds, for `actor`: a person adds only records they authored and votes
 * they hold; automation adds authored records but no votes; the local operator brings history as it is.
 */
export function importedRecordProblems(actor: Actor, added: RecordSet): RecordProblem[] {
  const kind = actorKind(actor);
  if (kind === "local") return [];
  const problems: RecordProblem[] = [];
  const authored = (what: string, author: string | null, path: RecordProblem["path"]) => {
    if (kind === "person" && author !== null && author !== actor.personId) {
      problems.push({
        path,
        message: `${what} by '${author}': you act as '${actor.personId}' and record only your own`,
      });
    }
  };
  for (const r of added.reports) authored(`the report '${r.id}'`, r.authorId, ["reports"]);
  for (const d of added.decisions) authored(`the decision '${d.id}'`, d.byId, ["decisions"]);
  for (const r of added.recognitions) authored(`the recognition '${r.id}'`, r.byId, ["recognitions"]);
  for (const { reviewId, truth } of added.truths)
    authored(`a truth in '${reviewId}'`, truth.authorId, ["reviews"]);
  for (const { gateId, vote } of added.votes) {
    if (vote.personId !== actor.personId) {
      problems.push({
        path: ["gates"],
        message: `the '${vote.role}' vote on '${gateId}' is ${vote.personId}'s to cast: votes are cast by their holders (POST …/gates/${gateId}/votes)`,
      });
    }
  }
  return problems;
}
