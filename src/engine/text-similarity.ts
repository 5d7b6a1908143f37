// How alike free texts are (stemmed TF-IDF vectors and cosine similarity) and the facets that decide whether they can both be true.
import { stemmer } from "stemmer";
import type { IsoDate } from "../domain/primitives.ts";
import { TextCache } from "./memo.ts";
import { parseQuantities, type Quantity } from "./quantity.ts";

// ---------------------------------------------------------------------------------------------------------
// Tokens

/**
 * English function words plus the filler of status writing ("still", "this week", "again"), which two
 * unrelated updates share as easily as two related ones. Negations are here too: similarity is about the
 * topic, and whether something is denied or resolved is read separately.
 */
// prettier-ignore
const STOP_WORDS: ReadonlySet<string> = new Set([
  "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
  "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "cannot",
  "could", "did", "do", "does", "doing", "down", "during", "each", "either", "else", "even", "ever", "every",
  "few", "for", "from", "further", "get", "gets", "got", "had", "has", "have", "having", "he", "her", "here",
  "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
  "just", "least", "less", "let", "lets", "like", "may", "me", "might", "more", "most", "much", "must", "my",
  "myself", "near", "need", "needed", "needs", "neither", "no", "nor", "not", "now", "of", "off", "on", "once",
  "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "per", "quite", "rather",
  "really", "same", "shall", "she", "should", "since", "so", "some", "still", "such", "than", "that", "the",
  "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through",
  "thus", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what",
  "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
  "without", "would", "yet", "you", "your", "yours", "yourself", "yourselves",
  "currently", "day", "days", "lot", "month", "months", "thing", "things", "time", "today",
  "tomorrow", "twice", "week", "weeks", "yesterday",
]);

/**
 * Spellings of one idea that differ in spaces, hyphens or a split phrasal verb, folded to one word before
 * splitting: otherwise "Self-serve signup" and "teams sign themselves up" share no term at all.
 */
const COMPOUNDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bself[\s-]*serv(?:e|es|ed|ing|ice)\b/g, "selfserve"],
  [
    /\bsign(?:s|ed|ing)?(?:\s+(?:themselves|themself|ourselves|yourself|yourselves|myself|them|us))?[\s-]*up\b/g,
    "signup",
  ],
  [/\blog(?:s|ged|ging)?[\s-]*in\b/g, "login"],
  [/\bon[\s-]+board/g, "onboard"],
  [/\bset(?:s|ting)?[\s-]+up\b/g, "setup"],
  [/\bcheck(?:s|ed|ing)?[\s-]+out\b/g, "checkout"],
  [/\be[\s-]mail/g, "email"],
  // Something that "went down" had an outage; "down" alone ("down to 3", "scaled down") is a stop word.
  [/\b(?:go|goes|went|gone|going|is|was|were|are|been|being|be)\s+down\b/g, "outage"],
];

/**
 * Words status notes use for one idea, folded to one term after stemming so that a concern reworded keeps its
 * terms: "staging outages", "an unstable staging env" and "staging was unavailable" are one worry. Kept to
 * what notes about work say again and again (availability, slowness, blocking, bugs) and to the short forms
 * engineers write; each entry maps a word (as written, lower-cased) to the term it stands for.
 */
// prettier-ignore
const SYNONYMS: Readonly<Record<string, string>> = {
  // availability
  outage: "outage", outages: "outage", downtime: "outage", unavailable: "outage", unavailability: "outage",
  unstable: "outage", instability: "outage", flaky: "outage", flakiness: "outage", offline: "outage",
  unreachable: "outage", crash: "outage", crashes: "outage", crashed: "outage", crashing: "outage",
  // slowness
  slow: "slow", slowness: "slow", sluggish: "slow", latency: "slow", laggy: "slow", lag: "slow",
  // blocked work
  blocked: "block", blocker: "block", blockers: "block", blocking: "block", stuck: "block",
  // defects
  bug: "bug", bugs: "bug", defect: "bug", defects: "bug", regression: "bug", regressions: "bug",
  // short forms
  env: "environment", envs: "environment", environments: "environment", prod: "production",
  perf: "performance", db: "database", dbs: "database", infra: "infrastructure", auth: "authentication",
  config: "configuration", configs: "configuration", deps: "dependency", repo: "repository",
  k8s: "kubernetes", docs: "documentation", doc: "documentation", reqs: "requirement", qa: "quality",
};

