// An outcome's metric over time, its target, and where the engine projects it by the outcome's date.
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDate, formatNumber, humanize } from "../../lib/format.ts";
import type { OutcomeView } from "../../lib/outcome.ts";

const time = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function OutcomeChart({ view }: { view: OutcomeView }) {
  const { outcome, points, target, projection } = view;
  const last = points.at(-1);
  const data: Array<{ t: number; value?: number; projected?: number }> = points.map(([day, value]) => ({
    t: time(day),
    value,
  }));
  if (projection && last) {
    data[data.length - 1] = { t: time(last[0]), value: last[1], projected: last[1] };
    data.push({ t: time(outcome.by), projected: projection.expected });
  }
  const description = [
    `${humanize(outcome.metric)} over time`,
    last ? `latest ${formatNumber(last[1])} on ${formatDate(last[0])}` : "no points yet",
    target === undefined
      ? null
      : `target ${view.comparator} ${formatNumber(target)} by ${formatDate(outcome.by)}`,
    projection ? `projected ${formatNumber(projection.expected)} by then` : null,
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <figure className="chart" role="img" aria-label={description}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 12, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="var(--line)" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(t: number) => formatDate(new Date(t).toISOString().slice(0, 10))}
            stroke="var(--ink-muted)"
            fontSize={12}
          />
          <YAxis
            stroke="var(--ink-muted)"
            fontSize={12}
            width={48}
            domain={[0, (max: number) => Math.max(max, target ?? 0) * 1.05]}
            tickFormatter={(v: number) => formatNumber(v)}
          />
          <Tooltip
            labelFormatter={(t) => formatDate(new Date(Number(t)).toISOString().slice(0, 10))}
            formatter={(v) => formatNumber(Number(v))}
          />
          {target === undefined ? null : (
            <ReferenceLine
              y={target}
              stroke="var(--ok-strong)"
              strokeDasharray="6 4"
              label={{ value: "target", position: "insideTopRight", fill: "var(--ink-muted)", fontSize: 12 }}
            />
          )}
          <Line
            dataKey="value"
            name="actual"
            stroke="var(--accent)"
            strokeWidth={2.5}
            dot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls={false}
          />
          {projection ? (
            <Line
              dataKey="projected"
              name="projected"
              stroke="var(--bad-strong)"
              strokeWidth={2}
              strokeDasharray="5 5"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ) : null}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
