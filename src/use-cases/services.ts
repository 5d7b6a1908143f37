// What every use-case is given: the store, the clock and the compiled-check cache. No singletons.
import type { CheckCompiler } from "../checks/check-compiler.ts";
import type { Database, Store } from "../store/open-store.ts";

export interface Services {
  store: Store;
  clock: () => Date;
  checks: CheckCompiler;
  /** What the audit log is signed with: kept outside the database (see `store/audit-key.ts`). */
  auditKey: Uint8Array;
}

/** Runs `work` in one transaction: it lands completely or not at all. */
export function inTransaction<T>(services: Services, work: (db: Database) => Promise<T>): Promise<T> {
  return services.store.db.transaction((tx) => work(tx as unknown as Database));
}
