import { describe, expect, it } from "vitest";
import {
  GENESIS_HASH,
  hashEvent,
  signCheckpoint,
  signEvent,
  verifyAudit,
  verifyChain,
  type AuditCheckpoint,
  type AuditEvent,
} from "./audit.ts";

const KEY = Buffer.alloc(32, 1);
const ORG = "acme";

/** Writes events as the store does: chained, and signed with `key` unless `signed` is false. */
function rechain(
  events: readonly Omit<AuditEvent, "hash" | "mac" | "prevHash">[],
  key: Uint8Array | null = KEY,
) {
  const out: AuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (const [i, e] of events.entries()) {
    const unsigned = { ...e, seq: i + 1, prevHash: prev };
    const hash = hashEvent(unsigned);
    out.push({ ...unsigned, hash, mac: key ? signEvent(key, ORG, hash) : null });
    prev = hash;
  }
  return out;
}

function chain(n: number, key: Uint8Array | null = KEY): AuditEvent[] {
  return rechain(
    Array.from({ length: n }, (_, i) => ({
      seq: i + 1,
      at: new Date(Date.UTC(2026, 1, i + 1)),
      actor: "person:dana",
      action: "vote.cast",
      targetType: "gate",
      targetId: "launch",
      outcome: "done",
      details: { vote: i % 2 ? "no_go" : "go", nested: { b: 1, a: [2, 3] } },
    })),
    key,
  );
}

const headOf = (events: readonly AuditEvent[]): AuditCheckpoint =>
  signCheckpoint(KEY, {
    org: ORG,
    seq: events.at(-1)!.seq,
    hash: events.at(-1)!.hash,
    at: "2026-02-10T00:00:00.000Z",
  });

const verify = (events: readonly AuditEvent[], head: AuditCheckpoint | null, against?: AuditCheckpoint) =>
  verifyAudit(events, { org: ORG, key: KEY, head, ...(against ? { against } : {}) });

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

  it("names events swapped in place as out of order, with the position each was written at", () => {
    const events = chain(5);
    const [second, third] = [events[1]!, events[2]!];
    events[1] = { ...third, seq: 2 };
    events[2] = { ...second, seq: 3 };
    expect(verifyChain(events)).toMatchObject({
      seq: 2,
      problem: "out-of-order",
      detail: expect.stringContaining("written as event 3"),
    });
  });

  it("hashes the same content the same way whatever the key order", () => {
    const [event] = chain(1);
    const reordered = { ...event!, details: { nested: { a: [2, 3], b: 1 }, vote: "go" } };
    expect(hashEvent(reordered)).toBe(event!.hash);
  });
});

describe("the signed audit log", () => {
  it("accepts a log as it was written, signed and anchored by its head", () => {
    const events = chain(5);
    expect(verify(events, headOf(events))).toEqual({ ok: true, events: 5, unsigned: 0, problem: null });
  });

  it("names a chain recomputed by someone without the key", () => {
    const events = chain(5);
    const forged = rechain(
      events.map((e, i) => (i === 2 ? { ...e, actor: "person:mallory" } : e)),
      Buffer.alloc(32, 9),
    );
    expect(verifyChain(forged)).toBeNull();
    expect(verify(forged, headOf(events)).problem).toMatchObject({ problem: "recomputed" });
    // Even with the head removed, the events' own signatures give it away.
    expect(verify(forged, null).problem).toMatchObject({ seq: 1, problem: "recomputed" });
  });

  it("names an event inserted and the ones after it renumbered, the chain recomputed", () => {
    const events = chain(5);
    const withInsert = rechain(
      [...events.slice(0, 2), { ...events[1]!, actor: "person:mallory" }, ...events.slice(2)],
      null,
    );
    const kept = withInsert.map((e, i) => (i < 2 ? events[i]! : e));
    expect(verify(kept, headOf(events)).problem).toMatchObject({ seq: 3, problem: "inserted" });
  });

  it("names an event added at the end without the key", () => {
    const events = chain(5);
    const head = headOf(events);
    const [extra] = rechain([...events, { ...events[4]!, actor: "person:mallory" }], null).slice(-1);
    expect(verify([...events, extra!], head).problem).toMatchObject({ seq: 6, problem: "inserted" });
  });

  it("names events removed from the end, and every event removed", () => {
    const events = chain(5);
    expect(verify(events.slice(0, 3), headOf(events)).problem).toMatchObject({
      seq: 4,
      problem: "truncated",
    });
    expect(verify([], headOf(events)).problem).toMatchObject({ problem: "emptied" });
  });

  it("names a removed head when signed events remain", () => {
    expect(verify(chain(5).slice(0, 3), null).problem).toMatchObject({ problem: "truncated" });
  });

  it("holds the log against an exported checkpoint, which catches what the database alone cannot", () => {
    const events = chain(5);
    const checkpoint = headOf(events);
    // Someone with the database removes the last two events and rolls the head back to an old signed one.
    const rolledBack = events.slice(0, 3);
    expect(verify(rolledBack, headOf(rolledBack)).ok).toBe(true);
    expect(verify(rolledBack, headOf(rolledBack), checkpoint).problem).toMatchObject({
      seq: 4,
      problem: "truncated",
      detail: expect.stringContaining("the checkpoint"),
    });
    expect(verify([], null, checkpoint).problem).toMatchObject({ problem: "emptied" });
  });

  it("refuses a forged head or checkpoint", () => {
    const events = chain(5);
    const fake = { ...headOf(events), seq: 9 };
    expect(verify(events, fake).problem).toMatchObject({ problem: "recomputed" });
    expect(verify(events, headOf(events), { ...headOf(events), org: "other" }).problem).toMatchObject({
      problem: "recomputed",
    });
  });

  it("accepts events written before the log was signed, and counts them", () => {
    const legacy = chain(3, null);
    expect(verify(legacy, null)).toMatchObject({ ok: true, unsigned: 3 });
  });
});
