// The bounds checks run within: the nested loops that once held the server are refused, long work is stopped.
import { celEnv, parse, plan } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { CheckCompiler } from "./check-compiler.ts";
import { DEFAULT_CHECK_LIMITS } from "./limits.ts";

const checks = new CheckCompiler();
const TEN = "[0,1,2,3,4,5,6,7,8,9]";

/** `TEN.<loop>(a, TEN.<loop>(b, … body))`, `depth` loops one inside the other. */
function nested(loop: string, depth: number, body: string): string {
  const names = "abcdefghij".slice(0, depth);
  return [...names].reduceRight((inner, name) => `${TEN}.${loop}(${name}, ${inner})`, body);
}

/** A series of `n` points, as the bindings give one. */
const series = (n: number) => ({ metrics: { m: { values: Array.from({ length: n }, (_, i) => i) } } });

function refusal(source: string): string {
  const compiled = checks.compile(source);
  if (compiled.ok) throw new Error(`expected "${source}" to be refused`);
  expect(compiled.refused).toBe(true);
  return compiled.error;
}

describe("checks refused when compiled", () => {
  it("refuses nested all(): ten to the seventh items, the early-warning sign that held the server", () => {
    const source = nested("all", 7, "a + b + c + d + e + f + g >= 0");
    expect(source.length).toBeLessThanOrEqual(244);
    expect(refusal(source)).toBe(
      "it puts all, exists, exists_one, map or filter inside one another 7 deep, and a check may go at most 2 deep: each level repeats everything inside it once per item",
    );
  });

  it("refuses nested map(), which built lists of lists until memory ran out", () => {
    expect(refusal(`${nested("map", 6, "a")}.size() > 0`)).toContain("inside one another 6 deep");
  });

  it("counts a loop in another's condition as nested, and loops one after another as not", () => {
    expect(refusal(`${TEN}.all(a, ${TEN}.exists(b, ${TEN}.exists_one(c, a == b + c)))`)).toContain("3 deep");
    expect(checks.compile(`${TEN}.filter(a, a > 1).map(b, b * 2).all(c, c > 0)`).ok).toBe(true);
    expect(checks.compile(nested("all", 2, "a != b || a == b")).ok).toBe(true);
  });

  it("refuses an expression longer or deeper than a check may be", () => {
    const long = `${"1.0 + ".repeat(400)}1.0 > 0.0`;
    expect(refusal(long)).toBe("it is 2409 characters long, and a check may be at most 2000");
    expect(refusal(`${"[".repeat(50)}1${"]".repeat(50)} != []`)).toMatch(
      /^it nests 52 levels deep \(operators, calls and lists inside one another\), and a check may nest at most 40$/,
    );
  });

  it("tells a refused check apart from one that does not parse", () => {
    const broken = checks.compile("a.x <=");
    expect(broken.ok || broken.refused).toBe(false);
  });
});

describe("checks stopped while they run", () => {
  it("stops a check whose loops go over more items than the budget, and says why", () => {
    const outcome = checks.evaluate(
      "metrics.m.values.all(a, metrics.m.values.all(b, a + b >= 0.0))",
      series(2_000),
    );
    expect(outcome).toMatchObject({
      status: "unverifiable",
      reason:
        "it was stopped: its all, exists, exists_one, map or filter went over more than 20,000 items in all, and a check may go over at most 20,000",
    });
  });

  it("counts a list a loop starts on even when it stops at the first item", () => {
    const source = "metrics.m.values.all(a, metrics.m.values.exists(b, true))";
    expect(checks.evaluate(source, series(1_000)).status).toBe("unverifiable");
    expect(checks.evaluate(source, series(100)).status).toBe("pass");
  });

  it("runs checks within the budget in full, each with the whole budget", () => {
    const stopped = "metrics.m.values.all(a, metrics.m.values.all(b, a + b >= 0.0))";
    expect(checks.evaluate(stopped, series(2_000)).status).toBe("unverifiable");
    expect(
      checks.evaluate("metrics.m.values.all(a, a >= 0.0)", series(DEFAULT_CHECK_LIMITS.maxSteps)).status,
    ).toBe("pass");
    expect(checks.evaluate(stopped, series(100)).status).toBe("pass");
  });

  it("takes the budget it is given", () => {
    const small = new CheckCompiler({ maxSteps: 10 });
    expect(small.evaluate("metrics.m.values.all(a, a >= 0.0)", series(10)).status).toBe("pass");
    expect(small.evaluate("metrics.m.values.all(a, a >= 0.0)", series(11)).status).toBe("unverifiable");
  });
});

describe("metered loops", () => {
  const env = celEnv();
  it.each([
    "[1.0, 2.0, 3.0].map(x, x * 2.0) == [2.0, 4.0, 6.0]",
    "[1.0, 2.0].map(x, x) == [2.0, 1.0]",
    "[1.0, 2.0, 3.0].filter(x, x > 1.0) == [2.0, 3.0]",
    "[1.0, 2.0].map(a, [3.0, 4.0].map(b, a + b)) == [[4.0, 5.0], [5.0, 6.0]]",
    "[1.0, 2.0].map(a, [0.0].map(b, b + a)) == [[1.0], [2.0]]",
    "[1.0, 2.0, 3.0].map(x, x > 1.0, x * 10.0) == [20.0, 30.0]",
    "[1.0, 2.0].map(x, x) + [3.0] == [1.0, 2.0, 3.0]",
    "[[1.0], [2.0, 3.0]].map(l, l.size()) == [1, 2]",
    "[1.0, 2.0, 3.0].exists_one(x, x > 2.0)",
    "{'a': 1.0, 'b': 2.0}.filter(k, k != 'a') == ['b']",
    "[3.0, 1.0].all(x, x > 0.0) && [3.0, 1.0].exists(x, x > 2.0)",
  ])("give what CEL gives: %s", (source) => {
    const expected = plan(env, parse(source))();
    expect(typeof expected).toBe("boolean");
    expect(checks.evaluate(source, {}).status).toBe(expected ? "pass" : "fail");
  });

  it("builds a long map or filter in time proportional to its length", () => {
    // Joined as CEL joins lists, a result of 9,000 mapped items overflowed the stack when read back.
    const outcome = checks.evaluate("metrics.m.values.map(a, a).exists(x, x < 0.0)", series(9_000));
    expect(outcome.status).toBe("fail");
  });
});
