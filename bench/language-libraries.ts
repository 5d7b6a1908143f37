// `npm run bench:language`: the claim quantity parser against the language libraries it could lean
// on, on the parser's own test corpus (src/engine/quantity.corpus.ts). Each library is asked what it reads in
// every case within its reach, its answer is mapped to the parser's interval form, and the reading is scored
// correct, wrong or not read, per dimension and per wording, with the time it took. The parser is scored the
// same way. Writes bench/results-language.json and the measured section of docs/language.md.
// Measured, never asserted.
//
// Environment (optional):
//   BENCH_LANGUAGE_ROUNDS   timed passes over the corpus per reader (default 20; 3 more warm up)
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import type { ItsFunction, Tokens } from "wink-nlp";
import {
  intersections,
  noQuantity,
  READINGS,
  singulars,
  TODAY,
  type CorpusTable,
  type Expected,
} from "../src/engine/quantity.corpus.ts";
import {
  APPROXIMATE_DATE_DAYS,
  APPROXIMATE_TOLERANCE,
  dayFromIso,
  DIMENSIONS,
  intersects,
  isoFromDay,
  parseQuantity,
  singular,
  type Dimension,
  type Quantity,
} from "../src/engine/quantity.ts";
import { isIsoDate } from "../src/domain/primitives.ts";
import { fmtMs, log, round, summarize, type Summary } from "./stats.ts";

const ROUNDS = Number(process.env.BENCH_LANGUAGE_ROUNDS ?? 20);
const WARMUP = 3;
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const DAY_MS = 86_400_000;

// ── The corpus ───────────────────────────────────────────────────────────────────────────────────────────

/** What a reader reports: the parser's interval form, without its wording (qualifier, evidence). */
type Reading = Pick<Quantity, "dimension" | "min" | "max" | "minInclusive" | "maxInclusive"> & {
  unit?: string;
};

/**
 * The interval a case allows, in full. The corpus asserts only what each test needs ("must not be more than
 * 2 s" states its upper end), so the unstated end is completed from the case itself: a one-sided case (a
 * negated comparative, or `at-least` / `at-most`) is open on the other side, from 0 (or −∞ for a date) or to
 * ∞; any other case that states one end is the point. Cases that state only a unit are not interval cases.
 */
interface Target {
  dimension: Dimension;
  min: number;
  max: number;
  /** Checked only where the corpus states it and the end is finite: ∞ being included is a convention. */
  minInclusive?: boolean;
  maxInclusive?: boolean;
  /** Checked for money only (the currency); a count's noun is scored on its own, below. */
  unit?: string;
  /** The values the claim wrote, before "about" widened them: what a reader that loses the bound still gets. */
  stated: number[];
}

type Tag =
  | "bounds & comparatives"
  | "negated comparatives"
  | "ranges"
  | "approximations"
  | "unlimited"
  | "number words"
  | "rates";

interface Case {
  table: string;
  text: string;
  expected: Expected;
  /** Null for a text that states no quantity. */
  target: Target | null;
  tags: Tag[];
}

const APPROXIMATE = /(?:^|\s)[~≈]|\b(?:about|around|approximately|roughly|or so)\b/iu;
/** Two figures joined by -, – or "to", "between … and", "from … to", "hundreds of": with ISO dates masked. */
const RANGE =
  /\d[kmb]?\s*(?:-|–|to)\s*[$€£]?\d|\d\s*[a-z]+\s+to\s+\d|\bbetween\b|\bfrom\b.*\bto\b|\b(?:tens|hundreds|thousands|dozens) of\b/iu;
const ONE_SIDED_TABLES = new Set(["negatedComparatives"]);

function statedValues(dimension: Dimension, min: number, max: number, approximate: boolean): number[] {
  let [low, high] = [min, max];
  if (approximate && dimension === "date")
    [low, high] = [low + APPROXIMATE_DATE_DAYS, high - APPROXIMATE_DATE_DAYS];
  else if (approximate) [low, high] = [low / (1 - APPROXIMATE_TOLERANCE), high / (1 + APPROXIMATE_TOLERANCE)];
  const values = [low, high].filter((v) => Number.isFinite(v) && !(v === 0 && high > 0));
  return values.filter((v, i) => values.findIndex((w) => same(v, w)) === i);
}

