// plumb check FILE: validates an initiative file and prints its signals; exits 1 at or above --fail-on.
import { resolve } from "node:path";
import { AppError } from "../../domain/app-error.ts";
import { IsoDateSchema, severityRank, type Severity } from "../../domain/primitives.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import { evaluateIn, evaluationContext } from "../../engine/evaluate.ts";
import { compareHealth } from "../../engine/health-comparison.ts";
import { matchesSignalFilter, parseSignalFilter } from "../../engine/signal-filter.ts";
import { parseInitiativeFile } from "../../initiative-file/parse-initiative-file.ts";
import { signalsAsJson, signalsAsSummary, signalsAsText } from "../format-signals.ts";
import { EXIT, type CliIo } from "../io.ts";
import { readInitiativeText } from "./read-file.ts";

export interface CheckOptions {
  /** `summary`: one line per kind, for initiatives too large to read signal by signal. */
  format: "text" | "json" | "summary";
  failOn: Severity;
  asOf?: string;
  /** Only these kinds (comma-separated or repeated). */
  kind?: string[];
  /** Only signals at least this severe. */
  severity?: string;
  /** Only signals on this subject (its id, or type:id). */
  subject?: string;
  /** Only signals this person must act on (`none`: nobody named). */
  owner?: string;
}

export async function runCheck(fileName: string, options: CheckOptions, io: CliIo): Promise<number> {
  if (options.asOf !== undefined && !IsoDateSchema.safeParse(options.asOf).success) {
    throw AppError.invalid("invalid --as-of", [
      { path: "--as-of", message: "must be a real calendar date written as YYYY-MM-DD" },
    ]);
  }
  const wanted = parseSignalFilter(options, {
    kind: "--kind",
    severity: "--severity",
    subject: "--subject",
    owner: "--owner",
  });
  if (!wanted.ok) throw AppError.invalid("invalid filter", wanted.problems);
  const text = await readInitiativeText(resolve(io.cwd, fileName), fileName);
  const checks = new CheckCompiler();
  const parsed = parseInitiativeFile(text, { fileName, checks });
  if (!parsed.ok) {
    throw AppError.invalid(`${fileName} is not a valid initiative file`, parsed.problems);
  }
  const evaluation = { checks, clock: io.clock, ...(options.asOf ? { today: options.asOf } : {}) };
  // One context for the signals and the health comparison, which reads the evidence health they derived.
  const context = evaluationContext(parsed.snapshot, evaluation);
  // What is shown is what counts for --fail-on: a pipeline can gate on one kind or one subject.
  const signals = evaluateIn(parsed.snapshot, context).filter((s) => matchesSignalFilter(s, wanted.filter));
  const asOf = context.today;
  const health = compareHealth(parsed.snapshot, context);
  const name = parsed.snapshot.initiative.name;
  io.stdout(
    options.format === "json"
      ? signalsAsJson(signals, asOf, health)
      : options.format === "summary"
        ? signalsAsSummary(signals, { name, asOf, color: io.color })
        : signalsAsText(signals, { name, asOf, color: io.color, health }),
  );
  const threshold = severityRank(options.failOn);
  return signals.some((s) => severityRank(s.severity) >= threshold) ? EXIT.signals : EXIT.ok;
}
