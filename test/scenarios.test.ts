// The scenario suite: initiatives written as files, each with the signals that must fire and those that must not.
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SUBJECT_TYPES } from "../src/domain/model.ts";
import { severityRank, SeveritySchema } from "../src/domain/primitives.ts";
import { CheckCompiler } from "../src/checks/check-compiler.ts";
import { evaluate, SIGNAL_KINDS } from "../src/engine/evaluate.ts";
import { validateInitiativeDocument } from "../src/initiative-file/parse-initiative-file.ts";

const ScenarioSchema = z
  .object({
    scenario: z.string().min(1),
    /** Kinds that must fire, optionally on a given subject and at a given severity. */
    fires: z
      .array(
        z.union([
          z.string(),
          z
            .object({ kind: z.string(), subject: z.string().optional(), severity: SeveritySchema.optional() })
            .strict(),
        ]),
      )
      .default([]),
    /** Kinds that must not fire at all. */
    silent: z.array(z.string()).default([]),
    /** Nothing may fire above this severity (a healthy initiative says `info`). */
    at_most: SeveritySchema.optional(),
    initiative: z.record(z.string(), z.unknown()),
  })
  .strict();
type Scenario = z.infer<typeof ScenarioSchema>;

const dir = new URL("./scenarios/", import.meta.url);
const scenarios = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((file) => ({ file, scenario: ScenarioSchema.parse(parse(readFileSync(new URL(file, dir), "utf8"))) }));

const kindOf = (f: Scenario["fires"][number]) => (typeof f === "string" ? f : f.kind);

describe("scenarios", () => {
  it.each(scenarios.map((s) => [s.file, s.scenario] as const))("%s", (_, scenario) => {
    const checks = new CheckCompiler();
    const parsed = validateInitiativeDocument(scenario.initiative, { checks });
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    if (!parsed.ok) return;
    const signals = evaluate(parsed.snapshot, { checks });
    const found = signals.map((s) => `${s.kind} ${s.subject.type}:${s.subject.id} (${s.severity})`);
    for (const expected of scenario.fires) {
      const match = signals.some(
        (s) =>
          s.kind === kindOf(expected) &&
          (typeof expected === "string" ||
            ((!expected.subject ||
              `${s.subject.type}:${s.subject.id}` === expected.subject ||
              s.subject.id === expected.subject) &&
              (!expected.severity || s.severity === expected.severity))),
      );
      expect(match, `${JSON.stringify(expected)} must fire; found: ${found.join("; ")}`).toBe(true);
    }
    for (const kind of scenario.silent) {
      expect(
        found.filter((f) => f.startsWith(`${kind} `)),
        `${kind} must stay silent`,
      ).toEqual([]);
    }
    if (scenario.at_most) {
      const limit = severityRank(scenario.at_most);
      expect(found.filter((_, i) => severityRank(signals[i]!.severity) > limit)).toEqual([]);
    }
  });

  it("covers every kind with at least two scenarios where it fires and two where it stays silent", () => {
    const coverage = Object.fromEntries(SIGNAL_KINDS.map((kind) => [kind, { fires: 0, silent: 0 }]));
    for (const { scenario } of scenarios) {
      for (const f of scenario.fires) if (coverage[kindOf(f)]) coverage[kindOf(f)]!.fires++;
      const silent = new Set([...scenario.silent, ...(scenario.at_most === "info" ? [] : [])]);
      for (const kind of silent) if (coverage[kind]) coverage[kind]!.silent++;
    }
    const short = Object.entries(coverage).filter(([, c]) => c.fires < 2 || c.silent < 2);
    expect(short).toEqual([]);
  });

  it("includes whole healthy initiatives where nothing at warning or above fires", () => {
    expect(scenarios.filter(({ scenario }) => scenario.at_most === "info").length).toBeGreaterThanOrEqual(2);
  });

  it("names only subject types the model knows", () => {
    for (const { scenario } of scenarios) {
      for (const f of scenario.fires) {
        if (typeof f !== "string" && f.subject?.includes(":")) {
          expect(SUBJECT_TYPES).toContain(f.subject.split(":")[0]);
        }
      }
    }
  });
});