function targetOf(table: string, text: string, e: Expected): Target | null {
  if (e.dimension === undefined || (e.min === undefined && e.max === undefined)) return null;
  const oneSided = ONE_SIDED_TABLES.has(table) || e.qualifier === "at-least" || e.qualifier === "at-most";
  const min = e.min ?? (e.dimension === "date" ? -Infinity : 0);
  const max = e.max ?? (oneSided ? Infinity : min);
  const approximate = e.qualifier === "approximate" || APPROXIMATE.test(text);
  return normalized({
    dimension: e.dimension,
    min,
    max,
    // Whole days: an unstated inclusivity at a finite date is the day itself.
    minInclusive: e.minInclusive ?? (e.dimension === "date" ? true : undefined),
    maxInclusive: e.maxInclusive ?? (e.dimension === "date" ? true : undefined),
    unit: e.dimension === "money" ? e.unit : undefined,
    stated: statedValues(e.dimension, min, max, approximate),
  });
}

/** Dates are whole days: an exclusive finite end becomes the inclusive day next to it. */
function normalized<T extends Pick<Target, "dimension" | "min" | "max" | "minInclusive" | "maxInclusive">>(
  q: T,
): T {
  if (q.dimension !== "date") return q;
  const out = { ...q };
  if (Number.isFinite(out.min) && out.minInclusive === false)
    [out.min, out.minInclusive] = [out.min + 1, true];
  if (Number.isFinite(out.max) && out.maxInclusive === false)
    [out.max, out.maxInclusive] = [out.max - 1, true];
  return out;
}

function tagsOf(table: string, text: string, target: Target | null): Tag[] {
  const tags: Tag[] = [];
  const oneSided =
    target !== null &&
    ((Number.isFinite(target.max) && target.min <= 0) ||
      (target.max === Infinity && Number.isFinite(target.min)));
  if (oneSided) tags.push("bounds & comparatives");
  if (table === "negatedComparatives") tags.push("negated comparatives");
  if (table === "ranges" || RANGE.test(text.replace(/\d{4}-\d{2}(?:-\d{2})?/gu, "D"))) tags.push("ranges");
  if (table === "approximations" || APPROXIMATE.test(text)) tags.push("approximations");
  if (table === "unlimited") tags.push("unlimited");
  if (table === "numberWords") tags.push("number words");
  if (table === "rates") tags.push("rates");
  return tags;
}

const cases: Case[] = [
  ...Object.entries(READINGS as Record<string, CorpusTable>).flatMap(([table, { defaults, cases: rows }]) =>
    rows.map(([text, own]): Case => {
      const expected = { ...defaults, ...own };
      const target = targetOf(table, text, expected);
      return { table, text, expected, target, tags: tagsOf(table, text, target) };
    }),
  ),
  ...noQuantity.map((text): Case => ({ table: "noQuantity", text, expected: {}, target: null, tags: [] })),
];
const readingCases = cases.filter((c) => c.target !== null || c.table === "noQuantity");

// ── Readers ──────────────────────────────────────────────────────────────────────────────────────────────

interface Reader {
  name: string;
  /** npm packages, for the version and installed size. */
  packages: string[];
  /** The dimensions the reader is a candidate for; it is scored on those cases and on texts with none. */
  dimensions: readonly Dimension[];
  /** Loads the library (its modules, its model) and returns what it reads. */
  load(): Promise<Loaded>;
}

interface Loaded {
  read(text: string): Reading | null;
  /** The head noun of what a count counts (of a phrase, or of one word), where the reader can say. */
  noun?(text: string, isWord: boolean): string | undefined;
  /** Whether the reader marks any word of the text as negated. */
  negates?(text: string): boolean;
}

const REFERENCE = new Date(`${TODAY}T12:00:00`);
const point = (dimension: Dimension, value: number, unit?: string): Reading => ({
  dimension,
  min: value,
  max: value,
  minInclusive: true,
  maxInclusive: true,
  ...(unit === undefined ? {} : { unit }),
});
const day = (year: number, month: number, date: number) => Date.UTC(year, month - 1, date) / DAY_MS;

const plumbline: Reader = {
  name: "Plumbline parser",
  packages: [],
  dimensions: DIMENSIONS,
  load: async () => ({
    read: (text) => parseQuantity(text, { today: TODAY }),
    noun: (text, isWord) => (isWord ? singular(text) : headNoun(parseQuantity(text, { today: TODAY })?.unit)),
  }),
};

const headNoun = (unit: string | undefined) => unit?.split(" per ")[0]?.split(" ").at(-1);

