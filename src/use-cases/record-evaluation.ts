// After every write: evaluate the initiative and bring its signal history up to date, in the same transaction.
import type { InitiativeSnapshot } from "../domain/model.ts";
import { evaluate } from "../engine/evaluate.ts";
import type { Database } from "../store/open-store.ts";
import { publishEvent } from "../store/event-repository.ts";
import { recordSignals } from "../store/signal-repository.ts";
import type { Services } from "./services.ts";

export async function recordEvaluation(
  db: Database,
  services: Services,
  orgId: string,
  snapshot: InitiativeSnapshot,
) {
  const signals = evaluate(snapshot, { clock: services.clock, checks: services.checks });
  const recorded = await recordSignals(db, orgId, snapshot.initiative.id, signals, services.clock());
  if (recorded.opened + recorded.resolved > 0) {
    await publishEvent(
      db,
      orgId,
      { type: "signals.changed", initiativeId: snapshot.initiative.id, data: recorded },
      services.clock(),
    );
  }
  return recorded;
}
