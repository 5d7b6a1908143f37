// The sync history (`source_syncs`): one row per sync that changed an initiative, the latest one's cursor
// where the next incremental read starts.
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "./open-store.ts";
import type { Scope } from "./record-repository.ts";
import * as t from "./schema.ts";

export type SyncRow = typeof t.sourceSyncs.$inferSelect;
export type NewSync = Omit<typeof t.sourceSyncs.$inferInsert, "orgId" | "initiativeId" | "id">;

export async function insertSync(db: Database, scope: Scope, sync: NewSync): Promise<SyncRow> {
  const [row] = await db
    .insert(t.sourceSyncs)
    .values({ ...scope, ...sync })
    .returning();
  return row!;
}

/** The initiative's syncs, latest first; of one source when named. */
export async function listSyncs(
  db: Database,
  scope: Scope,
  options: { source?: string; limit: number },
): Promise<SyncRow[]> {
  return db
    .select()
    .from(t.sourceSyncs)
    .where(
      and(
        eq(t.sourceSyncs.orgId, scope.orgId),
        eq(t.sourceSyncs.initiativeId, scope.initiativeId),
        options.source ? eq(t.sourceSyncs.source, options.source) : undefined,
      ),
    )
    .orderBy(desc(t.sourceSyncs.syncedAt))
    .limit(options.limit);
}
