// The signals of an initiative as last evaluated (stored after commit by the evaluator), each with its history
// (first and last seen) and any silence in force. Reads never run the engine.
import { AppError } from "../domain/app-error.ts";
import type { Signal, SubjectRef } from "../domain/model.ts";
import type { Severity } from "../domain/primitives.ts";
import { activeSilence } from "../domain/silence.ts";
import { sortSignals } from "../engine/evaluate.ts";
import { readEvaluation, readEvidenceHealth, type StoredEvaluation } from "../store/evaluation-repository.ts";
import {
  listOccurrences,
  listSilences,
  openOccurrences,
  type SignalOccurrence,
  type SignalSilence,
} from "../store/signal-repository.ts";
import type { Services } from "./services.ts";

export interface SignalView extends Signal {
  firstSeen: Date | null;
  lastSeen: Date | null;
  status: "open" | "acknowledged" | "suppressed";
  silence: SignalSilence | null;
}

/** Where the stored evaluation stands against the initiative's latest change. */
export interface Freshness {
  /** The initiative's version (the id of its latest change; every write makes one) and the version the stored results are of. */
  version: number;
  evaluatedVersion: number;
  evaluatedAt: Date | null;
  /** True while a change waits for evaluation: the results are of an earlier version. */
  pending: boolean;
}

export function freshnessOf(evaluation: StoredEvaluation): Freshness {
  return {
    version: evaluation.version,
    evaluatedVersion: evaluation.evaluatedVersion,
    evaluatedAt: evaluation.evaluatedAt,
    pending: evaluation.pending,
  };
}

export async function readStoredEvaluation(services: Services, orgId: string, initiativeId: string) {
  const evaluation = await readEvaluation(services.store.db, { orgId, initiativeId });
  if (!evaluation) throw AppError.notFound("initiative", initiativeId);
  return evaluation;
}

/** Stored occurrences as signals in the engine's order, each with the silence in force on it, if any. */
export function signalViews(
  occurrences: readonly SignalOccurrence[],
  silences: readonly SignalSilence[],
  now: Date,
): SignalView[] {
  const signals = sortSignals(
    occurrences.map((o): Signal => ({
      kind: o.kind,
      severity: o.severity as Severity,
      subject: { type: o.subjectType as SubjectRef["type"], id: o.subjectId },
      title: o.title,
      explanation: o.explanation,
      evidence: o.evidence as Signal["evidence"],
      owner: o.owner,
      fingerprint: o.fingerprint,
    })),
  );
  const seen = new Map(occurrences.map((o) => [o.fingerprint, o]));
  return signals.map((s) => {
    const silence = activeSilence(silences, s.fingerprint, now);
    return {
      ...s,
      firstSeen: seen.get(s.fingerprint)?.firstSeen ?? null,
      lastSeen: seen.get(s.fingerprint)?.lastSeen ?? null,
      status: silence ? silence.mode : "open",
      silence,
    };
  });
}

export async function listSignals(services: Services, orgId: string, initiativeId: string) {
  const evaluation = await readStoredEvaluation(services, orgId, initiativeId);
  const db = services.store.db;
  const [occurrences, silences] = await Promise.all([
    openOccurrences(db, orgId, initiativeId),
    listSilences(db, orgId, initiativeId),
  ]);
  const views = signalViews(occurrences, silences, services.clock());
  return { asOf: evaluation.asOf ?? "", freshness: freshnessOf(evaluation), signals: views };
}

export type { SignalOccurrence, SignalSilence };

/** Every occurrence recorded, open and resolved, newest first. */
export const readSignalHistory = (
  services: Services,
  orgId: string,
  initiativeId: string,
  page: { offset: number; limit: number },
) => listOccurrences(services.store.db, orgId, initiativeId, page);

/** Every acknowledgement and suppression recorded, lifted or not. */
export const readSilences = (services: Services, orgId: string, initiativeId: string) =>
  listSilences(services.store.db, orgId, initiativeId);

/** Reported beside evidence health for every subject, as last evaluated. */
export const readHealth = (services: Services, orgId: string, initiativeId: string) =>
  readEvidenceHealth(services.store.db, { orgId, initiativeId });
