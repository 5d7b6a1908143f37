// Evidence read from a source (Jira) applied to an initiative: under its lock, the plan merged with what
// came in (domain/imported-evidence.ts) and, when that changes anything, written through the import path
// (the same validation, policies, event and audit as `plumb import`) with the sync's history row, in one
// transaction. Nothing changed: nothing is written.
import { AppError } from "../../domain/app-error.ts";
import { mergeImported, type IncomingEvidence } from "../../domain/imported-evidence.ts";
import type { Person } from "../../domain/model.ts";
import type { SyncSource } from "../../domain/sources.ts";
import { fromSnapshot } from "../../initiative-file/from-snapshot.ts";
import { loadInitiative } from "../../store/initiative-repository.ts";
import { listPeople } from "../../store/org-repository.ts";
import { lockInitiative } from "../../store/record-repository.ts";
import { insertSync, listSyncs, type SyncRow } from "../../store/sync-repository.ts";
import type { Actor } from "../audit.ts";
import { importInitiativeIn } from "../import-initiative.ts";
import { inTransaction, type Services } from "../services.ts";

export interface SyncInput {
  orgId: string;
  initiativeId: string;
  source: SyncSource;
  incoming: Omit<IncomingEvidence, "source">;
  /** How many items the source sent. */
  received: number;
  /** Items the mapping could not take in, and why. */
  failures: Array<{ ref: string; reason: string }>;
  /** Where the next read starts; null keeps the last sync's. */
  cursor: Date | null;
  actor: Actor;
}

export interface SyncOutcome {
  written: boolean;
  created: string[];
  updated: string[];
  removed: string[];
  linksChanged: boolean;
  failures: Array<{ ref: string; reason: string }>;
  version: number | null;
}

export async function applySync(services: Services, input: SyncInput): Promise<SyncOutcome> {
  const scope = { orgId: input.orgId, initiativeId: input.initiativeId };
  return inTransaction(services, async (db) => {
    if (!(await lockInitiative(db, scope))) throw AppError.notFound("initiative", input.initiativeId);
    const stored = (await loadInitiative(db, input.orgId, input.initiativeId))!;
    const merged = mergeImported(stored, { source: input.source, ...input.incoming });
    const failures = [...input.failures, ...merged.skipped];
    const outcome = {
      created: merged.created,
      updated: merged.updated,
      removed: merged.removed,
      linksChanged: merged.linksChanged,
      failures,
    };
    if (!merged.changed) return { written: false, version: null, ...outcome };
    const result = await importInitiativeIn(db, services, input.orgId, fromSnapshot(merged.snapshot), {
      expectId: input.initiativeId,
      actor: input.actor,
      fromSource: true,
      audit: {
        action: "initiative.sync",
        details: {
          source: input.source,
          received: input.received,
          commitments_created: merged.created.length,
          commitments_updated: merged.updated.length,
          commitments_removed: merged.removed.length,
        },
      },
    });
    const previous = await lastSync(services, scope, input.source, db);
    await insertSync(db, scope, {
      source: input.source,
      syncedAt: services.clock(),
      cursor: input.cursor ?? previous?.cursor ?? null,
      received: input.received,
      created: merged.created,
      updated: merged.updated,
      removed: merged.removed,
      failures,
      version: result.version,
    });
    return { written: true, version: result.version, ...outcome };
  });
}

/** The initiative's latest sync from `source`, or null before the first. */
export async function lastSync(
  services: Services,
  scope: { orgId: string; initiativeId: string },
  source: SyncSource,
  db = services.store.db,
): Promise<SyncRow | null> {
  const [row] = await listSyncs(db, scope, { source, limit: 1 });
  return row ?? null;
}

/** The initiative's syncs, latest first. */
export function readSyncs(
  services: Services,
  scope: { orgId: string; initiativeId: string },
  limit = 50,
): Promise<SyncRow[]> {
  return listSyncs(services.store.db, scope, { limit });
}

/** Everyone in the org, for matching a source's users to people (by e-mail). */
export async function orgPeople(services: Services, orgId: string): Promise<Person[]> {
  const people: Person[] = [];
  for (;;) {
    const page = await listPeople(services.store.db, orgId, { after: people.at(-1)?.id, limit: 1000 });
    people.push(...page);
    if (page.length < 1000) return people;
  }
}
