// `npm run quality`: the KEPs through the real engine, judged against the labels; precision per kind.
//
// A measurement, like a benchmark: it exits non-zero only when it cannot run, never on a precision miss.
// Writes quality/results.json and the generated section of docs/quality.md.
//   --files DIR   also write each SIG's initiative file as YAML into DIR, to read what the engine read
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import prettier from "prettier";
import { stringify } from "yaml";
import { CheckCompiler } from "../src/checks/check-compiler.ts";
import { evaluate } from "../src/engine/evaluate.ts";
import { evidenceHealth } from "../src/engine/evidence-health.ts";
import { EVIDENCE_HEALTHS } from "../src/domain/primitives.ts";
import { validateInitiativeDocument } from "../src/initiative-file/parse-initiative-file.ts";
import { readKeps } from "../src/importers/keps/read-keps.ts";
import { convertKeps, type ConversionProblem } from "../src/importers/keps/to-model.ts";
import { parseLabels } from "./labels.ts";
import { expectations, findMisses, type MissReport } from "./misses.ts";
import { meetsTarget, measure, MIN_LABELLED, PRECISION_TARGET, type Quality } from "./measure.ts";

/** The data's last day (its newest commit is of 2026-07-15): every run evaluates as of it. */
export const AS_OF = "2026-07-15";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const DATA = here("./data/keps/");
const LABELS = here("./labels.csv");
const RESULTS = here("./results.json");
const DOC = here("../docs/quality.md");
const BEGIN = "<!-- quality:results:begin -->";
const END = "<!-- quality:results:end -->";

async function main(): Promise<void> {
  const started = performance.now();
  const filesDir = process.argv.includes("--files")
    ? process.argv[process.argv.indexOf("--files") + 1]
    : undefined;
  const { data, problems: readProblems } = readKeps(DATA);
  const conversion = convertKeps(data, { asOf: AS_OF });
  const problems = [...readProblems, ...conversion.problems];

  const evaluated = conversion.initiatives.map(({ sig, file }) => {
    const checks = new CheckCompiler();
    const result = validateInitiativeDocument(file, { checks });
    if (!result.ok) {
      const first = result.problems.slice(0, 5).map((p) => `${p.path.join(".")}: ${p.message}`);
      throw new Error(
        `the converted file of ${sig} is not a valid initiative file:\n  ${first.join("\n  ")}`,
      );
    }
    if (filesDir) {
      mkdirSync(filesDir, { recursive: true });
      writeFileSync(join(filesDir, `${sig}.yaml`), stringify(file, { lineWidth: 0 }));
    }
    const assessments = evidenceHealth(result.snapshot, { today: AS_OF, checks });
    return { initiative: sig, signals: evaluate(result.snapshot, { checks }), assessments };
  });
  const health = countHealth(evaluated.flatMap((e) => e.assessments));

  const labelsText = existsSync(LABELS) ? readFileSync(LABELS, "utf8") : "";
  const { labels, problems: labelProblems } = labelsText
    ? parseLabels(labelsText)
    : { labels: [], problems: [{ line: 0, message: `${LABELS} not found: nothing is labelled` }] };
  const quality = measure(evaluated, labels);
  const firedByKind = new Map<string, Set<string>>();
  for (const { initiative, signals } of evaluated) {
    for (const s of signals) {
      if (s.subject.type !== "commitment") continue;
      firedByKind.set(s.kind, (firedByKind.get(s.kind) ?? new Set()).add(`${initiative}/${s.subject.id}`));
    }
  }
  const misses = findMisses(expectations(data, AS_OF), firedByKind);
  const seconds = (performance.now() - started) / 1000;

  print(quality, conversion.counts, problems, labelProblems, misses, health, seconds);
  await writeFormatted(
    RESULTS,
    JSON.stringify({
      asOf: AS_OF,
      conversion: { counts: conversion.counts, problems: summarise(problems) },
      kinds: quality.kinds,
      total: quality.total,
      evidenceHealth: health,
      misses,
      orphanLabels: quality.orphanLabels.map(({ line, initiative, fingerprint, kind, subject }) => ({
        line,
        initiative,
        fingerprint,
        kind,
        subject,
      })),
      signals: quality.signals,
    }),
  );
  await writeDocSection(quality, conversion.counts, misses, health);
}

/** How many subjects of each type the evidence calls each health: how much of the data has anything to go on. */
type HealthCount = Record<string, Record<(typeof EVIDENCE_HEALTHS)[number], number>>;

function countHealth(assessments: ReturnType<typeof evidenceHealth>): HealthCount {
  const count: HealthCount = {};
  for (const { subject, health } of assessments) {
    count[subject.type] ??= { on_track: 0, at_risk: 0, off_track: 0, unknown: 0 };
    count[subject.type]![health]++;
  }
  return count;
}

const healthLine = (calls: HealthCount[string]) => EVIDENCE_HEALTHS.map((h) => `${calls[h]} ${h}`).join(", ");