/**
 * Microsoft Recognizers-Text, English: its date-time, currency, dimension, percentage and number models. The
 * earliest result wins, then the longest, then in that order of models. The JavaScript port has no number-range
 * model (the .NET one has), so a figure carries no bound unless the date-time model gives one
 * (`Mod`: more, less, before, after, since).
 */
const recognizers: Reader = {
  name: "Recognizers-Text",
  packages: ["@microsoft/recognizers-text-suite"],
  dimensions: DIMENSIONS,
  load: async () => {
    const R = await import("@microsoft/recognizers-text-suite");
    type Result = ReturnType<typeof R.recognizeNumber>[number];
    const EN = R.Culture.English;
    // Recognizers names currencies; these are the ones the corpus writes, by the symbol's usual reading.
    const CURRENCIES: Record<string, string> = { Dollar: "USD", Euro: "EUR", Pound: "GBP" };
    // prettier-ignore
    const BYTES: Record<string, number> = {
      Bit: 1 / 8, Kilobit: 1e3 / 8, Megabit: 1e6 / 8, Gigabit: 1e9 / 8, Terabit: 1e12 / 8, Petabit: 1e15 / 8,
      Byte: 1, Kilobyte: 1e3, Megabyte: 1e6, Gigabyte: 1e9, Terabyte: 1e12, Petabyte: 1e15,
    };
    const isoDay = (iso: unknown) => (typeof iso === "string" && isIsoDate(iso) ? dayFromIso(iso) : NaN);
    const fromDateTime = (r: Result): Reading | null => {
      // A date without a year resolves both ways (last year's, this year's); the last is the coming one.
      const value = (r.resolution?.values as Array<Record<string, string | undefined>> | undefined)?.at(-1);
      if (!value) return null;
      if (value.type === "date") {
        const d = isoDay(value.value);
        return Number.isNaN(d) ? null : point("date", d, "day");
      }
      if (value.type === "daterange") {
        // Ranges are [start, end): the end is the first day after.
        const min = value.start === undefined ? -Infinity : isoDay(value.start);
        const max = value.end === undefined ? Infinity : isoDay(value.end) - 1;
        if (Number.isNaN(min) || Number.isNaN(max)) return null;
        return { dimension: "date", min, max, minInclusive: true, maxInclusive: true, unit: "day" };
      }
      if (value.type === "duration") {
        const ms = Number(value.value) * 1000;
        if (!Number.isFinite(ms)) return null;
        if (value.Mod === "more")
          return {
            dimension: "duration",
            min: ms,
            max: Infinity,
            minInclusive: false,
            maxInclusive: true,
            unit: "ms",
          };
        if (value.Mod === "less")
          return {
            dimension: "duration",
            min: 0,
            max: ms,
            minInclusive: true,
            maxInclusive: false,
            unit: "ms",
          };
        return point("duration", ms, "ms");
      }
      return null; // times of day, sets ("daily"): not a dimension the engine compares
    };
    const fromCurrency = (r: Result): Reading | null => {
      const value = Number(r.resolution?.value);
      if (r.resolution?.value == null || !Number.isFinite(value)) return null;
      const unit = String(
        r.resolution.isoCurrency ?? CURRENCIES[String(r.resolution.unit)] ?? r.resolution.unit,
      );
      return point("money", value, unit);
    };
    const fromDimension = (r: Result): Reading | null => {
      const factor = BYTES[String(r.resolution?.unit)];
      const value = Number(r.resolution?.value);
      return factor === undefined || !Number.isFinite(value) ? null : point("data", value * factor, "B");
    };
    const fromPercentage = (r: Result): Reading | null => {
      const value = Number.parseFloat(String(r.resolution?.value));
      return Number.isFinite(value) ? point("percent", value, "%") : null;
    };
    const fromNumber = (r: Result): Reading | null => {
      const value = Number(r.resolution?.value);
      return r.resolution?.value == null || !Number.isFinite(value) ? null : point("count", value);
    };
    const read = (text: string): Reading | null => {
      const found: Array<{ start: number; length: number; order: number; reading: Reading }> = [];
      const models: Array<[Result[], (r: Result) => Reading | null]> = [
        [R.recognizeDateTime(text, EN, undefined, REFERENCE), fromDateTime],
        [R.recognizeCurrency(text, EN), fromCurrency],
        [R.recognizeDimension(text, EN), fromDimension],
        [R.recognizePercentage(text, EN), fromPercentage],
        [R.recognizeNumber(text, EN), fromNumber],
      ];
      models.forEach(([results, map], order) => {
        for (const r of results) {
          const reading = map(r);
          if (reading) found.push({ start: r.start, length: r.end - r.start + 1, order, reading });
        }
      });
      found.sort((a, b) => a.start - b.start || b.length - a.length || a.order - b.order);
      return found[0]?.reading ?? null;
    };
    return { read };
  },
};