/** Multipliers glued to digits: "10k", "1.5m", "2bn". Apart from a number these letters mean nothing. */
const GLUED_SCALES: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 };
/** Multipliers written after a number: "2 thousand". */
const SCALE_WORDS: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, billion: 1e9 };

/** Duration units in milliseconds, so "1.4 s", "1400ms" and "1.4 seconds" become one term. */
// prettier-ignore
const DURATIONS_MS: Readonly<Record<string, number>> = {
  ms: 1, msec: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
};

const PERCENT_UNITS: ReadonlySet<string> = new Set(["%", "percent", "pct"]);

const RAW_TOKEN =
  /(\d{4}-\d{2}-\d{2})(?!\d)|(\d+(?:,\d{3})*(?:\.\d+)?)([a-z]+)?|([a-z][a-z0-9]*)(?:'[a-z]+)?|(%)/g;

type RawToken = { kind: "number"; value: number; unit: string } | { kind: "word" | "date"; text: string };

/** Lower-cased text with diacritics, curly quotes and compound spellings folded. */
function normalize(text: string): string {
  let result = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2010-\u2015]/g, "-");
  for (const [pattern, replacement] of COMPOUNDS) result = result.replace(pattern, replacement);
  return result;
}

function rawTokens(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  for (const [, date, number, glued, word, percent] of normalize(text).matchAll(RAW_TOKEN)) {
    if (date !== undefined) tokens.push({ kind: "date", text: date });
    else if (number !== undefined) {
      const scale = glued === undefined ? undefined : GLUED_SCALES[glued];
      tokens.push({ kind: "number", value: Number(number.replace(/,/g, "")) * (scale ?? 1), unit: "" });
      // Any other glued letters are a unit ("500ms", "8s") and fold in like a written one.
      if (glued !== undefined && scale === undefined) tokens.push({ kind: "word", text: glued });
    } else tokens.push({ kind: "word", text: word ?? percent ?? "" });
  }
  return tokens;
}

/** Folds a scale word and a unit that follow a number into it: "2 thousand" → 2000, "1.4 s" → "1400ms". */
function foldUnits(tokens: RawToken[]): RawToken[] {
  const folded: RawToken[] = [];
  for (const token of tokens) {
    const previous = folded.at(-1);
    if (token.kind === "word" && previous?.kind === "number" && previous.unit === "") {
      const scale = SCALE_WORDS[token.text];
      const duration = DURATIONS_MS[token.text];
      if (scale !== undefined) {
        previous.value *= scale;
        continue;
      }
      if (duration !== undefined) {
        previous.value *= duration;
        previous.unit = "ms";
        continue;
      }
      if (PERCENT_UNITS.has(token.text)) {
        previous.unit = "%";
        continue;
      }
    }
    folded.push(token.kind === "number" ? { ...token } : token);
  }
  return folded;
}

function numberTerm(value: number, unit: string): string {
  return `${Number(value.toPrecision(12))}${unit}`;
}

/**
 * The terms a text is compared on: lower-cased words without stop words, stemmed (Porter), with numbers
 * kept and their units normalised ("10k users" → "10000", "user"; "1.4 s" → "1400ms"; "90 %" → "90%").
 */
export function tokenize(text: string): string[] {
  return foldUnits(rawTokens(text)).flatMap((token) => {
    if (token.kind === "number") return [numberTerm(token.value, token.unit)];
    if (token.kind === "date") return [token.text];
    if (token.text.length < 2 || STOP_WORDS.has(token.text)) return [];
    return [stemmer(SYNONYMS[token.text] ?? token.text)];
  });
}

const tokenizedTexts = new TextCache<readonly string[]>(20_000);

/** `tokenize`, remembered per text (narratives repeat, and stemming is the costly part); shared, read-only. */
export function readTerms(text: string): readonly string[] {
  return tokenizedTexts.get(text, tokenize);
}

const distinctTerms = new TextCache<readonly string[]>(20_000);

/** The text's terms without repeats. */
function readDistinctTerms(text: string): readonly string[] {
  return distinctTerms.get(text, (t) => [...new Set(readTerms(t))]);
}

// ---------------------------------------------------------------------------------------------------------
// TF-IDF and cosine similarity

/** A text as weighted terms, scaled to unit length so that the cosine of two vectors is their dot product. */
export type TermVector = ReadonlyMap<string, number>;

