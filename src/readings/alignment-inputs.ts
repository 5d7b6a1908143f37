// Readings shared by the alignment modules: recorded signal occurrences, dates of undated items, names and similar words.
import { stemmer } from "stemmer";
import type { AssumptionTest, Gate, Milestone, Vote } from "../domain/model.ts";
import type { IsoDate } from "../domain/primitives.ts";

export const earlier = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);

/**
 * The day an item counts from: its own date, else its parent's (a test's milestone, a vote's gate), else
 * today; never later than today, because an undated item is on record now whatever its parent's plan says.
 */
export function dayOf(date: IsoDate | null, fallback: IsoDate | null, today: IsoDate): IsoDate {
  return date ?? earlier(fallback ?? today, today);
}

export const testDay = (test: AssumptionTest, milestone: Milestone, today: IsoDate) =>
  dayOf(test.date, milestone.date, today);

export const voteDay = (vote: Vote, gate: Gate, today: IsoDate) => dayOf(vote.date, gate.date, today);

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

/** True when `text` is one of `names` (case and spacing aside): how the engine reads a decision's respondsTo. */
export function namesAny(text: string | null | undefined, names: readonly string[]): boolean {
  if (!text) return false;
  const wanted = normalise(text);
  return names.some((name) => normalise(name) === wanted);
}

// prettier-ignore
const STOP_WORDS: ReadonlySet<string> = new Set([
  "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
  "been", "before", "below", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
  "have", "he", "her", "his", "how", "if", "in", "into", "is", "it", "its", "me", "more", "most", "my", "no",
  "nor", "not", "of", "off", "on", "or", "our", "out", "over", "she", "so", "some", "still", "than", "that",
  "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "under", "up",
  "us", "very", "was", "we", "were", "what", "when", "which", "while", "who", "why", "will", "with", "would",
  "you", "your", "week", "weeks", "day", "days", "now", "just", "yet",
]);

/** The content words of a text, stemmed ("1,000" is one word; one-character words carry no topic). */
export function contentWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .match(/[a-z0-9]+/g);
  return new Set(
    (words ?? [])
      .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
      .map((w) => (/\d/.test(w) ? w : stemmer(w))),
  );
}

/**
 * Two texts are about the same thing when they share at least two content words, and the shared words are
 * at least half of the shorter text's: "p95 latency 8 s" and "p95 latency is over 1 s above 500 users" are.
 */
export function isSimilarText(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const [x, y] = [contentWords(a), contentWords(b)];
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared >= 2 && shared / Math.min(x.size, y.size) >= 0.5;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** A score: rounded to a whole number between 0 and 100. */
export function toScore(value: number): number {
  return Math.round(Math.min(100, Math.max(0, value)));
}
