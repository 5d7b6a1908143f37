// How large a request body may be: a default for the API, and far less where no account is needed (share
// links, sign-in), so that nobody can fill the server's memory with bodies it would only refuse later.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { DEFAULT_MAX_BODY_BYTES } from "../config/config.ts";
import { AppError } from "../domain/app-error.ts";

/** The limit on the routes reached without an account: a risk, a vote or a sign-in is a few hundred bytes. */
export const OPEN_ROUTE_MAX_BODY_BYTES = 16 * 1024;

const OPEN_ROUTES = /^\/(share|auth)(\/|$)/;

/** The bulk ingest of metric points streams its body and counts it itself, against its own larger limit. */
export const INGEST_ROUTE = /^\/api\/v1\/initiatives\/[^/]+\/metric-points\/?$/;

function limited(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError("too_large", `the request body is larger than this route takes (${maxSize} bytes)`);
    },
  });
}

/** Refuses a body over its route's limit with 413, counting what arrives when no Content-Length says. */
export function limitBodies(maxBodyBytes = DEFAULT_MAX_BODY_BYTES): MiddlewareHandler {
  const api = limited(maxBodyBytes);
  const open = limited(Math.min(OPEN_ROUTE_MAX_BODY_BYTES, maxBodyBytes));
  return (c, next) =>
    INGEST_ROUTE.test(c.req.path) && c.req.method === "POST"
      ? next()
      : (OPEN_ROUTES.test(c.req.path) ? open : api)(c, next);
}
