// What every record's use-case does around its own rule: one transaction that takes the initiative's write
// lock and, on commit, an event on the change outbox whose id is the initiative's new version.
import { AppError } from "../../domain/app-error.ts";
import { toIsoDate, type IsoDate } from "../../domain/primitives.ts";
import { publishChange, publishEvent } from "../../store/event-repository.ts";
import type { Database } from "../../store/open-store.ts";
import { lockInitiative, type Scope, type WriteLock } from "../../store/record-repository.ts";
import { inTransaction, type Services } from "../services.ts";

export interface RecordWrite {
  db: Database;
  today: IsoDate;
  /**
   * Takes the initiative's write lock until commit (see `WriteLock`). Checks that need no lock run before it,
   * so the lock is held only to write.
   */
  claim(): Promise<void>;
  /**
   * Queues the change event on the outbox the evaluator and the live stream read: `initiative.changed` with
   * what changed (`change`, e.g. "status_report.added"), or `type` for another event. Returns its id.
   */
  publish(change: string, data: Record<string, unknown>, type?: string): Promise<number>;
}

export interface RecordWriteOptions {
  /**
   * `shared` for an append whose rule reads no other record, so that such writes to one initiative run side by
   * side; `exclusive` (the default) for one whose rule reads what other writes change.
   */
  lock?: WriteLock;
}

export async function writeRecord<T>(
  services: Services,
  scope: Scope,
  work: (write: RecordWrite) => Promise<T>,
  options: RecordWriteOptions = {},
): Promise<T> {
  return inTransaction(services, async (db) => {
    let claimed = false;
    const claim = async () => {
      if (claimed) return;
      if (!(await lockInitiative(db, scope, options.lock)))
        throw AppError.notFound("initiative", scope.initiativeId);
      claimed = true;
    };
    const publish = async (change: string, data: Record<string, unknown>, type?: string) => {
      await claim();
      const at = services.clock();
      if (type === undefined) return publishChange(db, scope, { change, ...data }, at);
      return publishEvent(
        db,
        scope.orgId,
        { type, initiativeId: scope.initiativeId, data: { change, ...data } },
        at,
      );
    };
    return work({ db, claim, today: toIsoDate(services.clock()), publish });
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
