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
