// Turns validation problems into the field problems errors carry.
import type { FieldProblem } from "../domain/app-error.ts";
import type { PathSegment } from "../initiative-file/locate.ts";

export function problemsOf(
  problems: Array<{ path: PathSegment[]; message: string }>,
  prefix: PathSegment[] = [],
): FieldProblem[] {
  return problems.map((p) => {
    const relative =
      prefix.length > 0 && prefix.every((segment, i) => p.path[i] === segment)
        ? p.path.slice(prefix.length)
        : p.path;
    return { path: relative.join(".") || "(body)", message: p.message };
  });
}
