// The signals of an initiative now, each with its history (first and last seen) and any silence in force.
import type { Signal } from "../domain/model.ts";
import { activeSilence } from "../domain/silence.ts";
import { evaluate, evaluationDay } from "../engine/evaluate.ts";
import { listSilences, openOccurrences, type SignalSilence } from "../store/signal-repository.ts";
import { loadInitiativeOrThrow } from "./read-initiative.ts";
import type { Services } from "./services.ts";

export interface SignalView extends Signal {
  firstSeen: Date | null;
  lastSeen: Date | null;
  status: "open" | "acknowledged" | "suppressed";
  silence: SignalSilence | null;
}

export async function listSignals(services: Services, orgId: string, initiativeId: string) {
  const snapshot = await loadInitiativeOrThrow(services, orgId, initiativeId);
  const options = { clock: services.clock, checks: services.checks };
  const signals = evaluate(snapshot, options);
  const db = services.store.db;
  const [occurrences, silences] = await Promise.all([
    openOccurrences(db, orgId, initiativeId),
    listSilences(db, orgId, initiativeId),
  ]);
  const seen = new Map(occurrences.map((o) => [o.fingerprint, o]));
  const now = services.clock();
  const views: SignalView[] = signals.map((s) => {
    const silence = activeSilence(silences, s.fingerprint, now);
    return {
      ...s,
      firstSeen: seen.get(s.fingerprint)?.firstSeen ?? null,
      lastSeen: seen.get(s.fingerprint)?.lastSeen ?? null,
      status: silence ? silence.mode : "open",
      silence,
    };
  });
  return { snapshot, asOf: evaluationDay(snapshot, options), signals: views };
}