/**
 * chrono-node, for dates: the first date it finds, read forward from today (a month without a year is the
 * coming one, as in the parser). A result with an end is that range; one with a known day is the day, a known
 * month the month, a known year the year. A time of day alone is not a date.
 */
const chronoNode: Reader = {
  name: "chrono-node",
  packages: ["chrono-node"],
  dimensions: ["date"],
  load: async () => {
    const chrono = await import("chrono-node");
    type Components = ReturnType<typeof chrono.parse>[number]["start"];
    const dayOf = (c: Components) => day(c.get("year") ?? 0, c.get("month") ?? 1, c.get("day") ?? 1);
    const lastDayOf = (c: Components) =>
      c.isCertain("day")
        ? dayOf(c)
        : c.isCertain("month")
          ? day(c.get("year") ?? 0, (c.get("month") ?? 1) + 1, 1) - 1
          : day((c.get("year") ?? 0) + 1, 1, 1) - 1;
    const firstDayOf = (c: Components) =>
      c.isCertain("day")
        ? dayOf(c)
        : c.isCertain("month")
          ? day(c.get("year") ?? 0, c.get("month") ?? 1, 1)
          : c.isCertain("year")
            ? day(c.get("year") ?? 0, 1, 1)
            : dayOf(c);
    const read = (text: string): Reading | null => {
      for (const result of chrono.parse(text, REFERENCE, { forwardDate: true })) {
        const { start, end } = result;
        const dated = start.isCertain("day") || start.isCertain("month") || start.isCertain("year");
        if (!dated && start.isCertain("hour")) continue;
        const min = firstDayOf(start);
        const max = end ? lastDayOf(end) : dated ? lastDayOf(start) : min;
        return { dimension: "date", min, max, minInclusive: true, maxInclusive: true, unit: "day" };
      }
      return null;
    };
    return { read };
  },
};

/**
 * js-quantities converts units; it reads no sentences. Each figure and the one or two words after it (digits
 * with their thousands separators taken out) are handed to it, and the first that is a time or an amount of
 * information is the reading, in milliseconds or bytes. It carries no bound.
 */
const jsQuantities: Reader = {
  name: "js-quantities",
  packages: ["js-quantities"],
  dimensions: ["duration", "data"],
  load: async () => {
    const { default: Qty } = await import("js-quantities");
    const FIGURE = /(\d+(?:,\d{3})*(?:\.\d+)?)\s*-?\s*([a-zµ]+(?:\/[a-z]+)?)(?:\s+([a-z]+))?/giu;
    const read = (text: string): Reading | null => {
      for (const [, figure = "", first = "", second] of text.matchAll(FIGURE)) {
        const value = figure.replaceAll(",", "");
        for (const words of second ? [`${first} ${second}`, first] : [first]) {
          const q = Qty.parse(`${value} ${words}`);
          if (q?.kind() === "time") return point("duration", q.to("ms").scalar, "ms");
          if (q?.kind() === "information") return point("data", q.to("B").scalar, "B");
        }
      }
      return null;
    };
    return { read };
  },
};

/**
 * wink-nlp with its English lite model, for negation and lemmas. Negation: where wink marks words as negated,
 * its cue (the word before the marked run) is taken out, the parser reads the rest with its own comparatives,
 * and a bound it reads is turned around ("never more than 2 s": "more than 2 s", so at most 2 s). Where wink
 * marks nothing, the reading is the parser's. So it measures wink's negation in place of the parser's negation
 * vocabulary, everything else being the parser. Nouns: the lemma of the last noun of the first run of nouns
 * after the figure (the last noun of the text when there is no figure), or of the word alone.
 */
