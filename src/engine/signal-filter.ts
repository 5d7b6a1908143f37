// Which signals a person asked to see: by kind, by least severity, by subject and by who must act. One
// definition, read from the command line (`plumb check`) and from the API's query (`GET …/signals`).
import type { FieldProblem } from "../domain/app-error.ts";
import type { Signal } from "../domain/model.ts";
import { SEVERITIES, severityRank, type Severity } from "../domain/primitives.ts";
import { SIGNAL_KINDS } from "./evaluate.ts";

export interface SignalFilter {
  /** Any of these kinds; every kind when empty. */
  kinds: readonly string[];
  /** At least this severe. */
  minSeverity: Severity | null;
  /** A subject's id, or `type:id`. */
  subject: string | null;
  /** The person who must act; `none` for signals where nobody can be named. */
  owner: string | null;
}

export const NO_FILTER: SignalFilter = { kinds: [], minSeverity: null, subject: null, owner: null };

export interface SignalFilterInput {
  /** Comma-separated or repeated. */
  kind?: string | readonly string[] | undefined;
  severity?: string | undefined;
  subject?: string | undefined;
  owner?: string | undefined;
}

/** The filter `input` asks for, or the problems with it, each naming its field (`fields` maps the names). */
export function parseSignalFilter(
  input: SignalFilterInput,
  fields: Record<keyof SignalFilterInput, string> = {
    kind: "kind",
    severity: "severity",
    subject: "subject",
    owner: "owner",
  },
): { ok: true; filter: SignalFilter } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const raw = input.kind === undefined ? [] : typeof input.kind === "string" ? [input.kind] : input.kind;
  const kinds = [
    ...new Set(
      raw
        .flatMap((k) => k.split(","))
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
  for (const kind of kinds) {
    if (!SIGNAL_KINDS.includes(kind)) {
      const near = SIGNAL_KINDS.filter((k) => k.includes(kind) || kind.includes(k));
      problems.push({
        path: fields.kind,
        message: `'${kind}' is not a kind of signal${near.length ? ` (did you mean ${near.join(" or ")}?)` : ""}; the kinds are ${SIGNAL_KINDS.join(", ")}`,
      });
    }
  }
  const severity = input.severity?.trim() || null;
  if (severity !== null && !(SEVERITIES as readonly string[]).includes(severity)) {
    problems.push({ path: fields.severity, message: `must be one of ${SEVERITIES.join(", ")}` });
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    filter: {
      kinds,
      minSeverity: severity as Severity | null,
      subject: input.subject?.trim() || null,
      owner: input.owner?.trim() || null,
    },
  };
}

export function matchesSignalFilter(signal: Signal, filter: SignalFilter): boolean {
  if (filter.kinds.length && !filter.kinds.includes(signal.kind)) return false;
  if (filter.minSeverity && severityRank(signal.severity) < severityRank(filter.minSeverity)) return false;
  if (filter.subject) {
    const { type, id } = signal.subject;
    if (filter.subject !== id && filter.subject !== `${type}:${id}`) return false;
  }
  if (filter.owner) {
    if (filter.owner === "none" ? signal.owner !== null : signal.owner !== filter.owner) return false;
  }
  return true;
}

export const isFiltering = (filter: SignalFilter) =>
  filter.kinds.length > 0 || filter.minSeverity !== null || filter.subject !== null || filter.owner !== null;
