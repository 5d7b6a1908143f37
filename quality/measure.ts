// Joins the engine's signals with the labels: per kind, how many fired, how many were judged, and how many were right.
import type { Signal } from "../src/domain/model.ts";
import type { Label } from "./labels.ts";

export interface InitiativeSignals {
  initiative: string;
  signals: Signal[];
}

export interface KindQuality {
  kind: string;
  fired: number;
  labelled: number;
  true: number;
  false: number;
  partly: number;
  /** (true + ½ partly) / labelled; null with nothing labelled. */
  precision: number | null;
  /** The longest explanation this kind wrote, in characters: explanations must stay bounded. */
  longestExplanation: number;
}

export interface SignalRow {
  initiative: string;
  fingerprint: string;
  kind: string;
  subject: string;
  severity: string;
  title: string;
  verdict: Label["verdict"] | null;
}

export interface Quality {
  kinds: KindQuality[];
  total: Omit<KindQuality, "kind" | "longestExplanation">;
  signals: SignalRow[];
  /** Fired, but not judged yet. */
  unlabelled: SignalRow[];
  /** Label rows that match no signal any more (the finding is gone, or its identity changed). */
  orphanLabels: Label[];
}

export const PRECISION_TARGET = 0.9;
/** A kind is held to the target once it has this many labelled signals. */
export const MIN_LABELLED = 10;

export function measure(evaluated: InitiativeSignals[], labels: Label[]): Quality {
  const byKey = new Map(labels.map((l) => [`${l.initiative}/${l.fingerprint}`, l]));
  const matched = new Set<string>();
  const signals: SignalRow[] = [];
  const kinds = new Map<string, KindQuality>();
  for (const { initiative, signals: fired } of evaluated) {
    for (const s of fired) {
      const key = `${initiative}/${s.fingerprint}`;
      const label = byKey.get(key);
      if (label) matched.add(key);
      signals.push({
        initiative,
        fingerprint: s.fingerprint,
        kind: s.kind,
        subject: `${s.subject.type}:${s.subject.id}`,
        severity: s.severity,
        title: s.title,
        verdict: label?.verdict ?? null,
      });
      const k = kinds.get(s.kind) ?? blank(s.kind);
      k.fired++;
      k.longestExplanation = Math.max(k.longestExplanation, s.explanation.length);
      if (label) {
        k.labelled++;
        k[label.verdict]++;
      }
      kinds.set(s.kind, k);
    }
  }
  const rows = [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  for (const k of rows) k.precision = precision(k);
  const sum = (f: "fired" | "labelled" | "true" | "false" | "partly") => rows.reduce((n, k) => n + k[f], 0);
  const total = {
    fired: sum("fired"),
    labelled: sum("labelled"),
    true: sum("true"),
    false: sum("false"),
    partly: sum("partly"),
    precision: null as number | null,
  };
  total.precision = precision(total);
  return {
    kinds: rows,
    total,
    signals,
    unlabelled: signals.filter((s) => s.verdict === null),
    orphanLabels: labels.filter((l) => !matched.has(`${l.initiative}/${l.fingerprint}`)),
  };
}

function blank(kind: string): KindQuality {
  return {
    kind,
    fired: 0,
    labelled: 0,
    true: 0,
    false: 0,
    partly: 0,
    precision: null,
    longestExplanation: 0,
  };
}

function precision(k: { labelled: number; true: number; partly: number }): number | null {
  return k.labelled === 0 ? null : (k.true + k.partly / 2) / k.labelled;
}

/** Whether a kind meets the target, or is too thinly labelled to be held to it. */
export function meetsTarget(k: Pick<KindQuality, "labelled" | "precision">): boolean | null {
  if (k.labelled < MIN_LABELLED || k.precision === null) return null;
  return k.precision >= PRECISION_TARGET;
}
