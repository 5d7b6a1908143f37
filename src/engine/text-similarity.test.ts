// Unit tests for text similarity: tokens, TF-IDF cosine (paraphrases high, unrelated low), clustering and facets.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildCorpus,
  clusterBySimilarity,
  cosineSimilarity,
  extractFacets,
  similarity,
  textSimilarity,
  tokenize,
  type Corpus,
} from "./text-similarity.ts";

describe("tokenize", () => {
  it.each([
    [
      "lower-cases, drops stop words and stems",
      "The Teams are onboarding users",
      ["team", "onboard", "user"],
    ],
    ["folds glued scales into numbers", "10k users, 2.5M rows", ["10000", "user", "2500000", "row"]],
    [
      "folds written scales and thousands separators",
      "2 thousand seats or 1,500 seats",
      ["2000", "seat", "1500", "seat"],
    ],
    [
      "normalises durations to milliseconds",
      "p95 1.4 s, then 500ms, then 2 minutes",
      ["p95", "1400ms", "500ms", "120000ms"],
    ],
    ["keeps percentages", "90% complete, 5 percent left", ["90%", "complet", "5%", "left"]],
    ["keeps ISO dates whole", "Load test run 2026-01-29", ["load", "test", "run", "2026-01-29"]],
    [
      "joins compound spellings",
      "Self serve sign-up; teams sign themselves up",
      ["selfserv", "signup", "team", "signup"],
    ],
    [
      "folds words status notes use for one idea, and short forms",
      "The staging env went down; flaky and unstable again",
      ["stage", "environ", "outag", "outag", "outag"],
    ],
    [
      "reads 'down' as an outage only after a verb of being or going",
      "We scaled down to 3 nodes",
      ["scale", "3", "node"],
    ],
  ])("%s", (_, text, terms) => {
    expect(tokenize(text)).toEqual(terms);
  });
});

describe("textSimilarity", () => {
  it.each([
    ["Self-serve signup for small teams", "Small teams sign themselves up"],
    ["Load tests fail at 2,000 users", "The system falls over under load above 2k users"],
    ["p95 latency is 1.4 s under load", "Under load the p95 latency reaches 1400 ms"],
    [
      "Onboarding capacity is not ready before the campaign",
      "The campaign starts before onboarding capacity is ready",
    ],
    ["the staging environment went down", "staging outages again"],
    ["an unstable staging env", "staging was unavailable"],
  ])("scores the paraphrases %j and %j high", (a, b) => {
    expect(textSimilarity(a, b)).toBeGreaterThanOrEqual(0.4);
  });

  it.each([
    ["Self-serve signup for small teams", "An enterprise tier with unlimited seats and dedicated onboarding"],
    ["Staging was down twice this week", "Billing integration landed early"],
    ["Load tests fail at 2,000 users", "The docs site theme looks dated"],
  ])("scores the unrelated %j and %j low", (a, b) => {
    expect(textSimilarity(a, b)).toBeLessThan(0.1);
  });

  it("is 1 for the same text and symmetric", () => {
    expect(textSimilarity("Load tests fail", "load TESTS failing")).toBeCloseTo(1);
    const corpus = buildCorpus(["Load tests fail at 2,000 users", "Load tests still fail"]);
    expect(cosineSimilarity(corpus.vectors[0]!, corpus.vectors[1]!)).toBeCloseTo(
      cosineSimilarity(corpus.vectors[1]!, corpus.vectors[0]!),
    );
  });

  it("is 0 when a text has no content words", () => {
    expect(textSimilarity("and then it was", "Load tests fail")).toBe(0);
  });

  it("weighs terms by rarity: a word every text shares counts less than a rare one", () => {
    const corpus = buildCorpus([
      "launch campaign budget",
      "launch campaign creative",
      "launch support rota",
      "launch support backlog",
    ]);
    const [shared, rare] = [corpus.vectors[0]!.get("launch")!, corpus.vectors[0]!.get("budget")!];
    expect(rare).toBeGreaterThan(shared);
  });
});

/** Single linkage the plain way: every pair compared, groups in the order of their first member. */
function everyPair(corpus: Corpus, threshold: number): number[][] {
  const n = corpus.vectors.length;
  const group = Array.from({ length: n }, (_, i) => i);
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (i !== j && group[j]! > group[i]! && similarity(corpus, i, j) >= threshold) {
          group[j] = group[i]!;
          changed = true;
        }
  }
  const groups = new Map<number, number[]>();
  group.forEach((g, i) => groups.set(g, [...(groups.get(g) ?? []), i]));
  return [...groups.values()];
}

