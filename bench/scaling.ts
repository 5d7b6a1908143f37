// `npm run bench:scaling` (and part of `npm run bench`): how evaluation grows with one initiative's size. The
// same generated shape at 1×, 4× and 16× (312, 1,250 and 5,000 commitments with 10 reports each and the rest in
// proportion), each evaluated in full three times (the median counts), with the time inside each detector.
// A growth exponent near 1 is linear: time × 16 for data × 16; 2 is quadratic. Measured, never asserted.
// Writes bench/results-scaling.json and the scaling section of docs/performance.md.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { CheckCompiler } from "../src/checks/check-compiler.ts";
import { DETECTORS, evaluate } from "../src/engine/evaluate.ts";
import { DetectorClock } from "./engine-bench.ts";
import { generateInitiative, generateOrg, initiativeShape, Random } from "./generate.ts";
import { log, median, round } from "./stats.ts";

const BASE = 312;
const FACTORS = [1, 4, 16];
const RUNS = 3;
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

interface Size {
  factor: number;
  commitments: number;
  reports: number;
  links: number;
  evaluationMs: number;
  detectorMs: Record<string, number>;
}

const sizes: Size[] = [];
for (const factor of FACTORS) {
  const scale = initiativeShape(BASE * factor);
  const rng = new Random(11);
  const { snapshot } = generateInitiative(0, scale, generateOrg(scale, rng), rng);
  const runs: number[] = [];
  let detectorMs: Record<string, number> = {};
  for (let run = 0; run < RUNS; run++) {
    const clock = new DetectorClock(DETECTORS);
    const start = performance.now();
    evaluate(snapshot, { checks: new CheckCompiler(), detectors: clock.wrapped });
    runs.push(performance.now() - start);
    // The detectors' times of the median run are not kept apart: the last run's stand for them.
    detectorMs = Object.fromEntries([...clock.totals].map(([name, t]) => [name, round(t.ms, 1)]));
  }
  const size = {
    factor,
    commitments: snapshot.commitments.length,
    reports: snapshot.reports.length,
    links: snapshot.links.length,
    evaluationMs: round(median(runs), 1),
    detectorMs,
  };
  sizes.push(size);
  log(`${factor}×: ${size.commitments} commitments, ${size.reports} reports: ${size.evaluationMs} ms`);
}

/** How time grows against the data between the smallest and the largest size: log(t16 / t1) / log(16). */
const exponent = (small: number, large: number) =>
  small > 0 && large > 0 ? round(Math.log(large / small) / Math.log(FACTORS.at(-1)! / FACTORS[0]!), 2) : null;
const first = sizes[0]!;
const last = sizes.at(-1)!;
const detectors = Object.keys(last.detectorMs)
  .map((name) => ({
    name,
    ms: FACTORS.map((_, i) => sizes[i]!.detectorMs[name] ?? 0),
    exponent: exponent(first.detectorMs[name] ?? 0, last.detectorMs[name] ?? 0),
  }))
  .sort((a, b) => b.ms.at(-1)! - a.ms.at(-1)!);
const total = exponent(first.evaluationMs, last.evaluationMs);
log(`growth exponent of the whole evaluation: ${total}`);

const at = new Date().toISOString().slice(0, 10);
const results = { at, base: BASE, factors: FACTORS, runs: RUNS, sizes, exponent: total, detectors };
const format = async (path: string, text: string) =>
  prettier.format(text, { ...((await prettier.resolveConfig(path)) ?? {}), filepath: path });
const resultsPath = here("./results-scaling.json");
writeFileSync(resultsPath, await format(resultsPath, JSON.stringify(results)));

const BEGIN = "<!-- scaling:begin -->";
const END = "<!-- scaling:end -->";
const section = [
  BEGIN,
  "",
  `Measured by \`npm run bench:scaling\` on ${at}: one generated initiative at ${FACTORS.join("×, ")}× (${sizes.map((s) => s.commitments.toLocaleString("en")).join(", ")} commitments, ten reports each), evaluated in full, median of ${RUNS} runs. The growth exponent is log(t${FACTORS.at(-1)}/t${FACTORS[0]}) / log(${FACTORS.at(-1)}): 1 is linear, 2 quadratic. Raw numbers in \`bench/results-scaling.json\`.`,
  "",
  `| | ${sizes.map((s) => `${s.factor}× (${s.commitments.toLocaleString("en")})`).join(" | ")} | exponent |`,
  `| --- | ${sizes.map(() => "---:").join(" | ")} | ---: |`,
  `| whole evaluation, ms | ${sizes.map((s) => s.evaluationMs).join(" | ")} | ${total} |`,
  ...detectors.slice(0, 8).map((d) => `| \`${d.name}\`, ms | ${d.ms.join(" | ")} | ${d.exponent ?? "–"} |`),
  "",
  "The eight detectors that take longest at the largest size are shown.",
  "",
  END,
].join("\n");
const docPath = here("../docs/performance.md");
const doc = readFileSync(docPath, "utf8");
const start = doc.indexOf(BEGIN);
const end = doc.indexOf(END);
const next =
  start >= 0 && end > start
    ? doc.slice(0, start) + section + doc.slice(end + END.length)
    : doc.replace(
        "## Targets at the `enterprise` scale",
        `### Evaluation by size\n\n${section}\n\n## Targets at the \`enterprise\` scale`,
      );
writeFileSync(docPath, await format(docPath, next));
log("wrote bench/results-scaling.json and the scaling section of docs/performance.md");
