// The claim wordings the quantity parser is held to: what each allows, and wordings that state no quantity.
// quantity.test.ts asserts them; bench/language-libraries.ts scores other readers on the same cases.
import { dayFromIso, type Quantity } from "./quantity.ts";

/** The day the corpus is read as of: dates written without a year take theirs from it. */
export const TODAY = "2026-01-15";

const day = dayFromIso;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The fields of a reading a case asserts; fields it leaves out are not checked. */
export type Expected = Partial<Omit<Quantity, "text">> & { text?: string };

/** One table of cases; `defaults` apply to every case of the table, the case's own fields win. */
export interface CorpusTable {
  defaults: Expected;
  cases: Array<[text: string, expected: Expected]>;
}

export const counts: CorpusTable = {
  defaults: { dimension: "count" },
  cases: [
    [
      "The system must support 10,000 concurrent users",
      { min: 10_000, max: 10_000, qualifier: "exact", unit: "concurrent user" },
    ],
    ["10 000 users", { min: 10_000, max: 10_000, unit: "user" }],
    ["10k users", { min: 10_000, max: 10_000, unit: "user" }],
    ["10K users", { min: 10_000, max: 10_000 }],
    ["1.5M requests", { min: 1_500_000, max: 1_500_000, unit: "request" }],
    ["5m users", { min: 5_000_000, max: 5_000_000, unit: "user" }],
    ["10,000 users means growth", { unit: "user" }],
    ["20 sales reps", { unit: "sales rep" }],
    ["1.5 million users", { min: 1_500_000, max: 1_500_000 }],
    ["10 thousand users", { min: 10_000, max: 10_000 }],
    ["2bn events", { min: 2_000_000_000, max: 2_000_000_000, unit: "event" }],
    ["must support 10,000.", { min: 10_000, max: 10_000 }],
    ["10,000 daily active users", { unit: "daily active user" }],
    ["1,000 requests per second", { min: 1000, max: 1000, unit: "request per second" }],
    ["100 requests/s", { unit: "request per second" }],
    ["some 3,000 people", { unit: "person" }],
    ["20 mailboxes", { unit: "mailbox" }],
    ["50 queries", { unit: "query" }],
  ],
};

/** Approximations allow ±10%. */
export const approximations: CorpusTable = {
  defaults: { dimension: "count", qualifier: "approximate", minInclusive: true, maxInclusive: true },
  cases: [
    [
      "We need to handle ~1,000 concurrent users comfortably",
      { min: 900, max: 1100, unit: "concurrent user" },
    ],
    ["about 1,000 users", { min: 900, max: 1100 }],
    ["around 1,000 users", { min: 900, max: 1100 }],
    ["approximately 1,000 users", { min: 900, max: 1100 }],
    ["roughly 1,000 users", { min: 900, max: 1100 }],
    ["≈ 1,000 users", { min: 900, max: 1100 }],
    ["1,000 users or so", { min: 900, max: 1100 }],
    ["about 1,000-2,000 users", { min: 900, max: 2200 }],
  ],
};

export const bounds: CorpusTable = {
  defaults: { dimension: "count" },
  cases: [
    [
      "at least 5,000 users",
      { min: 5000, max: Infinity, minInclusive: true, maxInclusive: true, qualifier: "at-least" },
    ],
    ["a minimum of 5,000 seats", { min: 5000, max: Infinity, minInclusive: true, unit: "seat" }],
    ["minimum of 5,000 seats", { min: 5000, max: Infinity, minInclusive: true }],
    ["5,000+ users", { min: 5000, max: Infinity, minInclusive: true, unit: "user" }],
    ["10k+ users", { min: 10_000, max: Infinity, minInclusive: true }],
    ["5,000 users or more", { min: 5000, max: Infinity, minInclusive: true }],
    ["≥ 5,000 users", { min: 5000, max: Infinity, minInclusive: true }],
    [">= 5,000 users", { min: 5000, max: Infinity, minInclusive: true }],
    ["more than 5,000 users", { min: 5000, max: Infinity, minInclusive: false, qualifier: "at-least" }],
    ["over 5,000 users", { min: 5000, max: Infinity, minInclusive: false }],
    ["> 5,000 users", { min: 5000, max: Infinity, minInclusive: false }],
    [
      "up to 2,000 users",
      { min: 0, max: 2000, minInclusive: true, maxInclusive: true, qualifier: "at-most" },
    ],
    ["at most 2,000 users", { min: 0, max: 2000, maxInclusive: true }],
    ["no more than 3 regions", { min: 0, max: 3, maxInclusive: true, unit: "region" }],
    ["2,000 users max", { min: 0, max: 2000, maxInclusive: true }],
    ["under 2,000 users", { min: 0, max: 2000, maxInclusive: false, qualifier: "at-most" }],
    ["less than 2,000 users", { min: 0, max: 2000, maxInclusive: false }],
    ["fewer than 2,000 users", { min: 0, max: 2000, maxInclusive: false }],
    ["exactly 12 seats", { min: 12, max: 12, qualifier: "exact" }],
  ],
};

