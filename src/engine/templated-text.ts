// Notes written from a form (an importer's line, a pasted template): the same opening words with different values filled in, on many pieces of work.

/** How many words open a form line: enough to hold a form's fixed words and its first blanks. */
export const FORM_OPENING_WORDS = 6;
/** A form has blanks: at least this many of the opening words are values (a number, a version, an id). */
export const FORM_MIN_BLANKS = 2;
/** A form is used across work: the same opening on notes about at least this many different subjects. */
export const FORM_MIN_SUBJECTS = 3;

/** A word, with the dots, commas, hyphens and apostrophes inside it: "KEP-1287", "v1.28", "2,000", "don't". */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}'.,-]*[\p{L}\p{N}])?/gu;
const BLANK = "#";

/**
 * The opening of a text as a form would print it: its first words, lower-cased, each word holding a digit
 * (a count, a date, a version, an issue key, a commit) replaced by a blank. Null when the opening has fewer
 * than `FORM_MIN_BLANKS` blanks: a sentence a person writes rarely opens with two values.
 */
export function formOpening(text: string): string | null {
  const words: string[] = [];
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    if (words.push(word) === FORM_OPENING_WORDS) break;
  }
  const opening = words.map((word) => (/\p{N}/u.test(word) ? BLANK : word));
  return opening.filter((word) => word === BLANK).length >= FORM_MIN_BLANKS ? opening.join(" ") : null;
}

/**
 * The form openings among `notes`: those shared by notes on at least `FORM_MIN_SUBJECTS` different subjects.
 * A note whose opening is in the set was filled in, not written: "KEP-1287 file updated (commit 3f2a…):
 * status implementable, stage beta…" on forty KEPs says the same thing about each, in the same words.
 */
export function formOpenings(notes: Iterable<Note>): ReadonlySet<string> {
  return formsIn(countOpenings(notes));
}

/** A note and what it is about, as a key ("commitment:checkout"). */
export interface Note {
  text: string;
  subject: string;
}

/** The subjects each opening with blanks was written on. */
export type OpeningCount = ReadonlyMap<string, ReadonlySet<string>>;

/** `counted` with `notes` added, as a new count: `counted` is left as it was. */
export function countOpenings(notes: Iterable<Note>, counted: OpeningCount = new Map()): OpeningCount {
  const subjects = new Map([...counted].map(([opening, seen]) => [opening, new Set(seen)]));
  for (const { text, subject } of notes) {
    const opening = formOpening(text);
    if (opening === null) continue;
    let seen = subjects.get(opening);
    if (!seen) subjects.set(opening, (seen = new Set()));
    seen.add(subject);
  }
  return subjects;
}

/** The openings of a count that are forms. */
export function formsIn(count: OpeningCount): ReadonlySet<string> {
  return new Set([...count].filter(([, seen]) => seen.size >= FORM_MIN_SUBJECTS).map(([opening]) => opening));
}
