// The engine's side of the benchmark: full evaluation of every initiative, and incremental re-evaluation.
import { Session } from "node:inspector/promises";
import type { InitiativeSnapshot, Signal, StatusReport } from "../src/domain/model.ts";
import { addDecision, addPoint, addReport, castVote, setFact } from "../src/engine/changes.ts";
import type { CheckCompiler } from "../src/checks/check-compiler.ts";
import type { Detector } from "../src/engine/detector.ts";
import { filteredRollup } from "../src/engine/detectors/filtered-rollup.ts";
import { watermelon } from "../src/engine/detectors/watermelon.ts";
import { DETECTORS, evaluate, evaluationContext } from "../src/engine/evaluate.ts";
import { IncrementalEvaluator, type SnapshotChange } from "../src/engine/incremental.ts";
import { day, Random, type GeneratedOrg, type InitiativeHints } from "./generate.ts";
import { heapMb, log, peakRssMb, progress, round, rssMb, summarize, type Summary } from "./stats.ts";

// ── Which detectors run ──────────────────────────────────────────────────────────────────────────────────

export const detectorName = (d: Detector) => d.kinds.join("+");

/**
 * Every detector wired into DETECTORS, plus the watermelon and filtered-rollup detectors when they are not
 * wired yet: the benchmark compares their findings with SQL, so it always runs them.
 */
export function benchDetectors(): { detectors: Detector[]; wired: string[]; added: string[] } {
  const detectors = [...DETECTORS];
  const added: string[] = [];
  for (const extra of [watermelon, filteredRollup]) {
    const kinds = new Set(DETECTORS.flatMap((d) => d.kinds));
    if (!DETECTORS.includes(extra) && !extra.kinds.every((k) => kinds.has(k))) {
      detectors.push(extra);
      added.push(detectorName(extra));
    }
  }
  return { detectors, wired: DETECTORS.map(detectorName), added };
}

/** Detectors wrapped with a stopwatch: the same detect, plus time and calls per detector. */
export class DetectorClock {
  readonly totals: Map<string, { ms: number; calls: number; signals: number }>;
  readonly wrapped: Detector[];
  constructor(detectors: readonly Detector[]) {
    this.totals = new Map(detectors.map((d) => [detectorName(d), { ms: 0, calls: 0, signals: 0 }]));
    this.wrapped = detectors.map((d) => {
      const total = this.totals.get(detectorName(d))!;
      return {
        kinds: d.kinds,
        reads: d.reads,
        detect: (snapshot, context) => {
          const start = performance.now();
          const signals = d.detect(snapshot, context);
          total.ms += performance.now() - start;
          total.calls++;
          total.signals += signals.length;
          return signals;
        },
      };
    });
  }
  snapshot(): Map<string, number> {
    return new Map([...this.totals].map(([name, t]) => [name, t.ms]));
  }
  reset(): void {
    for (const t of this.totals.values()) Object.assign(t, { ms: 0, calls: 0, signals: 0 });
  }
}

// ── Findings, keyed so the engine's and SQL's can be compared one by one ────────────────────────────────

export interface Findings {
  broken: Set<string>;
  unverifiable: Set<string>;
  watermelon: Set<string>;
  filteredRollup: Set<string>;
}

export const emptyFindings = (): Findings => ({
  broken: new Set(),
  unverifiable: new Set(),
  watermelon: new Set(),
  filteredRollup: new Set(),
});

function collect(findings: Findings, initiativeId: string, signals: readonly Signal[]): void {
  for (const s of signals) {
    const key = `${initiativeId}/${s.subject.type}/${s.subject.id}`;
    if (s.kind === "broken-assumption") findings.broken.add(key);
    else if (s.kind === "unverifiable-assumption") findings.unverifiable.add(key);
    else if (s.kind === "watermelon") findings.watermelon.add(key);
    else if (s.kind === "filtered-rollup") {
      // The top of the path is the report that filtered: its id is in the last piece of evidence.
      const top = s.evidence.at(-1)?.value as { report?: string } | undefined;
      findings.filteredRollup.add(`${initiativeId}/report/${top?.report ?? "?"}`);
    }
  }
}

