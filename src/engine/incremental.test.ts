import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InitiativeSnapshot } from "../domain/model.ts";
import { addDays } from "../domain/primitives.ts";
import { parseInitiativeFile } from "../initiative-file/parse-initiative-file.ts";
import { orbitText } from "../../test/support/files.ts";
import { addDecision, addPoint, addReport, castVote, setFact } from "./changes.ts";
import { CheckCompiler } from "../checks/check-compiler.ts";
import type { SnapshotSection } from "./detector.ts";
import { DETECTORS, evaluate, evaluationContext } from "./evaluate.ts";
import { IncrementalEvaluator, type SnapshotChange } from "./incremental.ts";

const checks = new CheckCompiler();
const snapshots: InitiativeSnapshot[] = [
  orbitText(),
  ...readdirSync("src/demo/data").map((f) => readFileSync(`src/demo/data/${f}`, "utf8")),
].map((text) => {
  const parsed = parseInitiativeFile(text, { fileName: "x.yaml", checks });
  if (!parsed.ok) throw new Error("fixtures must parse");
  return parsed.snapshot;
});

/** Random changes of every kind that can arrive on its own, valid against `snapshot`. */
function changeArbitrary(snapshot: InitiativeSnapshot): fc.Arbitrary<SnapshotChange> {
  const people = snapshot.people.map((p) => p.id);
  const date = fc
    .integer({ min: -40, max: 10 })
    .map((d) => addDays(snapshot.initiative.asOf ?? "2026-02-10", d));
  const subjects = [
    { type: "initiative" as const, id: "initiative" },
    ...snapshot.commitments.map((c) => ({ type: "commitment" as const, id: c.id })),
    ...snapshot.teams.map((t) => ({ type: "team" as const, id: t.id })),
  ];
  const options: Array<fc.Arbitrary<SnapshotChange>> = [
    fc
      .record({
        n: fc.nat(),
        subject: fc.constantFrom(...subjects),
        author: fc.constantFrom(...people),
        date,
        health: fc.constantFrom("on_track", "at_risk", "off_track") as fc.Arbitrary<
          "on_track" | "at_risk" | "off_track"
        >,
        cite: fc.boolean(),
      })
      .map((r) =>
        addReport({
          id: `r-${r.n}`,
          subject: r.subject,
          authorId: r.author,
          date: r.date,
          health: r.health,
          narrative: "Load tests still fail above 1,000 users",
          confidence: null,
          cites: r.cite && snapshot.reports[0] ? [snapshot.reports[0].id] : [],
        }),
      ),
    fc
      .record({
        n: fc.nat(),
        date,
        kind: fc.constantFrom("pivot", "persevere", "delay") as fc.Arbitrary<"pivot" | "persevere" | "delay">,
      })
      .map((r) =>
        addDecision({
          id: `d-${r.n}`,
          date: r.date,
          kind: r.kind,
          byId: snapshot.initiative.ownerId,
          respondsTo: snapshot.milestones[0]?.name ?? null,
          rationale: "Course correction",
        }),
      ),
  ];
  const withFacts = snapshot.commitments.filter((c) => Object.keys(c.facts).length > 0);
  if (withFacts.length > 0) {
    options.push(
      fc
        .record({
          commitment: fc.constantFrom(...withFacts),
          value: fc.integer({ min: 0, max: 20_000 }),
          shift: fc.integer({ min: -60, max: 60 }),
        })
        .map(({ commitment, value, shift }) => {
          const [name, fact] = Object.entries(commitment.facts)[0]!;
          const next =
            fact.type === "date"
              ? { type: "date" as const, value: addDays(fact.value, shift) }
              : fact.type === "number"
                ? { type: "number" as const, value }
                : fact;
          return setFact(commitment.id, name, next);
        }),
    );
  }
  if (snapshot.metrics.length > 0) {
    options.push(
      fc
        .record({
          metric: fc.constantFrom(...snapshot.metrics),
          date,
          value: fc.integer({ min: 0, max: 3000 }),
        })
        .map(({ metric, date: d, value }) => addPoint(metric.id, { date: d, value })),
    );
  }
  const gates = snapshot.gates.filter((g) => g.authorities.length > 0);
  if (gates.length > 0) {
    options.push(
      fc
        .record({ gate: fc.constantFrom(...gates), n: fc.nat(), go: fc.boolean(), pick: fc.nat() })
        .map(({ gate, n, go, pick }) => {
          const authority = gate.authorities[pick % gate.authorities.length]!;
          return castVote(gate.id, {
            id: `v-${n}`,
            role: authority.role,
            personId: authority.personId,
            vote: go ? "go" : "no_go",
            reason: go ? null : "Not ready",
            date: null,
          });
        }),
    );
  }
  if (snapshot.commitments.length > 0 && snapshot.teams.length > 1) {
    // A commitment moving team: what roll-ups and team assessments depend on, through a whole new snapshot.
    options.push(
      fc
        .record({ commitment: fc.nat(), team: fc.constantFrom(...snapshot.teams.map((t) => t.id)) })
        .map(({ commitment, team }) => {
          const change: SnapshotChange = {
            kind: "move",
            sections: ["commitments"],
            apply: (s) => ({
              ...s,
              commitments: s.commitments.map((c, i) =>
                i === commitment % s.commitments.length ? { ...c, teamId: team } : c,
              ),
            }),
          };
          return change;
        }),
    );
  }
  return fc.oneof(...options);
}

