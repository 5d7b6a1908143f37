// plumb import-csv INITIATIVE FILE: metric points from a CSV file, through the same use-case as
// POST …/metric-points; prints what was read, written, unchanged and rejected (by line and field).
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { resolve } from "node:path";
import type { Config } from "../../config/config.ts";
import { AppError, isAppError, type FieldProblem } from "../../domain/app-error.ts";
import { LOCAL_ACTOR } from "../../domain/actor.ts";
import { ingestMetricPoints } from "../../use-cases/metrics/ingest-metric-points.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { resolveOrg } from "../resolve-org.ts";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

function printProblems(io: CliIo, fileName: string, problems: FieldProblem[], total: number): void {
  for (const p of problems) {
    const field = p.path.replace(/^line \d+, /, "");
    io.stderr(`  ${fileName}:${p.line ?? "?"}: ${field}: ${p.message}\n`);
  }
  if (total > problems.length)
    io.stderr(`  … and more (only the first ${problems.length} problems are listed)\n`);
}

export async function runImportCsv(
  initiativeId: string,
  fileName: string,
  options: { org?: string; metric?: string; partial?: boolean },
  config: Config,
  io: CliIo,
): Promise<number> {
  const path = resolve(io.cwd, fileName);
  try {
    await access(path);
  } catch {
    throw AppError.invalid(`cannot read ${fileName}`, [{ path: "file", message: "no such file" }]);
  }
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    try {
      const summary = await ingestMetricPoints(services, {
        orgId,
        initiativeId,
        actor: LOCAL_ACTOR,
        format: "csv",
        body: createReadStream(path, { highWaterMark: 64 * 1024 }),
        maxBytes: config.maxIngestBytes,
        partial: options.partial ?? false,
        kind: "csv",
        metric: options.metric,
      });
      const perMetric = Object.entries(summary.metrics)
        .map(([metric, n]) => `${metric} ${n}`)
        .join(", ");
      io.stdout(
        `${fileName}: ${plural(summary.read, "row")} read, ${summary.written} written` +
          `${perMetric ? ` (${perMetric})` : ""}, ${summary.unchanged} unchanged, ${summary.rejected} rejected.\n`,
      );
      if (summary.rejected > 0) {
        io.stderr(`Rejected (not written):\n`);
        printProblems(io, fileName, summary.problems, summary.rejected);
        return EXIT.invalid;
      }
      return EXIT.ok;
    } catch (error) {
      if (isAppError(error) && error.code === "invalid_input" && error.problems.some((p) => p.line)) {
        io.stderr(`plumb: ${fileName}: ${error.message.replace("?partial=true", "--partial")}\n`);
        printProblems(io, fileName, error.problems, error.problems.length);
        return EXIT.invalid;
      }
      throw error;
    }
  });
}
