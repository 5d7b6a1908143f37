// A metric's recent points as a small line, with its target; described in words for screen readers.
import { Line, LineChart, ReferenceLine, YAxis } from "recharts";
import { formatNumber } from "../../lib/format.ts";

interface SparklineProps {
  label: string;
  points: ReadonlyArray<readonly [string, number]>;
  target?: number | undefined;
  width?: number;
  height?: number;
}

/** The values' own range with a little room, so small moves near a target still show. */
function domain(values: number[]): [number, number] {
  // A loop rather than Math.min(...values), which throws past about 100,000 values.
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  const pad = (high - low) * 0.1 || Math.abs(high) * 0.05 || 1;
  return [low - pad, high + pad];
}

export function Sparkline({ label, points, target, width = 180, height = 44 }: SparklineProps) {
  const data = points.map(([date, value]) => ({ date, value }));
  const first = points[0];
  const last = points.at(-1);
  const description =
    first && last
      ? `${label}: ${formatNumber(first[1])} on ${first[0]} to ${formatNumber(last[1])} on ${last[0]}` +
        (target === undefined ? "" : `, target ${formatNumber(target)}`)
      : `${label}: no points yet`;
  const values = [...points.map(([, v]) => v), ...(target === undefined ? [] : [target])];
  return (
    <figure className="sparkline" role="img" aria-label={description}>
      <LineChart
        width={width}
        height={height}
        data={data}
        accessibilityLayer={false}
        margin={{ top: 4, right: 4, bottom: 4, left: 4 }}
      >
        <YAxis hide domain={domain(values)} />
        {target === undefined ? null : (
          <ReferenceLine y={target} stroke="var(--ink-muted)" strokeDasharray="4 3" />
        )}
        <Line
          dataKey="value"
          type="monotone"
          stroke="var(--accent)"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </figure>
  );
}
