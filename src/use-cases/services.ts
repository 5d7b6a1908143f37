// What every use-case is given: the store, the clock and the compiled-check cache. No singletons.
import type { CheckCompiler } from "../checks/check-compiler.ts";
import type { Database, Store } from "../store/open-store.ts";

export interface Services {
  store: Store;
  clock: () => Date;
  checks: CheckCompiler;
  /** What the audit log is signed with: kept outside the database (see `store/key-files.ts`). */
  auditKey: Uint8Array;
  /**
   * The anonymity key (docs/anonymity.md), kept outside the database: what makes stored participation hashes
   * impossible to recompute. Only the rituals that take anonymous input need it.
   */
  anonymityKey?: Uint8Array;
}

/** The anonymity key; a store opened without one takes no anonymous input rather than take it unkeyed. */
export function anonymityKeyOf(services: Services): Uint8Array {
  if (!services.anonymityKey) throw new Error("no anonymity key was configured for this store");
  return services.anonymityKey;
}

/** Runs `work` in one transaction: it lands completely or not at all. */
export function inTransaction<T>(services: Services, work: (db: Database) => Promise<T>): Promise<T> {
  return services.store.db.transaction((tx) => work(tx as unknown as Database));
}
