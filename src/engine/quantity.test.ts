// Table tests for the claim quantity parser: what each wording allows, and texts that state no quantity.
// The tables are in quantity.corpus.ts, which bench/language-libraries.ts scores other readers on too.
import { describe, expect, it } from "vitest";
import {
  approximations,
  bounds,
  counts,
  rates,
  dataSizes,
  dates,
  datesWithoutYear,
  durations,
  intersections,
  money,
  negatedComparatives,
  noQuantity,
  numberWords,
  openEndedDates,
  percentages,
  plainComparatives,
  ranges,
  singulars,
  TODAY,
  unlimited,
  type CorpusTable,
  type Expected,
} from "./quantity.corpus.ts";
import {
  comparable,
  dayFromIso,
  describeQuantity,
  intersects,
  parseQuantities,
  parseQuantity,
  singular,
  statedBounds,
} from "./quantity.ts";

const day = dayFromIso;

function expectParsed(text: string, expected: Expected): void {
  const quantity = parseQuantity(text, { today: TODAY });
  expect(quantity, text).not.toBeNull();
  expect(quantity, text).toMatchObject(expected);
}

/** Each case of the table, read as of TODAY, with the table's defaults under the case's own fields. */
const readsAsStated =
  ({ defaults }: CorpusTable) =>
  (text: string, expected: Expected) =>
    expectParsed(text, { ...defaults, ...expected });

describe("parseQuantity: counts", () => {
  it.each(counts.cases)("%s", readsAsStated(counts));
});

describe("parseQuantity: approximations allow ±10%", () => {
  it.each(approximations.cases)("%s", readsAsStated(approximations));
});

describe("parseQuantity: bounds", () => {
  it.each(bounds.cases)("%s", readsAsStated(bounds));
});

describe("parseQuantity: negated comparatives bound the other way", () => {
  it.each(negatedComparatives.cases)("%s", readsAsStated(negatedComparatives));

  // Without a negation, the comparative keeps its own direction.
  it.each(plainComparatives.cases)("%s (not negated)", readsAsStated(plainComparatives));
});

describe("parseQuantity: data sizes in bytes", () => {
  it.each(dataSizes.cases)("%s", readsAsStated(dataSizes));
});

describe("parseQuantity: rates and per-unit quantities", () => {
  it.each(rates.cases)("%s", readsAsStated(rates));

  it.each([
    ["1,000 events/min", "exactly 1,000 events per minute"],
    ["$20 per user per month", "exactly 20 USD per user per month"],
    ["100 MB/s", "exactly 100 MB per second"],
    ["at least 4 hours per week", "at least 4 h per week"],
  ])("describes %j per the period it was written per", (text, words) => {
    expect(describeQuantity(parseQuantity(text)!)).toBe(words);
  });
});

describe("parseQuantity: ranges", () => {
  it.each(ranges.cases)("%s", readsAsStated(ranges));
});

describe("parseQuantity: unlimited is the point ∞", () => {
  it.each(unlimited.cases)("%s", (text, { unit }) => {
    const quantity = parseQuantity(text);
    expect(quantity).toMatchObject(unlimited.defaults);
    expect(quantity?.unit).toBe(unit);
  });
});

describe("parseQuantity: number words", () => {
  it.each(numberWords.cases)("%s", readsAsStated(numberWords));
});

describe("parseQuantity: durations in milliseconds", () => {
  it.each(durations.cases)("%s", readsAsStated(durations));
});

describe("parseQuantity: percentages", () => {
  it.each(percentages.cases)("%s", readsAsStated(percentages));
});

describe("parseQuantity: money", () => {
  it.each(money.cases)("%s", readsAsStated(money));
});

