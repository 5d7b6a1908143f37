// An initiative file's text beside the server's problems: each line numbered, with the problems found there.
import type { FieldError } from "../../lib/api-types.ts";

export interface NumberedLine {
  number: number;
  text: string;
  problems: FieldError[];
}

export interface PlacedProblems {
  lines: NumberedLine[];
  /** Problems the server placed at no line (a problem with the file as a whole, say). */
  unplaced: FieldError[];
}

/** Numbers the text's lines and places each problem at its line (a line past the end is the last one). */
export function placeProblems(text: string, problems: readonly FieldError[]): PlacedProblems {
  const lines: NumberedLine[] = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line, i) => ({ number: i + 1, text: line, problems: [] }));
  const unplaced: FieldError[] = [];
  for (const problem of problems) {
    if (problem.line === undefined || problem.line < 1) {
      unplaced.push(problem);
      continue;
    }
    lines[Math.min(problem.line, lines.length) - 1]!.problems.push(problem);
  }
  for (const line of lines) line.problems.sort((a, b) => (a.column ?? 0) - (b.column ?? 0));
  return { lines, unplaced };
}

/** "Line 11, column 10" — where a problem is, in words. */
export function positionOf(problem: FieldError): string {
  if (problem.line === undefined) return "The file";
  return `Line ${problem.line}${problem.column !== undefined ? `, column ${problem.column}` : ""}`;
}

/** A problem as one sentence: its field (unless the file as a whole) and the reason. */
export function problemText(problem: FieldError): string {
  return problem.field.startsWith("(") ? problem.message : `${problem.field}: ${problem.message}`;
}
