// Reads the quantities a requirement claim states (counts, durations, percentages, dates, money) as intervals of allowed values.
import { isIsoDate, type IsoDate } from "../domain/primitives.ts";
import { TextCache } from "./memo.ts";

export const DIMENSIONS = ["count", "duration", "percent", "date", "money", "data"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** How the claim bounds its value; kept for wording and severity, while the interval decides agreement. */
export type Qualifier = "exact" | "approximate" | "at-least" | "at-most" | "range" | "unlimited";

/**
 * The values a claim allows on one dimension, as an interval. Durations are in milliseconds, dates in days
 * since 1970-01-01 (UTC), money in the currency named by `unit`, everything else as written.
 *
 * Infinity is a value here, not only "unbounded": "unlimited users" is the point [∞, ∞] (the claim is that
 * there is no cap), and "at least 5,000" is [5,000, ∞] with ∞ included, so it agrees with "unlimited" while
 * "exactly 10,000" and "up to 2,000" do not. Dates never reach infinity: their open ends are exclusive.
 */
export interface Quantity {
  dimension: Dimension;
  min: number;
  max: number;
  minInclusive: boolean;
  maxInclusive: boolean;
  qualifier: Qualifier;
  /**
   * The counted noun in the singular ("concurrent user", "request per second"), the currency for money
   * ("USD"), "ms", "B", "%" or "day".
   */
  unit?: string;
  /** What the quantity is per, when it is: "$20 per seat per month", "100 MB/s", "5 requests per second per user". */
  per?: Per;
  /** The words the quantity was read from, for evidence. */
  text: string;
}

/**
 * What a quantity is given per. A rate in time is stored per second, whatever period it was written per, so
 * "1,000 events/min" and "60,000 events per hour" are one value; it is shown per the period written.
 */
export interface Per {
  /** The things it is per besides time, singular and sorted ("seat", "user"). */
  of: readonly string[];
  /** The period it is per, as written ("minute") and its length in seconds. */
  time?: { name: string; seconds: number };
}

export interface ParseOptions {
  /** Resolves dates written without a year ("by March", "Q2"); without it such dates are not read. */
  today?: IsoDate;
}

/** "About n" allows n ± 10%: wide enough for "~1,000" to cover 950 or 1,080, narrow enough to exclude 10,000. */
export const APPROXIMATE_TOLERANCE = 0.1;
/** "Around <date>" allows a week either side. */
export const APPROXIMATE_DATE_DAYS = 7;

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------------
// Tokens

interface Token {
  kind: "number" | "word" | "symbol" | "iso";
  /** Lower-cased; dashes folded to "-". */
  text: string;
  /** The number for numbers, the day for ISO dates, NaN otherwise. */
  value: number;
  start: number;
  end: number;
  /** Touches the previous token, with no space between ("10k", "p95", "5,000+"). */
  glued: boolean;
  /** Written with thousands separators or a decimal point, so never a year or a day of the month. */
  formatted: boolean;
}

const TOKEN =
  /(\d{4}-\d{2}-\d{2})(?!\d)|((?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d|,\d)|\d+)(?:\.\d+)?)|([a-z\u00b5\u03bc]+)|(\S)/giu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const [raw, iso, number, word] = match;
    const start = match.index;
    const end = start + raw.length;
    const glued = tokens.length > 0 && tokens[tokens.length - 1]!.end === start;
    const base = { start, end, glued, formatted: false };
    if (iso !== undefined) {
      // An impossible date (2026-02-30) becomes an unreadable symbol rather than a range of numbers.
      tokens.push(
        isIsoDate(iso)
          ? { ...base, kind: "iso", text: iso, value: dayFromIso(iso) }
          : { ...base, kind: "symbol", text: iso, value: NaN },
      );
    } else if (number !== undefined) {
      const digits = number.replace(/[,\s\u00a0\u202f]/gu, "");
      tokens.push({
        ...base,
        kind: "number",
        text: digits,
        value: Number(digits),
        formatted: digits !== number || digits.includes("."),
      });
    } else if (word !== undefined) {
      tokens.push({ ...base, kind: "word", text: word.toLowerCase(), value: NaN });
    } else {
      tokens.push({
        ...base,
        kind: "symbol",
        text: /[\u2010-\u2015\u2212]/u.test(raw) ? "-" : raw,
        value: NaN,
      });
    }
  }
  return tokens;
}

interface Context {
  source: string;
  tokens: Token[];
  today: IsoDate | undefined;
}

function tokenAt(ctx: Context, i: number): Token | undefined {
  return ctx.tokens[i];
}

function isText(ctx: Context, i: number, ...texts: string[]): boolean {
  const token = ctx.tokens[i];
  return token !== undefined && token.kind !== "number" && texts.includes(token.text);
}