const winkNlp: Reader = {
  name: "wink-nlp",
  packages: ["wink-nlp", "wink-eng-lite-web-model"],
  dimensions: DIMENSIONS,
  load: async () => {
    const { default: winkNLP } = await import("wink-nlp");
    const { default: model } = await import("wink-eng-lite-web-model");
    const nlp = winkNLP(model);
    const its = nlp.its;
    // One property of every token. wink's declarations give `its.lemma` a signature `out` does not accept.
    const column = <T>(tokens: Tokens, property: unknown) => tokens.out(property as ItsFunction<T>) as T[];
    const noun = (text: string, isWord: boolean): string | undefined => {
      const tokens = nlp.readDoc(text).tokens();
      const [pos, lemmas] = [column<string>(tokens, its.pos), column<string>(tokens, its.lemma)];
      if (isWord) return lemmas.at(-1);
      const isNoun = (i: number) => pos[i] === "NOUN" || pos[i] === "PROPN";
      const figure = pos.indexOf("NUM");
      let i = figure < 0 ? -1 : pos.findIndex((_, k) => k > figure && isNoun(k));
      if (i < 0) return lemmas.filter((_, k) => isNoun(k)).at(-1);
      while (isNoun(i + 1)) i += 1;
      return lemmas[i];
    };
    const parse = (text: string) => parseQuantity(text, { today: TODAY });
    const negates = (text: string) =>
      column<boolean>(nlp.readDoc(text).tokens(), its.negationFlag).some(Boolean);
    const read = (text: string): Reading | null => {
      const tokens = nlp.readDoc(text).tokens();
      const words = tokens.out();
      const spaces = column<string>(tokens, its.precedingSpaces);
      const negated = column<boolean>(tokens, its.negationFlag);
      if (!negated.some(Boolean)) return parse(text);
      const cue = (i: number) => !negated[i] && negated[i + 1] === true;
      const bare = parse(words.map((w, i) => (cue(i) ? "" : `${spaces[i] ?? ""}${w}`)).join(""));
      return bare && isOneSided(bare) ? turnedAround(bare) : bare;
    };
    return { read, noun, negates };
  },
};

const isOneSided = (q: Reading) =>
  (q.max === Infinity && Number.isFinite(q.min)) || (Number.isFinite(q.max) && q.min <= 0 && q.min !== q.max);

/** "Not more than a" is at most a, "not less than a" at least a; an open date end stays exclusive. */
function turnedAround(q: Reading): Reading {
  const date = q.dimension === "date";
  if (q.max === Infinity)
    return {
      ...q,
      min: date ? -Infinity : 0,
      minInclusive: !date,
      max: q.min,
      maxInclusive: !q.minInclusive,
    };
  return { ...q, min: q.max, minInclusive: !q.maxInclusive, max: Infinity, maxInclusive: !date };
}

const READERS = [plumbline, recognizers, chronoNode, jsQuantities, winkNlp];

// ── Scoring ──────────────────────────────────────────────────────────────────────────────────────────────

type Outcome = "correct" | "wrong" | "not read";

function same(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function sameValues(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v) => b.some((w) => same(v, w)));
}

/** The outcome, and for a wrong reading on the right dimension whether it still has the figures the claim wrote. */
function score(c: Case, reading: Reading | null): { outcome: Outcome; valueRight: boolean } {
  const t = c.target;
  if (t === null) return { outcome: reading === null ? "correct" : "wrong", valueRight: false };
  if (reading === null) return { outcome: "not read", valueRight: false };
  const r = normalized(reading);
  if (r.dimension !== t.dimension || (t.unit !== undefined && r.unit !== t.unit))
    return { outcome: "wrong", valueRight: false };
  const inclusive = (stated: boolean | undefined, end: number, read: boolean) =>
    stated === undefined || !Number.isFinite(end) || stated === read;
  const correct =
    same(r.min, t.min) &&
    same(r.max, t.max) &&
    inclusive(t.minInclusive, t.min, r.minInclusive) &&
    inclusive(t.maxInclusive, t.max, r.maxInclusive);
  if (correct) return { outcome: "correct", valueRight: true };
  return {
    outcome: "wrong",
    valueRight: sameValues(statedValues(r.dimension, r.min, r.max, false), t.stated),
  };
}

interface Tally {
  cases: number;
  correct: number;
  wrong: number;
  notRead: number;
  /** Of the wrong: on the right dimension with the figures the claim wrote, but not the interval. */
  wrongValueRight: number;
}
const emptyTally = (): Tally => ({ cases: 0, correct: 0, wrong: 0, notRead: 0, wrongValueRight: 0 });
function add(tally: Tally, outcome: Outcome, valueRight = false): void {
  tally.cases += 1;
  if (outcome === "correct") tally.correct += 1;
  else if (outcome === "wrong") tally.wrong += 1;
  else tally.notRead += 1;
  if (outcome === "wrong" && valueRight) tally.wrongValueRight += 1;
}

