import { describe, expect, it } from "vitest";
import { CheckCompiler } from "../checks/check-compiler.ts";
import type { EvaluationContext } from "./detector.ts";
import {
  appendedTo,
  appendTo,
  fromSections,
  latest,
  latestFor,
  perArray,
  perArrayIn,
  perObject,
  settle,
  TextCache,
} from "./memo.ts";

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

describe("appendTo and extending derivations", () => {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const extendSum = (last: number, appended: readonly number[]) => last + sum(appended);

  it("extend the value derived from the array an appended one was made from", () => {
    const derive = counted(sum);
    const extend = counted(extendSum);
    const items = [1, 2, 3];
    expect(perArray(items, derive, extend)).toBe(6);
    const longer = appendTo(items, 4, 5);
    expect(longer).toEqual([1, 2, 3, 4, 5]);
    expect(perArray(longer, derive, extend)).toBe(15);
    expect(derive.calls.count).toBe(1);
    expect(extend.calls.count).toBe(1);
  });

  it("derive anew an array not made by appending, or one whose base was never derived", () => {
    const derive = counted(sum);
    const extend = counted(extendSum);
    expect(perArray([1, 2, 3, 4], derive, extend)).toBe(10);
    expect(perArray(appendTo([7], 1), derive, extend)).toBe(8);
    expect(extend.calls.count).toBe(0);
    expect(derive.calls.count).toBe(2);
  });

  it("tell where the appended items start, per context", () => {
    const ctx = context();
    const derive = counted((xs: readonly number[]) => xs.map((x, i) => x * i));
    const extend = (last: number[], appended: readonly number[], _: unknown, from: number) => [
      ...last,
      ...appended.map((x, i) => x * (from + i)),
    ];
    const items = [5, 5];
    perArrayIn(ctx, items, derive, extend);
    expect(perArrayIn(ctx, appendTo(items, 5, 5), derive, extend)).toEqual([0, 5, 10, 15]);
    expect(derive.calls.count).toBe(1);
    expect(perArrayIn(context(), appendTo(items, 5), derive, extend)).toEqual([0, 5, 10]);
    expect(derive.calls.count).toBe(2);
  });

  it("name what was appended only to the array it was appended to", () => {
    const items = [1];
    const longer = appendTo(items, 2, 3);
    expect(appendedTo(longer, items)).toEqual([2, 3]);
    expect(appendedTo(longer, [1])).toBeNull();
    expect(appendedTo([1, 2, 3], items)).toBeNull();
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