// ── CEL compilation ──────────────────────────────────────────────────────────────────────────────────────

/** Times `checks.compile` (parse + plan on a miss, a cache lookup on a hit) on this one compiler instance. */
export class CompileClock {
  ms = 0;
  readonly sources = new Set<string>();
  constructor(checks: CheckCompiler) {
    const compile = checks.compile.bind(checks);
    checks.compile = (source: string) => {
      const start = performance.now();
      const result = compile(source);
      this.ms += performance.now() - start;
      this.sources.add(source);
      return result;
    };
  }
}

// ── Full evaluation ──────────────────────────────────────────────────────────────────────────────────────

export interface FullEvaluationResult {
  label: string;
  wallMs: number;
  perInitiativeMs: Summary;
  signals: number;
  signalsByKind: Record<string, number>;
  /** Time inside each detector, summed over every initiative. */
  detectorMs: Record<string, number>;
  /** Evaluation time outside the detectors: sorting and merging signals. */
  otherMs: number;
  compiledChecks: number;
  /** Time in CheckCompiler.compile (inside the detectors that evaluate checks): parsing and planning CEL. */
  celCompileMs: number;
  rssMaxSampledMb: number;
  peakRssMb: number;
  heapAfterMb: number;
}

export function fullEvaluation(
  label: string,
  generated: GeneratedOrg,
  detectors: readonly Detector[],
  checks: CheckCompiler,
  findings?: Findings,
): FullEvaluationResult {
  const clock = new DetectorClock(detectors);
  const compiles = new CompileClock(checks);
  const byKind: Record<string, number> = {};
  const perInitiative: number[] = [];
  let total = 0;
  let rssMax = rssMb();
  const tick = progress(`${label} evaluation`, generated.snapshots.length);
  const start = performance.now();
  generated.snapshots.forEach((snapshot, i) => {
    const t0 = performance.now();
    const signals = evaluate(snapshot, { checks, detectors: clock.wrapped });
    perInitiative.push(performance.now() - t0);
    total += signals.length;
    for (const s of signals) byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
    if (findings) collect(findings, snapshot.initiative.id, signals);
    if (i % 10 === 0) rssMax = Math.max(rssMax, rssMb());
    tick(i + 1, `rss ${rssMb()} MB`);
  });
  const wallMs = performance.now() - start;
  rssMax = Math.max(rssMax, rssMb());
  const detectorMs = Object.fromEntries([...clock.totals].map(([name, t]) => [name, round(t.ms, 1)]));
  const inDetectors = [...clock.totals.values()].reduce((t, d) => t + d.ms, 0);
  return {
    label,
    wallMs: round(wallMs, 1),
    perInitiativeMs: summarize(perInitiative),
    signals: total,
    signalsByKind: byKind,
    detectorMs,
    otherMs: round(wallMs - inDetectors, 1),
    compiledChecks: compiles.sources.size,
    celCompileMs: round(compiles.ms, 1),
    rssMaxSampledMb: rssMax,
    peakRssMb: peakRssMb(),
    heapAfterMb: heapMb(),
  };
}

// ── Where the time goes inside the detectors: V8's sampling profiler over a sample of initiatives ──────────