/** Negated comparatives bound the other way. */
export const negatedComparatives: CorpusTable = {
  defaults: {},
  cases: [
    ["never more than two seconds", { dimension: "duration", min: 0, max: 2 * SECOND, maxInclusive: true }],
    ["must not be more than 2 s", { dimension: "duration", max: 2 * SECOND, qualifier: "at-most" }],
    ["should never exceed 500 ms", { dimension: "duration", max: 500, maxInclusive: true }],
    ["does not exceed 3 regions", { dimension: "count", max: 3, unit: "region" }],
    ["not above 5 GB", { dimension: "data", max: 5e9, maxInclusive: true }],
    ["is not over 10,000 users", { dimension: "count", max: 10_000, maxInclusive: true }],
    ["never less than 99.9%", { dimension: "percent", min: 99.9, max: Infinity, minInclusive: true }],
    ["not below 1,000 users", { dimension: "count", min: 1000, minInclusive: true, qualifier: "at-least" }],
    ["must not be fewer than 3 regions", { dimension: "count", min: 3, minInclusive: true }],
    ["will never be slower than 2 s", { dimension: "duration", max: 2 * SECOND }],
    ["must not take longer than 2 minutes", { dimension: "duration", max: 2 * MINUTE, maxInclusive: true }],
    ["an export never uses more than 4 GB", { dimension: "data", max: 4e9 }],
  ],
};

/** Without a negation, the comparative keeps its own direction. */
export const plainComparatives: CorpusTable = {
  defaults: {},
  cases: [
    ["more than two seconds", { dimension: "duration", min: 2 * SECOND, max: Infinity, minInclusive: false }],
    ["above 5 GB", { dimension: "data", min: 5e9, max: Infinity }],
    ["below 1,000 users", { dimension: "count", min: 0, max: 1000, maxInclusive: false }],
  ],
};

/** Data sizes in bytes; KiB, MiB… count by 1,024. */
export const dataSizes: CorpusTable = {
  defaults: { dimension: "data" },
  cases: [
    ["2 GB", { min: 2e9, max: 2e9, unit: "B" }],
    ["500 MB of memory", { min: 5e8, max: 5e8 }],
    ["at least 1.5 TB", { min: 1.5e12, max: Infinity }],
    ["up to 512 MiB", { min: 0, max: 512 * 2 ** 20 }],
    ["10 kilobytes", { min: 1e4, max: 1e4 }],
  ],
};

const perSecond = { of: [], time: { name: "second", seconds: 1 } };
/** A value written per a period, as the parser keeps it: per second, to twelve significant digits. */
const perSecondOf = (value: number, seconds: number) => Number((value / seconds).toPrecision(12));
const MONTH_SECONDS = (365 * DAY) / 12 / SECOND;
const perMonthOf = (...of: string[]) => ({ of, time: { name: "month", seconds: MONTH_SECONDS } });

/**
 * Rates and per-unit quantities: what a value is per ("per seat", "/s", "a month", "per user per month").
 * A rate in time is read per second, whatever period it was written per.
 */
export const rates: CorpusTable = {
  defaults: {},
  cases: [
    ["100 MB/s", { dimension: "data", min: 1e8, max: 1e8, unit: "B", per: perSecond }],
    [
      "10 GB per day",
      {
        dimension: "data",
        min: perSecondOf(1e10, 86_400),
        per: { of: [], time: { name: "day", seconds: 86_400 } },
      },
    ],
    [
      "1,000 requests per second",
      { dimension: "count", min: 1000, max: 1000, unit: "request per second", per: perSecond },
    ],
    ["60,000 events per hour", { dimension: "count", min: 16.6666666667, unit: "event per hour" }],
    ["1,000 events/min", { dimension: "count", min: 16.6666666667, unit: "event per minute" }],
    [
      "5 requests per second per user",
      { unit: "request per second per user", per: { of: ["user"], time: { name: "second", seconds: 1 } } },
    ],
    [
      "$20 per user per month",
      { dimension: "money", unit: "USD", min: perSecondOf(20, MONTH_SECONDS), per: perMonthOf("user") },
    ],
    ["£200 per seat", { dimension: "money", min: 200, max: 200, unit: "GBP", per: { of: ["seat"] } }],
    ["$50 a month", { dimension: "money", per: perMonthOf() }],
    [
      "at most 3 times a week",
      { dimension: "count", min: 0, max: perSecondOf(3, 7 * 86_400), unit: "time per week" },
    ],
    ["4 hours per week", { dimension: "duration", min: perSecondOf(4 * HOUR, 7 * 86_400) }],
  ],
};

