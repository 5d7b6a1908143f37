// The truth bonus: lead time credited to named people for confirmed risks and truths; never to anonymous ones, never by volume.
import { describe, expect, it } from "vitest";
import {
  decision,
  gate,
  invalidatedMilestone,
  review,
  risk,
  signalRecord,
  snapshotOf,
  vote,
} from "../../test/support/snapshot-builder.ts";
import { boardRecognitions, surfacedTruths, truthBoard } from "./truth-bonus.ts";

const today = "2026-02-10";

describe("surfaced truths", () => {
  it("credits a named risk whose warning sign fired with the days from raising it", () => {
    const pool = risk("kofi", "2026-01-12", "The connection pool caps sessions near 1,000", { id: "pool" });
    const signals = [
      signalRecord("early-warning-triggered", "critical", { type: "risk", id: "pool" }, "2026-02-02"),
    ];
    const [truth] = surfacedTruths(snapshotOf({ risks: [pool] }), signals, today);
    expect(truth).toMatchObject({
      source: "risk",
      personId: "kofi",
      personName: "Kofi Mensah",
      leadTimeDays: 21,
      confirmation: { by: "early-warning", date: "2026-02-02", ref: "pool" },
    });
  });

  it("does not count a warning sign that cannot be checked (info) as a confirmation", () => {
    const pool = risk("kofi", "2026-01-12", "Pool caps sessions", { id: "pool" });
    const signals = [
      signalRecord("early-warning-triggered", "info", { type: "risk", id: "pool" }, "2026-02-02"),
    ];
    expect(surfacedTruths(snapshotOf({ risks: [pool] }), signals, today)[0]!.confirmation).toBeNull();
  });

  it("never lists, and so never credits, an anonymous risk or truth", () => {
    const anonymous = risk(null, "2026-01-12", "Support is swamped in week one", { id: "swamped" });
    const signals = [
      signalRecord("early-warning-triggered", "critical", { type: "risk", id: "swamped" }, "2026-02-02"),
    ];
    const reviews = [
      review("2026-01-16", [{ by: null, worse: "p95 latency is over 1 s above 500 users" }]),
      review("2026-01-17", [{ by: "ana", worse: "p95 latency is over 1 s above 500 users" }], true),
    ];
    const gates = [gate([vote("pat", "technical", "no_go", "2026-02-06", "p95 latency 8 s")])];
    expect(surfacedTruths(snapshotOf({ risks: [anonymous], reviews, gates }), signals, today)).toEqual([]);
  });

  it("confirms a worse truth by a later No-Go whose reason shares its words", () => {
    const reviews = [
      review("2026-01-16", [{ by: "kofi", worse: "p95 latency is over 1 s above 500 users" }]),
    ];
    const gates = [gate([vote("pat", "technical", "no_go", "2026-02-06", "p95 latency 8 s")])];
    const [truth] = surfacedTruths(snapshotOf({ reviews, gates }), [], today);
    expect(truth).toMatchObject({
      source: "truth",
      leadTimeDays: 21,
      confirmation: { by: "no-go", date: "2026-02-06" },
    });
  });

  it("confirms a risk by a decision that names it, and a truth by a decision on the same subject", () => {
    const pool = risk("kofi", "2026-01-12", "Pool caps sessions", { id: "pool" });
    const reviews = [review("2026-01-20", [{ by: "ana", worse: "p95 latency is 8 s at expected load" }])];
    const decisions = [
      decision("2026-01-30", "descope", "risk:pool"),
      decision("2026-02-04", "delay", "Technical feasibility", { rationale: "More time" }),
    ];
    const snapshot = snapshotOf({
      risks: [pool],
      reviews,
      decisions,
      milestones: [invalidatedMilestone("2026-01-29")],
    });
    const truths = surfacedTruths(snapshot, [], today);
    expect(truths.find((t) => t.source === "risk")).toMatchObject({
      leadTimeDays: 18,
      confirmation: { by: "decision" },
    });
    expect(truths.find((t) => t.source === "truth")).toMatchObject({
      leadTimeDays: 15,
      confirmation: { by: "decision" },
    });
  });

  it("does not credit a risk raised after what confirmed it", () => {
    const late = risk("sam", "2026-02-05", "Pool caps sessions", { id: "pool" });
    const signals = [
      signalRecord("early-warning-triggered", "critical", { type: "risk", id: "pool" }, "2026-02-02"),
    ];
    expect(surfacedTruths(snapshotOf({ risks: [late] }), signals, today)[0]!.confirmation).toBeNull();
  });

  it("ignores confirmations after today, as the board is read as of today", () => {
    const pool = risk("kofi", "2026-01-12", "Pool caps sessions", { id: "pool" });
    const decisions = [decision("2026-02-20", "stop", "pool")];
    expect(surfacedTruths(snapshotOf({ risks: [pool], decisions }), [], today)[0]!.confirmation).toBeNull();
  });
});

describe("the truth board", () => {
  const early = risk("kofi", "2026-01-05", "Pool caps sessions", { id: "pool" });
  const noise = Array.from({ length: 8 }, (_, i) =>
    risk("sam", "2026-01-02", `Unconfirmed worry number ${i}`, { id: `worry-${i}` }),
  );
  const signals = [
    signalRecord("early-warning-triggered", "critical", { type: "risk", id: "pool" }, "2026-02-02"),
  ];

  it("ranks by confirmation and lead time: many unconfirmed risks do not outrank one confirmed early one", () => {
    const board = truthBoard(surfacedTruths(snapshotOf({ risks: [...noise, early] }), signals, today), []);
    expect(board.people.map((p) => p.personId)).toEqual(["kofi", "sam"]);
    expect(board.people[1]).toMatchObject({ surfaced: 8, confirmed: 0, bestLeadTimeDays: null });
    expect(board.truths[0]!.id).toBe("pool");
  });

  it("ranks people by their best lead time, not by how many of theirs were confirmed", () => {
    const quick = Array.from({ length: 4 }, (_, i) =>
      risk("ana", "2026-01-30", `Quick call ${i}`, { id: `quick-${i}` }),
    );
    const quickSignals = quick.map((r) =>
      signalRecord("early-warning-triggered", "warning", { type: "risk", id: r.id }, "2026-02-02"),
    );
    const board = truthBoard(
      surfacedTruths(snapshotOf({ risks: [...quick, early] }), [...signals, ...quickSignals], today),
      [],
    );
    expect(board.people.map((p) => [p.personId, p.bestLeadTimeDays, p.confirmed])).toEqual([
      ["kofi", 28, 1],
      ["ana", 3, 4],
    ]);
  });

  it("lists explicit recognitions apart, newest first", () => {
    const snapshot = snapshotOf({
      recognitions: [
        { id: "r1", personId: "kofi", byId: "lee", date: "2026-01-13", reason: "Flagged the p95 regression" },
        { id: "r2", personId: "ana", byId: "lee", date: "2026-01-20", reason: "Raised the pool limit" },
        { id: "r3", personId: "sam", byId: "dana", date: "2026-03-01", reason: "Not yet" },
      ],
    });
    const board = truthBoard([], boardRecognitions(snapshot, today));
    expect(board.recognitions.map((r) => [r.id, r.personName, r.byName])).toEqual([
      ["r2", "Ana Silva", "Lee Park"],
      ["r1", "Kofi Mensah", "Lee Park"],
    ]);
    expect(board.people).toEqual([]);
  });
});
