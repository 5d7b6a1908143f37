// Reading the KEP data from a directory: `keps.jsonl`, `kep_status_history.jsonl` and `k8s_sigs.jsonl`, one JSON
// object per line. A line that is not JSON is a problem named by its file and line, and the rest is read.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../../domain/app-error.ts";
import type { ConversionProblem, HistoryRow, KepData, KepRecord, SigRecord } from "./to-model.ts";

export const KEP_FILES = ["keps.jsonl", "kep_status_history.jsonl", "k8s_sigs.jsonl"] as const;

export function readKeps(dir: string): { data: KepData; problems: ConversionProblem[] } {
  const missing = KEP_FILES.filter((file) => !existsSync(join(dir, file)));
  if (missing.length > 0) {
    throw AppError.invalid(
      `${dir} does not hold the KEP data`,
      missing.map((file) => ({ path: file, message: `${join(dir, file)} does not exist` })),
    );
  }
  const problems: ConversionProblem[] = [];
  const lines = <T>(file: string): T[] => {
    const rows: T[] = [];
    readFileSync(join(dir, file), "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (line.trim() === "") return;
        try {
          rows.push(JSON.parse(line) as T);
        } catch (error) {
          problems.push({
            kind: "unreadable line",
            kep: null,
            detail: `${file}:${i + 1}: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      });
    return rows;
  };
  return {
    data: {
      keps: lines<KepRecord>("keps.jsonl"),
      history: lines<HistoryRow>("kep_status_history.jsonl"),
      sigs: lines<SigRecord>("k8s_sigs.jsonl"),
    },
    problems,
  };
}
