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
  /** The initiative's version this write makes. */
  version: number;
  today: IsoDate;
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
    const version = await claimInitiativeForWrite(db, scope);
    if (version === null) throw AppError.notFound("initiative", scope.initiativeId);
    const publish = async (change: string, data: Record<string, unknown>, type = "initiative.changed") => {
      await publishEvent(
        db,
        scope.orgId,
        { type, initiativeId: scope.initiativeId, data: { change, ...data, version } },
        services.clock(),
      );
    };
    return work({ db, version, today: toIsoDate(services.clock()), publish });
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
