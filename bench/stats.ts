// Small measurement helpers: percentiles, memory, progress lines.

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((t, v) => t + v, 0);
  return {
    count: sorted.length,
    mean: round(sorted.length > 0 ? total / sorted.length : Number.NaN),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Rounds to 3 significant decimals for JSON (milliseconds to the microsecond). */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const MB = 1024 * 1024;

/** The process's peak resident set so far, in MiB (the kernel's high-water mark). */
export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}

export function rssMb(): number {
  return round(process.memoryUsage.rss() / MB, 1);
}

export function heapMb(): number {
  return round(process.memoryUsage().heapUsed / MB, 1);
}

/** Prints "label: done/total (pct) elapsed" at most every `everyMs`, and always at the end. */
export function progress(
  label: string,
  total: number,
  everyMs = 3000,
): (done: number, extra?: string) => void {
  const start = performance.now();
  let last = start;
  return (done, extra) => {
    const now = performance.now();
    if (done < total && now - last < everyMs) return;
    last = now;
    const pct = total > 0 ? ((100 * done) / total).toFixed(0) : "100";
    const elapsed = ((now - start) / 1000).toFixed(1);
    log(`  ${label}: ${done}/${total} (${pct}%) ${elapsed}s${extra ? ` ${extra}` : ""}`);
  };
}

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "n/a";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}
