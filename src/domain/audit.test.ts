import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashEvent, verifyChain, type AuditEvent } from "./audit.ts";

function chain(n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const unsigned = {
      seq,
      at: new Date(Date.UTC(2026, 1, seq)),
      actor: "person:dana",
      action: "vote.cast",
      targetType: "gate",
      targetId: "launch",
      outcome: "done",
      details: { vote: seq % 2 ? "go" : "no_go", nested: { b: 1, a: [2, 3] } },
      prevHash: prev,
    };
    const event = { ...unsigned, hash: hashEvent(unsigned) };
    events.push(event);
    prev = event.hash;
  }
  return events;
}

describe("the audit hash chain", () => {
  it("accepts an untouched chain", () => expect(verifyChain(chain(5))).toBeNull());

  it("names a modified event", () => {
    const events = chain(5);
    events[2] = { ...events[2]!, details: { vote: "go" } };
    expect(verifyChain(events)).toMatchObject({ seq: 3, problem: "modified" });
  });

  it("names a deleted event", () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ seq: 2, problem: "missing" });
  });

  it("names an inserted event, even one with a plausible number", () => {
    const events = chain(5);
    const forged = { ...events[1]!, actor: "person:mallory" };
    const renumbered = [
      events[0]!,
      { ...forged, hash: hashEvent(forged) },
      ...events.slice(1).map((e) => ({ ...e, seq: e.seq + 1 })),
    ];
    expect(verifyChain(renumbered)).toMatchObject({ seq: 3 });
  });

  it("names reordered events", () => {
    const events = chain(5);
    [events[1], events[2]] = [events[2]!, events[1]!];
    expect(verifyChain(events)).toMatchObject({ seq: 2 });
  });

  it("hashes the same content the same way whatever the key order", () => {
    const [event] = chain(1);
    const reordered = { ...event!, details: { nested: { a: [2, 3], b: 1 }, vote: "go" } };
    expect(hashEvent(reordered)).toBe(event!.hash);
  });
});