describe("parseQuantity: dates as days since 1970-01-01", () => {
  it.each(dates.cases)("%s", readsAsStated(dates));

  it.each(openEndedDates.cases)("%s is open-ended", readsAsStated(openEndedDates));

  it.each(datesWithoutYear.cases)("%s takes its year from today (%#)", readsAsStated(datesWithoutYear));

  it("resolves a month without a year to the coming one once this year's is well past", () => {
    expect(parseQuantity("by March", { today: "2026-11-20" })).toMatchObject({ max: day("2027-03-31") });
    expect(parseQuantity("by September", { today: "2026-11-20" })).toMatchObject({ max: day("2026-09-30") });
  });

  it("does not read a month without a year when there is no today to anchor it", () => {
    expect(parseQuantity("by March")).toBeNull();
    expect(parseQuantity("Q2")).toBeNull();
  });
});

describe("parseQuantity: texts that state no quantity", () => {
  it.each(noQuantity)("%j", (text) => {
    expect(parseQuantity(text, { today: TODAY })).toBeNull();
  });
});

describe("parseQuantities", () => {
  it("reads every quantity, in order", () => {
    const found = parseQuantities("Support 3 languages and 10,000 users by Q2 2026", { today: TODAY });
    expect(found.map((q) => [q.dimension, q.min, q.unit])).toEqual([
      ["count", 3, "language"],
      ["count", 10_000, "user"],
      ["date", -Infinity, "day"],
    ]);
  });

  it("keeps the words it read as evidence", () => {
    expect(
      parseQuantities("We need to handle ~1,000 concurrent users comfortably").map((q) => q.text),
    ).toEqual(["~1,000 concurrent users"]);
  });

  it("does not run a sentence's last number into the next sentence", () => {
    expect(parseQuantities("10,000 users. 2 regions").map((q) => q.min)).toEqual([10_000, 2]);
  });
});

describe("intersects", () => {
  const q = (text: string) => parseQuantity(text, { today: TODAY })!;
  it.each(intersections)("%s ∩ %s → %s", (a, b, expected) => {
    expect(intersects(q(a), q(b))).toBe(expected);
    expect(intersects(q(b), q(a))).toBe(expected);
  });

  it("never intersects across dimensions", () => {
    expect(intersects(q("2 seconds"), q("2000 users"))).toBe(false);
  });
});

describe("comparable", () => {
  const q = (text: string) => parseQuantity(text)!;
  it.each([
    ["10,000 concurrent users", "1,000 users", true],
    ["10,000 users", "1,000", true],
    ["10,000 users", "3 regions", false],
    ["100 requests per second", "100 requests per minute", true],
    ["$20 per seat", "$20 per month", false],
    ["$20", "$20 a month", false],
    ["5 requests per second per user", "5 requests per second", false],
    ["100 MB/s", "1 GB", false],
    ["$5", "€5", false],
    ["2 seconds", "3 minutes", true],
  ])("%s ~ %s → %s", (a, b, expected) => expect(comparable(q(a), q(b))).toBe(expected));
});

describe("describeQuantity and statedBounds", () => {
  it.each([
    ["The system must support 10,000 concurrent users", "exactly 10,000 concurrent users"],
    ["~1,000 concurrent users", "about 1,000 concurrent users (900 to 1,100)"],
    ["unlimited concurrent users", "no limit on concurrent users"],
    ["at least 5,000 users", "at least 5,000 users"],
    ["under 200 ms", "less than 200 ms"],
    ["1 to 2 seconds", "1 s to 2 s"],
    ["thousands of users", "1,000 to under 10,000 users"],
    ["by 2026-02-15", "on or before 2026-02-15"],
    ["in March 2026", "2026-03-01 to 2026-03-31"],
    ["after March 2026", "on or after 2026-04-01"],
    ["99.9%", "exactly 99.9%"],
  ])("%s → %s", (text, words) => expect(describeQuantity(parseQuantity(text)!)).toBe(words));

  it("recovers the stated value from an approximation", () => {
    expect(statedBounds(parseQuantity("~1,000 users")!)).toEqual({ low: 1000, high: 1000 });
    expect(statedBounds(parseQuantity("up to 2,000 users")!)).toEqual({ low: 0, high: 2000 });
  });
});

describe("singular", () => {
  it.each(singulars)("%s → %s", (word, expected) => expect(singular(word)).toBe(expected));
});
