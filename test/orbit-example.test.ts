// The Orbit example must produce what the initiative-file sketch says `plumb check` finds in it.
import { describe, expect, it } from "vitest";
import { CheckCompiler } from "../src/checks/check-compiler.ts";
import { evaluate } from "../src/engine/evaluate.ts";
import { parseInitiativeFile } from "../src/initiative-file/parse-initiative-file.ts";
import { orbitText } from "./support/files.ts";

describe("the Orbit example", () => {
  const parsed = parseInitiativeFile(orbitText(), {
    fileName: "orbit-launch.yaml",
    checks: new CheckCompiler(),
  });
  if (!parsed.ok) throw new Error("the Orbit example must parse");
  const signals = evaluate(parsed.snapshot, { checks: new CheckCompiler() });
  const find = (kind: string, subject?: string) =>
    signals.filter((s) => s.kind === kind && (subject === undefined || s.subject.id === subject));

  it("finds the capacity assumption broken and unowned", () => {
    const link = parsed.snapshot.links.find((l) => l.statement.startsWith("Onboarding capacity is ready"))!;
    expect(find("broken-assumption", link.id)).toHaveLength(1);
    expect(find("unowned-link", link.id)).toHaveLength(1);
  });

  it("finds the second broken assumption: 1,500 a week against 5,000", () => {
    const link = parsed.snapshot.links.find((l) => l.statement === "Capacity covers expected demand")!;
    expect(find("broken-assumption", link.id)[0]!.explanation).toMatch(/1500.*5000/);
  });

  it("finds the requirement conflict: 10,000 vs ~1,000 vs unlimited", () => {
    expect(find("requirement-conflict", "concurrent_users")[0]!.explanation).toMatch(
      /10,000[\s\S]*1,000[\s\S]*unlimited/,
    );
  });

  it("finds the filtered roll-up: off_track → at_risk → on_track in two layers", () => {
    expect(find("filtered-rollup")[0]!.explanation).toMatch(/off_track[\s\S]*at_risk[\s\S]*on_track/);
    expect(find("filtered-rollup")[0]!.title).toContain("2 layers");
  });

  it("finds the watermelon on the initiative, citing the No-Go, the invalidation and the outcome", () => {
    const [watermelon] = find("watermelon", "orbit-self-serve-launch");
    expect(watermelon!.explanation).toMatch(/No-Go/);
    expect(watermelon!.explanation).toMatch(/invalidated/);
    expect(watermelon!.explanation).toMatch(/broken assumption/);
    expect(watermelon!.explanation).toMatch(/weekly_activations/);
  });

  it("finds the undecided invalidation, the early warning (240 > 200) and the outcome off track", () => {
    expect(find("undecided-invalidation")).toHaveLength(1);
    expect(find("early-warning-triggered")[0]!.explanation).toContain("240");
    expect(find("outcome-off-track")[0]!.explanation).toMatch(/30 a week[\s\S]*2,000/);
  });

  it("finds marketing and sales describing different initiatives", () => {
    const divergent = find("divergent-description");
    expect(
      divergent.some(
        (s) => /marketing/i.test(s.title + s.explanation) && /sales/i.test(s.title + s.explanation),
      ),
    ).toBe(true);
  });
});