const ROWS = [
  ...DIMENSIONS,
  "bounds & comparatives",
  "negated comparatives",
  "ranges",
  "approximations",
  "unlimited",
  "number words",
  "rates",
  "no quantity",
  "all readings",
  "pairs: agree or conflict",
  "counted nouns",
] as const;
type Row = (typeof ROWS)[number];

const ROW_NOTES: Record<Row, string> = {
  count: "counts (the number; the noun is scored under counted nouns)",
  duration: "durations, in milliseconds",
  percent: "percentages",
  date: "dates and periods, in whole days",
  money: "money, with its currency",
  data: "data sizes, in bytes",
  "bounds & comparatives": "one-sided: at least, up to, under, by, after… (any dimension)",
  "negated comparatives": "never more than, must not exceed, not below…",
  ranges: "between a and b, a–b, a to b, hundreds of…",
  approximations: "about, around, ~, or so: ±10%, a week for a date",
  unlimited: "unlimited, no limit, any number of",
  "number words": "ten, a dozen, half an hour…",
  rates: "per seat, /s, a month, per user per month: a rate in time read per second",
  "no quantity": "texts that state none: correct is reading nothing",
  "all readings": "every case above (each once)",
  "pairs: agree or conflict": "whether two claims can both hold, from both readings",
  "counted nouns": "the head noun a count counts, in the singular",
};

/** A case the reader did not get right: what it should read, and what it read. */
interface Miss {
  text: string;
  outcome: Exclude<Outcome, "correct">;
  expected: string | null;
  read: string | null;
  /** Wrong, but with the figures the claim wrote. */
  valueRight?: true;
}

interface NounResult {
  text: string;
  expected: string | undefined;
  read: string | undefined;
  outcome: Outcome;
}

interface ReaderResult {
  name: string;
  packages: Array<{ name: string; version: string; installedKb: number }>;
  dimensions: readonly Dimension[];
  /** Importing the library and building its model, ms. */
  loadMs: number;
  /** The first reading after loading (grammars compiled on first use), ms. */
  firstReadMs: number;
  /** Per case, the median of ROUNDS timed passes, µs. */
  perCaseUs: Summary;
  rows: Partial<Record<Row, Tally>>;
  misses: Miss[];
  /** The nouns it did not get right. */
  nouns?: NounResult[];
  /** Where the reader marks negation: in how many of the negated comparatives, and which other texts. */
  negation?: { negatedComparativesMarked: number; negatedComparatives: number; otherCasesMarked: string[] };
}

/** "count [900, 1100]", "date [2026-03-01, ∞)": an interval as the results file writes it. */
function interval(q: Reading | Target | null): string | null {
  if (q === null) return null;
  const end = (v: number) =>
    !Number.isFinite(v) ? (v > 0 ? "∞" : "−∞") : q.dimension === "date" ? isoFromDay(v) : String(v);
  const unit = q.unit === undefined || q.dimension === "date" ? "" : ` ${q.unit}`;
  // A date's open end is open; ∞ is a value elsewhere ("at least 5,000" is [5000, ∞]).
  const open = (v: number, inclusive: boolean | undefined) =>
    inclusive === false || (q.dimension === "date" && !Number.isFinite(v));
  return `${q.dimension} ${open(q.min, q.minInclusive) ? "(" : "["}${end(q.min)}, ${end(q.max)}${open(q.max, q.maxInclusive) ? ")" : "]"}${unit}`;
}

function inScope(reader: Reader, c: Case): boolean {
  return c.target === null || reader.dimensions.includes(c.target.dimension);
}

