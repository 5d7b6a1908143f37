// Opens the store the environment names: DATABASE_URL, else PGlite under PLUMBLINE_DATA_DIR.
import { isAbsolute, join } from "node:path";
import type { Config } from "../config/config.ts";
import { CheckCompiler } from "../checks/check-compiler.ts";
import { openStore, type Store } from "../store/open-store.ts";
import { Evaluator } from "../use-cases/evaluation/evaluator.ts";
import type { Services } from "../use-cases/services.ts";
import type { CliIo } from "./io.ts";

export async function openConfiguredStore(config: Config, io: CliIo): Promise<Store> {
  if (config.databaseUrl) return openStore({ kind: "postgres", url: config.databaseUrl });
  const dataDir = isAbsolute(config.dataDir) ? config.dataDir : join(io.cwd, config.dataDir);
  return openStore({ kind: "pglite", dataDir: join(dataDir, "pgdata") });
}

export async function withServices<T>(
  config: Config,
  io: CliIo,
  work: (services: Services) => Promise<T>,
): Promise<T> {
  const store = await openConfiguredStore(config, io);
  const services: Services = { store, clock: io.clock, checks: new CheckCompiler() };
  try {
    const result = await work(services);
    // Signals are evaluated after each write commits: the command leaves what it changed evaluated.
    await new Evaluator(services).drain();
    return result;
  } finally {
    await store.close();
  }
}
