// Opens the store: embedded PGlite in a data directory by default, a PostgreSQL server when given a URL.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { makePrivate, privateDurableDataDir } from "./pglite-data-dir.ts";
import * as schema from "./schema.ts";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The rows of a raw `db.execute` result, whichever driver answered (PGlite and node-postgres shape them alike). */
export function resultRows<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

export interface Store {
  db: Database;
  kind: "pglite" | "postgres";
  /** Where the data lives, for people (a directory, or the server without credentials). */
  location: string;
  /** Calls `onPayload` for every NOTIFY on `channel`, from any process on this database; returns an unlisten. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type StoreOptions =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string | null; loadDataDir?: Blob };

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
/** Serialises migrations when several servers start at once on one PostgreSQL. */
const MIGRATION_LOCK = 4_242_001;

/** The URL without its password, safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/**
 * The embedded database belongs to one process at a time: a second one writing the same directory would
 * corrupt it. A lock file with the owner's pid says who has it; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dataDir, "plumbline.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: "wx", mode: 0o600 });
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockPath, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `the embedded store in ${dataDir} is in use by process ${owner} (a running 'plumb serve' or 'plumb demo'?). ` +
            "Stop it first, use its HTTP API, or point both at a PostgreSQL server with DATABASE_URL.",
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`cannot lock the embedded store in ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    const client = await pool.connect().catch((error: Error) => {
      void pool.end();
      throw new Error(`cannot connect to PostgreSQL at ${redactUrl(options.url)}: ${error.message}`);
    });
    try {
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    const listeners = new Set<pg.Client>();
    return {
      db,
      kind: "postgres",
      location: redactUrl(options.url),
      async listen(channel, onPayload) {
        // A dedicated connection: a pooled one would be handed to other work between notifications.
        const client = new pg.Client({ connectionString: options.url });
        await client.connect();
        client.on(
          "notification",
          (message) => message.channel === channel && onPayload(message.payload ?? ""),
        );
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        listeners.add(client);
        return async () => {
          listeners.delete(client);
          await client.end().catch(() => undefined);
        };
      },
      async close() {
        await Promise.all([...listeners].map((client) => client.end().catch(() => undefined)));
        await pool.end();
      },
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const releaseLock = options.dataDir ? lockDataDir(options.dataDir) : () => undefined;
  if (options.dataDir) makePrivate(options.dataDir);
  const client = await PGlite.create({
    // On disk: owner-only files, and fsync on. In memory (tests) there is nothing to keep, or to sync.
    ...(options.dataDir ? privateDurableDataDir(options.dataDir) : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const pgliteDb = drizzlePglite(client, { schema });
  await migratePglite(pgliteDb, { migrationsFolder });
  return {
    db: pgliteDb as unknown as Database,
    kind: "pglite",
    location: options.dataDir ?? "(in memory)",
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return async () => unlisten();
    },
    async close() {
      await client.close();
      releaseLock();
    },
  };
}

/**
 * Awaits queries one after another. A query runs when it is awaited, and in a transaction they share one
 * connection, on which queries cannot overlap (the driver queues them today, and will refuse them).
 */
export async function inTurn<const T extends readonly unknown[]>(
  queries: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query);
  return results as { -readonly [K in keyof T]: Awaited<T[K]> };
}
