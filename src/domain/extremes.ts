// The largest and smallest of any number of values. A spread into Math.max or Math.min passes each value as an
// argument, and past about 100,000 of them the call throws a RangeError; a loop has no such limit.

/** The largest of `values` (NaN if any is NaN, as Math.max), or undefined when there are none. */
export function maxOf(values: Iterable<number>): number | undefined {
  let best: number | undefined;
  for (const value of values) best = best === undefined ? value : Math.max(best, value);
  return best;
}

/** The smallest of `values` (NaN if any is NaN, as Math.min), or undefined when there are none. */
export function minOf(values: Iterable<number>): number | undefined {
  let best: number | undefined;
  for (const value of values) best = best === undefined ? value : Math.min(best, value);
  return best;
}
