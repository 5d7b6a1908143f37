// Signing in and out of the web app: a session cookie (HttpOnly, SameSite) and the CSRF token pages echo.
import { ACTIONS, can, type Action, type Role } from "../../domain/policy.ts";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { getConnInfo } from "@hono/node-server/conninfo";
import { AppError, isAppError } from "../../domain/app-error.ts";
import type { LoginThrottle } from "../../use-cases/sign-in-throttle.ts";
import { KeySchema } from "../../domain/primitives.ts";
import {
  revokeSessionsOf,
  SESSION_DAYS,
  sessionFor,
  signIn,
  signOut,
  type SignedIn,
} from "../../use-cases/accounts.ts";
import type { Services } from "../../use-cases/services.ts";
import { actorOf, authorize, CSRF_HEADER, SESSION_COOKIE, type AppEnv } from "../auth.ts";
import { authErrors, invalidInput, json, problem } from "../responses.ts";

const SignedInSchema = z.object({
  user: z.object({ person: z.string(), name: z.string(), org: z.string(), role: z.string() }),
  can: z
    .record(z.enum(ACTIONS), z.boolean())
    .describe(
      "What the signed-in person's role allows, by the server's policy (read, contribute: reports and risks, plan, administer)",
    ),
  csrf_token: z.string(),
});

const out = (s: SignedIn) => ({
  user: { person: s.personId, name: s.name, org: s.orgId, role: s.role },
  can: Object.fromEntries(ACTIONS.map((action) => [action, can(s.role as Role, action)])) as Record<
    Action,
    boolean
  >,
  csrf_token: s.csrfToken,
});

/** Secure cookies whenever the request came over HTTPS (directly or through a proxy that says so). */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
}

/** The client's address as the connection gives it (behind a proxy, the proxy's); "unknown" in-process. */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

export function registerSession(app: OpenAPIHono<AppEnv>, services: Services, throttle: LoginThrottle): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/login",
      tags: ["session"],
      summary: "Sign in with a local account: sets the session cookie and returns the CSRF token",
      security: [],
      request: {
        body: {
          content: {
            "application/json": {
              schema: z
                .object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) })
                .strict(),
            },
          },
          required: true,
        },
      },
      responses: {
        200: json(SignedInSchema, "Signed in"),
        401: problem("Wrong email or password"),
        429: problem(
          "Too many failed sign-ins for this account or from this address; `Retry-After` says when to try again",
        ),
        ...invalidInput,
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const address = clientAddress(c);
      // A locked account or address is refused before the password is looked at, the right one included.
      const wait = await throttle.retryAfter(email, address);
      if (wait > 0) {
        throw new AppError("rate_limited", `too many failed sign-ins; try again in ${wait} s`, [], {
          retryAfterSeconds: wait,
        });
      }
      const signedIn = await signIn(services, email, password).catch(async (error: unknown) => {
        if (isAppError(error) && error.code === "unauthenticated") await throttle.failed(email, address);
        throw error;
      });
      await throttle.succeeded(email);
      setCookie(c, SESSION_COOKIE, signedIn.secret, {
        httpOnly: true,
        sameSite: "Lax",
        secure: isHttps(c),
        path: "/",
        maxAge: SESSION_DAYS * 86_400,
      });
      return c.json(out(signedIn), 200);
    },
  );

  const current = async (c: Context) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie ? await sessionFor(services, cookie) : null;
    if (!session) throw new AppError("unauthenticated", "not signed in");
    return session;
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/auth/me",
      tags: ["session"],
      summary: "Who is signed in, and the session's CSRF token",
      security: [],
      responses: { 200: json(SignedInSchema, "Signed in"), 401: problem("Not signed in") },
    }),
    async (c) => c.json(out(await current(c)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/logout",
      tags: ["session"],
      summary: "Sign out: revokes the session (send the CSRF token)",
      security: [],
      responses: {
        200: json(z.object({ ok: z.literal(true) }), "Signed out"),
        401: problem("Not signed in"),
        403: problem("No CSRF token"),
      },
    }),
    async (c) => {
      const session = await current(c);
      if (c.req.header(CSRF_HEADER) !== session.csrfToken)
        throw new AppError("forbidden", `send the '${CSRF_HEADER}' header`);
      await signOut(services, session);
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/people/{personId}/sessions",
      tags: ["people"],
      summary: "Revoke every browser session of a person (admins)",
      request: { params: z.object({ personId: KeySchema }) },
      responses: { 200: json(z.object({ revoked: z.int() }), "How many were revoked"), ...authErrors() },
    }),
    async (c) => {
      const principal = authorize(c, "administer");
      const revoked = await revokeSessionsOf(
        services,
        principal.orgId,
        c.req.valid("param").personId,
        actorOf(principal),
      );
      return c.json({ revoked }, 200);
    },
  );
}