/** The index after `words` when the tokens from `i` spell them, else -1. */
function matchWords(ctx: Context, i: number, words: readonly string[]): number {
  for (let k = 0; k < words.length; k++) if (!isText(ctx, i + k, words[k]!)) return -1;
  return i + words.length;
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

type Comparator = "gte" | "gt" | "lte" | "lt";
type Effect = Comparator | "approx" | "exact" | "context" | "start" | "end";

interface Phrase {
  words: string[];
  /** What the phrase does before (or after) a number; null when it means nothing there ("by 10%"). */
  number: Effect | null;
  /** What it does before a date; any non-null effect also lets a bare month or year count as a date. */
  date: Effect | null;
  /** Opens a range: "between a and b", "from a to b". */
  opener?: boolean;
}

const phrases = (texts: string, number: Effect | null, date: Effect | null, opener = false): Phrase[] =>
  texts.split("|").map((text) => ({ words: text.trim().split(" "), number, date, opener }));

const byLength = (a: Phrase, b: Phrase) => b.words.length - a.words.length;

/**
 * What negates a comparative that follows it, perhaps through one verb: "never more than 2 s", "must not take
 * longer than 2 minutes", "does not exceed 3 regions". The negated comparative bounds the other way.
 */
const NEGATIONS = phrases(
  "never|not|must not|must never|should not|should never|shall not|will not|will never|may not|cannot|can not|does not|do not|did not|is not|is never|are not|are never|is no|are no",
  null,
  null,
).sort(byLength);
// prettier-ignore
const NEGATED_VERBS = new Set([
  "be", "take", "takes", "use", "uses", "cost", "costs", "last", "lasts", "need", "needs", "require", "requires",
  "reach", "reaches", "run", "runs", "wait", "waits", "grow", "grows", "consume", "consumes", "have", "has", "go",
  "get", "spend", "allow", "allows", "see", "sees", "hold", "holds", "store", "stores", "keep", "keeps",
]);
/** Comparatives a negation turns around, with the bound each then sets: "not over 5" is at most 5. */
const NEGATED_COMPARATIVES: Phrase[] = [
  ...phrases(
    "more than|over|greater than|above|exceeding|exceed|exceeds|in excess of|beyond|higher than|larger than|bigger than|longer than|slower than|later than",
    "lte",
    null,
  ),
  ...phrases(
    "less than|fewer than|under|below|lower than|smaller than|shorter than|faster than",
    "gte",
    null,
  ),
].sort(byLength);

const PREFIXES: Phrase[] = [
  ...phrases(
    "at least|a minimum of|minimum of|minimum|min|min .|no less than|not less than|no fewer than|not fewer than|≥|> =|upwards of|upward of",
    "gte",
    "gte",
  ),
  ...phrases("more than|over|greater than|above|exceeding|in excess of|beyond|>", "gt", null),
  ...phrases(
    "up to|at most|no more than|not more than|a maximum of|maximum of|a max of|maximum|max|max .|not exceeding|not to exceed|no greater than|capped at|limited to|≤|< =",
    "lte",
    "lte",
  ),
  ...phrases("within", "lte", "context"),
  ...phrases("under|less than|fewer than|below|<", "lt", null),
  ...phrases("by|until|till|til|through|no later than|not later than|on or before|up until", null, "lte"),
  ...phrases("before|earlier than|prior to|ahead of", null, "lt"),
  ...phrases(
    "since|starting|starting in|starting from|starting on|beginning in|no earlier than|not earlier than|not before|on or after|as of",
    null,
    "gte",
  ),
  ...phrases("from", null, "gte", true),
  ...phrases("between", null, "context", true),
  ...phrases("after|later than", null, "gt"),
  ...phrases(
    "~|≈|about|around|approximately|approx|approx .|roughly|circa|ca .|some|nearly|almost|close to|in the region of|on the order of|in the order of|an estimated|estimated|ballpark",
    "approx",
    "approx",
  ),
  ...phrases("exactly|precisely", "exact", "exact"),
  ...phrases("in|on|during|at|for|throughout|sometime in|the", null, "context"),
  ...phrases("end of|the end of|close of|the close of", null, "end"),
  ...phrases("start of|the start of|beginning of|the beginning of", null, "start"),
].sort(byLength);

const SUFFIXES: Phrase[] = [
  ...phrases(
    "+|or more|or greater|or higher|or above|or over|and up|and above|and more|at least|at a minimum|minimum|plus",
    "gte",
    null,
  ),
  ...phrases(
    "or less|or fewer|or lower|or below|or under|at most|at the most|at a maximum|max|maximum|tops",
    "lte",
    null,
  ),
  ...phrases("or so|or thereabouts|give or take|approximately|roughly|- ish|ish", "approx", "approx"),
  ...phrases("or later|or after|at the earliest|onwards|onward|and later|and after", null, "gte"),
  ...phrases("or earlier|or before|at the latest", null, "lte"),
].sort(byLength);

function matchPhrase(
  ctx: Context,
  i: number,
  table: readonly Phrase[],
): { phrase: Phrase; next: number } | null {
  for (const phrase of table) {
    const next = matchWords(ctx, i, phrase.words);
    if (next !== -1) return { phrase, next };
  }
  return null;
}

// prettier-ignore
const SMALL_NUMBERS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19,
};
// prettier-ignore
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALE_WORDS: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
/** Multipliers glued to digits: "10k", "1.5M", "2bn". A lone "m" is million, never minutes ("min" is minutes). */
const SCALE_SUFFIXES: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };
/** "hundreds of", "tens of thousands of": the order of magnitude each names. */
const VAGUE_SCALES: Record<string, number> = {
  tens: 10,
  dozens: 12,
  hundreds: 100,
  thousands: 1e3,
  millions: 1e6,
  billions: 1e9,
};

// prettier-ignore
const DURATION_UNITS: Record<string, number> = {
  µs: 0.001, μs: 0.001, microsecond: 0.001, microseconds: 0.001,
  ms: 1, msec: 1, msecs: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  // Business days count as days: the parser compares spans, it does not know calendars.
  d: DAY_MS, day: DAY_MS, days: DAY_MS,
  wk: 7 * DAY_MS, wks: 7 * DAY_MS, week: 7 * DAY_MS, weeks: 7 * DAY_MS,
  // A month and a year as spans are calendar-agnostic approximations: 30 and 365 days.
  month: 30 * DAY_MS, months: 30 * DAY_MS, year: 365 * DAY_MS, years: 365 * DAY_MS, yr: 365 * DAY_MS, yrs: 365 * DAY_MS,
};
const DAY_KINDS = new Set(["business", "working", "calendar", "work"]);

/** Bytes per unit of data: decimal units by a thousand, binary ones (KiB, MiB…) by 1,024. */
// prettier-ignore
const DATA_UNITS: Record<string, number> = {
  b: 1, byte: 1, bytes: 1,
  kb: 1e3, kilobyte: 1e3, kilobytes: 1e3, mb: 1e6, megabyte: 1e6, megabytes: 1e6,
  gb: 1e9, gigabyte: 1e9, gigabytes: 1e9, tb: 1e12, terabyte: 1e12, terabytes: 1e12, pb: 1e15, petabyte: 1e15, petabytes: 1e15,
  kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40, pib: 2 ** 50,
};

const CURRENCY_SYMBOLS: Record<string, string> = { $: "USD", "€": "EUR", "£": "GBP" };
// prettier-ignore
const CURRENCY_WORDS: Record<string, string> = {
  usd: "USD", dollar: "USD", dollars: "USD", eur: "EUR", euro: "EUR", euros: "EUR", gbp: "GBP",
};

// prettier-ignore
const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
};
const ORDINAL_SUFFIXES = new Set(["st", "nd", "rd", "th"]);
const ORDINAL_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

/** Words after which a number names a thing rather than an amount ("phase 2", "tier 1", "version 3"). */
// prettier-ignore
const LABELS = new Set([
  "version", "v", "phase", "tier", "step", "level", "stage", "release", "sprint", "iteration", "wave", "round",
  "priority", "sev", "severity", "gen", "generation", "number", "no", "section", "chapter", "page", "item",
  "option", "figure", "table", "rule", "p", "top", "ipv", "http", "room", "floor", "building",
]);

/** Words that end a counted noun phrase: grammar, not things. */
// prettier-ignore
const STOPWORDS = new Set([
  "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "by", "for", "to", "from", "with",
  "within", "without", "into", "onto", "per", "via", "as", "than", "that", "which", "who", "whom", "whose",
  "this", "these", "those", "it", "its", "is", "are", "was", "were", "be", "been", "being", "am", "can",
  "could", "will", "would", "shall", "should", "may", "might", "must", "need", "needs", "do", "does", "did",
  "have", "has", "had", "not", "no", "so", "if", "then", "when", "while", "during", "before", "after",
  "until", "since", "about", "around", "over", "under", "up", "down", "out", "each", "every", "all", "any",
  "some", "more", "less", "fewer", "most", "least", "max", "maximum", "minimum", "plus", "tops", "total",
  "we", "our", "us", "they", "their", "them", "you", "your", "i", "my", "he", "she", "his", "her", "there",
  "here", "also", "only", "just", "even", "still", "yet", "already", "across", "between", "among",
  "against", "through", "where", "how", "what", "why", "both", "either", "neither", "give", "take", "ish",
  "ever", "again", "too", "very", "now", "today", "easily", "comfortably",
]);

const IRREGULAR_PLURALS: Record<string, string> = {
  people: "person",
  children: "child",
  men: "man",
  women: "woman",
};

/** "users" → "user", "queries" → "query", "boxes" → "box"; leaves "status", "access" and short words alone. */
export function singular(word: string): string {
  const irregular = IRREGULAR_PLURALS[word];
  if (irregular) return irregular;
  if (word.length <= 3 || /(ss|us|is)$/u.test(word)) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|zes|sses)$/u.test(word)) return word.slice(0, -2);
  return word.endsWith("s") ? word.slice(0, -1) : word;
}

