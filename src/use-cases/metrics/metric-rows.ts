// Reading bulk metric points: CSV (csv-parse) or JSON lines, streamed chunk by chunk, each row validated on its
// own with problems that name its line and field in words. Nothing here touches the store.
import { parse as csvParser } from "csv-parse";
import { AppError, type FieldProblem } from "../../domain/app-error.ts";
import { isIsoDate } from "../../domain/primitives.ts";
import { MAX_SOURCE_REF } from "../../domain/provenance.ts";
import { textFault } from "../../domain/storable-text.ts";

export type IngestFormat = "csv" | "ndjson";

/** One point as a row gives it, validated. */
export interface MetricRow {
  line: number;
  metric: string;
  date: string;
  value: number;
  /** The source's reference, '' when the row names none. */
  source: string;
}

/** What is wrong with one field of one row: `path` says it in words ("line 4, value"). */
export interface RowProblem extends FieldProblem {
  line: number;
  field: string;
}

export type ParsedRow = { ok: true; row: MetricRow } | { ok: false; line: number; problems: RowProblem[] };

export interface RowRules {
  /** The initiative's metrics: a row naming another is refused. */
  metrics: ReadonlySet<string>;
  /** The metric of rows that name none (`--metric`, `?metric=`). */
  defaultMetric?: string | undefined;
}

export const CSV_COLUMNS = ["metric", "date", "value", "source"] as const;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const problem = (line: number, field: string, message: string): RowProblem => ({
  path: `line ${line}, ${field}`,
  message,
  line,
  field,
});

const shown = (text: string) => (text.length > 40 ? `'${text.slice(0, 40)}…'` : `'${text}'`);

/** Validates one row's fields (strings from CSV, anything from JSON). */
export function validateRow(line: number, fields: Record<string, unknown>, rules: RowRules): ParsedRow {
  const problems: RowProblem[] = [];
  const rawMetric = fields.metric;
  let metric = "";
  if (rawMetric === undefined || rawMetric === null || rawMetric === "") {
    if (rules.defaultMetric !== undefined) metric = rules.defaultMetric;
    else problems.push(problem(line, "metric", "is missing: say which metric the point belongs to"));
  } else if (typeof rawMetric !== "string") {
    problems.push(problem(line, "metric", "must be the metric's name as text"));
  } else metric = rawMetric.trim();
  if (metric !== "" && !rules.metrics.has(metric)) {
    const known = [...rules.metrics].sort().slice(0, 10).join(", ");
    problems.push(
      problem(
        line,
        "metric",
        `${shown(metric)} is not a metric of this initiative (${known ? `its metrics: ${known}` : "it has none"})`,
      ),
    );
  }
  const date = typeof fields.date === "string" ? fields.date.trim() : fields.date;
  if (date === undefined || date === null || date === "") {
    problems.push(problem(line, "date", "is missing: give the day the value was measured, as YYYY-MM-DD"));
  } else if (typeof date !== "string" || !isIsoDate(date)) {
    problems.push(
      problem(line, "date", `${shown(String(date))} is not a real calendar date written as YYYY-MM-DD`),
    );
  }
  let value = NaN;
  const rawValue = typeof fields.value === "string" ? fields.value.trim() : fields.value;
  if (rawValue === undefined || rawValue === null || rawValue === "") {
    problems.push(problem(line, "value", "is missing: give the measured number"));
  } else if (typeof rawValue === "number") {
    value = rawValue;
    if (!Number.isFinite(value)) problems.push(problem(line, "value", "must be a finite number"));
  } else if (typeof rawValue === "string" && NUMBER.test(rawValue)) {
    value = Number(rawValue);
    if (!Number.isFinite(value)) problems.push(problem(line, "value", "is too large to be a number"));
  } else {
    problems.push(
      problem(
        line,
        "value",
        `${shown(String(rawValue))} is not a number (write it like 12 or 12.5, no units)`,
      ),
    );
  }
  const rawSource = typeof fields.source === "string" ? fields.source.trim() : fields.source;
  let source = "";
  if (rawSource !== undefined && rawSource !== null && rawSource !== "") {
    if (typeof rawSource !== "string") problems.push(problem(line, "source", "must be text"));
    else if (textFault(rawSource)) problems.push(problem(line, "source", textFault(rawSource)!));
    else if (rawSource.length > MAX_SOURCE_REF)
      problems.push(problem(line, "source", `is longer than ${MAX_SOURCE_REF} characters`));
    else source = rawSource;
  }
  if (problems.length > 0) return { ok: false, line, problems };
  return { ok: true, row: { line, metric, date: date as string, value, source } };
}