export interface HotFunction {
  function: string;
  location: string;
  selfMs: number;
  selfPct: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Profiles evaluating `sample` initiatives (already warm) and returns the top functions by self time. */
export async function profileEvaluation(
  snapshots: readonly InitiativeSnapshot[],
  detectors: readonly Detector[],
  checks: CheckCompiler,
  top = 20,
): Promise<{ sampleInitiatives: number; wallMs: number; hot: HotFunction[] }> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  const start = performance.now();
  for (const snapshot of snapshots) evaluate(snapshot, { checks, detectors });
  const wallMs = performance.now() - start;
  const { profile } = (await session.post("Profiler.stop")) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  session.disconnect();
  // Self time per node from the samples and their time deltas (microseconds).
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const parentOf = new Map<number, ProfileNode>();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  // Anonymous functions are named after their nearest named caller ("(anonymous in buildReportGraph)").
  const nameOf = (node: ProfileNode): string => {
    if (node.callFrame.functionName) return node.callFrame.functionName;
    for (let up = parentOf.get(node.id); up; up = parentOf.get(up.id)) {
      if (up.callFrame.functionName && up.callFrame.url === node.callFrame.url)
        return `(anonymous in ${up.callFrame.functionName})`;
    }
    return "(anonymous)";
  };
  const byFunction = new Map<string, { fn: string; loc: string; us: number }>();
  let totalUs = 0;
  for (const node of nodes.values()) {
    const us = selfUs.get(node.id) ?? 0;
    const { functionName, url } = node.callFrame;
    // Not the evaluation: the profiler's own message dispatch, idle time, the root.
    if (["(idle)", "(program)", "(root)"].includes(functionName) || (functionName === "dispatch" && !url))
      continue;
    totalUs += us;
    const fn = nameOf(node);
    // tsx compiles each module onto few lines, so the file is the useful part of the location.
    const loc = url.replace(/^file:\/\/.*?\/(src|bench|node_modules)\//, "$1/");
    const key = `${fn}@${loc}`;
    const entry = byFunction.get(key) ?? { fn, loc, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
  }
  const hot = [...byFunction.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({
      function: e.fn,
      location: e.loc,
      selfMs: round(e.us / 1000, 1),
      selfPct: round((100 * e.us) / Math.max(1, totalUs), 1),
    }));
  return { sampleInitiatives: snapshots.length, wallMs: round(wallMs, 1), hot };
}

// ── Incremental evaluation ───────────────────────────────────────────────────────────────────────────────

export const CHANGE_KINDS = ["report", "fact", "point", "vote", "decision"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** A random change of `kind` that is valid against `snapshot` (its ids exist). */
function makeChange(
  kind: ChangeKind,
  snapshot: InitiativeSnapshot,
  hints: InitiativeHints,
  rng: Random,
  n: number,
): SnapshotChange {
  const health = rng.pick(["on_track", "on_track", "at_risk", "off_track"] as const);
  switch (kind) {
    case "report": {
      // A new ground report, a team report citing the team's latest ground reports, or an initiative report.
      const roll = rng.next();
      let report: StatusReport;
      if (roll < 0.6) {
        const c = rng.pick(snapshot.commitments);
        report = {
          id: `rx${n}`,
          subject: { type: "commitment", id: c.id },
          authorId: c.ownerId ?? snapshot.initiative.ownerId,
          date: day(0),
          health,
          narrative: "Update",
          confidence: 0.8,
          cites: [],
        };
      } else if (roll < 0.9) {
        const teamId = rng.pick([...hints.latestGroundByTeam.keys()]);
        const team = snapshot.teams.find((t) => t.id === teamId);
        report = {
          id: `rx${n}`,
          subject: { type: "team", id: teamId },
          authorId: team?.leadId ?? snapshot.initiative.ownerId,
          date: day(0),
          health,
          narrative: null,
          confidence: null,
          cites: hints.latestGroundByTeam.get(teamId) ?? [],
        };
      } else {
        report = {
          id: `rx${n}`,
          subject: { type: "initiative", id: snapshot.initiative.id },
          authorId: snapshot.initiative.ownerId,
          date: day(0),
          health,
          narrative: "Overall status",
          confidence: null,
          cites: hints.latestTeamReports,
        };
      }
      return addReport(report);
    }
    case "fact": {
      const c = rng.pick(snapshot.commitments);
      return rng.chance(0.5)
        ? setFact(c.id, "ready", { type: "date", value: day(rng.int(-30, 60)) })
        : setFact(c.id, "capacity", { type: "number", value: rng.int(40, 160) });
    }
    case "point": {
      const metric = rng.pick(snapshot.metrics);
      // Today's value arriving (or being corrected).
      return addPoint(metric.id, { date: day(0), value: rng.int(100, 1200) });
    }
    case "vote": {
      const gate = rng.pick(snapshot.gates);
      const authority = rng.pick(gate.authorities);
      const go = rng.chance(0.7);
      return castVote(gate.id, {
        id: `vx${n}`,
        role: authority.role,
        personId: authority.personId,
        vote: go ? "go" : "no_go",
        reason: go ? null : "Not ready",
        date: day(0),
      });
    }
    case "decision":
      return addDecision({
        id: `dx${n}`,
        date: day(0),
        kind: rng.pick(["pivot", "persevere", "delay"] as const),
        byId: snapshot.initiative.ownerId,
        respondsTo: rng.chance(0.5) ? "Milestone 0" : null,
        rationale: "Course correction",
      });
  }
}

export interface KindLatency {
  latencyMs: Summary;
  /** Mean time per change spent making the next snapshot (`change.apply`). */
  meanApplyMs: number;
  /** Mean time per change inside each detector that re-ran. */
  meanDetectorMs: Record<string, number>;
  /** Mean time per change in `signals()` (merging and sorting) and the evaluator's own bookkeeping. */
  meanOtherMs: number;
  detectorsRerun: string[];
}

export interface IncrementalResult {
  evaluators: number;
  buildMs: number;
  warmEvaluation: FullEvaluationResult;
  rssAfterBuildMb: number;
  heapAfterBuildMb: number;
  warmupChanges: number;
  changesPerKind: number;
  byKind: Record<ChangeKind, KindLatency>;
  all: Summary;
  peakRssMb: number;
}

export function incrementalEvaluation(
  generated: GeneratedOrg,
  detectors: readonly Detector[],
  checks: CheckCompiler,
  changesPerKind: number,
  warmup: number,
  seed: number,
): IncrementalResult {
  const clock = new DetectorClock(detectors);
  const tick = progress(
    "building incremental evaluators (= warm full evaluation)",
    generated.snapshots.length,
  );
  const buildStart = performance.now();
  const buildCompiles = new CompileClock(checks);
  const perInitiativeBuild: number[] = [];
  const evaluators = generated.snapshots.map((snapshot, i) => {
    const t0 = performance.now();
    const evaluator = new IncrementalEvaluator(
      snapshot,
      evaluationContext(snapshot, { checks }),
      clock.wrapped,
    );
    evaluator.signals();
    perInitiativeBuild.push(performance.now() - t0);
    tick(i + 1, `rss ${rssMb()} MB`);
    return evaluator;
  });
  const buildMs = performance.now() - buildStart;
  const buildCompileMs = buildCompiles.ms;
  const rssAfterBuildMb = rssMb();
  const heapAfterBuildMb = heapMb();
  // Building an evaluator runs every detector once and sorts the signals: exactly a full evaluation, with the
  // compiler already warm. Reported as the warm full evaluation.
  const buildDetectorMs = Object.fromEntries([...clock.totals].map(([name, t]) => [name, round(t.ms, 1)]));
  const buildInDetectors = [...clock.totals.values()].reduce((t, d) => t + d.ms, 0);
  const signalsByKind: Record<string, number> = {};
  let signalCount = 0;
  for (const evaluator of evaluators) {
    for (const s of evaluator.signals()) signalsByKind[s.kind] = (signalsByKind[s.kind] ?? 0) + 1;
    signalCount += evaluator.signals().length;
  }
  const warmEvaluation: FullEvaluationResult = {
    label: "warm (building one IncrementalEvaluator per initiative)",
    wallMs: round(buildMs, 1),
    perInitiativeMs: summarize(perInitiativeBuild),
    signals: signalCount,
    signalsByKind,
    detectorMs: buildDetectorMs,
    otherMs: round(buildMs - buildInDetectors, 1),
    compiledChecks: buildCompiles.sources.size,
    celCompileMs: round(buildCompileMs, 1),
    rssMaxSampledMb: rssAfterBuildMb,
    peakRssMb: peakRssMb(),
    heapAfterMb: heapAfterBuildMb,
  };

  // Every kind, interleaved in a random order, each change to a random initiative.
  const rng = new Random(seed);
  const plan: ChangeKind[] = [];
  for (const kind of CHANGE_KINDS) for (let i = 0; i < changesPerKind + warmup; i++) plan.push(kind);
  for (let i = plan.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  const latencies = new Map<ChangeKind, number[]>(CHANGE_KINDS.map((k) => [k, []]));
  const applyMs = new Map<ChangeKind, number>(CHANGE_KINDS.map((k) => [k, 0]));
  const detectorMs = new Map<ChangeKind, Map<string, number>>(CHANGE_KINDS.map((k) => [k, new Map()]));
  const seen = new Map<ChangeKind, number>(CHANGE_KINDS.map((k) => [k, 0]));
  const run = progress("incremental changes", plan.length);
  plan.forEach((kind, n) => {
    const index = rng.int(0, evaluators.length - 1);
    const evaluator = evaluators[index]!;
    const change = makeChange(kind, evaluator.snapshot, generated.hints[index]!, rng, n);
    let appliedIn = 0;
    const timedChange: SnapshotChange = {
      ...change,
      apply: (s) => {
        const t = performance.now();
        const next = change.apply(s);
        appliedIn = performance.now() - t;
        return next;
      },
    };
    const before = clock.snapshot();
    const start = performance.now();
    evaluator.apply(timedChange);
    evaluator.signals();
    const elapsed = performance.now() - start;
    const count = seen.get(kind)!;
    seen.set(kind, count + 1);
    run(n + 1);
    if (count < warmup) return;
    latencies.get(kind)!.push(elapsed);
    applyMs.set(kind, applyMs.get(kind)! + appliedIn);
    const perDetector = detectorMs.get(kind)!;
    for (const [name, ms] of clock.snapshot()) {
      const spent = ms - (before.get(name) ?? 0);
      if (spent > 0) perDetector.set(name, (perDetector.get(name) ?? 0) + spent);
    }
  });

  const byKind = Object.fromEntries(
    CHANGE_KINDS.map((kind) => {
      const values = latencies.get(kind)!;
      const n = Math.max(1, values.length);
      const perDetector = detectorMs.get(kind)!;
      const meanDetectorMs = Object.fromEntries([...perDetector].map(([name, ms]) => [name, round(ms / n)]));
      const inDetectors = [...perDetector.values()].reduce((t, ms) => t + ms, 0);
      const total = values.reduce((t, v) => t + v, 0);
      const result: KindLatency = {
        latencyMs: summarize(values),
        meanApplyMs: round(applyMs.get(kind)! / n),
        meanDetectorMs,
        meanOtherMs: round((total - applyMs.get(kind)! - inDetectors) / n),
        detectorsRerun: detectors
          .filter((d) => d.reads.some((s) => changeSections(kind).includes(s)))
          .map(detectorName),
      };
      return [kind, result];
    }),
  ) as Record<ChangeKind, KindLatency>;
  log(`  incremental: ${plan.length} changes applied to ${evaluators.length} evaluators`);
  return {
    evaluators: evaluators.length,
    buildMs: round(buildMs, 1),
    warmEvaluation,
    rssAfterBuildMb,
    heapAfterBuildMb,
    warmupChanges: warmup * CHANGE_KINDS.length,
    changesPerKind,
    byKind,
    all: summarize([...latencies.values()].flat()),
    peakRssMb: peakRssMb(),
  };
}

/** The sections each kind of change touches (as changes.ts declares them). */
function changeSections(kind: ChangeKind): readonly string[] {
  switch (kind) {
    case "report":
      return addReport({} as StatusReport).sections;
    case "fact":
      return setFact("", "", { type: "number", value: 0 }).sections;
    case "point":
      return addPoint("", { date: "", value: 0 }).sections;
    case "vote":
      return castVote("", {} as never).sections;
    case "decision":
      return addDecision({} as never).sections;
  }
}
