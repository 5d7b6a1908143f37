// Imports an initiative file's text (YAML or JSON, as a person uploads or pastes it): every problem, from its
// syntax to what the store refuses, names the line and column of the text where it is, and nothing is imported.
import { AppError, isAppError, type FieldProblem } from "../domain/app-error.ts";
import { locate, parseSource, type PathSegment } from "../initiative-file/locate.ts";
import { parseInitiativeFile } from "../initiative-file/parse-initiative-file.ts";
import { personIds, teamIds } from "../store/org-repository.ts";
import { importInitiative, type ImportOptions, type ImportResult } from "./import-initiative.ts";
import type { Services } from "./services.ts";

/** The name problems give the text, which has no file name of its own. */
const TEXT_NAME = "(body)";

export async function importInitiativeFile(
  services: Services,
  orgId: string,
  text: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const db = services.store.db;
  const known = { people: await personIds(db, orgId), teams: await teamIds(db, orgId) };
  const parsed = parseInitiativeFile(text, { fileName: TEXT_NAME, checks: services.checks, known });
  if (!parsed.ok) {
    throw AppError.invalid(
      "the initiative file is invalid",
      parsed.problems.map(({ path, message, line, column }) => ({ path, message, line, column })),
    );
  }
  try {
    return await importInitiative(services, orgId, parsed.file, options);
  } catch (error) {
    // What the store refuses (a recorded item changed, the directory touched…) is found in the text too.
    if (!isAppError(error) || error.problems.length === 0) throw error;
    throw new AppError(error.code, error.message, positioned(text, error.problems));
  }
}

/** The problems, each at the line and column of its field in `text` (or of the deepest part of it there). */
export function positioned(text: string, problems: readonly FieldProblem[]): FieldProblem[] {
  const source = parseSource(text);
  return problems.map((problem) => {
    if (problem.line !== undefined) return problem;
    const path: PathSegment[] = problem.path.startsWith("(") ? [] : problem.path.split(".");
    return { ...problem, ...locate(source, path) };
  });
}
