// The KEP converter on records with the real data's defects, and on the real data: every SIG's file must be valid.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import { validateInitiativeDocument } from "../../initiative-file/parse-initiative-file.ts";
import { convertKeps, type HistoryRow, type KepRecord } from "./to-model.ts";
import { releaseVersion } from "./kubernetes-releases.ts";

const asOf = "2026-07-15";
const sig = {
  kind: "sig",
  dir: "sig-node",
  name: "Node",
  chairs: [{ github: "Chair-One", name: "Chair One" }],
};
const path = (n: string, name = "feature") => `keps/sig-node/${n}-${name}/kep.yaml`;

function kep(n: string, patch: Partial<KepRecord> = {}): KepRecord {
  return {
    path: path(n),
    kep_number: n,
    title: `Feature ${n}`,
    authors: ["@Author-A"],
    owning_sig: "sig-node",
    status: "implementable",
    stage: "beta",
    milestone: { alpha: "v1.30", beta: "v1.32", stable: "v1.34" },
    ...patch,
  };
}

const row = (n: string, date: string, stable: string, patch: Partial<HistoryRow> = {}): HistoryRow => ({
  kep_number: n,
  date,
  commit: `c${date.replace(/-/g, "")}`,
  path: path(n),
  status: "implementable",
  stage: "beta",
  milestone: { stable },
  ...patch,
});

function convert(keps: KepRecord[], history: HistoryRow[] = []) {
  const conversion = convertKeps({ keps, history, sigs: [sig] }, { asOf });
  const file = conversion.initiatives[0]!.file;
  return { ...conversion, file, kinds: conversion.problems.map((p) => p.kind) };
}

describe("convertKeps", () => {
  it("dates a KEP by its stable target and keeps every earlier target, a pull-in included, as due history", () => {
    const history = [
      row("2400", "2021-09-01", "v1.24"),
      row("2400", "2022-03-01", "v1.26"),
      row("2400", "2022-09-01", "v1.28"),
      row("2400", "2023-01-10", "TBD"),
      row("2400", "2023-05-01", "v1.27"),
      row("2400", "2025-03-01", "v1.34"),
    ];
    const { file } = convert([kep("2400")], history);
    const commitment = file.commitments!.kep_2400!;
    expect(commitment).toMatchObject({
      team: "sig-node",
      owner: "author-a",
      due: "2025-08-27",
      due_history: ["2022-05-03", "2022-12-08", "2023-08-15", "2023-04-11"],
    });
    expect(file.reports!.map((r) => [r.date, r.health])).toEqual([
      ["2021-09-01", "on_track"],
      ["2022-03-01", "at_risk"],
      ["2022-09-01", "at_risk"],
      ["2023-01-10", "at_risk"],
      ["2023-05-01", "on_track"],
      ["2025-03-01", "at_risk"],
    ]);
    expect(commitment.facts).toMatchObject({ stage: "beta", stage_since: "2021-09-01", kep: "2400" });
  });

  it("takes the data's defects without crashing and reports each", () => {
    const { file, kinds } = convert(
      [
        kep("1", { status: "imlpemented", latest_milestone: "v1.30" }),
        kep("2", { status: "provisional" }),
        kep("3", { status: "withdrawn" }),
        kep("4", { latest_milestone: "0.0", milestone: { stable: "x.y" } }),
        kep("5", { path: path("5", "one") }),
        kep("5", { path: path("5", "two"), authors: ["TBD"] }),
        kep("6", {
          stage: "stable",
          latest_milestone: "v1.33",
          prr_approval: { beta: "TBD", stable: "@Prr-Lead" },
        }),
        kep("7", { status: "alpha|beta|stable" }),
      ],
      [row("1", "2023-14-05", "v1.30")],
    );
    expect(Object.keys(file.commitments!)).toEqual(["kep_1", "kep_4", "kep_5", "kep_5_b", "kep_6"]);
    expect(file.commitments!.kep_1!.done).toBe("2024-04-17");
    expect(file.commitments!.kep_4!.due).toBeUndefined();
    expect(file.commitments!.kep_5_b!.owner).toBe("chair-one");
    expect(file.commitments!.kep_6!.done).toBe("2025-04-23");
    expect(file.gates).toEqual([
      expect.objectContaining({
        id: "prr-6-stable",
        authorities: { prr: "prr-lead" },
        votes: [{ by: "prr-lead", vote: "go" }],
      }),
    ]);
    expect(file.reports).toEqual([]);
    expect(new Set(kinds)).toEqual(
      new Set([
        "status misspelt or annotated",
        "latest_milestone unusable",
        "target milestone unusable",
        "duplicate KEP number",
        "no usable author",
        "stable but not marked implemented",
        "PRR approver unusable",
        "status unusable",
      ]),
    );
    expect(validateInitiativeDocument(file, { checks: new CheckCompiler() }).ok).toBe(true);
  });

  it("links see-also and replaces references within the SIG and counts the rest", () => {
    const { file, kinds } = convert([
      kep("10", {
        see_also: ["/keps/sig-node/11-feature", "/keps/sig-apps/99-elsewhere", "https://example.com"],
      }),
      kep("11", { replaces: ["keps/sig-node/12-feature/kep.yaml"] }),
      kep("12", { status: "implemented", latest_milestone: "v1.20" }),
    ]);
    expect(file.links).toEqual([
      expect.objectContaining({ kind: "dependency", from: "kep_11", to: "kep_10" }),
      expect.objectContaining({ kind: "handoff", from: "kep_12", to: "kep_11" }),
    ]);
    expect(kinds).toEqual(["reference outside the SIG", "reference unresolvable"]);
  });

  it("reads release versions written every way the data writes them", () => {
    expect(["v1.30", "1.30", " v1.30 ", "v1.30.0"].map(releaseVersion)).toEqual([
      "1.30",
      "1.30",
      "1.30",
      "1.30",
    ]);
    expect(["TBD", "x.y", "0.0", "", "v1.21, v1.37", null].map(releaseVersion)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it("turns every KEP of the real data into a valid initiative file per SIG", () => {
    const read = (file: string) =>
      readFileSync(new URL(`../../../quality/data/keps/${file}`, import.meta.url), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as never);
    const conversion = convertKeps(
      { keps: read("keps.jsonl"), history: read("kep_status_history.jsonl"), sigs: read("k8s_sigs.jsonl") },
      { asOf },
    );
    expect(conversion.counts.keps).toBe(655);
    expect(conversion.counts.commitments).toBeGreaterThan(500);
    const invalid = conversion.initiatives.flatMap(({ sig, file }) => {
      const result = validateInitiativeDocument(file, { checks: new CheckCompiler() });
      return result.ok ? [] : [{ sig, problems: result.problems.slice(0, 3) }];
    });
    expect(invalid).toEqual([]);
  });
});
