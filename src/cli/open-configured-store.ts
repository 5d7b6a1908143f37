// Opens the store the environment names: DATABASE_URL, else PGlite under PLUMBLINE_DATA_DIR.
import { isAbsolute, join } from "node:path";
import type { Config } from "../config/config.ts";
import { CheckCompiler } from "../checks/check-compiler.ts";
import { loadAnonymityKey, loadAuditKey } from "../store/key-files.ts";
import { openStore, type Store } from "../store/open-store.ts";
import { Evaluator } from "../use-cases/evaluation/evaluator.ts";
import type { Services } from "../use-cases/services.ts";
import type { CliIo } from "./io.ts";

const dataDirOf = (config: Config, io: CliIo) =>
  isAbsolute(config.dataDir) ? config.dataDir : join(io.cwd, config.dataDir);

export async function openConfiguredStore(config: Config, io: CliIo): Promise<Store> {
  if (config.databaseUrl) return openStore({ kind: "postgres", url: config.databaseUrl });
  return openStore({ kind: "pglite", dataDir: join(dataDirOf(config, io), "pgdata") });
}

/** The audit key: PLUMBLINE_AUDIT_KEY, else `audit.key` in the data directory. */
export const configuredAuditKey = (config: Config, io: CliIo) =>
  loadAuditKey(config.auditKey, dataDirOf(config, io));

export async function withServices<T>(
  config: Config,
  io: CliIo,
  work: (services: Services) => Promise<T>,
): Promise<T> {
  const auditKey = configuredAuditKey(config, io);
  const anonymityKey = loadAnonymityKey(config.anonymityKey, dataDirOf(config, io));
  const store = await openConfiguredStore(config, io);
  const services: Services = {
    store,
    clock: io.clock,
    checks: new CheckCompiler(),
    auditKey,
    anonymityKey,
  };
  try {
    const result = await work(services);
    // Signals are evaluated after each write commits: the command leaves what it changed evaluated.
    await new Evaluator(services).drain();
    return result;
  } finally {
    await store.close();
  }
}