/** Texts compared against each other: each text's vector, weighted by how rare its terms are in the corpus. */
export interface Corpus {
  readonly texts: readonly string[];
  readonly vectors: readonly TermVector[];
}

/**
 * TF-IDF vectors for a small corpus. The inverse document frequency is smoothed, ln((1 + n) / (1 + df)) + 1,
 * so a term every text shares still counts: with two or three texts the plain ln(n / df) would make the
 * words a paraphrase shares weigh nothing.
 */
export function buildCorpus(texts: readonly string[]): Corpus {
  // Repeated texts count once per copy: each distinct text's terms, times how often the text occurs.
  const copies = new Map<string, number>();
  for (const text of texts) copies.set(text, (copies.get(text) ?? 0) + 1);
  const documentFrequency = new Map<string, number>();
  for (const [text, times] of copies) {
    for (const term of readDistinctTerms(text)) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + times);
    }
  }
  const idf = (term: string) => Math.log((1 + texts.length) / (1 + (documentFrequency.get(term) ?? 0))) + 1;
  const vectorize = (terms: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    return unitLength(new Map([...counts].map(([term, count]) => [term, count * idf(term)])));
  };
  // A text that repeats (a narrative copied from report to report) gets the same vector: one object, built once.
  const byText = new Map<string, TermVector>();
  const vectors = texts.map((text) => {
    let vector = byText.get(text);
    if (vector === undefined) byText.set(text, (vector = vectorize(readTerms(text))));
    return vector;
  });
  return { texts, vectors };
}

function unitLength(weights: Map<string, number>): TermVector {
  const length = Math.hypot(...weights.values());
  if (length === 0) return weights;
  return new Map([...weights].map(([term, weight]) => [term, weight / length]));
}

/** Cosine similarity of two unit vectors: 1 for the same terms in the same proportions, 0 for none shared. */
export function cosineSimilarity(a: TermVector, b: TermVector): number {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  // forEach visits the terms in the same order as for…of over entries, without an entry array per term.
  let dot = 0;
  small.forEach((weight, term) => (dot += weight * (large.get(term) ?? 0)));
  return Math.min(1, dot);
}

/** Similarity of the corpus's texts at positions `i` and `j`. */
export function similarity(corpus: Corpus, i: number, j: number): number {
  const a = corpus.vectors[i];
  const b = corpus.vectors[j];
  return a && b ? cosineSimilarity(a, b) : 0;
}

/** Similarity of the corpus's texts at two positions, as `similarity` gives it. */
export type PairSimilarity = (i: number, j: number) => number;

/**
 * `similarity` over one corpus, each ordered pair of distinct vectors computed once: texts repeat, so two
 * hundred mentions may hold only a few dozen vectors. The same vectors in the same order give the same number.
 */
export function similarityTable(corpus: Corpus): PairSimilarity {
  const slots = new Map<TermVector, number>();
  const slotOf = Int32Array.from(corpus.vectors, (vector) => {
    let slot = slots.get(vector);
    if (slot === undefined) slots.set(vector, (slot = slots.size));
    return slot;
  });
  const size = slots.size;
  // NaN marks a pair not computed yet (a NaN similarity would merely be computed again).
  const known = new Float64Array(size * size).fill(NaN);
  return (i, j) => {
    if (i >= slotOf.length || j >= slotOf.length) return similarity(corpus, i, j);
    const cell = slotOf[i]! * size + slotOf[j]!;
    let value = known[cell]!;
    if (Number.isNaN(value)) known[cell] = value = similarity(corpus, i, j);
    return value;
  };
}

/** Similarity of two texts on their own (a corpus of two). */
export function textSimilarity(a: string, b: string): number {
  return similarity(buildCorpus([a, b]), 0, 1);
}

// ---------------------------------------------------------------------------------------------------------
// Facets

/**
 * An axis along which two statements exclude each other: an offer aimed at small teams is not aimed at
 * enterprises, and a self-serve motion is not a sales-assisted one. Facets off any axis are only described.
 */
export type FacetAxis = "segment" | "role" | "motion" | "stage";

export interface FacetTerm {
  /** A stable id for the facet ("small-business", "enterprise", "self-serve", "seats"). */
  id: string;
  /** How a person would name it. */
  label: string;
  axis: FacetAxis | null;
  pattern: RegExp;
}

const facet = (id: string, label: string, axis: FacetAxis | null, pattern: RegExp): FacetTerm => ({
  id,
  label,
  axis,
  pattern,
});