/** Plural-looking words that are nouns in their own right ("sales reps", "news items"). */
const NOT_PLURALS = new Set([
  "sales",
  "news",
  "series",
  "analytics",
  "ops",
  "devops",
  "physics",
  "logistics",
]);

function isPlural(word: string): boolean {
  return !NOT_PLURALS.has(word) && singular(word) !== word;
}

function plural(noun: string): string {
  const per = noun.indexOf(" per ");
  if (per !== -1) return `${plural(noun.slice(0, per))}${noun.slice(per)}`;
  if (noun === "person") return "people";
  if (/[^aeiou]y$/u.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/u.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

// ---------------------------------------------------------------------------------------------------------
// Calendar

export function dayFromIso(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

export function isoFromDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dayOf(year: number, month: number, day: number): number | null {
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? time / DAY_MS : null;
}

function monthPeriod(year: number, firstMonth: number, lastMonth: number): { lo: number; hi: number } {
  return { lo: Date.UTC(year, firstMonth - 1, 1) / DAY_MS, hi: Date.UTC(year, lastMonth, 0) / DAY_MS };
}

/**
 * The year a month named without one means: this year, unless that month ended more than three months ago,
 * then next year. People name upcoming months ("by March" in November is next March), but a month just
 * missed still means this year's.
 */
function inferYear(ctx: Context, lastMonth: number): number | null {
  if (ctx.today === undefined) return null;
  const year = Number(ctx.today.slice(0, 4));
  const month = Number(ctx.today.slice(5, 7));
  return lastMonth >= month - 3 ? year : year + 1;
}

function isYear(token: Token | undefined): boolean {
  return (
    token !== undefined &&
    token.kind === "number" &&
    !token.formatted &&
    token.text.length === 4 &&
    token.value >= 1900 &&
    token.value <= 2199
  );
}

// ---------------------------------------------------------------------------------------------------------
// Readers: each takes a token index and returns what it read and the index after it, or null.

interface Period {
  lo: number;
  hi: number;
  next: number;
}

/** Reads a calendar date or period: a day, month, quarter, half or year. */
function readDate(ctx: Context, i: number, dateContext: boolean, edge: boolean): Period | null {
  const t = tokenAt(ctx, i);
  if (!t) return null;
  if (t.kind === "iso") return { lo: t.value, hi: t.value, next: i + 1 };

  // 2026-03, 2026 Q2, 2026-Q2
  if (isYear(t)) {
    const dash = isText(ctx, i + 1, "-") && tokenAt(ctx, i + 1)!.glued ? 1 : 0;
    const month = tokenAt(ctx, i + 1 + dash);
    if (
      dash &&
      month?.kind === "number" &&
      month.glued &&
      month.text.length === 2 &&
      month.value >= 1 &&
      month.value <= 12
    ) {
      return { ...monthPeriod(t.value, month.value, month.value), next: i + 3 };
    }
    const quarter = readQuarterCode(ctx, i + 1 + dash);
    if (quarter) return { ...monthPeriod(t.value, quarter.first, quarter.last), next: quarter.next };
    if (dateContext && !continuesAsAmount(ctx, i + 1)) return { ...monthPeriod(t.value, 1, 12), next: i + 1 };
    return null;
  }

  // Q2 2026, H1 2026, Q3
  const code = readQuarterCode(ctx, i);
  if (code) return withYear(ctx, code.first, code.last, code.next);

  // the second half of 2026, the third quarter
  const ordinal = t.kind === "word" ? ORDINAL_WORDS[t.text] : undefined;
  if (ordinal !== undefined && isText(ctx, i + 1, "quarter", "half")) {
    const span = isText(ctx, i + 1, "quarter") ? 3 : 6;
    if (ordinal * span > 12) return null;
    const after = isText(ctx, i + 2, "of") ? i + 3 : i + 2;
    return withYear(ctx, (ordinal - 1) * span + 1, ordinal * span, after);
  }

  // this year, next quarter, (the end of) the year, EOY
  const relative = readRelativePeriod(ctx, i, edge);
  if (relative) return relative;

  // March 1, 2026 · March 2026 · March
  const month = t.kind === "word" ? MONTHS[t.text] : undefined;
  if (month !== undefined) {
    let k = i + 1;
    if (isText(ctx, k, ".") && tokenAt(ctx, k)!.glued) k++;
    const day = readDayOfMonth(ctx, k);
    if (day) k = day.next;
    if (day && isText(ctx, k, ",")) k++;
    if (!day && isText(ctx, k, "of") && isYear(tokenAt(ctx, k + 1))) k++;
    const year = isYear(tokenAt(ctx, k)) ? tokenAt(ctx, k)!.value : null;
    if (year !== null) k++;
    // "may" is a verb unless a day or year pins it down; a bare month needs "in", "by" and the like.
    if (!day && year === null && (t.text === "may" || !dateContext)) return null;
    return resolveDay(ctx, year, month, day?.value ?? null, k);
  }

  // 1 March 2026 · 1st of March
  const day = readDayOfMonth(ctx, i);
  if (day) {
    let k = day.next;
    if (isText(ctx, k, "of")) k++;
    const named = tokenAt(ctx, k);
    const monthOfDay = named?.kind === "word" ? MONTHS[named.text] : undefined;
    if (monthOfDay === undefined) return null;
    k++;
    if (isText(ctx, k, ".") && tokenAt(ctx, k)!.glued) k++;
    if (isText(ctx, k, ",") && isYear(tokenAt(ctx, k + 1))) k++;
    const year = isYear(tokenAt(ctx, k)) ? tokenAt(ctx, k)!.value : null;
    return resolveDay(ctx, year, monthOfDay, day.value, year === null ? k : k + 1);
  }
  return null;
}

function readQuarterCode(ctx: Context, i: number): { first: number; last: number; next: number } | null {
  const letter = tokenAt(ctx, i);
  const digit = tokenAt(ctx, i + 1);
  if (letter?.kind !== "word" || digit?.kind !== "number" || !digit.glued || digit.formatted) return null;
  if (letter.text === "q" && digit.value >= 1 && digit.value <= 4) {
    return { first: digit.value * 3 - 2, last: digit.value * 3, next: i + 2 };
  }
  if (letter.text === "h" && (digit.value === 1 || digit.value === 2)) {
    return { first: digit.value * 6 - 5, last: digit.value * 6, next: i + 2 };
  }
  return null;
}

function withYear(ctx: Context, first: number, last: number, next: number): Period | null {
  const written = tokenAt(ctx, next);
  if (isYear(written)) return { ...monthPeriod(written!.value, first, last), next: next + 1 };
  const year = inferYear(ctx, last);
  return year === null ? null : { ...monthPeriod(year, first, last), next };
}

function readRelativePeriod(ctx: Context, i: number, edge: boolean): Period | null {
  if (ctx.today === undefined) return null;
  const year = Number(ctx.today.slice(0, 4));
  const quarter = Math.ceil(Number(ctx.today.slice(5, 7)) / 3);
  const quarterPeriod = (offset: number) => {
    const index = (quarter - 1 + offset) % 4;
    const y = year + Math.floor((quarter - 1 + offset) / 4);
    return monthPeriod(y, index * 3 + 1, index * 3 + 3);
  };
  const forms: Array<[string[], { lo: number; hi: number }]> = [
    [["this", "year"], monthPeriod(year, 1, 12)],
    [["next", "year"], monthPeriod(year + 1, 1, 12)],
    [["this", "quarter"], quarterPeriod(0)],
    [["next", "quarter"], quarterPeriod(1)],
  ];
  // "the year" and "the quarter" only mean the current one after "end of" or "start of".
  if (edge) forms.push([["year"], monthPeriod(year, 1, 12)], [["quarter"], quarterPeriod(0)]);
  for (const [words, period] of forms) {
    const next = matchWords(ctx, i, words);
    if (next !== -1) return { ...period, next };
  }
  const end = (period: { hi: number }) => ({ lo: period.hi, hi: period.hi, next: i + 1 });
  if (isText(ctx, i, "eoy")) return end(monthPeriod(year, 1, 12));
  if (isText(ctx, i, "eoq")) return end(quarterPeriod(0));
  return null;
}

function readDayOfMonth(ctx: Context, i: number): { value: number; next: number } | null {
  const t = tokenAt(ctx, i);
  if (t?.kind !== "number" || t.formatted || t.text.length > 2 || t.value < 1 || t.value > 31) return null;
  const suffix = tokenAt(ctx, i + 1);
  const next = suffix?.glued && suffix.kind === "word" && ORDINAL_SUFFIXES.has(suffix.text) ? i + 2 : i + 1;
  return { value: t.value, next };
}

function resolveDay(
  ctx: Context,
  year: number | null,
  month: number,
  day: number | null,
  next: number,
): Period | null {
  const resolved = year ?? inferYear(ctx, month);
  if (resolved === null) return null;
  if (day === null) return { ...monthPeriod(resolved, month, month), next };
  const value = dayOf(resolved, month, day);
  return value === null ? null : { lo: value, hi: value, next };
}

/** True when the token at `i` makes a preceding number an amount ("2026 users", "2000 ms") rather than a year. */
function continuesAsAmount(ctx: Context, i: number): boolean {
  const t = tokenAt(ctx, i);
  if (!t) return false;
  if (t.kind === "symbol") return t.text === "%" || t.text === "+";
  if (t.kind !== "word") return false;
  return readMeasure(ctx, i) !== null || (!STOPWORDS.has(t.text) && MONTHS[t.text] === undefined);
}

interface NumberRead {
  value: number;
  next: number;
  /** The multiplier written after the digits ("k", "million"), 1 if none. */
  scale: number;
  /** Spelled in words ("two", "a thousand"). */
  words: boolean;
  /** The token the number was read from, for the year rule. */
  token: Token;
}

/** Reads digits ("10,000", "1.5M", "10 thousand") or number words ("twenty-five", "a million"). */
function readNumber(ctx: Context, i: number): NumberRead | null {
  const t = tokenAt(ctx, i);
  if (!t) return null;
  const previous = tokenAt(ctx, i - 1);
  if (previous?.kind === "word" && LABELS.has(previous.text)) return null;
  return t.kind === "number" ? readDigits(ctx, i, t) : t.kind === "word" ? readNumberWords(ctx, i, t) : null;
}

function readDigits(ctx: Context, i: number, t: Token): NumberRead | null {
  const previous = tokenAt(ctx, i - 1);
  const next = tokenAt(ctx, i + 1);
  // "p95", "v2", "24/7", "10:30", "1.2.3": identifiers and times, not amounts.
  if (t.glued && previous && (previous.kind === "word" || "/:.#".includes(previous.text))) return null;
  const after = tokenAt(ctx, i + 2);
  if (next?.glued && "/:.".includes(next.text) && after?.kind === "number" && after.glued) return null;
  if (next?.kind === "word" && (next.text === "am" || next.text === "pm")) return null;
  let k = i + 1;
  let scale = 1;
  if (next?.glued && next.kind === "word") {
    const suffix = SCALE_SUFFIXES[next.text];
    if (suffix !== undefined) {
      scale = suffix;
      k++;
    } else if (DURATION_UNITS[next.text] === undefined && CURRENCY_WORDS[next.text] === undefined) {
      return null; // "10x", "3rd", "4g": not a quantity this parser understands.
    }
  }
  if (scale === 1) {
    const word = tokenAt(ctx, k);
    const named =
      word?.kind === "word"
        ? (SCALE_WORDS[word.text] ?? (word.text === "hundred" ? 100 : undefined))
        : undefined;
    if (named !== undefined) {
      scale = named;
      k++;
    } else if (word?.kind === "word" && word.text === "dozen") {
      scale = 12;
      k++;
    }
  }
  return { value: round(t.value * scale), next: k, scale, words: false, token: t };
}

function readNumberWords(ctx: Context, i: number, t: Token): NumberRead | null {
  let total = 0;
  let current = 0;
  let seen = false;
  let scale = 1;
  let k = i;
  for (;;) {
    const word = tokenAt(ctx, k);
    if (word?.kind !== "word") break;
    const text = word.text;
    const small = SMALL_NUMBERS[text];
    const tens = TENS[text];
    const big = SCALE_WORDS[text];
    if (small !== undefined) {
      current += small;
    } else if (tens !== undefined) {
      current += tens;
      const unit = tokenAt(ctx, k + 2);
      if (isText(ctx, k + 1, "-") && unit?.glued && (SMALL_NUMBERS[unit.text] ?? 10) < 10) {
        current += SMALL_NUMBERS[unit.text]!;
        k += 2;
      }
    } else if (text === "hundred" && seen) {
      current = (current || 1) * 100;
    } else if (big !== undefined && seen) {
      total += (current || 1) * big;
      current = 0;
      scale = big;
    } else if (text === "dozen") {
      current = (current || 1) * 12;
    } else if ((text === "a" || text === "an") && !seen && isScaleWord(ctx, k + 1)) {
      current = 1;
    } else if (text === "half" && !seen && isText(ctx, k + 1, "a", "an") && isScaleWord(ctx, k + 2)) {
      current = 0.5;
      k++;
    } else if (text === "and" && seen && isNumberWord(ctx, k + 1)) {
      // "one hundred and fifty"
    } else if (text === "point" && seen && digitWord(ctx, k + 1) !== undefined) {
      // "ninety-nine point nine": the digits after the point, one word each.
      let place = 0.1;
      for (k++; digitWord(ctx, k) !== undefined; k++, place /= 10) current += digitWord(ctx, k)! * place;
      current = round(current);
      seen = true;
      break;
    } else {
      break;
    }
    seen = true;
    k++;
  }
  if (!seen) return null;
  // "one of the regions", "ten of them": a selection, not an amount.
  if (isText(ctx, k, "of")) return null;
  return { value: total + current, next: k, scale, words: true, token: t };
}

/** The digit a word names ("nine", "zero", "oh"), or undefined. */
function digitWord(ctx: Context, i: number): number | undefined {
  const word = tokenAt(ctx, i);
  if (word?.kind !== "word") return undefined;
  if (word.text === "oh") return 0;
  const digit = SMALL_NUMBERS[word.text];
  return digit !== undefined && digit < 10 ? digit : undefined;
}

function isScaleWord(ctx: Context, i: number): boolean {
  return isText(ctx, i, "hundred", "dozen", ...Object.keys(SCALE_WORDS));
}

function isNumberWord(ctx: Context, i: number): boolean {
  const t = tokenAt(ctx, i);
  return t?.kind === "word" && (SMALL_NUMBERS[t.text] !== undefined || TENS[t.text] !== undefined);
}

interface Measure {
  dimension: "duration" | "percent" | "money" | "data";
  /** Milliseconds per unit for durations, bytes per unit for data, 1 otherwise. */
  factor: number;
  unit: string;
  next: number;
}

/** Reads a unit that fixes the dimension: "%", "percent", "seconds", "24-hour", "business days", "USD". */
function readMeasure(ctx: Context, i: number): Measure | null {
  const t = tokenAt(ctx, i);
  if (!t) return null;
  if (t.text === "%") return { dimension: "percent", factor: 1, unit: "%", next: i + 1 };
  const percent = matchWords(ctx, i, ["per", "cent"]);
  if (percent !== -1) return { dimension: "percent", factor: 1, unit: "%", next: percent };
  if (isText(ctx, i, "percent", "pct")) return { dimension: "percent", factor: 1, unit: "%", next: i + 1 };
  // "24-hour support", "30-day window"
  const hyphen = t.text === "-" && t.glued && tokenAt(ctx, i + 1)?.glued ? 1 : 0;
  const word = tokenAt(ctx, i + hyphen);
  if (word?.kind !== "word") return null;
  if (DAY_KINDS.has(word.text) && isText(ctx, i + hyphen + 1, "day", "days")) {
    return { dimension: "duration", factor: DAY_MS, unit: "ms", next: i + hyphen + 2 };
  }
  const factor = DURATION_UNITS[word.text];
  if (factor !== undefined) return { dimension: "duration", factor, unit: "ms", next: i + hyphen + 1 };
  // "5 GB", "512 MiB", and "100 MB/s", data per second.
  const bytes = hyphen ? undefined : DATA_UNITS[word.text];
  if (bytes !== undefined) return { dimension: "data", factor: bytes, unit: "B", next: i + 1 };
  const currency = hyphen ? undefined : CURRENCY_WORDS[word.text];
  if (currency !== undefined) return { dimension: "money", factor: 1, unit: currency, next: i + 1 };
  return null;
}

/** Reads the counted noun after a number: "concurrent users" → "concurrent user", "requests per second". */
function readNoun(ctx: Context, i: number): { unit: string; per?: Per; next: number } | null {
  const words: string[] = [];
  let k = i;
  while (words.length < 3) {
    const t = tokenAt(ctx, k);
    if (t?.kind !== "word" || STOPWORDS.has(t.text) || isNumberWord(ctx, k) || MONTHS[t.text] !== undefined)
      break;
    // Adverbs end the noun ("users comfortably"), but a leading "daily" in "daily active users" belongs to it.
    if (words.length > 0 && t.text.endsWith("ly")) break;
    const joined =
      isText(ctx, k + 1, "-") && tokenAt(ctx, k + 1)!.glued && tokenAt(ctx, k + 2)?.kind === "word";
    if (joined && tokenAt(ctx, k + 2)!.glued) {
      words.push(`${t.text}-${tokenAt(ctx, k + 2)!.text}`);
      k += 3;
    } else {
      words.push(t.text);
      k++;
    }
    // A plural noun ends the phrase: "users means" is "users" followed by a verb.
    if (isPlural(words[words.length - 1]!)) break;
  }
  if (words.length === 0) return null;
  words[words.length - 1] = singular(words[words.length - 1]!);
  const per = readPer(ctx, k);
  const unit = [words.join(" "), ...(per?.words ?? [])].join(" per ");
  return per ? { unit, per: per.per, next: per.next } : { unit, next: k };
}

/**
 * Reads what a quantity is per, after its unit: "per seat", "/s", "a month", "per user per month". Each
 * "per" takes one word, a period ("second", "month") or a thing (singular); "a" or "an" takes only a period.
 */
function readPer(ctx: Context, i: number): { per: Per; words: string[]; next: number } | null {
  const of: string[] = [];
  const words: string[] = [];
  let time: Per["time"];
  let k = i;
  for (;;) {
    const slash = isText(ctx, k, "/") && tokenAt(ctx, k + 1)?.glued;
    const article = isText(ctx, k, "a", "an");
    if (!slash && !article && !isText(ctx, k, "per")) break;
    const word = tokenAt(ctx, k + 1);
    if (word?.kind !== "word" || STOPWORDS.has(word.text)) break;
    const ms = DURATION_UNITS[word.text];
    if (ms !== undefined && time === undefined) {
      const name = durationName(ms);
      // As a period of a rate a month is a twelfth of a year, so "$20 a month" is "$240 a year".
      time = { name, seconds: name === "month" ? (365 * DAY_MS) / 12 / 1000 : ms / 1000 };
      words.push(time.name);
    } else if (article || ms !== undefined || isNumberWord(ctx, k + 1)) {
      break;
    } else {
      of.push(singular(word.text));
      words.push(singular(word.text));
    }
    k += 2;
  }
  if (words.length === 0) return null;
  const per: Per = time ? { of: of.sort(), time } : { of: of.sort() };
  return { per, words, next: k };
}

function durationName(factor: number): string {
  // prettier-ignore
  const names: Array<[number, string]> = [
    [0.001, "microsecond"], [1, "millisecond"], [1000, "second"], [60_000, "minute"], [3_600_000, "hour"],
    [DAY_MS, "day"], [7 * DAY_MS, "week"], [30 * DAY_MS, "month"], [365 * DAY_MS, "year"],
  ];
  return names.find(([value]) => value === factor)?.[1] ?? "unit";
}

// ---------------------------------------------------------------------------------------------------------
// Assembly

interface Prefix {
  /** Each phrase read, with the index it starts at, so evidence can start at the first one that mattered. */
  parts: Array<{ phrase: Phrase; start: number }>;
  next: number;
}

/** A negation, a verb it may govern, and a comparative: read as the comparative turned around. */
function matchNegated(ctx: Context, i: number): { phrase: Phrase; next: number } | null {
  const negation = matchPhrase(ctx, i, NEGATIONS);
  if (!negation) return null;
  const verb = tokenAt(ctx, negation.next);
  const start = verb?.kind === "word" && NEGATED_VERBS.has(verb.text) ? negation.next + 1 : negation.next;
  return matchPhrase(ctx, start, NEGATED_COMPARATIVES);
}

function readPrefixes(ctx: Context, i: number): Prefix {
  const parts: Prefix["parts"] = [];
  let k = i;
  while (parts.length < 4) {
    const match = matchNegated(ctx, k) ?? matchPhrase(ctx, k, PREFIXES);
    if (!match) break;
    parts.push({ phrase: match.phrase, start: k });
    k = match.next;
  }
  return { parts, next: k };
}

interface Core {
  dimension: Dimension;
  lo: number;
  hi: number;
  /** False only for the open top of a vague range ("thousands of" is [1,000, 10,000)). */
  hiInclusive: boolean;
  unit?: string;
  per?: Per;
  next: number;
  /** Effects written after the value ("5,000+", "2 seconds max"). */
  suffix: Effect[];
  /** The first number was spelled in words and stands alone, like "one": too weak to be a quantity unqualified. */
  weak?: boolean;
  /** A plain four-digit number with nothing after it: a year unless a comparator says otherwise. */
  yearLike?: number;
  /** Read as "a to b", so an opening "from" or "between" is part of the range, not a bound. */
  ranged?: boolean;
}

function readSuffixes(ctx: Context, i: number, date: boolean): { effects: Effect[]; next: number } {
  const effects: Effect[] = [];
  let k = i;
  for (;;) {
    const match = matchPhrase(ctx, k, SUFFIXES);
    const effect = match ? (date ? match.phrase.date : match.phrase.number) : null;
    if (!match || effect === null) break;
    // "+" means "or more" only when it touches the number; a spaced "+" is arithmetic or a list.
    if (match.phrase.words[0] === "+" && !tokenAt(ctx, k)!.glued) break;
    effects.push(effect);
    k = match.next;
  }
  return { effects, next: k };
}

function readDateCore(ctx: Context, i: number, prefix: Prefix): Core | null {
  const effects = prefix.parts.map((part) => part.phrase.date);
  const dateContext = effects.some((effect) => effect !== null);
  const edge = effects.includes("start") || effects.includes("end");
  const first = readDate(ctx, i, dateContext, edge);
  if (!first) return null;
  const lo = first.lo;
  let { hi, next } = first;
  let ranged = false;
  const opened = prefix.parts.some((part) => part.phrase.opener);
  const connector =
    isText(ctx, next, "-", "to", "through", "thru", "until", "till") || (opened && isText(ctx, next, "and"));
  if (connector) {
    const second = readDate(ctx, next + 1, true, false);
    if (second && second.hi >= lo) {
      hi = second.hi;
      next = second.next;
      ranged = true;
    }
  }
  const suffix = readSuffixes(ctx, next, true);
  return {
    ranged,
    dimension: "date",
    lo,
    hi,
    hiInclusive: true,
    unit: "day",
    next: suffix.next,
    suffix: suffix.effects,
  };
}

/** "hundreds of", "tens of thousands of": from that order of magnitude up to (not including) the next. */
function readVagueCore(ctx: Context, i: number): Core | null {
  let k = i;
  let lo = 1;
  let words = 0;
  while (words < 2) {
    const t = tokenAt(ctx, k);
    const scale = t?.kind === "word" ? VAGUE_SCALES[t.text] : undefined;
    if (scale === undefined || !isText(ctx, k + 1, "of")) break;
    lo *= scale;
    words++;
    k += 2;
  }
  if (words === 0) return null;
  // "dozens" starts at two dozen, and spans as far as "hundreds" would.
  const hi = lo === 12 ? 144 : lo * 10;
  if (lo === 12) lo = 24;
  const noun = readNoun(ctx, k);
  return {
    dimension: "count",
    lo,
    hi,
    hiInclusive: false,
    unit: noun?.unit,
    next: noun?.next ?? k,
    suffix: [],
  };
}

function readNumericCore(ctx: Context, i: number, prefix: Prefix): Core | null {
  const comparator = prefix.parts.some((part) =>
    ["gte", "gt", "lte", "lt"].includes(part.phrase.number ?? ""),
  );
  const opened = prefix.parts.some((part) => part.phrase.opener);
  let k = i;
  const symbol = tokenAt(ctx, k);
  let currency = symbol ? CURRENCY_SYMBOLS[symbol.text] : undefined;
  if (currency !== undefined) k++;

  let first: NumberRead | null;
  if (isText(ctx, k, "a", "an") && comparator && isDuration(ctx, k + 1)) {
    // "within a second", "under an hour"; without a comparator "a second" is usually an ordinal.
    first = { value: 1, next: k + 1, scale: 1, words: true, token: tokenAt(ctx, k)! };
  } else if (isText(ctx, k, "half") && isText(ctx, k + 1, "a", "an") && isDuration(ctx, k + 2)) {
    first = { value: 0.5, next: k + 2, scale: 1, words: true, token: tokenAt(ctx, k)! };
  } else {
    first = readNumber(ctx, k);
  }
  if (!first) return null;
  k = first.next;

  // "three nines", "4 nines": availability.
  if (isText(ctx, k, "nines") && Number.isInteger(first.value) && first.value >= 1 && first.value <= 9) {
    const value = Number((100 - 10 ** (2 - first.value)).toFixed(first.value));
    const suffix = readSuffixes(ctx, k + 1, false);
    return {
      dimension: "percent",
      lo: value,
      hi: value,
      hiInclusive: true,
      unit: "%",
      next: suffix.next,
      suffix: suffix.effects,
    };
  }

  const early = readSuffixes(ctx, k, false);
  k = early.next;
  const firstMeasure = readMeasure(ctx, k);
  if (firstMeasure) k = firstMeasure.next;
  if (firstMeasure?.dimension === "money") currency = firstMeasure.unit;
  // "two-factor", "5-star", "3-tier": a compound adjective, not an amount.
  if (!firstMeasure && isText(ctx, k, "-") && tokenAt(ctx, k)!.glued && tokenAt(ctx, k + 1)?.kind === "word")
    return null;

  const connector = isText(ctx, k, "-", "to", "through", "thru") || (opened && isText(ctx, k, "and"));
  if (connector && early.effects.length === 0) {
    let s = k + 1;
    const secondSymbol = tokenAt(ctx, s);
    const secondCurrency = secondSymbol ? CURRENCY_SYMBOLS[secondSymbol.text] : undefined;
    if (secondCurrency !== undefined) s++;
    const second = readNumber(ctx, s);
    const secondMeasure = second ? readMeasure(ctx, second.next) : null;
    const sameKind = !firstMeasure || !secondMeasure || firstMeasure.dimension === secondMeasure.dimension;
    if (second && sameKind) {
      const firstFactor = (firstMeasure ?? secondMeasure)?.factor ?? 1;
      const secondFactor = (secondMeasure ?? firstMeasure)?.factor ?? 1;
      // "1-2k" means 1,000 to 2,000: the second number's multiplier carries back when that keeps the order.
      const carry =
        first.scale === 1 && second.scale > 1 && first.value * second.scale <= second.value
          ? second.scale
          : 1;
      const low = round(first.value * carry * firstFactor);
      const high = round(second.value * secondFactor);
      if (high >= low) {
        const measure = secondMeasure ?? firstMeasure;
        currency ??= secondCurrency ?? (measure?.dimension === "money" ? measure.unit : undefined);
        const core = finishNumeric(ctx, low, high, measure, currency, secondMeasure?.next ?? second.next, []);
        return { ...core, ranged: true };
      }
    }
  }
  const value = round(first.value * (firstMeasure?.factor ?? 1));
  const core = finishNumeric(ctx, value, value, firstMeasure, currency, k, early.effects);
  const bare = !currency && !firstMeasure && core.unit === undefined;
  if (bare && first.token.kind === "number" && first.scale === 1 && isYear(first.token))
    core.yearLike = first.value;
  if (bare && first.words && first.value < 2) core.weak = true;
  return core;
}

function isDuration(ctx: Context, i: number): boolean {
  const measure = readMeasure(ctx, i);
  return measure?.dimension === "duration";
}

function finishNumeric(
  ctx: Context,
  lo: number,
  hi: number,
  measure: Measure | null,
  currency: string | undefined,
  next: number,
  early: Effect[],
): Core {
  if (currency !== undefined || measure) {
    const per = readPer(ctx, next);
    const trailing = readSuffixes(ctx, per?.next ?? next, false);
    return {
      dimension: currency !== undefined ? "money" : measure!.dimension,
      lo,
      hi,
      hiInclusive: true,
      unit: currency ?? measure!.unit,
      ...(per ? { per: per.per } : {}),
      next: trailing.next,
      suffix: [...early, ...trailing.effects],
    };
  }
  const noun = readNoun(ctx, next);
  const trailing = readSuffixes(ctx, noun?.next ?? next, false);
  return {
    dimension: "count",
    lo,
    hi,
    hiInclusive: true,
    unit: noun?.unit,
    ...(noun?.per ? { per: noun.per } : {}),
    next: trailing.next,
    suffix: [...early, ...trailing.effects],
  };
}

/** Reads "unlimited users", "no limit on the number of seats", "any number of users". */
function readUnlimited(ctx: Context, i: number): { unit?: string; per?: Per; next: number } | null {
  // prettier-ignore
  const heads = [
    ["unlimited"], ["infinite"], ["infinitely", "many"], ["limitless"], ["unbounded"], ["uncapped"],
    ["no", "limit"], ["no", "limits"], ["no", "upper", "limit"], ["no", "cap"], ["no", "hard", "limit"],
    ["without", "limit"], ["without", "limits"], ["without", "any", "limit"], ["any", "number", "of"],
    ["an", "unlimited", "number", "of"], ["an", "infinite", "number", "of"], ["as", "many", "as", "needed"],
  ];
  for (const head of heads) {
    let k = matchWords(ctx, i, head);
    if (k === -1) continue;
    if (isText(ctx, k, "on", "to", "for")) k++;
    for (const filler of [
      ["the", "number", "of"],
      ["number", "of"],
      ["how", "many"],
    ]) {
      const after = matchWords(ctx, k, filler);
      if (after !== -1) k = after;
    }
    const noun = readNoun(ctx, k);
    return { unit: noun?.unit, ...(noun?.per ? { per: noun.per } : {}), next: noun?.next ?? k };
  }
  return null;
}

function round(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
}

function build(ctx: Context, core: Core, prefix: Prefix, start: number): Quantity {
  const date = core.dimension === "date";
  const effectOf = (phrase: Phrase) => (date ? phrase.date : phrase.number);
  // "from March to May" is a range: the opener's "from" must not also make it open-ended.
  const bounding = prefix.parts.filter((part) => !(core.ranged && part.phrase.opener));
  const effects = [...bounding.map((part) => effectOf(part.phrase)), ...core.suffix].filter(
    (effect): effect is Effect => effect !== null,
  );
  let { lo, hi } = core;
  if (effects.includes("start")) hi = lo;
  if (effects.includes("end")) lo = hi;
  const comparator = effects.find((effect): effect is Comparator =>
    ["gte", "gt", "lte", "lt"].includes(effect),
  );
  const floor = date ? -Infinity : 0;
  const interval = (
    min: number,
    max: number,
    minInclusive: boolean,
    maxInclusive: boolean,
    qualifier: Qualifier,
  ) => ({
    min,
    max,
    minInclusive,
    maxInclusive,
    qualifier,
  });
  let bounds: ReturnType<typeof interval>;
  // Whole days are discrete, so "after March" is "from April 1" and needs no exclusive bound.
  if (comparator === "gte") bounds = interval(lo, Infinity, true, !date, "at-least");
  else if (comparator === "gt")
    bounds = date
      ? interval(hi + 1, Infinity, true, false, "at-least")
      : interval(hi, Infinity, false, true, "at-least");
  else if (comparator === "lte") bounds = interval(floor, hi, !date, true, "at-most");
  else if (comparator === "lt")
    bounds = date
      ? interval(floor, lo - 1, false, true, "at-most")
      : interval(floor, lo, true, false, "at-most");
  else if (effects.includes("approx") && !effects.includes("exact")) {
    bounds = date
      ? interval(lo - APPROXIMATE_DATE_DAYS, hi + APPROXIMATE_DATE_DAYS, true, true, "approximate")
      : interval(
          round(lo * (1 - APPROXIMATE_TOLERANCE)),
          round(hi * (1 + APPROXIMATE_TOLERANCE)),
          true,
          true,
          "approximate",
        );
  } else bounds = interval(lo, hi, true, core.hiInclusive, lo === hi ? "exact" : "range");

  // Evidence starts at the first prefix that shaped the value, so "by 10%" reads "10%".
  const first = prefix.parts.find(
    (part) => part.phrase.opener || (effectOf(part.phrase) !== null && effectOf(part.phrase) !== "context"),
  );
  const from = tokenAt(ctx, first?.start ?? start)!;
  const to = tokenAt(ctx, core.next - 1)!;
  const quantity: Quantity = {
    dimension: core.dimension,
    ...bounds,
    text: ctx.source.slice(from.start, to.end),
  };
  if (core.unit !== undefined) quantity.unit = core.unit;
  if (core.per !== undefined) {
    quantity.per = core.per;
    // A rate in time is kept per second, so rates written per different periods compare as they are.
    const seconds = core.per.time?.seconds;
    if (seconds !== undefined) {
      quantity.min = round(quantity.min / seconds);
      quantity.max = round(quantity.max / seconds);
    }
  }
  return quantity;
}

function matchAt(ctx: Context, i: number): { quantity: Quantity; next: number } | null {
  const prefix = readPrefixes(ctx, i);
  const j = prefix.next;
  const text = (from: number, next: number) =>
    ctx.source.slice(tokenAt(ctx, from)!.start, tokenAt(ctx, next - 1)!.end);

  const unlimited = readUnlimited(ctx, j);
  if (unlimited) {
    const quantity: Quantity = {
      dimension: "count",
      min: Infinity,
      max: Infinity,
      minInclusive: true,
      maxInclusive: true,
      qualifier: "unlimited",
      text: text(j, unlimited.next),
    };
    if (unlimited.unit !== undefined) quantity.unit = unlimited.unit;
    if (unlimited.per !== undefined) quantity.per = unlimited.per;
    return { quantity, next: unlimited.next };
  }

  const date = readDateCore(ctx, j, prefix);
  if (date) return { quantity: build(ctx, date, prefix, j), next: date.next };

  const core = readVagueCore(ctx, j) ?? readNumericCore(ctx, j, prefix);
  if (!core) return null;
  const qualified = [...prefix.parts.map((part) => part.phrase.number), ...core.suffix].some(
    (effect) => effect !== null && effect !== "context",
  );
  if (core.weak && !qualified) return null;
  if (core.yearLike !== undefined && !qualified) {
    const year = { ...monthPeriod(core.yearLike, 1, 12), next: core.next };
    return {
      quantity: build(
        ctx,
        { ...year, dimension: "date", hiInclusive: true, unit: "day", suffix: [] },
        prefix,
        j,
      ),
      next: core.next,
    };
  }
  return { quantity: build(ctx, core, prefix, j), next: core.next };
}

// ---------------------------------------------------------------------------------------------------------
// API

/** Every quantity the text states, in the order written. */
export function parseQuantities(text: string, options: ParseOptions = {}): Quantity[] {
  const ctx: Context = { source: text, tokens: tokenize(text), today: options.today };
  const found: Quantity[] = [];
  let i = 0;
  while (i < ctx.tokens.length) {
    const match = matchAt(ctx, i);
    if (match) {
      found.push(match.quantity);
      i = match.next;
    } else {
      i++;
    }
  }
  return found;
}

const parsedTexts = new TextCache<readonly Quantity[]>(20_000);

/**
 * `parseQuantities`, remembered per text and day: claims and descriptions rarely change between evaluations,
 * and parsing one costs about a tenth of a millisecond. The quantities are shared: read them, never mutate them.
 */
export function readQuantities(text: string, options: ParseOptions = {}): readonly Quantity[] {
  return parsedTexts.get(`${String(options.today)}\u0000${text}`, () => parseQuantities(text, options));
}

/** The first quantity the claim states, or null when it states none. */
export function parseQuantity(text: string, options: ParseOptions = {}): Quantity | null {
  return parseQuantities(text, options)[0] ?? null;
}

/** True when some value satisfies both claims. */
export function intersects(a: Quantity, b: Quantity): boolean {
  if (a.dimension !== b.dimension) return false;
  const lo = Math.max(a.min, b.min);
  const hi = Math.min(a.max, b.max);
  if (lo !== hi) return lo < hi;
  const includes = (q: Quantity) => (q.min !== lo || q.minInclusive) && (q.max !== hi || q.maxInclusive);
  return includes(a) && includes(b);
}

/**
 * True when two quantities measure the same thing: same dimension, same currency for money, and for counts
 * the same head noun ("concurrent user" and "user" match; "user" and "region" do not) or no noun on one side.
 */
export function comparable(a: Quantity, b: Quantity): boolean {
  if (a.dimension !== b.dimension || !samePer(a.per, b.per)) return false;
  if (a.dimension === "money") return a.unit === b.unit;
  if (a.dimension !== "count" || a.unit === undefined || b.unit === undefined) return true;
  const [nounA = ""] = a.unit.split(" per ");
  const [nounB = ""] = b.unit.split(" per ");
  return nounA.split(" ").at(-1) === nounB.split(" ").at(-1);
}

/**
 * True when two quantities are per the same things: both per a period or neither (any period: rates are kept
 * per second), and per the same things besides ("per seat" is not "per user"; "$20" is not "$20 a month").
 */
function samePer(a: Per | undefined, b: Per | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (a.time === undefined) === (b.time === undefined) && a.of.join(" ") === b.of.join(" ");
}

/** The bounds the claim wrote, before "about" widened them: "~1,000" is [900, 1,100] but states 1,000. */
export function statedBounds(q: Quantity): { low: number; high: number } {
  if (q.qualifier !== "approximate") return { low: q.min, high: q.max };
  if (q.dimension === "date")
    return { low: q.min + APPROXIMATE_DATE_DAYS, high: q.max - APPROXIMATE_DATE_DAYS };
  return {
    low: round(q.min / (1 - APPROXIMATE_TOLERANCE)),
    high: round(q.max / (1 + APPROXIMATE_TOLERANCE)),
  };
}

const NUMBER_FORMAT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

function formatDuration(ms: number): string {
  // prettier-ignore
  const units: Array<[number, string, string]> = [
    [7 * DAY_MS, "week", "weeks"], [DAY_MS, "day", "days"], [3_600_000, "h", "h"], [60_000, "min", "min"],
    [1000, "s", "s"], [1, "ms", "ms"],
  ];
  for (const [size, one, many] of units) {
    const count = ms / size;
    if (count >= 1 && Number.isInteger(round(count * 100)))
      return `${NUMBER_FORMAT.format(count)} ${count === 1 ? one : many}`;
  }
  return `${NUMBER_FORMAT.format(ms)} ms`;
}

function formatBytes(bytes: number): string {
  // prettier-ignore
  const units: Array<[number, string]> = [[1e15, "PB"], [1e12, "TB"], [1e9, "GB"], [1e6, "MB"], [1e3, "kB"], [1, "B"]];
  for (const [size, name] of units) if (bytes >= size) return `${NUMBER_FORMAT.format(bytes / size)} ${name}`;
  return `${NUMBER_FORMAT.format(bytes)} B`;
}

function formatValue(q: Quantity, stored: number, withUnit: boolean): string {
  const value = q.per?.time ? round(stored * q.per.time.seconds) : stored;
  // Counts carry their "per" in the noun ("requests per second"); the rest name it after the value.
  const per = q.per && q.dimension !== "count" && withUnit ? ` per ${perWords(q.per)}` : "";
  return formatPlain(q, value, withUnit) + per;
}

function perWords(per: Per): string {
  return [...per.of, ...(per.time ? [per.time.name] : [])].join(" per ");
}

function formatPlain(q: Quantity, value: number, withUnit: boolean): string {
  switch (q.dimension) {
    case "date":
      return isoFromDay(value);
    case "duration":
      return formatDuration(value);
    case "percent":
      return `${NUMBER_FORMAT.format(value)}%`;
    case "data":
      return formatBytes(value);
    case "money":
      return withUnit && q.unit ? `${NUMBER_FORMAT.format(value)} ${q.unit}` : NUMBER_FORMAT.format(value);
    case "count":
      return withUnit && q.unit
        ? `${NUMBER_FORMAT.format(value)} ${value === 1 ? q.unit : plural(q.unit)}`
        : NUMBER_FORMAT.format(value);
  }
}

/** The values a quantity allows, in words: "exactly 10,000 concurrent users", "on or before 2026-02-15". */
export function describeQuantity(q: Quantity): string {
  const date = q.dimension === "date";
  const value = (n: number) => formatValue(q, n, true);
  if (q.qualifier === "unlimited") return q.unit ? `no limit on ${plural(q.unit)}` : "no limit";
  if (q.min === q.max) return date ? `on ${value(q.min)}` : `exactly ${value(q.min)}`;
  if (q.max === Infinity) {
    if (date) return `on or after ${value(q.min)}`;
    return `${q.minInclusive ? "at least" : "more than"} ${value(q.min)}`;
  }
  if (q.min === -Infinity || (q.min === 0 && q.minInclusive && q.qualifier === "at-most")) {
    if (date) return `on or before ${value(q.max)}`;
    return `${q.maxInclusive ? "at most" : "less than"} ${value(q.max)}`;
  }
  // Counts and money name their unit once, at the end ("900 to 1,100 users"); other units repeat ("1 s to 2 s").
  const repeats = q.dimension !== "count" && q.dimension !== "money";
  const span = (low: number, high: number, withUnit: boolean) =>
    `${formatValue(q, low, repeats)} to ${formatValue(q, high, withUnit || repeats)}`;
  if (q.qualifier !== "approximate") {
    return q.maxInclusive ? span(q.min, q.max, true) : span(q.min, q.max, true).replace(" to ", " to under ");
  }
  const stated = statedBounds(q);
  const about = stated.low === stated.high ? value(stated.low) : span(stated.low, stated.high, true);
  return `about ${about} (${span(q.min, q.max, false)})`;
}