function summarise(problems: ConversionProblem[]) {
  const byKind = new Map<string, { kind: string; count: number; examples: string[] }>();
  for (const p of problems) {
    const entry = byKind.get(p.kind) ?? { kind: p.kind, count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < 3) entry.examples.push(p.kep ? `KEP-${p.kep}: ${p.detail}` : p.detail);
    byKind.set(p.kind, entry);
  }
  return [...byKind.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

const percent = (p: number | null) => (p === null ? "–" : `${(Math.floor(p * 1000) / 10).toFixed(1)} %`);
const mark = (k: Parameters<typeof meetsTarget>[0]) =>
  ({ true: "meets", false: "below", null: `< ${MIN_LABELLED} labelled` })[String(meetsTarget(k)) as "true"];

function print(
  quality: Quality,
  counts: object,
  problems: ConversionProblem[],
  labelProblems: Array<{ line: number; message: string }>,
  misses: MissReport[],
  health: HealthCount,
  seconds: number,
): void {
  console.log(`KEPs as of ${AS_OF}: ${JSON.stringify(counts)}`);
  console.log("Data the conversion could not use (counts):");
  for (const p of summarise(problems))
    console.log(`  ${String(p.count).padStart(4)}  ${p.kind}  e.g. ${p.examples[0]}`);
  console.log("");
  const header = ["kind", "fired", "labelled", "true", "false", "partly", "precision", "target"];
  const rows = [...quality.kinds, { ...quality.total, kind: "all" }].map((k) => [
    k.kind,
    String(k.fired),
    String(k.labelled),
    String(k.true),
    String(k.false),
    String(k.partly),
    percent(k.precision),
    k.kind === "all" ? "" : mark(k),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join("  "));
  console.log("");
  console.log(`Unlabelled signals: ${quality.unlabelled.length} (all in quality/results.json)`);
  for (const s of quality.unlabelled.slice(0, 20))
    console.log(`  ${s.kind}  ${s.initiative}/${s.subject}  ${s.fingerprint}`);
  if (quality.unlabelled.length > 20) console.log(`  … and ${quality.unlabelled.length - 20} more`);
  console.log(`Label rows that match no signal: ${quality.orphanLabels.length}`);
  for (const l of quality.orphanLabels)
    console.log(`  labels.csv:${l.line}  ${l.kind}  ${l.initiative}/${l.subject}  ${l.fingerprint}`);
  for (const p of labelProblems) console.log(`labels.csv:${p.line}: ${p.message}`);
  console.log("Read from the raw records, what should be found:");
  for (const m of misses) {
    console.log(
      `  ${m.kind}: ${m.found} of ${m.expected} ${m.what}; missed ${m.missed.join(", ") || "none"}`,
    );
    if (m.beyond.length > 0) console.log(`    also found, beyond the yardstick: ${m.beyond.join(", ")}`);
  }
  console.log("Evidence health, subjects by call:");
  for (const [type, calls] of Object.entries(health)) console.log(`  ${type}: ${healthLine(calls)}`);
  console.log(`\n${seconds.toFixed(1)} s`);
}

async function writeFormatted(path: string, text: string): Promise<void> {
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(text, { ...options, filepath: path }));
}

async function writeDocSection(
  quality: Quality,
  counts: Record<string, number>,
  misses: MissReport[],
  health: HealthCount,
): Promise<void> {
  const section = [
    BEGIN,
    "",
    `Generated by \`npm run quality\` (as of ${AS_OF}; ${counts.commitments} commitments, ${counts.reports} reports, ${counts.links} links, ${counts.gates} gates from ${counts.keps} KEPs). Precision counts a *partly* as half; the target is ${PRECISION_TARGET * 100} % for every kind with at least ${MIN_LABELLED} labelled signals.`,
    "",
    "| kind | fired | labelled | true | false | partly | precision | target | longest explanation |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ...quality.kinds.map(
      (k) =>
        `| \`${k.kind}\` | ${k.fired} | ${k.labelled} | ${k.true} | ${k.false} | ${k.partly} | ${percent(k.precision)} | ${mark(k)} | ${k.longestExplanation} |`,
    ),
    `| all | ${quality.total.fired} | ${quality.total.labelled} | ${quality.total.true} | ${quality.total.false} | ${quality.total.partly} | ${percent(quality.total.precision)} | | |`,
    "",
    `Unlabelled signals: ${quality.unlabelled.length}. Label rows matching no signal: ${quality.orphanLabels.length}.`,
    "",
    "What the raw records say should be found, and what was (`quality/misses.ts`):",
    "",
    "| kind | should find | found | missed | found beyond |",
    "| --- | --- | ---: | --- | --- |",
    ...misses.map(
      (m) =>
        `| \`${m.kind}\` | ${m.expected} ${m.what} | ${m.found} | ${m.missed.join(", ") || "none"} | ${m.beyond.join(", ") || "none"} |`,
    ),
    "",
    "Evidence health, subjects by call (`unknown`: nothing in the data to check):",
    "",
    `| subject | ${EVIDENCE_HEALTHS.join(" | ")} |`,
    `| --- | ${EVIDENCE_HEALTHS.map(() => "---:").join(" | ")} |`,
    ...Object.entries(health).map(
      ([type, calls]) => `| ${type} | ${EVIDENCE_HEALTHS.map((h) => calls[h]).join(" | ")} |`,
    ),
    "",
    END,
  ].join("\n");
  const current = existsSync(DOC)
    ? readFileSync(DOC, "utf8")
    : `# Detection quality on real data\n\n${BEGIN}\n${END}\n`;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOC} has lost its ${BEGIN} … ${END} markers`);
  await writeFormatted(DOC, current.slice(0, start) + section + current.slice(end + END.length));
}

await main();
