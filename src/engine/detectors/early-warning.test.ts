// Table tests for early-warning-triggered: a true warning sign fires by impact; a quiet one does not; a broken one says so.
import { describe, expect, it } from "vitest";
import type { InitiativeSnapshot, Risk } from "../../domain/model.ts";
import { parseInitiativeFile } from "../../initiative-file/parse-initiative-file.ts";
import { orbitText } from "../../../test/support/files.ts";
import { blankSnapshot, commitment, metric, risk } from "../../../test/support/snapshot-builder.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import type { SnapshotSection } from "../detector.ts";
import { earlyWarning } from "./early-warning.ts";

const context = { today: "2026-02-10", checks: new CheckCompiler() };

function snapshot(patch: Partial<Risk>): InitiativeSnapshot {
  return blankSnapshot({
    initiative: { name: "Launch" },
    metrics: [
      metric(
        "backlog",
        [
          ["2026-02-02", 120],
          ["2026-02-09", 240],
        ],
        { unit: "tickets", direction: "down" },
      ),
    ],
    commitments: [
      commitment(
        "capacity",
        "operations",
        { agents: 4 },
        { title: "Onboarding capacity", due: "2026-03-01" },
      ),
    ],
    risks: [
      risk(null, null, "Support is swamped", {
        id: "swamped",
        earlyWarning: "metrics.backlog.latest > 200",
        ownerId: "grace",
        ...patch,
      }),
    ],
  });
}

const detect = (s: InitiativeSnapshot) => earlyWarning.detect(s, context);

describe("early-warning-triggered", () => {
  it.each([
    ["a high-impact risk whose metric crossed its line", {}, "critical"],
    ["a medium-impact risk whose sign fired", { impact: "medium" as const }, "warning"],
    [
      "a sign over a commitment's fact",
      { earlyWarning: "capacity.agents < 5", impact: "low" as const },
      "warning",
    ],
    ["a sign over a metric's change", { earlyWarning: "metrics.backlog.change >= 100" }, "critical"],
  ])("fires on %s", (_, risk, severity) => {
    const signals = detect(snapshot(risk));
    expect(signals.map((s) => [s.kind, s.severity, s.title])).toEqual([
      ["early-warning-triggered", severity, 'Warning sign fired: "Support is swamped"'],
    ]);
  });

  it.each([
    ["a quiet sign", { earlyWarning: "metrics.backlog.latest > 300" }],
    ["a risk with no sign to check", { earlyWarning: null }],
  ])("stays silent on %s", (_, risk) => {
    expect(detect(snapshot(risk))).toEqual([]);
  });

  it.each([
    ["a metric that does not exist", "metrics.nothing.latest > 1"],
    ["a sign that does not compile", "metrics.backlog.latest >"],
    ["a sign that is not true or false", "metrics.backlog.latest"],
  ])("says a sign cannot be checked (%s) at info severity, as its own finding", (_, expression) => {
    const signals = detect(snapshot({ earlyWarning: expression }));
    expect(signals.map((s) => [s.kind, s.severity, s.title])).toEqual([
      ["early-warning-triggered", "info", 'Warning sign cannot be checked: "Support is swamped"'],
    ]);
    expect(signals[0]!.fingerprint).not.toBe(detect(snapshot({}))[0]!.fingerprint);
  });

  it("quotes the sign and the values it read, and the planned mitigation", () => {
    const [signal] = detect(snapshot({ mitigation: "Stagger the campaign by region" }));
    expect(signal!.explanation).toBe(
      'The pre-mortem risk "Support is swamped" (likelihood high, impact high) is materialising: ' +
        "its warning sign `metrics.backlog.latest > 200` is true (metrics.backlog.latest = 240). " +
        "The planned mitigation: Stagger the campaign by region.",
    );
    expect(signal!.evidence).toContainEqual({ text: "metrics.backlog.latest = 240", value: 240 });
  });

  it("names the risk's owner, else the initiative owner", () => {
    expect(detect(snapshot({}))[0]!.owner).toBe("grace");
    expect(detect(snapshot({ ownerId: null }))[0]!.owner).toBe("dana");
  });

  it("reads only the sections it declares", () => {
    const read = new Set<string>();
    const spy = new Proxy(snapshot({}), {
      get: (target, key, receiver) => (read.add(String(key)), Reflect.get(target, key, receiver)),
    });
    earlyWarning.detect(spy, context);
    expect([...read].filter((key) => !earlyWarning.reads.includes(key as SnapshotSection))).toEqual([]);
  });
});

describe("early-warning-triggered on the Orbit example", () => {
  const parsed = parseInitiativeFile(orbitText(), { fileName: "orbit-launch.yaml", checks: context.checks });
  if (!parsed.ok) throw new Error("the Orbit example does not parse");
  const orbit = parsed.snapshot;

  it("finds the support backlog at 240 past its line of 200", () => {
    const signals = earlyWarning.detect(orbit, { today: orbit.initiative.asOf!, checks: context.checks });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      kind: "early-warning-triggered",
      severity: "critical",
      subject: { type: "risk", id: "risk-1" },
      owner: "dana",
      title: 'Warning sign fired: "Support is swamped by signups in week one"',
    });
    expect(signals[0]!.explanation).toContain(
      "metrics.support_backlog.latest > 200` is true (metrics.support_backlog.latest = 240)",
    );
  });
});