async function measure(reader: Reader): Promise<ReaderResult> {
  log(`${reader.name}…`);
  const loadStart = performance.now();
  const { read, noun, negates } = await reader.load();
  const loadMs = performance.now() - loadStart;
  const scoped = readingCases.filter((c) => inScope(reader, c));
  const firstStart = performance.now();
  read(scoped[0]!.text);
  const firstReadMs = performance.now() - firstStart;

  const rows: Partial<Record<Row, Tally>> = {};
  const tally = (row: Row) => (rows[row] ??= emptyTally());
  const misses: Miss[] = [];
  for (const c of scoped) {
    const reading = read(c.text);
    const { outcome, valueRight } = score(c, reading);
    if (outcome !== "correct")
      misses.push({
        text: c.text,
        outcome,
        expected: interval(c.target),
        read: interval(reading),
        ...(valueRight ? { valueRight } : {}),
      });
    for (const row of [c.target?.dimension ?? "no quantity", ...c.tags, "all readings"] as Row[])
      add(tally(row), outcome, valueRight);
  }

  // Pairs: both claims read, then the parser's own intersection rule on the two readings.
  for (const [a, b, expected] of intersections) {
    const dimension = parseQuantity(a, { today: TODAY })?.dimension;
    if (dimension === undefined || !reader.dimensions.includes(dimension)) continue;
    const [ra, rb] = [read(a), read(b)];
    const asQuantity = (r: Reading): Quantity => ({ ...r, qualifier: "exact", text: "" });
    add(
      tally("pairs: agree or conflict"),
      ra === null || rb === null
        ? "not read"
        : intersects(asQuantity(ra), asQuantity(rb)) === expected
          ? "correct"
          : "wrong",
    );
  }

  const nouns: NounResult[] = [];
  if (noun) {
    for (const { text, expected, isWord } of nounCases) {
      const read = noun(text, isWord);
      const outcome = read === expected ? "correct" : read === undefined ? "not read" : "wrong";
      add(tally("counted nouns"), outcome);
      nouns.push({ text, expected, read, outcome });
    }
  }

  const negation = negates && {
    negatedComparativesMarked: cases.filter((c) => c.table === "negatedComparatives" && negates(c.text))
      .length,
    negatedComparatives: cases.filter((c) => c.table === "negatedComparatives").length,
    otherCasesMarked: cases
      .filter((c) => c.table !== "negatedComparatives" && negates(c.text))
      .map((c) => c.text),
  };

  for (let i = 0; i < WARMUP; i++) for (const c of scoped) read(c.text);
  const times = scoped.map(() => [] as number[]);
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    scoped.forEach((c, i) => {
      const start = performance.now();
      read(c.text);
      times[i]!.push((performance.now() - start) * 1000);
    });
  }
  const perCase = times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!);

  return {
    name: reader.name,
    packages: reader.packages.map((name) => ({
      name,
      version: versionOf(name),
      installedKb: installedKb(name),
    })),
    dimensions: reader.dimensions,
    loadMs: round(loadMs, 1),
    firstReadMs: round(firstReadMs, 1),
    perCaseUs: summarize(perCase),
    rows,
    misses,
    ...(nouns.length > 0 ? { nouns: nouns.filter((n) => n.outcome !== "correct") } : {}),
    ...(negation ? { negation } : {}),
  };
}

/** Count cases that name their noun (or assert there is none), and the parser's singular table. */
const nounCases: Array<{ text: string; expected: string | undefined; isWord: boolean }> = [
  ...cases
    .filter((c) => c.expected.dimension === "count" && "unit" in c.expected)
    .map((c) => ({ text: c.text, expected: headNoun(c.expected.unit), isWord: false })),
  ...singulars.map(([word, expected]) => ({ text: word, expected, isWord: true })),
];

// ── Packages ─────────────────────────────────────────────────────────────────────────────────────────────

const modules = here("../node_modules");
const manifest = (name: string) =>
  JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")) as {
    version: string;
    dependencies?: Record<string, string>;
  };
const versionOf = (name: string) => manifest(name).version;

function directoryBytes(path: string): number {
  return readdirSync(path, { withFileTypes: true }).reduce((total, entry) => {
    const full = join(path, entry.name);
    if (entry.isDirectory()) return total + directoryBytes(full);
    return total + (entry.isFile() ? statSync(full).size : 0);
  }, 0);
}

/** On disk with everything it depends on (as installed here, hoisted), KiB. */
function installedKb(name: string): number {
  const seen = new Set<string>();
  const visit = (pkg: string) => {
    if (seen.has(pkg)) return;
    seen.add(pkg);
    for (const dep of Object.keys(manifest(pkg).dependencies ?? {})) visit(dep);
  };
  visit(name);
  return Math.round([...seen].reduce((t, pkg) => t + directoryBytes(join(modules, pkg)), 0) / 1024);
}

// ── Run and report ───────────────────────────────────────────────────────────────────────────────────────

const results: ReaderResult[] = [];
for (const reader of READERS) results.push(await measure(reader));

