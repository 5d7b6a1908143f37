// The one error type for expected failures, with stable string codes; mapped to HTTP and exit codes at the edges.
export type AppErrorCode =
  | "invalid_input"
  /** A request that cannot be read as given: text no store can hold, a body over the size limit. */
  | "malformed_input"
  /** A request body over the size the route takes. */
  | "too_large"
  /** Too many attempts: try again after `retryAfterSeconds`. */
  | "rate_limited"
  | "not_found"
  | "conflict"
  /** A conditional write whose condition (If-Match) no longer holds: someone changed the item first. */
  | "stale"
  | "unauthenticated"
  | "forbidden"
  | "unavailable";

export interface FieldProblem {
  /** The field, as a dotted path ("commitments.campaign.due"). */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly problems: FieldProblem[];
  /** For `rate_limited`: how long until a retry may succeed. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    problems: FieldProblem[] = [],
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.problems = problems;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  static notFound(what: string, id: string): AppError {
    return new AppError("not_found", `${what} '${id}' was not found`);
  }

  static invalid(message: string, problems: FieldProblem[] = []): AppError {
    return new AppError("invalid_input", message, problems);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
