// The alignment read-models against every real database: the demo org's index, decision requests and truth board.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIMENSION_KEYS } from "../../src/readings/alignment-index.ts";
import { AppError } from "../../src/domain/app-error.ts";
import { CheckCompiler } from "../../src/checks/check-compiler.ts";
import { parseInitiativeFile } from "../../src/initiative-file/parse-initiative-file.ts";
import type { Store } from "../../src/store/open-store.ts";
import { recordDecision } from "../../src/use-cases/decisions/record-decision.ts";
import { importInitiative } from "../../src/use-cases/import-initiative.ts";
import {
  readDecisionRequests,
  readInitiativeAlignment,
  readOrgAlignment,
  readTruthBoard,
} from "../../src/use-cases/read-alignment.ts";
import type { Services } from "../../src/use-cases/services.ts";
import { backends, freshOrg, servicesFor, settle } from "../support/databases.ts";

const demoDir = fileURLToPath(new URL("../../src/demo/data/", import.meta.url));

/** Imports the demo's initiative files into `org`, in order (later files name people of earlier ones). */
async function importDemo(services: Services, org: string): Promise<void> {
  for (const name of readdirSync(demoDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const parsed = parseInitiativeFile(readFileSync(`${demoDir}${name}`, "utf8"), {
      fileName: name,
      checks: new CheckCompiler(),
    });
    if (!parsed.ok) throw new Error(`demo file ${name} must parse`);
    await importInitiative(services, org, parsed.file);
  }
}

describe.each(backends())("alignment read-models on $name", (backend) => {
  let store: Store;
  let services: Services;
  let org: string;

  beforeAll(async () => {
    store = await backend.open();
    services = servicesFor(store);
    org = await freshOrg(store);
    await importDemo(services, org);
    await settle(services);
  });
  afterAll(async () => store.close());

  it("rolls the org up as a mean over its initiatives, each counting once", async () => {
    const result = await readOrgAlignment(services, org);
    expect(result.weighting).toBe("initiative");
    expect(result.initiatives.map((i) => i.initiativeId)).toEqual([
      "billing-migration",
      "eu-data-residency",
      "orbit-launch",
    ]);
    for (const key of DIMENSION_KEYS) {
      const scores = result.initiatives.flatMap((i) => (i[key].score === null ? [] : [i[key].score]));
      const expected = scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
      expect(result.dimensions[key]).toMatchObject({ score: expected, initiatives: scores.length });
    }
  });

  it("takes what the first import found as the baseline: Orbit's only surprise is its status jump", async () => {
    const index = await readInitiativeAlignment(services, org, "orbit-launch");
    expect(index.asOf).toBe("2026-02-10");
    expect(index.surpriseFrequency.measures.surprises.map((s) => [s.reason, s.subject.id])).toEqual([
      ["status-jump", "release"],
    ]);
    expect(index.surpriseFrequency.score).toBe(75);
  });

  it("closes the decision request with a decision, and course correction and pivot history move", async () => {
    const before = await readInitiativeAlignment(services, org, "orbit-launch");
    const [request] = (await readDecisionRequests(services, org, "orbit-launch")).requests;
    expect(request).toMatchObject({ state: "open", openedOn: "2026-01-29", daysOpen: 12 });
    expect(request!.killCriteria).toContain("delay or pivot");
    expect(before.courseCorrectionSpeed.measures).toMatchObject({ medianDays: 12, decided: 0 });

    await recordDecision(services, {
      orgId: org,
      initiativeId: "orbit-launch",
      actor: { personId: "dana", tokenId: null },
      decision: {
        date: "2026-02-10",
        kind: "delay",
        responds_to: "Technical feasibility",
        rationale: "Hold the campaign until p95 is under 2 s, as the kill criteria say",
      },
    });
    await settle(services);

    const [decided] = (await readDecisionRequests(services, org, "orbit-launch")).requests;
    expect(decided).toMatchObject({
      state: "decided",
      daysToDecision: 12,
      decision: { kind: "delay", byId: "dana", date: "2026-02-10" },
      followsKillCriteria: true,
    });
    const after = await readInitiativeAlignment(services, org, "orbit-launch");
    const invalidation = after.courseCorrectionSpeed.measures.triggers.find(
      (t) => t.kind === "invalidation",
    )!;
    expect(invalidation).toMatchObject({ days: 12, decision: { kind: "delay" } });
    const { medianDays } = after.courseCorrectionSpeed.measures;
    expect(after.courseCorrectionSpeed.score).toBe(Math.round(100 - (100 * medianDays!) / 28));
    expect(after.courseCorrectionSpeed.score!).toBeGreaterThan(before.courseCorrectionSpeed.score!);
    expect(after.pivotHistory.measures.triggersAnsweredByChange).toBeGreaterThan(
      before.pivotHistory.measures.triggersAnsweredByChange,
    );
  });

  it("uses a team's pulse only with at least k respondents", async () => {
    const small = await readInitiativeAlignment(services, org, "orbit-launch", {
      pulse: async () => ({ mean: 6, respondents: 4 }),
    });
    expect(small.psychologicalSafety.measures).toMatchObject({ pulse: null, basis: "concerns" });
    const enough = await readInitiativeAlignment(services, org, "orbit-launch", {
      pulse: async (_, teamId) => (teamId === "engineering" ? { mean: 6, respondents: 5 } : null),
    });
    expect(enough.psychologicalSafety.measures).toMatchObject({
      pulse: { mean: 6, respondents: 5, teams: 1 },
      basis: "pulse-and-concerns",
    });
  });

  it("credits named people on the truth board by lead time, never anonymous items, and lists recognitions", async () => {
    const board = await readTruthBoard(services, org);
    expect(board.truths[0]).toMatchObject({
      personId: "kofi",
      source: "truth",
      leadTimeDays: 21,
      confirmation: { by: "no-go" },
    });
    expect(board.people[0]!.personId).toBe("kofi");
    expect(board.truths.every((t) => t.personId)).toBe(true);
    expect(board.truths.some((t) => t.text.includes("status deck says 90% complete"))).toBe(false);
    expect(board.recognitions.map((r) => r.personId)).toEqual(["jun", "tom", "kofi"]);
  });

  it("keeps orgs apart: another org sees none of it", async () => {
    const other = await freshOrg(store);
    await expect(readInitiativeAlignment(services, other, "orbit-launch")).rejects.toBeInstanceOf(AppError);
    await expect(readDecisionRequests(services, other, "orbit-launch")).rejects.toMatchObject({
      code: "not_found",
    });
    const empty = await readOrgAlignment(services, other);
    expect([empty.initiatives, empty.overall]).toEqual([[], null]);
    expect((await readTruthBoard(services, other)).truths).toEqual([]);
  });
});
