import { describe, expect, it } from "vitest";
import { CheckCompiler } from "./check.ts";
import type { EvaluationContext } from "./detector.ts";
import { fromSections, latest, latestFor, perArray, perObject, settle, TextCache } from "./memo.ts";

const context = (): EvaluationContext => ({ today: "2026-02-10", checks: new CheckCompiler() });

/** A derivation that counts its calls. */
function counted<A extends unknown[], V>(derive: (...args: A) => V) {
  const calls = { count: 0 };
  const fn = (...args: A) => {
    calls.count++;
    return derive(...args);
  };
  return Object.assign(fn, { calls });
}

describe("fromSections", () => {
  it("derives again only when one of the named sections is a different object", () => {
    const ctx = context();
    const derive = counted((part: { reports: unknown[]; teams: unknown[] }) => part.reports.length);
    const reports = [1, 2];
    const teams: unknown[] = [];
    const snapshot = { reports, teams, people: [] } as never;
    expect(fromSections(ctx, snapshot, ["reports", "teams"], derive)).toBe(2);
    expect(
      fromSections(ctx, { ...(snapshot as object), people: [1] } as never, ["reports", "teams"], derive),
    ).toBe(2);
    expect(derive.calls.count).toBe(1);
    expect(fromSections(ctx, { reports: [1, 2, 3], teams } as never, ["reports", "teams"], derive)).toBe(3);
    expect(derive.calls.count).toBe(2);
  });

  it("remembers nothing across contexts", () => {
    const derive = counted((part: { reports: unknown[] }) => part.reports.length);
    const snapshot = { reports: [] } as never;
    fromSections(context(), snapshot, ["reports"], derive);
    fromSections(context(), snapshot, ["reports"], derive);
    expect(derive.calls.count).toBe(2);
  });
});

describe("latest and latestFor", () => {
  it("keep the value for the last keys only, compared by identity", () => {
    const ctx = context();
    const compute = counted(() => ({}));
    const a = {};
    const first = latest(ctx, compute, [a, 1], compute);
    expect(latest(ctx, compute, [a, 1], compute)).toBe(first);
    expect(latest(ctx, compute, [{}, 1], compute)).not.toBe(first);
    expect(latest(ctx, compute, [a, 1], compute)).not.toBe(first);
    expect(compute.calls.count).toBe(3);
  });

  it("keep one latest value per entity, named by an object or an id", () => {
    const ctx = context();
    const compute = counted((n: number) => n);
    const link = {};
    expect(latestFor(ctx, compute, link, [1], () => compute(1))).toBe(1);
    expect(latestFor(ctx, compute, "c1", [1], () => compute(2))).toBe(2);
    expect(latestFor(ctx, compute, link, [1], () => compute(3))).toBe(1);
    expect(latestFor(ctx, compute, "c1", [2], () => compute(4))).toBe(4);
    expect(compute.calls.count).toBe(3);
  });
});

describe("settle", () => {
  it("returns the earlier value while the new one equals it", () => {
    const ctx = context();
    const equal = (a: number[], b: number[]) => a.join() === b.join();
    const first = settle(ctx, equal, [1, 2], equal);
    expect(settle(ctx, equal, [1, 2], equal)).toBe(first);
    const changed = settle(ctx, equal, [1, 3], equal);
    expect(changed).toEqual([1, 3]);
    expect(settle(ctx, equal, [1, 3], equal)).toBe(changed);
  });
});

describe("perObject and perArray", () => {
  it("derive once per object", () => {
    const ctx = context();
    const derive = counted((key: object) => ({ key }));
    const key = {};
    expect(perObject(ctx, key, derive)).toBe(perObject(ctx, key, derive));
    const items = [1, 2, 3];
    const sum = counted((xs: readonly number[]) => xs.reduce((a, b) => a + b, 0));
    expect(perArray(items, sum)).toBe(6);
    expect(perArray(items, sum)).toBe(6);
    expect(perArray([1, 2, 3], sum)).toBe(6);
    expect(derive.calls.count + sum.calls.count).toBe(3);
  });
});

describe("TextCache", () => {
  it("computes each text once and starts over when full", () => {
    const compute = counted((text: string) => text.length);
    const cache = new TextCache<number>(2);
    expect(cache.get("a", compute)).toBe(1);
    expect(cache.get("a", compute)).toBe(1);
    expect(cache.get("bb", compute)).toBe(2);
    expect(compute.calls.count).toBe(2);
    cache.get("ccc", compute);
    expect(cache.get("a", compute)).toBe(1);
    expect(compute.calls.count).toBe(4);
  });
});