/** Who an initiative is for. Segments are sizes of customer; roles are kinds of user any segment may have. */
export const AUDIENCE_TERMS: readonly FacetTerm[] = [
  facet("consumers", "consumers", "segment", /\b(?:consumers?|individuals|b2c|households?|personal use)\b/g),
  facet(
    "small-business",
    "small teams and businesses",
    "segment",
    /\b(?:small(?:er)?(?:\s+and\s+medium)?(?:[\s-]+sized?)?\s+(?:teams?|business(?:es)?|compan(?:y|ies)|customers?|orgs?|organi[sz]ations?)|smbs?|smes?|start[\s-]?ups?|freelancers?|solo (?:founders?|users?))\b/g,
  ),
  facet(
    "mid-market",
    "mid-market companies",
    "segment",
    /\bmid[\s-]?(?:market|sized? (?:compan(?:y|ies)|business(?:es)?|customers?|orgs?))\b/g,
  ),
  facet(
    "enterprise",
    "enterprises",
    "segment",
    /\b(?:enterprises?|large (?:compan(?:y|ies)|accounts?|customers?|business(?:es)?|orgs?|organi[sz]ations?)|fortune \d+|corporates?|corporations?)\b/g,
  ),
  facet("developers", "developers", "role", /\b(?:developers?|devs|api users?)\b/g),
  facet("partners", "partners", "role", /(?<!design )\b(?:partners?|resellers?|agencies|integrators?)\b/g),
];

/** What an initiative includes and how it reaches its audience. */
export const SCOPE_TERMS: readonly FacetTerm[] = [
  facet(
    "self-serve",
    "self-serve",
    "motion",
    /\b(?:self[\s-]*serv(?:e|ice)|no sales (?:calls?|conversations?|touch)|without (?:talking to |a )?sales|sign(?:s|ing)? themselves up|product[\s-]led)\b/g,
  ),
  facet(
    "assisted",
    "sales-assisted",
    "motion",
    /\b(?:dedicated (?:onboarding|support|account managers?|success managers?|csms?)|account managers?|white[\s-]glove|sales[\s-](?:led|assisted)|custom contracts?|concierge|hands[\s-]on onboarding)\b/g,
  ),
  facet(
    "limited-release",
    "a limited release",
    "stage",
    /\b(?:beta|pilot|early access|private preview|design partners?|limited release|soft launch|waitlist)\b/g,
  ),
  facet(
    "general-release",
    "general availability",
    "stage",
    /\b(?:general(?:ly)? availab(?:ility|le)|ga|all customers|every customer|everyone|public launch)\b/g,
  ),
  facet("seats", "seats", null, /\bseats?\b/g),
  facet("tiers", "tiers and plans", null, /\b(?:tiers?|plans?)\b/g),
  facet("pricing", "pricing", null, /\b(?:pric(?:e|es|ing)|paid|billing|invoic(?:e|es|ing))\b/g),
  facet("signup", "signup", null, /\b(?:sign[\s-]?ups?|registration|trials?)\b/g),
  facet("checkout", "checkout", null, /\bcheck[\s-]?out\b/g),
  facet("onboarding", "onboarding", null, /\bon[\s-]?board(?:ing)?\b/g),
  facet("support", "support", null, /\bsupport\b/g),
  facet("migration", "migration", null, /\bmigrat(?:e|es|ed|ing|ion)\b/g),
  facet("integration", "integrations and API", null, /\b(?:integrations?|apis?)\b/g),
];

/**
 * Words that deny what follows within three words ("not for enterprises", "excluding partners"), in the same
 * clause: a comma or a "but" ends the denial ("no sales call, small teams buy by card"; "no beta but general
 * availability").
 */
const NEGATION_BEFORE =
  /\b(?:not|no|never|without|except|excluding|nor|non)\b(?:[\s-]+(?!(?:but|while|whereas|although|though|however|yet)\b)[^\s,;.:!?()]+){0,2}[\s-]+$/;
/** "not only", "not just": inclusion that goes further, not a denial. */
const NOT_ONLY_BEFORE = /\bnot (?:only|just|merely)\b/;

export interface FacetMention {
  id: string;
  label: string;
  axis: FacetAxis | null;
  /** The words as written. */
  words: string;
  /** True when the text excludes it ("not for enterprises"). */
  negated: boolean;
}

