// Shared value types of the vocabulary: calendar dates, health calls, severities, keys.
import { z } from "zod";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const IsoDateSchema = z
  .string()
  .refine(isIsoDate, { message: "must be a real calendar date written as YYYY-MM-DD" })
  .describe("A calendar date, YYYY-MM-DD");
export type IsoDate = z.infer<typeof IsoDateSchema>;

/** A human-chosen identifier: letters, digits, `_`, `-` and `.`, starting with a letter or digit. */
export const KeySchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/, {
  message: "must start with a letter or digit and contain only letters, digits, '_', '-' or '.' (80 at most)",
});
export type Key = z.infer<typeof KeySchema>;

export const HEALTHS = ["on_track", "at_risk", "off_track"] as const;
export const HealthSchema = z.enum(HEALTHS);
export type Health = z.infer<typeof HealthSchema>;

/** Rank of a health call: higher is worse. */
export function healthRank(health: Health): number {
  return HEALTHS.indexOf(health);
}

/**
 * What the evidence says about a subject: one of the health calls, or `unknown` when nothing in the data
 * bears on it (no due date, no check, no outcome, no gate). Unknown is not on track: it ranks with no call.
 */
export const EVIDENCE_HEALTHS = [...HEALTHS, "unknown"] as const;
export const EvidenceHealthSchema = z.enum(EVIDENCE_HEALTHS);
export type EvidenceHealth = z.infer<typeof EvidenceHealthSchema>;

/** The evidence's call when it has one, else null: what a report can be held against. */
export function knownHealth(health: EvidenceHealth): Health | null {
  return health === "unknown" ? null : health;
}

export const SEVERITIES = ["info", "warning", "critical"] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export const LevelSchema = z.enum(["low", "medium", "high"]);
export type Level = z.infer<typeof LevelSchema>;

/** Days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function toIsoDate(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}

/** A key made from a name: "Orbit self-serve launch" → "orbit-self-serve-launch". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "item";
}