const cell = (t: Tally | undefined) => (t === undefined ? "—" : `${t.correct} / ${t.wrong} / ${t.notRead}`);
const caseCount = (row: Row) => Math.max(...results.map((r) => r.rows[row]?.cases ?? 0));
const header = `| | cases | ${results.map((r) => r.name).join(" | ")} |`;
const rule = `| --- | ---: | ${results.map(() => "---").join(" | ")} |`;
const table = [
  header,
  rule,
  ...ROWS.map(
    (row) => `| ${row} | ${caseCount(row)} | ${results.map((r) => cell(r.rows[row])).join(" | ")} |`,
  ),
];
const valueRight = [
  `| | ${results.map((r) => r.name).join(" | ")} |`,
  `| --- | ${results.map(() => "---").join(" | ")} |`,
  ...ROWS.filter(
    (row) => row !== "pairs: agree or conflict" && row !== "counted nouns" && row !== "no quantity",
  ).map(
    (row) =>
      `| ${row} | ${results.map((r) => (r.rows[row] ? `${r.rows[row].wrongValueRight} of ${r.rows[row].wrong}` : "—")).join(" | ")} |`,
  ),
];
const timing = [
  "| | version | installed | load | first reading | per case (mean) | per case (p99) |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
  ...results.map((r) => {
    const kb = r.packages.reduce((t, p) => t + p.installedKb, 0);
    const version = r.packages.map((p) => `${p.name} ${p.version}`).join(", ") || "—";
    const size = r.packages.length ? `${(kb / 1024).toFixed(1)} MiB` : "—";
    const load = r.packages.length ? fmtMs(r.loadMs) : "—";
    return `| ${r.name} | ${version} | ${size} | ${load} | ${fmtMs(r.firstReadMs)} | ${fmtMs(r.perCaseUs.mean / 1000)} | ${fmtMs(r.perCaseUs.p99 / 1000)} |`;
  }),
];

const at = new Date().toISOString().slice(0, 10);
const machine = { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg() };
const resultsPath = here("./results-language.json");
mkdirSync(dirname(resultsPath), { recursive: true });
const json = JSON.stringify(
  {
    at,
    machine,
    today: TODAY,
    rounds: ROUNDS,
    rows: Object.fromEntries(ROWS.map((row) => [row, ROW_NOTES[row]])),
    cases: cases.map((c) => ({ table: c.table, text: c.text, tags: c.tags, expected: interval(c.target) })),
    readers: results,
  },
  // JSON has no Infinity: an open end in a summary is written "Infinity".
  (_, value: unknown) => (typeof value === "number" && !Number.isFinite(value) ? String(value) : value),
);
const formatted = async (text: string, path: string) =>
  prettier.format(text, { ...((await prettier.resolveConfig(path)) ?? {}), filepath: path });
writeFileSync(resultsPath, await formatted(json, resultsPath));

const machineLine = `${machine.cpus} cores, Node ${machine.node}, load ${machine.loadavg.map((l) => l.toFixed(2)).join(" / ")}`;
const section = [
  "<!-- language-libraries:start (written by bench/language-libraries.ts) -->",
  "",
  `Measured by \`npm run bench:language\` on ${at} (${machineLine}), on the ${readingCases.length} interval and no-quantity cases, ${intersections.length} pairs and ${nounCases.length} nouns of \`src/engine/quantity.corpus.ts\`, read as of ${TODAY}. Each cell is **correct / wrong / not read**; — where the library is not a candidate for that row. Every miss, with what was expected and what was read, in \`bench/results-language.json\`.`,
  "",
  ...table,
  "",
  "Of the wrong readings, how many still had the figures the claim wrote (the right dimension and value, the bound, range or tolerance lost):",
  "",
  ...valueRight,
  "",
  `Cost: installed size with dependencies, importing the library and loading its model, its first reading, and per case the median of ${ROUNDS} timed passes (after ${WARMUP} warm-up passes) over the cases it was scored on.`,
  "",
  ...timing,
  "",
  "<!-- language-libraries:end -->",
].join("\n");
const docPath = here("../docs/language.md");
const doc = readFileSync(docPath, "utf8");
const marked = /<!-- language-libraries:start[\s\S]*?<!-- language-libraries:end -->/u;
const next = marked.test(doc) ? doc.replace(marked, section) : `${doc.trimEnd()}\n\n${section}\n`;
writeFileSync(docPath, await formatted(next, docPath));

log("");
log(table.join("\n"));
log("");
log(timing.join("\n"));
log(`\nwrote bench/results-language.json and the measured section of docs/language.md`);
