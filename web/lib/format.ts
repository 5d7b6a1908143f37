// Words and numbers as the radiator shows them: health, dates, people, signal kinds.
import type { EvidenceHealth, GateState, Health, InitiativeDocument, Severity } from "./api-types.ts";

export const HEALTH_LABEL: Record<EvidenceHealth, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  unknown: "No evidence",
};

/** 0 is greenest: how far apart two health calls are is the difference of their ranks. */
export const HEALTH_RANK: Record<Health, number> = { on_track: 0, at_risk: 1, off_track: 2 };

/** The evidence's rank, or null when it knows nothing: no call is greener or redder than no evidence. */
export function evidenceRank(health: EvidenceHealth): number | null {
  return health === "unknown" ? null : HEALTH_RANK[health];
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: "Critical",
  warning: "Warning",
  info: "Info",
};

export const GATE_STATE_LABEL: Record<GateState, string> = { held: "Held", go: "Go", pending: "Pending" };

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "2026-02-10" → "10 Feb 2026"; anything unparseable is shown as given. */
export function formatDate(day: string | null | undefined): string {
  if (!day) return "—";
  const date = new Date(day.length === 10 ? `${day}T00:00:00Z` : day);
  return Number.isNaN(date.getTime()) ? day : dateFormat.format(date);
}

/** Today as YYYY-MM-DD in the browser's own calendar. */
export function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "broken-assumption" → "Broken assumption"; "go_to_market" → "Go to market". */
export function humanize(id: string): string {
  const words = id.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A lookup of people's names in an initiative, falling back to the id (someone outside it). */
export function peopleOf(
  doc: Pick<InitiativeDocument, "people"> | undefined,
): (id: string | undefined) => string {
  const names = new Map((doc?.people ?? []).map((p) => [p.id, p.name]));
  return (id) => (id === undefined ? "—" : (names.get(id) ?? id));
}

/** Whole numbers from 100 up ("about 604", not 604.29); one decimal below, where it still means something. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat("en-GB", { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 1 }).format(
    value,
  );
}
