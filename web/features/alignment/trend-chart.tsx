// The five dimensions and the overall score over time, as lines; the same numbers as a table for screen readers.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DIMENSIONS, type OrgAlignment } from "../../lib/api-types.ts";
import { formatDate } from "../../lib/format.ts";
import { DIMENSION_INFO, score } from "./dimensions.ts";
import { ScrollRegion } from "../../components/ui/scroll-region.tsx";

type Row = Record<string, number | null | string>;

function rows(org: OrgAlignment): Row[] {
  const byDay = new Map<string, Row>(
    org.overall_trend.map((p) => [p.as_of, { as_of: p.as_of, overall: p.score }]),
  );
  for (const dimension of DIMENSIONS) {
    for (const point of org.dimensions[dimension].trend) {
      const row = byDay.get(point.as_of) ?? { as_of: point.as_of };
      row[dimension] = point.score;
      byDay.set(point.as_of, row);
    }
  }
  return [...byDay.values()].sort((a, b) => String(a.as_of).localeCompare(String(b.as_of)));
}

export function TrendChart({ org }: { org: OrgAlignment }) {
  const data = rows(org);
  return (
    <>
      <figure
        className="chart"
        role="img"
        aria-label={`The alignment index and its five dimensions, monthly, from ${formatDate(String(data[0]?.as_of ?? ""))} to ${formatDate(org.as_of)}. The table below holds the same numbers.`}
      >
        <ResponsiveContainer width="100%" height={320}>
          <LineChart
            data={data}
            accessibilityLayer={false}
            margin={{ top: 12, right: 24, bottom: 4, left: 0 }}
          >
            <CartesianGrid stroke="var(--line)" vertical={false} />
            <XAxis
              dataKey="as_of"
              tickFormatter={(d: string) => formatDate(d)}
              stroke="var(--ink-muted)"
              fontSize={12}
            />
            <YAxis domain={[0, 100]} stroke="var(--ink-muted)" fontSize={12} width={36} />
            <Tooltip labelFormatter={(d) => formatDate(String(d))} />
            <Legend />
            <Line
              dataKey="overall"
              name="Overall"
              stroke="#111827"
              strokeWidth={3}
              isAnimationActive={false}
              connectNulls
            />
            {DIMENSIONS.map((d) => (
              <Line
                key={d}
                dataKey={d}
                name={DIMENSION_INFO[d].label}
                stroke={DIMENSION_INFO[d].color}
                strokeWidth={2}
                strokeDasharray={d === "information_flow" || d === "pivot_history" ? "6 3" : undefined}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <details>
        <summary>The trend as a table</summary>
        <ScrollRegion label="The trend as a table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">As of</th>
                <th scope="col">Overall</th>
                {DIMENSIONS.map((d) => (
                  <th key={d} scope="col">
                    {DIMENSION_INFO[d].label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((row) => (
                <tr key={String(row.as_of)}>
                  <th scope="row">{formatDate(String(row.as_of))}</th>
                  <td>{score((row.overall as number | null | undefined) ?? null)}</td>
                  {DIMENSIONS.map((d) => (
                    <td key={d}>{score((row[d] as number | null | undefined) ?? null)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </>
  );
}
