// Triage of an initiative's signals: the filters a shared address carries, the search, and groups by cause.
import type { InitiativeDocument, Severity, Signal, SignalStatus, SubjectRef } from "../../lib/api-types.ts";
import { humanize } from "../../lib/format.ts";

export type StatusFilter = SignalStatus | "all";

/** What the list shows; each field is a query parameter of the page's address, so a view can be shared. */
export interface SignalFilters {
  status: StatusFilter;
  kind: string;
  /** The least severity shown, as the API's `severity` filter reads it; "" for any. */
  severity: Severity | "";
  /** A person's id, "none" for signals that name nobody, "" for anyone. */
  owner: string;
  /** Only the signals the signed-in person must act on; wins over `owner`. */
  mine: boolean;
  /** `type:id`, as the API's `subject` filter takes it; "" for any. */
  subject: string;
  /** Words that must all appear in the title or the explanation. */
  q: string;
}

const STATUSES: readonly StatusFilter[] = ["open", "acknowledged", "suppressed", "all"];
const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function filtersFrom(params: URLSearchParams): SignalFilters {
  const status = params.get("status") as StatusFilter | null;
  const severity = params.get("severity");
  return {
    status: status && STATUSES.includes(status) ? status : "open",
    kind: params.get("kind") ?? "",
    severity: severity === "info" || severity === "warning" || severity === "critical" ? severity : "",
    owner: params.get("owner") ?? "",
    mine: params.get("mine") === "1",
    subject: params.get("subject") ?? "",
    q: params.get("q") ?? "",
  };
}

/** The address's query for `filters`, leaving out what is at its default so shared links stay short. */
export function paramsFrom(filters: SignalFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status !== "open") params.set("status", filters.status);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.severity) params.set("severity", filters.severity);
  if (filters.mine) params.set("mine", "1");
  else if (filters.owner) params.set("owner", filters.owner);
  if (filters.subject) params.set("subject", filters.subject);
  if (filters.q) params.set("q", filters.q);
  return params;
}

export const subjectKey = (subject: SubjectRef) => `${subject.type}:${subject.id}`;

export function matchesFilters(signal: Signal, filters: SignalFilters, me: string): boolean {
  if (filters.status !== "all" && signal.status !== filters.status) return false;
  if (filters.kind && signal.kind !== filters.kind) return false;
  if (filters.severity && SEVERITY_RANK[signal.severity] < SEVERITY_RANK[filters.severity]) return false;
  const owner = filters.mine ? me : filters.owner;
  if (owner === "none" ? Boolean(signal.owner) : owner && signal.owner !== owner) return false;
  if (filters.subject && subjectKey(signal.subject) !== filters.subject) return false;
  const words = filters.q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const text = `${signal.title}\n${signal.explanation}`.toLocaleLowerCase();
  return words.every((word) => text.includes(word));
}

/** A subject in words: the initiative's, a team's or a commitment's name, else its type and id. */
export function subjectLabel(
  doc: InitiativeDocument,
  subject: SubjectRef,
  name: (id: string) => string,
): string {
  switch (subject.type) {
    case "initiative":
      return doc.initiative;
    case "team":
      return doc.teams?.[subject.id]?.name ?? subject.id;
    case "commitment":
      return doc.commitments?.[subject.id]?.title ?? subject.id;
    case "person":
      return name(subject.id);
    default:
      return `${humanize(subject.type)} ${subject.id}`;
  }
}

export interface SignalGroup {
  key: string;
  kind: string;
  subject: SubjectRef;
  /** The most severe member's severity: where the group is listed. */
  severity: Severity;
  /** Most severe first, as the server lists them. */
  signals: Signal[];
}

/**
 * Signals that share a cause: the same kind on the same subject. A detector's subject is what its finding is
 * about, so several findings of one kind on one subject are one problem seen several times — in the demo's
 * Orbit launch, four filtered roll-ups of the same report chain (the same title four times) and a fifth at
 * a lower severity, the four pairs of teams that describe the initiative differently, two concerns that keep
 * coming back. Grouping by title alone would miss those whose titles differ only in the teams or layers they
 * name, and grouping by subject alone would merge different problems (a watermelon and a stale status on the
 * same commitment). Each finding keeps its own fingerprint, so a group is silenced signal by signal.
 */
export function groupByCause(signals: readonly Signal[]): SignalGroup[] {
  const groups = new Map<string, SignalGroup>();
  for (const signal of signals) {
    const key = `${signal.kind}|${subjectKey(signal.subject)}`;
    const group = groups.get(key);
    if (group) {
      group.signals.push(signal);
      if (SEVERITY_RANK[signal.severity] > SEVERITY_RANK[group.severity]) group.severity = signal.severity;
    } else {
      groups.set(key, {
        key,
        kind: signal.kind,
        subject: signal.subject,
        severity: signal.severity,
        signals: [signal],
      });
    }
  }
  return [...groups.values()];
}

/** The choices a filter offers: each value present in the signals, once, in its first order. */
export function distinct<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const k = key(value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