/** Counts what passes and refuses more than `maxBytes` with 413, while it streams. */
export async function* limitBytes(
  chunks: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): AsyncGenerator<Uint8Array | string> {
  let seen = 0;
  for await (const chunk of chunks) {
    seen += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (seen > maxBytes) {
      throw new AppError("too_large", `the points are larger than an ingest takes (${maxBytes} bytes)`);
    }
    yield chunk;
  }
}

/** CSV rows: a header naming the columns (metric, date, value, source; any order), then one point a line. */
async function* csvRows(
  chunks: AsyncIterable<Uint8Array | string>,
  rules: RowRules,
): AsyncGenerator<ParsedRow> {
  const parser = csvParser({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  });
  const feeding = (async () => {
    try {
      for await (const chunk of chunks) {
        if (!parser.write(chunk)) await new Promise((resolve) => parser.once("drain", resolve));
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let columns: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = info.lines;
      if (columns === null) {
        columns = record.map((name) => name.trim().toLowerCase());
        const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
        const missing = ["date", "value", ...(rules.defaultMetric === undefined ? ["metric"] : [])].filter(
          (c) => !columns!.includes(c),
        );
        if (unknown.length > 0 || missing.length > 0) {
          throw AppError.invalid("the CSV header does not name the columns of metric points", [
            problem(
              line,
              "header",
              [
                missing.length > 0 ? `is missing ${missing.join(", ")}` : "",
                unknown.length > 0 ? `has columns no point has (${unknown.join(", ")})` : "",
              ]
                .filter(Boolean)
                .join(" and ") + `: the columns are ${CSV_COLUMNS.join(", ")} (source optional)`,
            ),
          ]);
        }
        continue;
      }
      if (record.length > columns.length) {
        yield {
          ok: false,
          line,
          problems: [
            problem(line, "row", `has ${record.length} fields where the header names ${columns.length}`),
          ],
        };
        continue;
      }
      const fields: Record<string, unknown> = {};
      columns.forEach((name, i) => (fields[name] = record[i]));
      yield validateRow(line, fields, rules);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const csv = error as { code?: string; lines?: number; message?: string };
    if (typeof csv.code === "string" && csv.code.startsWith("CSV_")) {
      const line = csv.lines ?? 0;
      throw AppError.invalid("the CSV cannot be read", [
        problem(line, "row", (csv.message ?? "is not valid CSV").replace(/^Invalid [^:]*: /, "")),
      ]);
    }
    throw error;
  } finally {
    await feeding;
  }
  if (columns === null) {
    throw AppError.invalid("the CSV is empty", [
      problem(1, "header", `is missing: the first line names the columns (${CSV_COLUMNS.join(", ")})`),
    ]);
  }
}

/** JSON lines: one object a line, {"metric", "date", "value", "source"?}; blank lines are skipped. */
async function* ndjsonRows(
  chunks: AsyncIterable<Uint8Array | string>,
  rules: RowRules,
): AsyncGenerator<ParsedRow> {
  const decoder = new TextDecoder("utf-8", { fatal: false });
  let pending = "";
  let line = 0;
  const one = (text: string): ParsedRow | null => {
    line += 1;
    const trimmed = text.trim();
    if (trimmed === "") return null;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      return { ok: false, line, problems: [problem(line, "row", "is not valid JSON")] };
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return {
        ok: false,
        line,
        problems: [problem(line, "row", 'must be one object, like {"metric": …, "date": …, "value": …}')],
      };
    }
    const unknown = Object.keys(value).filter((k) => !(CSV_COLUMNS as readonly string[]).includes(k));
    const parsed = validateRow(line, value as Record<string, unknown>, rules);
    if (unknown.length === 0) return parsed;
    const extra = unknown.map((k) =>
      problem(line, k, `is not a field of a point (${CSV_COLUMNS.join(", ")})`),
    );
    return { ok: false, line, problems: [...(parsed.ok ? [] : parsed.problems), ...extra] };
  };
  for await (const chunk of chunks) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = pending.indexOf("\n");
    while (newline >= 0) {
      const row = one(pending.slice(start, newline));
      if (row) yield row;
      start = newline + 1;
      newline = pending.indexOf("\n", start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending !== "") {
    const row = one(pending);
    if (row) yield row;
  }
}

/** The rows of a body in `format`, validated one by one as the chunks arrive. */
export function parseMetricRows(
  format: IngestFormat,
  chunks: AsyncIterable<Uint8Array | string>,
  rules: RowRules,
): AsyncGenerator<ParsedRow> {
  return format === "csv" ? csvRows(chunks, rules) : ndjsonRows(chunks, rules);
}
