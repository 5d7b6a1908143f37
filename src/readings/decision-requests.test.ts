// Decision requests: opened by an invalidating test, answered by the first decision naming it, with the kill criteria.
import { describe, expect, it } from "vitest";
import { decision, invalidatedMilestone, snapshotOf } from "../../test/support/snapshot-builder.ts";
import { decisionRequests, followsKillCriteria } from "./decision-requests.ts";

const today = "2026-02-10";

describe("decision requests", () => {
  it("opens a request for an invalidated test and counts the days it has waited", () => {
    const [request] = decisionRequests(
      snapshotOf({ milestones: [invalidatedMilestone("2026-01-29")] }),
      today,
    );
    expect(request).toMatchObject({
      id: "feasibility/test-1",
      milestoneName: "Technical feasibility",
      statement: "p95 latency under 500 ms at expected load",
      openedOn: "2026-01-29",
      state: "open",
      decision: null,
      daysToDecision: null,
      daysOpen: 12,
      killCriteria: "Above 2 s: delay or pivot",
      evidence: "p95 8 s",
    });
  });

  it.each([
    ["the milestone's id", "feasibility"],
    ["the milestone's name, in any case", "technical FEASIBILITY"],
    ["the assumption's statement", "p95 latency under 500 ms at expected load"],
  ])("closes it with the first decision naming %s, with the days to decide", (_, respondsTo) => {
    const snapshot = snapshotOf({
      milestones: [invalidatedMilestone("2026-01-29")],
      decisions: [decision("2026-02-08", "pivot", respondsTo), decision("2026-02-05", "delay", respondsTo)],
    });
    const [request] = decisionRequests(snapshot, today);
    expect(request).toMatchObject({
      state: "decided",
      daysToDecision: 7,
      daysOpen: null,
      followsKillCriteria: true,
    });
    expect(request!.decision).toMatchObject({ kind: "delay", date: "2026-02-05", byId: "dana" });
  });

  it("is not closed by a decision before the test, one naming something else, or one dated after today", () => {
    const snapshot = snapshotOf({
      milestones: [invalidatedMilestone("2026-01-29")],
      decisions: [
        decision("2026-01-20", "persevere", "feasibility"),
        decision("2026-02-01", "pivot", "Launch readiness"),
        decision("2026-02-20", "stop", "feasibility"),
      ],
    });
    expect(decisionRequests(snapshot, today)[0]).toMatchObject({ state: "open", daysOpen: 12 });
  });

  it("dates an undated test by its milestone, but never later than today", () => {
    const past = decisionRequests(snapshotOf({ milestones: [invalidatedMilestone(null)] }), today)[0]!;
    expect(past.openedOn).toBe("2026-01-31");
    const future = invalidatedMilestone(null, { date: "2026-03-01" });
    expect(decisionRequests(snapshotOf({ milestones: [future] }), today)[0]!.openedOn).toBe(today);
  });

  it("ignores tests dated after today, and validated or inconclusive ones", () => {
    const milestone = invalidatedMilestone("2026-02-12");
    milestone.tests.push({
      id: "test-2",
      assumptionId: "latency",
      verdict: "inconclusive",
      evidence: null,
      date: null,
    });
    expect(decisionRequests(snapshotOf({ milestones: [milestone] }), today)).toEqual([]);
  });

  it("is superseded when a later test validates the assumption before anyone decides", () => {
    const milestone = invalidatedMilestone("2026-01-29");
    milestone.tests.push({
      id: "test-2",
      assumptionId: "latency",
      verdict: "validated",
      evidence: null,
      date: "2026-02-03",
    });
    const snapshot = snapshotOf({
      milestones: [milestone],
      decisions: [decision("2026-02-05", "pivot", "feasibility")],
    });
    expect(decisionRequests(snapshot, today)[0]).toMatchObject({
      state: "superseded",
      supersededOn: "2026-02-03",
      decision: null,
    });
  });

  it("reports a kill criteria honoured or not, and none when nobody wrote one", () => {
    expect(followsKillCriteria("Above 2 s: hold the campaign and decide to delay or pivot", "delay")).toBe(
      true,
    );
    expect(followsKillCriteria("Stop if fewer than 10 teams pay", "persevere")).toBe(false);
    expect(followsKillCriteria(null, "stop")).toBeNull();
    const milestone = invalidatedMilestone("2026-01-29");
    milestone.assumptions[0]!.killCriteria = null;
    const snapshot = snapshotOf({
      milestones: [milestone],
      decisions: [decision("2026-02-01", "stop", "feasibility")],
    });
    expect(decisionRequests(snapshot, today)[0]).toMatchObject({
      killCriteria: null,
      followsKillCriteria: null,
    });
  });
});
