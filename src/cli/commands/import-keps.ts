// plumb import-keps DIR: the Kubernetes enhancement proposals (KEPs) as one initiative per owning SIG, imported
// through the import path, evaluated, and what Plumbline finds in them summed up: the real-data example.
import { resolve } from "node:path";
import { groupBy } from "../../domain/group-by.ts";
import { LOCAL_ACTOR } from "../../domain/actor.ts";
import { isIsoDate, severityRank, type IsoDate } from "../../domain/primitives.ts";
import { importKeps, type KepImportReport } from "../../importers/keps/import-keps.ts";
import { Evaluator } from "../../use-cases/evaluation/evaluator.ts";
import { listSignals, type SignalView } from "../../use-cases/list-signals.ts";
import type { Config } from "../../config/config.ts";
import { progress } from "../progress.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { resolveOrg } from "../resolve-org.ts";

export interface ImportKepsOptions {
  org?: string;
  asOf?: string;
  /** How many findings to print as examples. */
  top?: string;
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export async function runImportKeps(
  dir: string,
  options: ImportKepsOptions,
  config: Config,
  io: CliIo,
): Promise<number> {
  const top = Number(options.top ?? 10);
  if (!Number.isInteger(top) || top < 0) {
    io.stderr(`plumb: --top must be a whole number of findings, not '${options.top}'\n`);
    return EXIT.invalid;
  }
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
    io.stderr(`plumb: --as-of must be a date written YYYY-MM-DD, not '${options.asOf}'\n`);
    return EXIT.invalid;
  }
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    const shown = progress(io, "keps", "initiatives imported");
    const report = await importKeps(services, {
      orgId,
      dir: resolve(io.cwd, dir),
      ...(options.asOf ? { asOf: options.asOf as IsoDate } : {}),
      actor: LOCAL_ACTOR,
      onProgress: (done, total, id) => shown.update(done, total, id),
    }).finally(() => shown.stop());
    await new Evaluator(services).drain();
    const found = [];
    for (const { id } of report.initiatives)
      found.push(
        ...(await listSignals(services, orgId, id)).signals.map((s) => ({ initiative: id, signal: s })),
      );
    io.stdout(summary(orgId, report, found, top));
    return EXIT.ok;
  });
}

function summary(
  orgId: string,
  report: KepImportReport,
  found: Array<{ initiative: string; signal: SignalView }>,
  top: number,
): string {
  const { counts } = report;
  const created = report.initiatives.filter((i) => i.created).length;
  const added = report.initiatives.reduce((n, i) => n + i.added, 0);
  const lines = [
    `Read ${count(counts.keps, "KEP")} as of ${report.asOf}: ${count(report.initiatives.length, "SIG initiative")}, ` +
      `${count(counts.commitments, "commitment")}, ${count(counts.reports, "status report")}, ` +
      `${count(counts.links, "link")}, ${count(counts.gates, "gate")}.`,
    `Into org '${orgId}': ${created} created, ${report.initiatives.length - created} already there; ` +
      `${count(added, "record")} added.`,
    "",
    `What Plumbline finds: ${count(found.length, "open signal")}`,
    ...[...groupBy(found, (f) => f.signal.kind)]
      .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
      .map(([kind, of]) => `  ${String(of.length).padStart(5)}  ${kind}`),
  ];
  // Examples: the most severe of each kind first, so that every kind shows what it found, then the next.
  const bySeverity = [...found].sort(
    (a, b) => severityRank(b.signal.severity) - severityRank(a.signal.severity),
  );
  const seen = new Set<string>();
  const firsts = bySeverity.filter((f) => !seen.has(f.signal.kind) && seen.add(f.signal.kind));
  const examples = [...firsts, ...bySeverity.filter((f) => !firsts.includes(f))].slice(0, top);
  if (examples.length > 0) {
    lines.push("", `For example (the most severe of each kind first):`);
    for (const { initiative, signal } of examples)
      lines.push(`  ${signal.severity.padEnd(8)} ${signal.kind.padEnd(20)} ${initiative}: ${signal.title}`);
  }
  if (report.problems.length > 0) {
    lines.push("", `Not taken from the data (${count(report.problems.length, "item")}), by kind:`);
    for (const [kind, of] of [...groupBy(report.problems, (p) => p.kind)].sort(
      ([, x], [, y]) => y.length - x.length,
    ))
      lines.push(`  ${String(of.length).padStart(5)}  ${kind}`);
  }
  return `${lines.join("\n")}\n`;
}
