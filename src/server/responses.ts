// OpenAPI response descriptions shared by every route: JSON bodies and the problem+json failures.
import type { z } from "zod";
import { ProblemSchema } from "./problem.ts";

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** The failures every authorised route can answer with. */
export const authErrors = (notFound = "Not found in this org") => ({
  401: problem("No valid API token"),
  403: problem("The token's role may not do this"),
  404: problem(notFound),
});

export const invalidInput = { 422: problem("Invalid input; `errors` names each field and the reason") };

const UNSTORABLE_TEXT = problem(
  "Invalid input; `errors` names each field and the reason — including text that cannot be stored (a NUL character, an unpaired surrogate) in the path, the query or the body",
);
const TOO_LARGE = problem(
  "The body is over the limit: 16 KiB on share links and sign-in, else 1 MiB by default",
);

type Operation = { requestBody?: unknown; responses?: Record<string, unknown> };

/** Adds the answers the app's own middleware gives on every route (422, and 413 where a body is taken). */
export function withCommonResponses<T extends { paths?: object }>(doc: T): T {
  for (const item of Object.values(doc.paths ?? {}) as Array<Record<string, unknown>>) {
    for (const [method, operation] of Object.entries(item)) {
      if (!["get", "put", "post", "patch", "delete"].includes(method)) continue;
      const op = operation as Operation;
      op.responses = { ...op.responses, 422: op.responses?.["422"] ?? UNSTORABLE_TEXT };
      if (op.requestBody) op.responses["413"] ??= TOO_LARGE;
    }
  }
  return doc;
}
