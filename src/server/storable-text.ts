// Refuses (422) a request whose path, query or JSON body holds text the store cannot keep, naming each field,
// before any route reads it: without this a NUL character reaches PostgreSQL and fails as a 500.
import type { MiddlewareHandler } from "hono";
import { AppError, type FieldProblem } from "../domain/app-error.ts";
import { findTextFaults, textFault } from "../domain/storable-text.ts";

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

function decodedOrRaw(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // Not percent-encoded UTF-8: the router keeps it as written, which is storable.
  }
}

export const refuseUnstorableText: MiddlewareHandler = async (c, next) => {
  const problems: FieldProblem[] = [];
  const url = new URL(c.req.url);
  for (const segment of url.pathname.split("/")) {
    const message = textFault(decodedOrRaw(segment));
    if (message) problems.push({ path: "(path)", message });
  }
  for (const [key, value] of url.searchParams) {
    const message = textFault(key) ?? textFault(value);
    if (message) problems.push({ path: `(query).${textFault(key) ? "(key)" : key}`, message });
  }
  if (JSON_TYPE.test(c.req.header("content-type") ?? "")) {
    // The body's text is cached on the request, so the route's validator can still read it.
    const body: unknown = await c.req.json().catch(() => undefined);
    for (const fault of findTextFaults(body)) {
      // A key is named by where it is, not by itself: it is the text that cannot be shown.
      const where = fault.atKey ? fault.path.slice(0, -1) : fault.path;
      problems.push({ path: where.map(String).join(".") || "(body)", message: fault.message });
    }
  }
  if (problems.length > 0) {
    throw AppError.invalid("the request holds text that cannot be stored", problems);
  }
  await next();
};
