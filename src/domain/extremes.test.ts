import { describe, expect, it } from "vitest";
import { maxOf, minOf } from "./extremes.ts";

describe("maxOf / minOf", () => {
  it("agree with Math.max and Math.min, and say when there is nothing", () => {
    expect(maxOf([3, -1, 7, 2])).toBe(7);
    expect(minOf([3, -1, 7, 2])).toBe(-1);
    expect(maxOf([])).toBeUndefined();
    expect(minOf(new Set<number>())).toBeUndefined();
    expect(maxOf([1, Number.NaN, 2])).toBeNaN();
  });

  it("take 200,000 values, which a spread into Math.max cannot", () => {
    const values = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 200_003);
    expect(maxOf(values)).toBe(values.reduce((a, b) => (b > a ? b : a)));
    expect(minOf(values)).toBe(0);
  });
});