export const ranges: CorpusTable = {
  defaults: { dimension: "count", minInclusive: true },
  cases: [
    [
      "between 1,000 and 2,000 users",
      { min: 1000, max: 2000, qualifier: "range", unit: "user", text: "between 1,000 and 2,000 users" },
    ],
    ["1,000-2,000 users", { min: 1000, max: 2000, unit: "user" }],
    ["1,000–2,000 users", { min: 1000, max: 2000 }],
    ["1,000 to 2,000 users", { min: 1000, max: 2000 }],
    ["from 1,000 to 10,000 users", { min: 1000, max: 10_000 }],
    ["1-2k users", { min: 1000, max: 2000 }],
    ["500-2k users", { min: 500, max: 2000 }],
    ["thousands of users", { min: 1000, max: 10_000, maxInclusive: false, unit: "user" }],
    ["tens of thousands of users", { min: 10_000, max: 100_000, maxInclusive: false }],
    ["hundreds of customers", { min: 100, max: 1000, maxInclusive: false, unit: "customer" }],
    ["dozens of teams", { min: 24, max: 144, maxInclusive: false }],
  ],
};

/** Unlimited is the point [∞, ∞]; the unit is asserted even when there is none (`unit: undefined`). */
export const unlimited: CorpusTable = {
  defaults: { dimension: "count", min: Infinity, max: Infinity, qualifier: "unlimited" },
  cases: [
    ["The system handles unlimited concurrent users", { unit: "concurrent user" }],
    ["no limit on the number of users", { unit: "user" }],
    ["there is no limit", { unit: undefined }],
    ["infinite seats", { unit: "seat" }],
    ["any number of users", { unit: "user" }],
    ["an unlimited number of projects", { unit: "project" }],
    ["scales without limits", { unit: undefined }],
  ],
};

export const numberWords: CorpusTable = {
  defaults: {},
  cases: [
    ["ten", { dimension: "count", min: 10, max: 10 }],
    ["two seconds", { dimension: "duration", min: 2 * SECOND, max: 2 * SECOND }],
    ["ninety-nine point nine percent", { dimension: "percent", min: 99.9, max: 99.9 }],
    ["ninety nine point nine five percent", { dimension: "percent", min: 99.95, max: 99.95 }],
    ["two point five seconds", { dimension: "duration", min: 2.5 * SECOND, max: 2.5 * SECOND }],
    ["a thousand users", { dimension: "count", min: 1000, unit: "user" }],
    ["a million", { dimension: "count", min: 1_000_000 }],
    ["a dozen regions", { dimension: "count", min: 12, unit: "region" }],
    ["a dozen", { dimension: "count", min: 12 }],
    ["two dozen", { dimension: "count", min: 24 }],
    ["twenty-five users", { dimension: "count", min: 25 }],
    ["one hundred and fifty users", { dimension: "count", min: 150 }],
    ["ten thousand users", { dimension: "count", min: 10_000 }],
    ["half a million users", { dimension: "count", min: 500_000 }],
    ["one region", { dimension: "count", min: 1, unit: "region" }],
    ["within a second", { dimension: "duration", min: 0, max: SECOND }],
    ["less than a minute", { dimension: "duration", max: MINUTE, maxInclusive: false }],
    ["half an hour", { dimension: "duration", min: 30 * MINUTE, max: 30 * MINUTE }],
  ],
};

