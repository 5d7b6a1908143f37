// The compiler decides the commonest check, two facts compared, without running CEL: as CEL would.
import { celEnv, isCelError, parse, plan } from "@bufbuild/cel";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckCompiler } from "./check-compiler.ts";

const checks = new CheckCompiler();

describe("comparisons of two facts", () => {
  const env = celEnv();
  /** What running the CEL program itself says: pass, fail, or unverifiable. */
  function celStatus(source: string, bindings: Record<string, unknown>): string {
    try {
      const result = plan(env, parse(source))(bindings as never);
      return result === true
        ? "pass"
        : result === false
          ? "fail"
          : isCelError(result)
            ? "unverifiable"
            : "other";
    } catch {
      return "unverifiable";
    }
  }

  const fact = fc.oneof(
    fc.constantFrom(0, -0, 1, 2.5, -3, NaN, Infinity, -Infinity),
    fc.integer({ min: -5, max: 5 }),
    fc.integer({ min: 0, max: 3 }).map((d) => timestampFromDate(new Date(Date.UTC(2026, 0, 1 + d)))),
    fc.constantFrom("x", "y", true, false),
  );
  const binding = fc.dictionary(fc.constantFrom("f", "g"), fact, { maxKeys: 2 });
  const bindings = fc.record({ a: binding, b: binding, "a.f": fc.constantFrom(1, 5) }, { requiredKeys: [] });
  const side = fc.constantFrom("a.f", "a.g", "b.f", "b.g");
  const op = fc.constantFrom("<", "<=", ">", ">=", "==", "!=");

  it("are decided as CEL decides them", () => {
    fc.assert(
      fc.property(bindings, side, op, side, (values, left, comparator, right) => {
        const source = `${left} ${comparator} ${right}`;
        const outcome = checks.evaluate(source, values);
        // A check naming an absent commitment is reported before CEL runs; otherwise CEL's verdict stands.
        if (outcome.status === "unverifiable" && outcome.reason.startsWith("the check names unknown")) return;
        const expected = celStatus(source, values);
        expect(outcome.status === "unverifiable" ? "unverifiable" : outcome.status).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("simple comparisons: a name chain against a decimal or another chain", () => {
  /** The same check, parenthesised: CEL's parser and program decide it, as for any other expression. */
  const throughCel = (source: string) => `(${source})`;

  const number = fc.oneof(
    fc.constantFrom(0, -0, 1, 399.5, 400, 400.5, NaN, Infinity, -Infinity),
    fc.double({ min: -1000, max: 1000, noNaN: true }),
  );
  const value = fc.oneof(
    number,
    fc.constantFrom("400", true, null),
    fc.constant(timestampFromDate(new Date(Date.UTC(2026, 0, 1)))),
  );
  const metric = fc.dictionary(fc.constantFrom("latest", "max"), value, { maxKeys: 2 });
  const bindings = fc.record(
    {
      metrics: fc.dictionary(fc.constantFrom("backlog", "errors"), metric, { maxKeys: 2 }),
      "metrics.backlog": fc.constant({ latest: 1 }),
      capacity: fc.dictionary(fc.constantFrom("ready"), value, { maxKeys: 1 }),
    },
    { requiredKeys: [] },
  );
  const path = fc.constantFrom("metrics.backlog.latest", "metrics.errors.max", "capacity.ready", "capacity");
  const op = fc.constantFrom("<", "<=", ">", ">=", "==", "!=");
  const literal = fc.constantFrom("400.0", "0.0", "399.5", "1000.25");

  it("are decided, and read, as CEL decides and reads them", () => {
    fc.assert(
      fc.property(bindings, path, op, literal, (values, chain, comparator, bound) => {
        const source = `${chain} ${comparator} ${bound}`;
        const fast = checks.evaluate(source, values);
        const slow = checks.evaluate(throughCel(source), values);
        expect(fast.status).toBe(slow.status);
        expect(fast.values).toEqual(slow.values);
      }),
      { numRuns: 3000 },
    );
  });

  it("name what they read as the parse does, and need no parse to be valid", () => {
    const sources = [
      "metrics.backlog.latest <= 400.0",
      "capacity.ready > 1.5",
      "x == 2.0",
      "capacity.ready <= campaign.start",
      "a.f != a.g",
      "metrics.errors.latest < metrics.errors.max",
      "a == b.c",
    ];
    for (const source of sources) {
      const fast = checks.compile(source);
      const slow = checks.compile(throughCel(source));
      if (!fast.ok || !slow.ok) throw new Error(`${source} does not compile`);
      expect(fast.check.threshold === null && fast.check.comparison === null, source).toBe(
        !/\d\.\d/.test(source) && !/^\w+\.\w+ \S+ \w+\.\w+$/.test(source),
      );
      expect(slow.check.threshold).toBeNull();
      for (const key of ["identifiers", "paths", "lookups", "comparison"] as const)
        expect(fast.check[key], `${source}: ${key}`).toEqual(slow.check[key]);
    }
  });

  it("leave to CEL what is not one: an integer, a reserved word, anything more", () => {
    for (const source of [
      "a.b <= 400",
      "a.in <= 1.0",
      "a.b <= 1.0 && c.d > 2.0",
      "-a.b < 1.0",
      "a.b <= -1.0",
    ]) {
      const compiled = checks.compile(source);
      expect(compiled.ok && compiled.check.threshold, source).toBeFalsy();
    }
  });
});
