// An unexpected error as a line fit for a log: what failed and where, never the data it failed on. A database
// error's message carries the query's parameters (drizzle: "params: …") or the offending value (PostgreSQL:
// `invalid input syntax for type integer: "…"`, a key's value in `detail`), which may be a secret or a
// person's words, so of those only the SQLSTATE code and the names of what was involved are kept.

interface DatabaseErrorFields {
  code?: unknown;
  severity?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  routine?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** An error from PostgreSQL or PGlite: a five-character SQLSTATE code and a severity. */
function isDatabaseError(error: unknown): error is Error & DatabaseErrorFields {
  if (!(error instanceof Error)) return false;
  const { code, severity } = error as DatabaseErrorFields;
  return typeof code === "string" && SQLSTATE.test(code) && typeof severity === "string";
}

/** A query that failed, as drizzle wraps it: its text and parameters beside the database's error. */
function isFailedQuery(error: unknown): error is Error & { query: unknown; params: unknown } {
  return error instanceof Error && "query" in error && "params" in error;
}

/** The stack's frames without its first line, which repeats the message. */
function frames(error: Error): string {
  return (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
}

function databaseSummary(error: DatabaseErrorFields): string {
  const names = (["table", "column", "constraint", "routine"] as const)
    .filter((key) => typeof error[key] === "string" && error[key] !== "")
    .map((key) => `${key} ${String(error[key])}`);
  return [`SQLSTATE ${String(error.code)}`, ...names].join(", ");
}

/**
 * `error` described for a log: its kind and, with `stack`, where it was thrown; never the parameters,
 * values or messages of a database error.
 */
export function loggableError(error: unknown, options: { stack?: boolean } = {}): string {
  const stack = options.stack ?? true;
  if (!(error instanceof Error)) return `a thrown ${typeof error}`;
  const cause = (error as { cause?: unknown }).cause;
  const database = isDatabaseError(error) ? error : isDatabaseError(cause) ? cause : undefined;
  if (database || isFailedQuery(error)) {
    const what = database ? databaseSummary(database) : "no database error attached";
    const line = `database query failed (${what}); its text and parameters are not logged`;
    const where = stack ? frames(error) : "";
    return where ? `${line}\n${where}` : line;
  }
  if (!stack) return error.message;
  return error.stack ?? `${error.name}: ${error.message}`;
}
