// A database error, logged, carries no parameters: the attack is a failing query whose parameter is a secret
// or a person's words, and the log that an operator's tools collect.
import { sql } from "drizzle-orm";
import { OpenAPIHono } from "@hono/zod-openapi";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loggableError } from "../../src/domain/loggable-error.ts";
import { handleError } from "../../src/server/problem.ts";
import type { Store } from "../../src/store/open-store.ts";
import { backends } from "../support/databases.ts";

const SECRET = "plb_s3cret-token-and-dana@orbit-labs.example";

describe.each(backends())("logged database errors on $name", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => store.close());
  afterEach(() => vi.restoreAllMocks());

  /** A real failing query whose parameter is the secret; PostgreSQL repeats the value in its own message. */
  async function failingQuery(): Promise<unknown> {
    try {
      await store.db.execute(sql`select ${SECRET}::integer as n`);
    } catch (error) {
      return error;
    }
    throw new Error("the query was expected to fail");
  }

  it("the error itself holds the secret, in drizzle's message and the database's", async () => {
    const error = (await failingQuery()) as Error & { cause?: Error };
    expect(`${error.message} ${error.cause?.message ?? ""}`).toContain(SECRET);
  });

  it("is described for a log with its SQLSTATE and frames, and without the secret", async () => {
    const error = await failingQuery();
    const line = loggableError(error);
    expect(line).toContain("SQLSTATE 22P02");
    expect(line).toMatch(/\n\s+at /);
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain("orbit-labs");
    expect(loggableError(error, { stack: false })).not.toContain(SECRET);
  });

  it("leaves the server's log without the secret when a route fails on it", async () => {
    const logs: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logs.push(args.join(" ")));
    const app = new OpenAPIHono();
    app.onError(handleError);
    app.get("/fails", async () => {
      await store.db.execute(sql`select ${SECRET}::integer as n`);
      return new Response("unreachable");
    });
    const res = await app.request("/fails");
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain(SECRET);
    expect(logs.join("\n")).toContain("database query failed (SQLSTATE 22P02");
    expect(logs.join("\n")).not.toContain(SECRET);
  });
});
