// Table tests for overdue-unreported: past due, not delivered and unreported since fires; a report since, delivery or a future due date does not.
import { describe, expect, it } from "vitest";
import type { Commitment, StatusReport } from "../../domain/model.ts";
import { report, snapshotOf } from "../../../test/support/snapshot-builder.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import { overdueUnreported } from "./overdue-unreported.ts";

const context = { today: "2026-07-15", checks: new CheckCompiler() };
const on = (date: string, health: StatusReport["health"] = "on_track") =>
  report("kofi", date, health, { subject: { type: "commitment", id: "quota" } });

function run(c: Partial<Commitment>, reports: StatusReport[] = []) {
  const commitment: Commitment = {
    id: "quota",
    teamId: "engineering",
    ownerId: null,
    title: "Quota enforcement",
    due: "2026-04-22",
    dueHistory: [],
    done: null,
    facts: {},
    ...c,
  };
  return overdueUnreported.detect(snapshotOf({ commitments: [commitment], reports }), context);
}

describe("overdue-unreported", () => {
  const fires: Array<[string, Partial<Commitment>, StatusReport[], "info" | "warning" | "critical"]> = [
    ["never reported on, within one cadence", { due: "2026-07-01" }, [], "info"],
    ["last reported before it fell due, one cadence ago", { due: "2026-07-01" }, [on("2026-06-20")], "info"],
    [
      "last reported before it fell due, beyond one cadence",
      { due: "2026-06-30" },
      [on("2026-06-20")],
      "warning",
    ],
    ["two cadences overdue, not more", { due: "2026-06-17" }, [], "warning"],
    ["overdue beyond two cadences", {}, [on("2026-03-01")], "critical"],
    ["delivered after today", { done: "2026-08-01" }, [on("2026-03-01")], "critical"],
  ];
  it.each(fires)("fires: %s", (_name, c, reports, severity) => {
    const [signal, ...rest] = run(c, reports);
    expect(rest).toEqual([]);
    // Nobody owns the commitment: its team's lead is asked.
    expect(signal).toMatchObject({
      kind: "overdue-unreported",
      severity,
      subject: { id: "quota" },
      owner: "lee",
    });
  });

  const silent: Array<[string, Partial<Commitment>, StatusReport[]]> = [
    ["reported on the day it fell due", {}, [on("2026-04-22", "at_risk")]],
    ["reported since, even on track", {}, [on("2026-03-01"), on("2026-05-02")]],
    ["delivered", { done: "2026-04-20" }, []],
    ["due today", { due: "2026-07-15" }, []],
    ["no due date", { due: null }, []],
  ];
  it.each(silent)("silent: %s", (_name, c, reports) => {
    expect(run(c, reports)).toEqual([]);
  });

  it("does not count a report dated after today, or one on another subject", () => {
    const elsewhere = report("kofi", "2026-05-02", "on_track", {
      subject: { type: "commitment", id: "other" },
    });
    expect(run({}, [on("2026-08-01"), elsewhere])).toHaveLength(1);
  });
});