const durationCases: Array<[string, number, number]> = [
  ["2 seconds", 2 * SECOND, 2 * SECOND],
  ["2000 ms", 2 * SECOND, 2 * SECOND],
  ["2,000 milliseconds", 2 * SECOND, 2 * SECOND],
  ["2s", 2 * SECOND, 2 * SECOND],
  ["2 sec", 2 * SECOND, 2 * SECOND],
  ["1.5 secs", 1.5 * SECOND, 1.5 * SECOND],
  ["5 min", 5 * MINUTE, 5 * MINUTE],
  ["5 minutes", 5 * MINUTE, 5 * MINUTE],
  ["3 hours", 3 * HOUR, 3 * HOUR],
  ["2h", 2 * HOUR, 2 * HOUR],
  ["2.5 hrs", 2.5 * HOUR, 2.5 * HOUR],
  ["7 days", 7 * DAY, 7 * DAY],
  ["2 weeks", 14 * DAY, 14 * DAY],
  ["30-day trial", 30 * DAY, 30 * DAY],
  ["2 business days", 2 * DAY, 2 * DAY],
  ["1 to 2 seconds", SECOND, 2 * SECOND],
  ["1-2 s", SECOND, 2 * SECOND],
  ["500 ms to 2 s", 500, 2 * SECOND],
  ["p95 latency under 300 ms", 0, 300],
  ["respond within 2 seconds", 0, 2 * SECOND],
  ["2 seconds max", 0, 2 * SECOND],
  ["in under 2 seconds", 0, 2 * SECOND],
  ["around 2 s", 1.8 * SECOND, 2.2 * SECOND],
];

/** Durations in milliseconds. */
export const durations: CorpusTable = {
  defaults: { dimension: "duration", unit: "ms" },
  cases: durationCases.map(([text, min, max]) => [text, { min, max }]),
};

export const percentages: CorpusTable = {
  defaults: { dimension: "percent", unit: "%" },
  cases: [
    ["99.9%", { min: 99.9, max: 99.9 }],
    ["99.9 % uptime", { min: 99.9, max: 99.9 }],
    ["99.9 percent", { min: 99.9, max: 99.9 }],
    ["99.9 per cent", { min: 99.9, max: 99.9 }],
    ["three nines", { min: 99.9, max: 99.9 }],
    ["4 nines", { min: 99.99, max: 99.99 }],
    ["at least 99.95% uptime", { min: 99.95, max: Infinity }],
    ["error rate below 0.1%", { min: 0, max: 0.1, maxInclusive: false }],
    ["10-20%", { min: 10, max: 20 }],
  ],
};

export const money: CorpusTable = {
  defaults: { dimension: "money" },
  cases: [
    ["$50k", { min: 50_000, max: 50_000, unit: "USD" }],
    ["a budget of €1.5M", { min: 1_500_000, unit: "EUR" }],
    ["50,000 USD", { min: 50_000, unit: "USD" }],
    ["£200 per seat", { min: 200, unit: "GBP" }],
    ["up to $2M", { min: 0, max: 2_000_000, unit: "USD" }],
    ["$1M-$2M", { min: 1_000_000, max: 2_000_000, unit: "USD" }],
  ],
};

/** Dates as days since 1970-01-01, read as of TODAY. */
export const dates: CorpusTable = {
  defaults: { dimension: "date", minInclusive: true, maxInclusive: true },
  cases: [
    ["2026-03-01", { min: day("2026-03-01"), max: day("2026-03-01"), qualifier: "exact" }],
    ["March 1, 2026", { min: day("2026-03-01"), max: day("2026-03-01") }],
    ["Mar 1 2026", { min: day("2026-03-01"), max: day("2026-03-01") }],
    ["1 March 2026", { min: day("2026-03-01"), max: day("2026-03-01") }],
    ["the 1st of March 2026", { min: day("2026-03-01"), max: day("2026-03-01") }],
    [
      "Launch in March 2026",
      { min: day("2026-03-01"), max: day("2026-03-31"), qualifier: "range", text: "March 2026" },
    ],
    ["2026-03", { min: day("2026-03-01"), max: day("2026-03-31") }],
    ["Q2 2026", { min: day("2026-04-01"), max: day("2026-06-30") }],
    ["2026 Q4", { min: day("2026-10-01"), max: day("2026-12-31") }],
    ["H2 2026", { min: day("2026-07-01"), max: day("2026-12-31") }],
    ["in the second half of 2026", { min: day("2026-07-01"), max: day("2026-12-31") }],
    ["in 2026", { min: day("2026-01-01"), max: day("2026-12-31") }],
    ["Launch 2026", { min: day("2026-01-01"), max: day("2026-12-31") }],
    ["between March and May 2026", { min: day("2026-03-01"), max: day("2026-05-31") }],
    ["from 2026-03-01 to 2026-03-10", { min: day("2026-03-01"), max: day("2026-03-10") }],
    ["around March 15, 2026", { min: day("2026-03-08"), max: day("2026-03-22"), qualifier: "approximate" }],
    ["at the end of Q2 2026", { min: day("2026-06-30"), max: day("2026-06-30") }],
    ["at the start of March 2026", { min: day("2026-03-01"), max: day("2026-03-01") }],
  ],
};

