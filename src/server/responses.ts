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