describe("clusterBySimilarity", () => {
  it("chains rewordings into one group and leaves the unrelated alone", () => {
    const corpus = buildCorpus([
      "Load tests fail above 1,000 users",
      "Staging was down twice",
      "Load tests still fail above 1,000 users; p95 is 5 s",
      "p95 is 8 s at 1,000 users",
    ]);
    expect(clusterBySimilarity(corpus, 0.3)).toEqual([[0, 2, 3], [1]]);
  });

  it("groups exactly as comparing every pair would, on texts that repeat and share words", () => {
    const words = ["load", "tests", "fail", "staging", "down", "users", "vendor", "late", "1,000", "again"];
    const text = fc
      .array(fc.constantFrom(...words), { minLength: 0, maxLength: 5 })
      .map((picked) => picked.join(" "));
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 30 }),
        fc.double({ min: 0.1, max: 0.9 }),
        (texts, threshold) => {
          const corpus = buildCorpus(texts);
          expect(clusterBySimilarity(corpus, threshold)).toEqual(everyPair(corpus, threshold));
        },
      ),
    );
  });

  it("clusters only the first `count` texts", () => {
    const corpus = buildCorpus(["Load tests fail", "Load tests fail again", "Load tests fail"]);
    expect(clusterBySimilarity(corpus, 0.3, 2)).toEqual([[0, 1]]);
  });
});

describe("extractFacets", () => {
  const today = "2026-02-10";

  it("reads audiences, scope, numbers and months from a description", () => {
    const facets = extractFacets("Self-serve signup for small teams, up to 50 seats, launched in February", {
      today,
    });
    expect(facets.audiences.map((m) => [m.id, m.words])).toEqual([["small-business", "small teams"]]);
    expect(facets.scope.map((m) => m.id)).toEqual(["self-serve", "seats", "signup"]);
    expect(facets.numbers.map((q) => [q.text, q.max, q.unit])).toEqual([["up to 50 seats", 50, "seat"]]);
    expect(facets.dates.map((q) => q.text)).toEqual(["February"]);
    expect(facets.months).toEqual(["february"]);
  });

  it.each([
    ["An enterprise tier with dedicated onboarding", "enterprise", "segment"],
    ["For SMBs and startups", "small-business", "segment"],
    ["Mid-market companies in Europe", "mid-market", "segment"],
    ["A personal plan for consumers", "consumers", "segment"],
    ["An API for developers", "developers", "role"],
    ["Sold through resellers", "partners", "role"],
  ])("reads the audience of %j", (text, id, axis) => {
    expect(extractFacets(text).audiences).toContainEqual(
      expect.objectContaining({ id, axis, negated: false }),
    );
  });

  it.each([
    ["No sales call needed", "self-serve"],
    ["White-glove setup with an account manager", "assisted"],
    ["A private beta with design partners", "limited-release"],
    ["General availability for all customers", "general-release"],
  ])("reads the motion or stage of %j", (text, id) => {
    expect(extractFacets(text).scope.map((m) => m.id)).toContain(id);
  });

  it("marks what the text rules out, but not what it goes beyond", () => {
    const ruledOut = extractFacets("For small teams, not for enterprises");
    expect(ruledOut.audiences.map((m) => [m.id, m.negated])).toEqual([
      ["small-business", false],
      ["enterprise", true],
    ]);
    const beyond = extractFacets("Not only for small teams");
    expect(beyond.audiences.map((m) => m.negated)).toEqual([false]);
  });

  it("ends a denial at its clause: a comma or a 'but'", () => {
    const comma = extractFacets("No sales call, small teams buy by card");
    expect(comma.audiences.map((m) => [m.id, m.negated])).toEqual([["small-business", false]]);
    const but = extractFacets("No beta but general availability");
    expect(but.scope.map((m) => [m.id, m.negated])).toEqual([
      ["limited-release", true],
      ["general-release", false],
    ]);
  });

  it("carries a denial through the list it opens with 'or'", () => {
    const denied = extractFacets("For small teams, not for enterprises or agencies");
    expect(denied.audiences.map((m) => [m.id, m.negated])).toEqual([
      ["small-business", false],
      ["enterprise", true],
      ["partners", true],
    ]);
    const named = extractFacets("Not for enterprises, and sold through agencies");
    expect(named.audiences.map((m) => [m.id, m.negated])).toEqual([
      ["enterprise", true],
      ["partners", false],
    ]);
  });

  it("does not read design partners as a partner audience, nor the verb 'may' as a month", () => {
    const facets = extractFacets("Ship to 500 design partners first; it may slip");
    expect(facets.audiences).toEqual([]);
    expect(facets.months).toEqual([]);
    expect(extractFacets("Launch on May 4").months).toEqual(["may"]);
  });

  it.each([
    ["For teams of 5 to 50 people", "small-business", false],
    ["Aimed at 200-person firms", "mid-market", false],
    ["Built for companies with 10,000+ employees", "enterprise", false],
    ["Businesses under 100 employees", "small-business", false],
    ["Not for companies with over 5,000 employees", "enterprise", true],
  ])("reads the segment an audience's headcount names: %j", (text, id, negated) => {
    expect(extractFacets(text).audiences).toEqual([expect.objectContaining({ id, negated })]);
  });

  it.each([["Supports 10,000 users"], ["Teams of up to 20"], ["Companies of 10 to 5,000 employees"]])(
    "reads no segment from a number that is not an organisation's headcount, or spans segments: %j",
    (text) => {
      expect(extractFacets(text).audiences).toEqual([]);
    },
  );

  it("reads no date from a month without a year unless told today", () => {
    expect(extractFacets("Launch in March").dates).toEqual([]);
    expect(extractFacets("Launch in March", { today }).dates).toHaveLength(1);
  });
});
