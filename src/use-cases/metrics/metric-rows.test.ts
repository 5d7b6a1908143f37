import { describe, expect, it } from "vitest";
import { limitBytes, parseMetricRows, validateRow, type ParsedRow } from "./metric-rows.ts";

const rules = { metrics: new Set(["activations", "backlog"]) };

async function* chunks(...parts: string[]) {
  for (const part of parts) yield new TextEncoder().encode(part);
}
async function all(rows: AsyncIterable<ParsedRow>): Promise<ParsedRow[]> {
  const out: ParsedRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe("validateRow", () => {
  it("takes a point from CSV text or JSON values alike", () => {
    expect(validateRow(2, { metric: " activations ", date: "2026-02-01", value: "12.5" }, rules)).toEqual({
      ok: true,
      row: { line: 2, metric: "activations", date: "2026-02-01", value: 12.5, source: "" },
    });
    expect(
      validateRow(3, { metric: "backlog", date: "2026-02-01", value: -3e2, source: "jira" }, rules),
    ).toEqual({
      ok: true,
      row: { line: 3, metric: "backlog", date: "2026-02-01", value: -300, source: "jira" },
    });
  });

  it("names the line and the field of every problem, in words", () => {
    const row = validateRow(7, { metric: "signups", date: "01/02/2026", value: "1,5" }, rules);
    expect(row.ok).toBe(false);
    expect(!row.ok && row.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "line 7, metric: 'signups' is not a metric of this initiative (its metrics: activations, backlog)",
      "line 7, date: '01/02/2026' is not a real calendar date written as YYYY-MM-DD",
      "line 7, value: '1,5' is not a number (write it like 12 or 12.5, no units)",
    ]);
    const empty = validateRow(2, { metric: "", date: "", value: "" }, rules);
    expect(!empty.ok && empty.problems.map((p) => p.field)).toEqual(["metric", "date", "value"]);
    const nul = validateRow(
      2,
      { metric: "backlog", date: "2026-02-01", value: 1, source: "a\u0000b" },
      rules,
    );
    expect(!nul.ok && nul.problems[0]!.field).toBe("source");
  });

  it("uses the default metric for rows that name none", () => {
    const row = validateRow(2, { date: "2026-02-01", value: "1" }, { ...rules, defaultMetric: "backlog" });
    expect(row.ok && row.row.metric).toBe("backlog");
  });
});

describe("parseMetricRows", () => {
  it("reads CSV split anywhere across chunks, with its lines, quotes, a BOM and columns in any order", async () => {
    const rows = await all(
      parseMetricRows(
        "csv",
        chunks(
          "\uFEFFdate,value,met",
          'ric,source\n2026-02-01,1,activations,"dash, ',
          'no. 4"\n\n2026-02-0',
          "2,x,backlog,\n",
        ),
        rules,
      ),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      ok: true,
      row: { line: 2, metric: "activations", date: "2026-02-01", value: 1, source: "dash, no. 4" },
    });
    expect(rows[1]).toMatchObject({ ok: false, line: 4, problems: [{ field: "value" }] });
  });

  it("refuses a CSV header that does not name the point's columns", async () => {
    await expect(
      all(parseMetricRows("csv", chunks("day,amount\n2026-02-01,1\n"), rules)),
    ).rejects.toMatchObject({
      problems: [{ path: "line 1, header", message: expect.stringMatching(/missing date, value, metric/) }],
    });
    await expect(all(parseMetricRows("csv", chunks(""), rules))).rejects.toMatchObject({
      message: "the CSV is empty",
    });
  });

  it("reports a row with more fields than the header", async () => {
    const rows = await all(
      parseMetricRows("csv", chunks("metric,date,value\nbacklog,2026-02-01,1,extra\n"), rules),
    );
    expect(rows[0]).toMatchObject({ ok: false, line: 2, problems: [{ field: "row" }] });
  });

  it("reads JSON lines split across chunks, skipping blank lines and naming unknown fields", async () => {
    const rows = await all(
      parseMetricRows(
        "ndjson",
        chunks(
          '{"metric":"backlog","date":"2026-02-01","va',
          'lue":4}\n\n[1]\n{"metric":"backlog","date":"2026-02-01","value":4,"unit":"x"}',
        ),
        rules,
      ),
    );
    expect(rows.map((r) => (r.ok ? r.row.line : r.problems.map((p) => `${p.line}:${p.field}`)))).toEqual([
      1,
      ["3:row"],
      ["4:unit"],
    ]);
  });
});

describe("limitBytes", () => {
  it("refuses more bytes than allowed as they stream", async () => {
    const read = async () => {
      for await (const chunk of limitBytes(chunks("a".repeat(600), "b".repeat(600)), 1000)) void chunk;
    };
    await expect(read()).rejects.toMatchObject({ code: "too_large" });
  });
});