export interface Facets {
  /** Counts, durations, percentages and money, as intervals (see quantity.ts). */
  numbers: Quantity[];
  /** Dates, as intervals of days; months without a year are read only when `today` is given. */
  dates: Quantity[];
  /** Month names mentioned, lower-cased, whether or not a date could be read from them. */
  months: string[];
  audiences: FacetMention[];
  scope: FacetMention[];
}

export interface FacetOptions {
  /** Resolves dates written without a year ("in February"). */
  today?: IsoDate;
}

// prettier-ignore
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december"] as const;
const MONTH_PATTERN =
  /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/g;

/** The facets a statement commits to: numbers with units, dates and months, audiences, scope. */
export function extractFacets(text: string, options: FacetOptions = {}): Facets {
  const quantities = parseQuantities(text, options.today ? { today: options.today } : {});
  const lower = text.toLowerCase().replace(/[\u2010-\u2015]/g, "-");
  return {
    numbers: quantities.filter((q) => q.dimension !== "date"),
    dates: quantities.filter((q) => q.dimension === "date"),
    months: mentionedMonths(lower),
    audiences: [...mentions(lower, AUDIENCE_TERMS), ...sizedAudiences(lower, quantities)],
    scope: mentions(lower, SCOPE_TERMS),
  };
}

/**
 * Customer size bands by headcount, as analysts draw them: small under 100 people, mid-market 100 to 999,
 * enterprise from 1,000. A size written in numbers ("teams of 5 to 50 people", "companies with 10,000+
 * employees", "200-person firms") names its segment as the segment's own words would.
 */
const SIZE_BANDS: ReadonlyArray<{ id: string; below: number }> = [
  { id: "small-business", below: 100 },
  { id: "mid-market", below: 1000 },
  { id: "enterprise", below: Infinity },
];
const HEADCOUNT_NOUNS = new Set(["person", "people", "employee", "staff", "member", "headcount", "seat"]);
const ORGANISATION = String.raw`(?:teams?|compan(?:y|ies)|business(?:es)?|organi[sz]ations?|orgs?|firms?|customers?|accounts?|start[\s-]?ups?)`;
/** An organisation just before a headcount: "teams of", "companies with more than", "customers under". */
const ORGANISATION_BEFORE = new RegExp(String.raw`\b${ORGANISATION}(?:\s+[a-z]+){0,3}\s*$`);
/** A headcount written as an adjective: "50-person teams", "5-50 person companies". */
const HEADCOUNT_ADJECTIVE = new RegExp(
  String.raw`\b(\d[\d,]*)(?:\s*(?:-|–|to)\s*(\d[\d,]*))?[\s-]+(?:person|people|employee|staff)\s+${ORGANISATION}\b`,
  "g",
);

function sizedAudiences(lower: string, quantities: readonly Quantity[]): FacetMention[] {
  const sized: Array<{ min: number; max: number; words: string; at: number }> = [];
  for (const q of quantities) {
    const noun = q.unit?.split(" per ")[0]?.split(" ").at(-1);
    if (q.dimension !== "count" || q.per || noun === undefined || !HEADCOUNT_NOUNS.has(noun)) continue;
    const found = lower.indexOf(q.text.toLowerCase());
    const window = Math.max(0, found - 40);
    const organisation = found < 0 ? null : ORGANISATION_BEFORE.exec(lower.slice(window, found));
    if (!organisation) continue;
    // A denial reaches the size through its organisation: "not for companies with over 5,000 employees".
    const at = window + organisation.index;
    sized.push({
      min: q.min,
      max: q.maxInclusive ? q.max : q.max - 1,
      words: lower.slice(at, found + q.text.length),
      at,
    });
  }
  for (const match of lower.matchAll(HEADCOUNT_ADJECTIVE)) {
    const low = Number(match[1]!.replace(/,/g, ""));
    const high = match[2] === undefined ? low : Number(match[2].replace(/,/g, ""));
    sized.push({ min: low, max: high, words: match[0], at: match.index });
  }
  return sized.flatMap(({ min, max, words, at }) => {
    const lowBand = SIZE_BANDS.find((band) => min < band.below);
    const highBand = SIZE_BANDS.find((band) => max < band.below || band.below === Infinity);
    // A size that spans bands ("10 to 5,000 employees") names no one segment.
    if (!lowBand || lowBand !== highBand) return [];
    const term = AUDIENCE_TERMS.find((t) => t.id === lowBand.id)!;
    const before = lower.slice(Math.max(0, at - 40), at);
    return [
      {
        id: term.id,
        label: term.label,
        axis: term.axis,
        words,
        negated: NEGATION_BEFORE.test(before) && !NOT_ONLY_BEFORE.test(before),
      },
    ];
  });
}

