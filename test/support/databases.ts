// The real databases every store and HTTP test runs against: PGlite always, PostgreSQL when the run provides it.
import { randomBytes } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { CheckCompiler } from "../../src/checks/check-compiler.ts";
import { openStore, type Store } from "../../src/store/open-store.ts";
import { ensureOrg } from "../../src/store/org-repository.ts";
import { Evaluator } from "../../src/use-cases/evaluation/evaluator.ts";
import type { Services } from "../../src/use-cases/services.ts";

export interface Backend {
  name: "pglite" | "postgres";
  open(): Promise<Store>;
}

const pglite: Backend = {
  name: "pglite",
  open: () =>
    openStore({
      kind: "pglite",
      dataDir: null,
      loadDataDir: new Blob([readFileSync(inject("pgliteImage"))]),
    }),
};

function postgres(url: string): Backend {
  return { name: "postgres", open: () => openStore({ kind: "postgres", url, poolSize: 4 }) };
}

/** Every backend of this run: the same tests run on each. */
export function backends(): Backend[] {
  const url = inject("postgresUrl");
  return url ? [pglite, postgres(url)] : [pglite];
}

/**
 * The audit key tests sign with; kept here, never in the database, as a server keeps its own. Random per test
 * process, as the anonymity key is: what is keyed by it (sign-in throttling's counters) is then each test
 * file's own, though the files share one PostgreSQL database.
 */
export const TEST_AUDIT_KEY = randomBytes(32);
/** The anonymity key of tests' services: like a server's, it is nowhere in the database. */
export const TEST_ANONYMITY_KEY = randomBytes(32);

export const FIXED_NOW = new Date("2026-02-10T12:00:00Z");

/** A low scrypt cost for accounts that tests create, asked for explicitly: the default is OWASP's. */
export const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 };

export function servicesFor(store: Store, now: Date = FIXED_NOW): Services {
  return {
    store,
    clock: () => now,
    checks: new CheckCompiler(),
    auditKey: TEST_AUDIT_KEY,
    anonymityKey: TEST_ANONYMITY_KEY,
  };
}

/** A fresh org for one test: tests build their own data instead of resetting the database. */
export async function freshOrg(store: Store, prefix = "org"): Promise<string> {
  const id = `${prefix}-${randomBytes(5).toString("hex")}`;
  await ensureOrg(store.db, id, `Test ${id}`);
  return id;
}

/** Lets evaluation (which follows each write's commit) catch up, as a person reading a moment later would. */
export async function settle(services: Services): Promise<number> {
  return new Evaluator(services).drain();
}

/** What the database said when it refused `statement` (drizzle's message and its cause's); "" when it ran. */
export async function refusal(store: Store, statement: SQL): Promise<string> {
  const error = await store.db.execute(statement).then(
    () => null,
    (e: Error) => e,
  );
  return error ? `${error.message} ${String((error as { cause?: Error }).cause?.message ?? "")}` : "";
}
