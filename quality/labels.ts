// The labels file: a programme manager's verdict on each sampled signal, as reviewable CSV rows.
export const VERDICTS = ["true", "false", "partly"] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Label {
  /** The initiative (SIG) the signal belongs to. */
  initiative: string;
  fingerprint: string;
  kind: string;
  /** `type:id`, for the reader; the join is by initiative and fingerprint. */
  subject: string;
  verdict: Verdict;
  /** One sentence grounded in the KEP record; a changed verdict says here why it changed. */
  reason: string;
  /** The line in the file, for messages. */
  line: number;
}

export const LABEL_COLUMNS = ["initiative", "fingerprint", "kind", "subject", "verdict", "reason"] as const;

/** Reads RFC 4180 CSV (quoted fields may hold commas, quotes doubled, and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endField();
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

export interface LabelProblem {
  line: number;
  message: string;
}

/** The labels in a CSV text, and every row that could not be read (with its line). */
export function parseLabels(text: string): { labels: Label[]; problems: LabelProblem[] } {
  const rows = parseCsv(text);
  const problems: LabelProblem[] = [];
  const header = rows[0]?.map((h) => h.trim()) ?? [];
  if (LABEL_COLUMNS.some((c, i) => header[i] !== c)) {
    return { labels: [], problems: [{ line: 1, message: `the header must be ${LABEL_COLUMNS.join(",")}` }] };
  }
  const labels: Label[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((cells, index) => {
    const line = index + 2;
    const [initiative = "", fingerprint = "", kind = "", subject = "", verdict = "", reason = ""] = cells.map(
      (c) => c.trim(),
    );
    if (cells.length !== LABEL_COLUMNS.length) {
      problems.push({ line, message: `expected ${LABEL_COLUMNS.length} fields, found ${cells.length}` });
      return;
    }
    if (!(VERDICTS as readonly string[]).includes(verdict)) {
      problems.push({ line, message: `verdict must be one of ${VERDICTS.join(", ")}, not "${verdict}"` });
      return;
    }
    if (reason === "") {
      problems.push({ line, message: "every label needs its reason" });
      return;
    }
    const key = `${initiative}/${fingerprint}`;
    if (seen.has(key)) {
      problems.push({ line, message: `${key} is labelled twice` });
      return;
    }
    seen.add(key);
    labels.push({ initiative, fingerprint, kind, subject, verdict: verdict as Verdict, reason, line });
  });
  return { labels, problems };
}

/** A field quoted when it needs to be. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