const facetedTexts = new TextCache<Facets>(5_000);

/** `extractFacets`, remembered per text and day (descriptions rarely change); shared, read-only. */
export function readFacets(text: string, options: FacetOptions = {}): Facets {
  return facetedTexts.get(`${String(options.today)}\u0000${text}`, () => extractFacets(text, options));
}

function mentionedMonths(lower: string): string[] {
  const months = [...lower.matchAll(MONTH_PATTERN)].flatMap(({ 0: word, index }) => {
    // "may" is also a verb: only read it as a month when a day or year follows.
    if (word === "may" && !/^may\s+\d/.test(lower.slice(index))) return [];
    const month = MONTHS.find((name) => name.startsWith(word.slice(0, 3)));
    return month ? [month] : [];
  });
  return [...new Set(months)];
}

function mentions(lower: string, terms: readonly FacetTerm[]): FacetMention[] {
  const found = terms.flatMap((term) =>
    [...lower.matchAll(term.pattern)].map((match) => {
      const before = lower.slice(Math.max(0, match.index - 40), match.index);
      const mention: FacetMention = {
        id: term.id,
        label: term.label,
        axis: term.axis,
        words: match[0],
        negated: NEGATION_BEFORE.test(before) && !NOT_ONLY_BEFORE.test(before),
      };
      return { mention, start: match.index, end: match.index + match[0].length };
    }),
  );
  // A denial covers the list it opens: "not for enterprises or agencies" rules out both.
  const inTextOrder = [...found].sort((a, b) => a.start - b.start);
  for (const [i, current] of inTextOrder.entries()) {
    const previous = inTextOrder[i - 1];
    if (previous?.mention.negated && DENIED_LIST_GAP.test(lower.slice(previous.end, current.start))) {
      current.mention.negated = true;
    }
  }
  return found.map(({ mention }) => mention);
}

/** What joins the items of a denied list: "or", "nor", with or without a comma. */
const DENIED_LIST_GAP = /^,?\s+(?:or|nor)\s+$/;

// ---------------------------------------------------------------------------------------------------------
// Clustering

/**
 * Groups the first `count` texts of a corpus: two texts belong together when their similarity reaches
 * `threshold`, and a group is everything connected through such pairs (single linkage), so a concern that
 * is reworded a little at a time over weeks stays one concern. Groups and their members keep corpus order.
 */
export function clusterBySimilarity(
  corpus: Corpus,
  threshold: number,
  count = corpus.vectors.length,
  similar: PairSimilarity = similarityTable(corpus),
): number[][] {
  const root = Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i]!)));
  const join = (i: number, j: number) => (root[find(j)] = find(i));
  // Texts repeat (a narrative carried from report to report), and the copies of one text share one vector:
  // comparing each distinct vector once, and each copy with the first holder of its vector, links exactly the
  // texts that comparing every pair would (a vector's copies are as alike as the vector is to itself).
  const holders: number[] = [];
  const firstHolder = new Map<TermVector, number>();
  for (let i = 0; i < count; i++) {
    const vector = corpus.vectors[i];
    const first = vector === undefined ? undefined : firstHolder.get(vector);
    if (first === undefined) {
      if (vector !== undefined) firstHolder.set(vector, i);
      holders.push(i);
    } else if (similar(first, i) >= threshold) join(first, i);
  }
  // Two texts can only reach the threshold through a term they share: each distinct vector is compared with
  // the earlier ones that share a term with it (found through each term's holders), and not at all with one
  // already linked to it through others.
  const holdersOfTerm = new Map<string, number[]>();
  const seen = new Int32Array(count).fill(-1);
  for (const b of holders) {
    for (const term of corpus.vectors[b]?.keys() ?? []) {
      const earlier = holdersOfTerm.get(term);
      if (earlier === undefined) {
        holdersOfTerm.set(term, [b]);
        continue;
      }
      for (const a of earlier) {
        if (seen[a] === b) continue;
        seen[a] = b;
        if (find(a) !== find(b) && similar(a, b) >= threshold) join(a, b);
      }
      earlier.push(b);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const group = groups.get(find(i));
    if (group) group.push(i);
    else groups.set(find(i), [i]);
  }
  return [...groups.values()];
}
