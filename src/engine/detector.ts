// The detector contract: a pure function of an initiative snapshot and a clock, returning signals.
import { createHash } from "node:crypto";
import type { Evidence, InitiativeSnapshot, Signal, SubjectRef } from "../domain/model.ts";
import type { IsoDate, Severity } from "../domain/primitives.ts";
import type { CheckCompiler } from "../checks/check-compiler.ts";

export interface EvaluationContext {
  /** "Today" for the evaluation. */
  today: IsoDate;
  /** Compiles CEL checks once and evaluates them against the snapshot. */
  checks: CheckCompiler;
}

/** A part of the snapshot a detector may read; a change to it re-runs the detectors that read it. */
export type SnapshotSection = Exclude<keyof InitiativeSnapshot, "initiative"> | "initiative";

export interface Detector {
  /** The kinds of signal this detector emits (stable ids from the product vocabulary). */
  kinds: readonly string[];
  /** Every part of the snapshot `detect` reads: incremental evaluation re-runs it only when one changes. */
  reads: readonly SnapshotSection[];
  detect(snapshot: InitiativeSnapshot, context: EvaluationContext): Signal[];
}

export interface SignalDraft {
  kind: string;
  severity: Severity;
  subject: SubjectRef;
  title: string;
  explanation: string;
  evidence: Evidence[];
  owner: string | null;
  /** What makes this finding the same finding across evaluations; defaults to kind and subject. */
  identity?: string[];
}

/** Builds a signal with a stable fingerprint from its kind, subject and identity (never from its wording). */
export function signal(draft: SignalDraft): Signal {
  const { identity = [], ...rest } = draft;
  const key = [draft.kind, draft.subject.type, draft.subject.id, ...identity].join("\u0000");
  const fingerprint = createHash("sha256").update(key).digest("hex").slice(0, 16);
  return { ...rest, fingerprint };
}