/** Dates bounded on one side only. */
export const openEndedDates: CorpusTable = {
  defaults: { dimension: "date" },
  cases: [
    [
      "launch by 2026-02-15",
      { min: -Infinity, max: day("2026-02-15"), qualifier: "at-most", text: "by 2026-02-15" },
    ],
    ["no later than June 30, 2026", { min: -Infinity, max: day("2026-06-30") }],
    ["by the end of Q2 2026", { min: -Infinity, max: day("2026-06-30") }],
    ["before May 2026", { min: -Infinity, max: day("2026-04-30") }],
    ["until March 2026", { min: -Infinity, max: day("2026-03-31") }],
    ["after March 2026", { min: day("2026-04-01"), max: Infinity, qualifier: "at-least" }],
    ["from March 2026", { min: day("2026-03-01"), max: Infinity }],
    ["on or after 2026-04-01", { min: day("2026-04-01"), max: Infinity }],
    ["since 2026-04-01", { min: day("2026-04-01"), max: Infinity }],
  ],
};

/** Dates written without a year, which take theirs from TODAY. */
export const datesWithoutYear: CorpusTable = {
  defaults: { dimension: "date" },
  cases: [
    ["by March", { min: -Infinity, max: day("2026-03-31") }],
    ["in March", { min: day("2026-03-01"), max: day("2026-03-31") }],
    ["on 1st March", { min: day("2026-03-01"), max: day("2026-03-01") }],
    ["sometime in Q3", { min: day("2026-07-01"), max: day("2026-09-30") }],
    ["by EOY", { min: -Infinity, max: day("2026-12-31") }],
    ["by the end of the year", { min: -Infinity, max: day("2026-12-31") }],
    ["next quarter", { min: day("2026-04-01"), max: day("2026-06-30") }],
  ],
};

/** Texts that state no quantity: numbers that are names, ranks, times of day, or not numbers at all. */
export const noQuantity: string[] = [
  "The system should scale well",
  "We need to handle lots of users",
  "",
  "24/7 support",
  "phase 2 rollout",
  "version 3",
  "tier 1 customers",
  "p95 latency must be good",
  "one of the regions",
  "no one has sized it",
  "two-factor authentication",
  "a second region later",
  "launch at 9am",
  "meet at 10:30",
  "May we launch early?",
  "march forward",
  "released on 2026-02-30",
  "the 2nd release",
  "make it 10x faster",
  "top 10 customers",
  "HTTP 500 errors must be rare",
];

/** Every table of readings, by name, in the order the test states them. */
export const READINGS = {
  counts,
  approximations,
  bounds,
  negatedComparatives,
  plainComparatives,
  dataSizes,
  rates,
  ranges,
  unlimited,
  numberWords,
  durations,
  percentages,
  money,
  dates,
  openEndedDates,
  datesWithoutYear,
} satisfies Record<string, CorpusTable>;

/** Pairs of claims and whether some value satisfies both (read as of TODAY). */
export const intersections: Array<[a: string, b: string, expected: boolean]> = [
  ["2 seconds", "2000 ms", true],
  ["10k users", "10,000 users", true],
  ["10,000 users", "~1,000 users", false],
  ["10,000 users", "unlimited users", false],
  ["at least 5,000 users", "unlimited users", true],
  ["up to 2,000 users", "unlimited users", false],
  ["10,000 users", "at least 5,000 users", true],
  ["2,000 users", "up to 2,000 users", true],
  ["2,000 users", "under 2,000 users", false],
  ["more than 2,000 users", "up to 2,000 users", false],
  ["in March 2026", "2026-03-15", true],
  ["in March 2026", "by 2026-02-15", false],
  ["after March 2026", "by 2026-04-01", true],
  ["before March 2026", "2026-03-01", false],
  ["about 1,000 users", "1,080 users", true],
  ["never more than two seconds", "within 2 s", true],
  ["never more than 2 s", "at least 5 s", false],
  ["1 GB", "1,000 MB", true],
  ["at most 512 MB", "at least 2 GB", false],
  ["not above 5 GB", "4,000 MB", true],
  ["1,000 events/min", "60,000 events per hour", true],
  ["$20 per user per month", "$240 per user per year", true],
  ["100 requests per second", "100 requests per minute", false],
  ["100 MB/s", "1 GB/s", false],
  ["up to 5 GB per day", "150 GB a month", true],
];

/** Counted nouns and their singular, as a count's unit names them. */
export const singulars: Array<[word: string, singular: string]> = [
  ["users", "user"],
  ["queries", "query"],
  ["boxes", "box"],
  ["addresses", "address"],
  ["status", "status"],
  ["people", "person"],
  ["ms", "ms"],
];
