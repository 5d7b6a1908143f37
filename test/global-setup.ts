// Prepares the databases once per run: a migrated PGlite image to clone, and a fresh PostgreSQL database.
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openStore, redactUrl } from "../src/store/open-store.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteImage: string;
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "plumbline-test-"));
  const store = await openStore({ kind: "pglite", dataDir: null });
  const client = (store.db as unknown as { $client: PGlite }).$client;
  const image = await client.dumpDataDir("gzip");
  const imagePath = join(dir, "pglite.tar.gz");
  writeFileSync(imagePath, Buffer.from(await image.arrayBuffer()));
  await store.close();
  project.provide("pgliteImage", imagePath);

  const adminUrl = process.env.TEST_DATABASE_URL;
  let databaseName: string | null = null;
  if (!adminUrl) {
    if (process.env.CI)
      throw new Error("CI must run the PostgreSQL suite: set TEST_DATABASE_URL (see .ci/run)");
    console.warn(
      "\n⚠  TEST_DATABASE_URL is not set: the PostgreSQL half of the store suite is NOT running (PGlite only).\n" +
        "   Run `TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test` to include it.\n",
    );
    project.provide("postgresUrl", null);
  } else {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect().catch((error: Error) => {
      throw new Error(
        `cannot reach PostgreSQL at ${redactUrl(adminUrl)} (TEST_DATABASE_URL): ${error.message}`,
      );
    });
    databaseName = `plumbline_test_${process.pid}_${Date.now()}`;
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    const pgStore = await openStore({ kind: "postgres", url: url.toString(), poolSize: 2 });
    await pgStore.close();
    project.provide("postgresUrl", url.toString());
  }

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (adminUrl && databaseName) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    }
  };
}