describe("incremental evaluation", () => {
  it.each(snapshots.map((s) => [s.initiative.id, s] as const))(
    "equals a full evaluation after every change of a random sequence (%s)",
    (_, snapshot) => {
      const context = evaluationContext(snapshot, { checks });
      fc.assert(
        fc.property(fc.array(changeArbitrary(snapshot), { minLength: 1, maxLength: 12 }), (changes) => {
          const incremental = new IncrementalEvaluator(snapshot, context);
          for (const change of changes) {
            incremental.apply(change);
            expect(incremental.signals()).toEqual(
              evaluate(incremental.snapshot, { checks, today: context.today }),
            );
          }
        }),
        { numRuns: 40 },
      );
    },
  );

  it.each(snapshots.map((s) => [s.initiative.id, s] as const))(
    "applies a batch of changes as one, ending where applying them one by one does (%s)",
    (_, snapshot) => {
      const context = evaluationContext(snapshot, { checks });
      fc.assert(
        fc.property(fc.array(changeArbitrary(snapshot), { minLength: 2, maxLength: 12 }), (changes) => {
          const batched = new IncrementalEvaluator(snapshot, context);
          batched.applyAll(changes);
          const full = evaluate(
            changes.reduce((s, change) => change.apply(s), snapshot),
            {
              checks,
              today: context.today,
            },
          );
          expect(batched.signals()).toEqual(full);
        }),
        { numRuns: 20 },
      );
    },
  );

  it("re-runs only the detectors that read the changed section", () => {
    const snapshot = snapshots[0]!;
    const incremental = new IncrementalEvaluator(snapshot, evaluationContext(snapshot, { checks }));
    const readers = DETECTORS.filter((d) => d.reads.includes("decisions")).length;
    expect(
      incremental.apply(
        addDecision({
          id: "d",
          date: "2026-02-10",
          kind: "delay",
          byId: "dana",
          respondsTo: null,
          rationale: "r",
        }),
      ),
    ).toBe(readers);
    expect(readers).toBeLessThan(DETECTORS.length);
  });
});

describe("detectors' declared reads", () => {
  /** Runs `detect` on a snapshot that records which sections are read. */
  function sectionsRead(
    detector: (typeof DETECTORS)[number],
    snapshot: InitiativeSnapshot,
  ): Set<SnapshotSection> {
    const read = new Set<SnapshotSection>();
    const spy = new Proxy(snapshot, {
      get(target, key, receiver) {
        if (typeof key === "string" && key in target) read.add(key as SnapshotSection);
        return Reflect.get(target, key, receiver);
      },
    });
    detector.detect(spy, evaluationContext(snapshot, { checks }));
    return read;
  }

  for (const detector of DETECTORS) {
    it(`${detector.kinds.join(", ")} reads only what it declares`, () => {
      for (const snapshot of snapshots) {
        const undeclared = [...sectionsRead(detector, snapshot)].filter((s) => !detector.reads.includes(s));
        expect(undeclared).toEqual([]);
      }
    });
  }
});
