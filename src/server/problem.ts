// The one error handler: every failure leaves as RFC 9457 problem+json naming the field and the reason.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { AppError, isAppError, type AppErrorCode, type FieldProblem } from "../domain/app-error.ts";
import { loggableError } from "../domain/loggable-error.ts";
import { fieldMessage } from "./field-messages.ts";

const STATUS: Record<AppErrorCode, ContentfulStatusCode> = {
  invalid_input: 422,
  malformed_input: 400,
  too_large: 413,
  rate_limited: 429,
  not_found: 404,
  conflict: 409,
  stale: 412,
  unauthenticated: 401,
  forbidden: 403,
  unavailable: 503,
};

const TITLES: Record<AppErrorCode, string> = {
  invalid_input: "Invalid input",
  malformed_input: "Bad request",
  too_large: "Content too large",
  rate_limited: "Too many requests",
  not_found: "Not found",
  conflict: "Conflict",
  stale: "Precondition failed",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  unavailable: "Service unavailable",
};

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          field: z.string(),
          message: z.string(),
          line: z.int().optional().describe("Where the field is in an initiative file's text, from 1"),
          column: z.int().optional(),
        }),
      )
      .optional(),
  })
  .describe("An RFC 9457 problem document");

export function problemResponse(c: Context, error: AppError): Response {
  const status = STATUS[error.code];
  const body = {
    type: `/problems/${error.code.replace(/_/g, "-")}`,
    title: TITLES[error.code],
    status,
    detail: error.message,
    ...(error.problems.length > 0
      ? {
          errors: error.problems.map((p: FieldProblem) => ({
            field: p.path,
            message: p.message,
            ...(p.line !== undefined ? { line: p.line, column: p.column } : {}),
          })),
        }
      : {}),
  };
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  if (error.code === "unauthenticated") headers["www-authenticate"] = 'Bearer realm="plumbline"';
  if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.retryAfterSeconds);
  return c.body(JSON.stringify(body), status, headers);
}

export function handleError(error: Error, c: Context): Response {
  if (isAppError(error)) return problemResponse(c, error);
  if (error instanceof HTTPException) {
    if (error.status === 400)
      return problemResponse(c, AppError.invalid(error.message || "malformed request"));
    return problemResponse(
      c,
      new AppError(error.status === 404 ? "not_found" : "invalid_input", error.message),
    );
  }
  // Two writers raced for the same key (an explicit id given twice at once): the later one conflicts.
  const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  if (cause?.code === "23505") {
    return problemResponse(
      c,
      new AppError("conflict", "it already exists (written at the same moment by another request)"),
    );
  }
  // An unexpected failure: say nothing about internals, log it without request data or query parameters.
  console.error(
    `[plumbline] unexpected error on ${c.req.method} ${c.req.routePath}: ${loggableError(error)}`,
  );
  return c.body(
    JSON.stringify({
      type: "/problems/internal",
      title: "Internal error",
      status: 500,
      detail: "an unexpected error occurred",
    }),
    500,
    { "content-type": "application/problem+json" },
  );
}

/** The validation hook for every route: zod issues become field problems. */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; target?: string },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  return problemResponse(
    c,
    AppError.invalid(
      `the request ${result.target ?? "input"} is invalid`,
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join(".") || "(body)",
        message: fieldMessage(issue),
      })),
    ),
  );
}
