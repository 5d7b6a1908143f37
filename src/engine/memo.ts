// Derived data remembered by the identity of what it came from: per evaluation context, per array, per text.
//
// Snapshots are values: a change makes a new array (or object) for each section it touches and shares the
// others untouched (see SnapshotChange). Anything derived from a section can therefore be remembered against
// that section's identity, and is derived again exactly when the section is replaced. A context's memo lives
// as long as the context, so an IncrementalEvaluator (one context, many snapshots) re-derives only what a
// change replaced, while `evaluate` (a new context each call) shares work only between its detectors.
//
// A derivation is named by an object that lives as long as the module: the deriving function itself (or a
// compiled check, an outcome). A closure made per call would name a new derivation every time and never hit.
import type { InitiativeSnapshot } from "../domain/model.ts";
import type { EvaluationContext, SnapshotSection } from "./detector.ts";

interface Latest {
  keys: readonly unknown[];
  value: unknown;
}

function sameKeys(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * What one evaluation context remembers. A derivation over whole sections keeps only its latest value:
 * detectors ask for one snapshot at a time, and the next snapshot shares most sections with the last, so
 * the latest is the one that will be asked for again (and nothing older is kept alive). A derivation per
 * entity (per metric, per commitment) keeps one value per entity, weakly.
 */
class Memo {
  private readonly latest = new WeakMap<object, Latest>();
  private readonly latestPerObject = new WeakMap<object, WeakMap<object, Latest>>();
  // Entities named by id (a commitment id, a team id): as many as the initiative has, so a plain map.
  private readonly latestPerName = new WeakMap<object, Map<string, Latest>>();
  private readonly perKey = new WeakMap<object, WeakMap<object, unknown>>();
  private readonly settled = new WeakMap<object, { value: unknown }>();

  /** `value`, or the last value settled for `derivation` if `equals` says it is the same. */
  settle<V>(derivation: object, value: V, equals: (a: V, b: V) => boolean): V {
    const known = this.settled.get(derivation);
    if (known !== undefined && equals(known.value as V, value)) return known.value as V;
    this.settled.set(derivation, { value });
    return value;
  }

  private readonly evolving = new WeakMap<object, { value: unknown }>();

  /** `next(last)`, where `last` is what the previous call for `derivation` returned. */
  evolve<V>(derivation: object, next: (last: V | undefined) => V): V {
    const value = next(this.evolving.get(derivation)?.value as V | undefined);
    this.evolving.set(derivation, { value });
    return value;
  }

  /** `compute()` unless the last call for `derivation` had the same keys (each the same value). */
  latestOf<V>(derivation: object, keys: readonly unknown[], compute: () => V): V {
    const known = this.latest.get(derivation);
    if (known && sameKeys(known.keys, keys)) return known.value as V;
    const value = compute();
    this.latest.set(derivation, { keys, value });
    return value;
  }

  /** `latestOf`, kept separately for each `entity` (a link, a finding's subject) under `derivation`. */
  latestForEntity<V>(
    derivation: object,
    entity: object | string,
    keys: readonly unknown[],
    compute: () => V,
  ): V {
    const perEntity = typeof entity === "string" ? this.byName(derivation) : this.byObject(derivation);
    const known = perEntity.get(entity as never);
    if (known && sameKeys(known.keys, keys)) return known.value as V;
    const value = compute();
    perEntity.set(entity as never, { keys, value });
    return value;
  }

  private byObject(derivation: object): WeakMap<object, Latest> {
    let perEntity = this.latestPerObject.get(derivation);
    if (perEntity === undefined) this.latestPerObject.set(derivation, (perEntity = new WeakMap()));
    return perEntity;
  }

  private byName(derivation: object): Map<string, Latest> {
    let perEntity = this.latestPerName.get(derivation);
    if (perEntity === undefined) this.latestPerName.set(derivation, (perEntity = new Map()));
    return perEntity;
  }

  /** `compute()` once for each `key` object under `derivation`. */
  perKeyOf<V>(derivation: object, key: object, compute: () => V): V {
    let values = this.perKey.get(derivation);
    if (values === undefined) this.perKey.set(derivation, (values = new WeakMap()));
    const known = values.get(key);
    if (known !== undefined || values.has(key)) return known as V;
    const value = compute();
    values.set(key, value);
    return value;
  }
}

// Keyed by the context itself rather than stored on it, so contexts built as plain `{ today, checks }` work too.
const memos = new WeakMap<EvaluationContext, Memo>();

function memoOf(context: EvaluationContext): Memo {
  let memo = memos.get(context);
  if (!memo) memos.set(context, (memo = new Memo()));
  return memo;
}

/**
 * `derive(part, context)` over the snapshot's `sections`, computed again only when one of those section
 * objects differs from the last call's. `derive` sees only those sections (the type says so), so the key
 * names everything it reads; it may also depend on the context (today, the check compiler), which is fixed
 * for the memo's lifetime.
 */
export function fromSections<S extends SnapshotSection, V>(
  context: EvaluationContext,
  snapshot: Pick<InitiativeSnapshot, S>,
  sections: readonly S[],
  derive: (part: Pick<InitiativeSnapshot, S>, context: EvaluationContext) => V,
): V {
  const values = sections.map((section) => snapshot[section]);
  return memoOf(context).latestOf(derive, values, () => {
    const part = {} as Pick<InitiativeSnapshot, S>;
    sections.forEach((section, i) => ((part as Record<string, unknown>)[section] = values[i]));
    return derive(part, context);
  });
}

/** `compute()`, again only when `keys` differ (by identity) from the last call's for the same `derivation`. */
export function latest<V>(
  context: EvaluationContext,
  derivation: object,
  keys: readonly unknown[],
  compute: () => V,
): V {
  return memoOf(context).latestOf(derivation, keys, compute);
}

/**
 * `compute()` for one `entity`, again only when `keys` differ (by identity) from the last call's for that
 * entity: how a detector words a finding again only when something the wording reads has changed.
 */
export function latestFor<V>(
  context: EvaluationContext,
  derivation: object,
  entity: object | string,
  keys: readonly unknown[],
  compute: () => V,
): V {
  return memoOf(context).latestForEntity(derivation, entity, keys, compute);
}

/**
 * `next(last)`, given what the last call for `derivation` in this context returned (undefined the first
 * time): for a derivation that can bring its last value up to date for less than deriving it anew (reports
 * appended to the ones it was derived from). `next` decides whether `last` still applies, and may take it over.
 */
export function evolve<V>(
  context: EvaluationContext,
  derivation: object,
  next: (last: V | undefined) => V,
): V {
  return memoOf(context).evolve(derivation, next);
}

/**
 * `value`, or the value last settled for `derivation` when `equals` finds them the same: a derivation that
 * rebuilds an equal value (the commitments' teams after a change to a fact) keeps its identity, so memos
 * keyed by it still hit.
 */
export function settle<V>(
  context: EvaluationContext,
  derivation: object,
  value: V,
  equals: (a: V, b: V) => boolean,
): V {
  return memoOf(context).settle(derivation, value, equals);
}

/** `derive(key, context)`, computed once per context for the same `key` object (a metric, a commitment…). */
export function perObject<K extends object, V>(
  context: EvaluationContext,
  key: K,
  derive: (key: K, context: EvaluationContext) => V,
): V {
  return memoOf(context).perKeyOf(derive, key, () => derive(key, context));
}

// ── Arrays that grow ─────────────────────────────────────────────────────────────────────────────────────
//
// Most changes append: a report, a decision. An array made by `appendTo` remembers the array it extends (weakly:
// an old snapshot's arrays must not be kept alive by the new one's), so a derivation of it can extend what it
// derived from the shorter one instead of reading every item again.

interface Extension {
  base: WeakRef<readonly unknown[]>;
  /** How many items of the new array the base holds: the rest are the appended ones. */
  length: number;
}

const extensions = new WeakMap<readonly unknown[], Extension>();

/** `items` with `more` appended: a new array, remembered as extending `items`. */
export function appendTo<T>(items: readonly T[], ...more: T[]): T[] {
  const next = [...items, ...more];
  extensions.set(next, { base: new WeakRef(items), length: items.length });
  return next;
}

/** When `items` was made by `appendTo` from `earlier`: the items appended to it. */
export function appendedTo<T>(items: readonly T[], earlier: readonly T[]): readonly T[] | null {
  const extension = extensions.get(items);
  return extension?.base.deref() === earlier ? items.slice(extension.length) : null;
}

/** `extend(last, appended, from)` from an earlier derivation when `items` was made by `appendTo`, else `derive`. */
function deriveOrExtend<T, V>(
  values: WeakMap<readonly unknown[], unknown>,
  items: readonly T[],
  derive: () => V,
  extend: ((last: V, appended: readonly T[], from: number) => V) | undefined,
): V {
  const known = values.get(items);
  if (known !== undefined || values.has(items)) return known as V;
  const extension = extend ? extensions.get(items) : undefined;
  const base = extension?.base.deref();
  const value =
    base !== undefined && values.has(base)
      ? extend!(values.get(base) as V, items.slice(extension!.length), extension!.length)
      : derive();
  values.set(items, value);
  return value;
}

// Pure derivations of one array (lookups by id) do not depend on the context: one per array, process-wide.
const perArrayCache = new WeakMap<object, WeakMap<readonly unknown[], unknown>>();

/**
 * `derive(items)`, computed once per array; `derive` must depend on nothing but the array's contents. With
 * `extend`, an array made by `appendTo` is derived by extending the value of the array it extends:
 * `extend(last, appended, from)` (`from`: where the appended items start) must give what `derive` gives over the whole array, without changing `last`.
 */
export function perArray<T, V>(
  items: readonly T[],
  derive: (items: readonly T[]) => V,
  extend?: (last: V, appended: readonly T[], from: number) => V,
): V {
  let byArray = perArrayCache.get(derive);
  if (!byArray) perArrayCache.set(derive, (byArray = new WeakMap()));
  return deriveOrExtend(byArray, items, () => derive(items), extend);
}

const perContextArrays = new WeakMap<
  EvaluationContext,
  WeakMap<object, WeakMap<readonly unknown[], unknown>>
>();

/** `perArray` for a derivation that also reads the context (today): one value per array and context. */
export function perArrayIn<T, V>(
  context: EvaluationContext,
  items: readonly T[],
  derive: (items: readonly T[], context: EvaluationContext) => V,
  extend: (last: V, appended: readonly T[], context: EvaluationContext, from: number) => V,
): V {
  let byDerivation = perContextArrays.get(context);
  if (!byDerivation) perContextArrays.set(context, (byDerivation = new WeakMap()));
  let byArray = byDerivation.get(derive);
  if (!byArray) byDerivation.set(derive, (byArray = new WeakMap()));
  return deriveOrExtend(
    byArray,
    items,
    () => derive(items, context),
    (last, appended, from) => extend(last, appended, context, from),
  );
}

function indexFirst<T extends { id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  const index = new Map<string, T>();
  for (const item of items) if (!index.has(item.id)) index.set(item.id, item);
  return index;
}

function indexLast<T extends { id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

/** Items by id, the first of any repeated id winning: what `items.find((x) => x.id === id)` returns. */
export function firstById<T extends { id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return perArray(items, indexFirst) as ReadonlyMap<string, T>;
}

/** Items by id, the last of any repeated id winning: what `new Map(items.map((x) => [x.id, x]))` holds. */
export function lastById<T extends { id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return perArray(items, indexLast) as ReadonlyMap<string, T>;
}

/**
 * A cache for pure functions of a string (parsing a claim, tokenising a narrative, reading a date), bounded so
 * a long-running process cannot grow it without limit: when full it starts over, which costs only recomputing.
 * Callers share the cached values and must not mutate them.
 */
export class TextCache<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  get(key: string, compute: (key: string) => V): V {
    const cached = this.entries.get(key);
    if (cached !== undefined || this.entries.has(key)) return cached as V;
    const value = compute(key);
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}
