// What every record's use-case does around its own rule: one transaction that takes the initiative's write
// lock (bumping its version for the evaluator) and, on commit, an event on the change outbox.
import { AppError } from "../../domain/app-error.ts";
import { toIsoDate, type IsoDate } from "../../domain/primitives.ts";
import { publishEvent } from "../../store/event-repository.ts";
import type { Database } from "../../store/open-store.ts";
import { claimInitiativeForWrite, type Scope } from "../../store/record-repository.ts";
import { inTransaction, type Services } from "../services.ts";

export interface RecordWrite {
  db: Database;
  today: IsoDate;
  /**
   * Takes the initiative's write lock (writers to one initiative take turns until commit) and returns the
   * version this write makes. Checks that need no lock run before it, so the lock is held only to write.
   */
  claim(): Promise<number>;
  /**
   * Queues the change event on the outbox the evaluator and the live stream read: `initiative.changed` with
   * what changed (`change`, e.g. "status_report.added") and the version it made; `type` for another event.
   */
  publish(change: string, data: Record<string, unknown>, type?: string): Promise<void>;
}

export async function writeRecord<T>(
  services: Services,
  scope: Scope,
  work: (write: RecordWrite) => Promise<T>,
): Promise<T> {
  return inTransaction(services, async (db) => {
    let version: number | null = null;
    const claim = async () => {
      version ??= await claimInitiativeForWrite(db, scope);
      if (version === null) throw AppError.notFound("initiative", scope.initiativeId);
      return version;
    };
    const publish = async (change: string, data: Record<string, unknown>, type = "initiative.changed") => {
      await claim();
      await publishEvent(
        db,
        scope.orgId,
        { type, initiativeId: scope.initiativeId, data: { change, ...data, version } },
        services.clock(),
      );
    };
    const result = await work({ db, claim, today: toIsoDate(services.clock()), publish });
    await claim(); // a write that forgot to claim still bumps the version, under the lock
    return result;
  });
}

/** A record's date: today when not given, and never after today. */
export function recordDate(given: string | undefined, today: IsoDate, field = "date"): IsoDate {
  const date = given ?? today;
  if (date > today) {
    throw AppError.invalid(`the ${field} is in the future`, [
      { path: field, message: `must be today (${today}) or earlier: a record says what has happened` },
    ]);
  }
  return date;
}
