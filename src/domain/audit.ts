// The audit log's evidence of itself. Each event's hash covers its content and the previous hash, so a change
// shows; each event is also signed (HMAC-SHA256) with a key kept outside the database, so a chain recomputed
// by someone with the database but not the key shows too; and the head — the last event's number and hash —
// is signed and kept apart from the events (and can be exported as a checkpoint), so events removed from
// the end, or all of them, show as well.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export interface AuditEventInput {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  outcome: string;
  details: Record<string, unknown>;
}

export interface AuditEvent extends AuditEventInput {
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
  /** The event's signature; null on events written before the log was signed. */
  mac: string | null;
}

/**
 * Where the chain stood at a moment, signed: the org's head (stored apart from the events) and the
 * checkpoints people export to hold the log against later.
 */
export interface AuditCheckpoint {
  org: string;
  seq: number;
  hash: string;
  at: string;
  mac: string;
}

export const GENESIS_HASH = "0".repeat(64);

/** JSON with keys in a fixed order at every depth, so equal content always hashes equally. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

export function hashEvent(event: Omit<AuditEvent, "hash" | "mac">): string {
  const { seq, at, actor, action, targetType, targetId, outcome, details, prevHash } = event;
  const content = canonical({
    seq,
    at: at.toISOString(),
    actor,
    action,
    targetType,
    targetId,
    outcome,
    details,
    prevHash,
  });
  return createHash("sha256").update(content).digest("hex");
}

const hmac = (key: Uint8Array, content: string) => createHmac("sha256", key).update(content).digest("hex");

function sameMac(a: string | null | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** An event's signature: its hash, bound to its org, under the audit key. */
export const signEvent = (key: Uint8Array, org: string, hash: string) =>
  hmac(key, canonical({ kind: "audit-event", org, hash }));

export function signCheckpoint(key: Uint8Array, point: Omit<AuditCheckpoint, "mac">): AuditCheckpoint {
  const { org, seq, hash, at } = point;
  return { org, seq, hash, at, mac: hmac(key, canonical({ kind: "audit-checkpoint", org, seq, hash, at })) };
}

export const isGenuineCheckpoint = (key: Uint8Array, point: AuditCheckpoint) =>
  sameMac(point.mac, signCheckpoint(key, point).mac);

/** The seven ways a log can be tampered with, as verification names them. */
export type AuditProblemKind =
  "modified" | "missing" | "inserted" | "out-of-order" | "recomputed" | "truncated" | "emptied";

export interface AuditProblem {
  seq: number;
  problem: AuditProblemKind;
  detail: string;
}

export type ChainProblem = AuditProblem;

/**
 * The chain alone (no key): the first event whose content no longer matches its hash, whose number skips,
 * or which does not follow the event before it. An event found at another position than the one it was
 * written at is named out of order.
 */
export function verifyChain(events: readonly AuditEvent[]): AuditProblem | null {
  const byHash = new Map(events.map((e) => [e.hash, e]));
  /** The number an event was written with, as its predecessor's hash tells it. */
  const writtenAs = (event: AuditEvent): number | null => {
    let steps = 1;
    let prev = event.prevHash;
    const seen = new Set<string>();
    while (prev !== GENESIS_HASH) {
      const before = byHash.get(prev);
      if (!before || seen.has(prev)) return null;
      seen.add(prev);
      prev = before.prevHash;
      steps++;
    }
    return steps;
  };
  let previous = GENESIS_HASH;
  let expectedSeq = 1;
  for (const event of events) {
    if (event.seq > expectedSeq) {
      return {
        seq: expectedSeq,
        problem: "missing",
        detail: `event ${expectedSeq} is missing (found ${event.seq} next)`,
      };
    }
    if (event.seq < expectedSeq) {
      return {
        seq: event.seq,
        problem: "out-of-order",
        detail: `event ${event.seq} appears after ${expectedSeq - 1}`,
      };
    }
    if (hashEvent(event) !== event.hash) {
      const original = writtenAs(event);
      if (
        original !== null &&
        original !== event.seq &&
        hashEvent({ ...event, seq: original }) === event.hash
      ) {
        return {
          seq: event.seq,
          problem: "out-of-order",
          detail: `event ${event.seq} was written as event ${original}: the log was reordered`,
        };
      }
      return {
        seq: event.seq,
        problem: "modified",
        detail: `event ${event.seq} was changed after it was written`,
      };
    }
    if (event.prevHash !== previous) {
      return {
        seq: event.seq,
        problem: "out-of-order",
        detail: `event ${event.seq} does not follow the event before it`,
      };
    }
    previous = event.hash;
    expectedSeq++;
  }
  return null;
}

export interface AuditVerdict {
  ok: boolean;
  events: number;
  /** Events written before the log was signed: chained, but not signed. */
  unsigned: number;
  problem: AuditProblem | null;
}

/**
 * The whole log held against what only the key holder could have written: the chain, every event's
 * signature, the signed head kept apart from the events, and, when given, a checkpoint exported earlier.
 */
export function verifyAudit(
  events: readonly AuditEvent[],
  options: { org: string; key: Uint8Array; head: AuditCheckpoint | null; against?: AuditCheckpoint },
): AuditVerdict {
  const { org, key, head, against } = options;
  const unsigned = events.filter((e) => e.mac === null).length;
  const verdict = (problem: AuditProblem | null): AuditVerdict => ({
    ok: problem === null,
    events: events.length,
    unsigned,
    problem,
  });

  const chain = verifyChain(events);
  if (chain) return verdict(chain);

  const last = events.at(-1);
  const anchors = [head, against].filter((a): a is AuditCheckpoint => a !== null && a !== undefined);
  for (const anchor of anchors) {
    const what = anchor === against ? "the checkpoint" : "the log's signed head";
    if (anchor.org !== org || !isGenuineCheckpoint(key, anchor)) {
      return verdict({
        seq: anchor.seq,
        problem: "recomputed",
        detail: `${what} is not signed with this audit key (it was forged, or the key changed)`,
      });
    }
    if (!last) {
      return verdict({
        seq: 1,
        problem: "emptied",
        detail: `every event is gone, though ${what} records ${anchor.seq}`,
      });
    }
    if (last.seq < anchor.seq) {
      return verdict({
        seq: last.seq + 1,
        problem: "truncated",
        detail: `events ${last.seq + 1} to ${anchor.seq} were removed from the end (${what} records ${anchor.seq})`,
      });
    }
    if (events[anchor.seq - 1]!.hash !== anchor.hash) {
      const firstForged = events.find((e) => e.mac === null || !sameMac(e.mac, signEvent(key, org, e.hash)));
      if (last.seq > anchor.seq) {
        return verdict({
          seq: firstForged?.seq ?? anchor.seq,
          problem: "inserted",
          detail: `an event was inserted at ${firstForged?.seq ?? anchor.seq} and the ones after it renumbered (${what} records ${anchor.seq} events, ${last.seq} are there)`,
        });
      }
      return verdict({
        seq: firstForged?.seq ?? anchor.seq,
        problem: "recomputed",
        detail: `the chain up to event ${anchor.seq} was rewritten and its hashes recomputed (${what} does not match)`,
      });
    }
  }

  const firstSigned = events.findIndex((e) => e.mac !== null);
  if (firstSigned >= 0) {
    for (const event of events.slice(firstSigned)) {
      if (sameMac(event.mac, signEvent(key, org, event.hash))) continue;
      const beyondHead = head !== null && event.seq > head.seq;
      return verdict({
        seq: event.seq,
        problem: beyondHead ? "inserted" : "recomputed",
        detail: beyondHead
          ? `event ${event.seq} was added by someone without the audit key`
          : `event ${event.seq} is not signed with this audit key: it was rewritten and the chain recomputed (or the key changed)`,
      });
    }
    if (head === null) {
      return verdict({
        seq: last!.seq,
        problem: "truncated",
        detail: "the log's signed head was removed, so events may have been removed from the end",
      });
    }
  }
  if (head && last && last.seq > head.seq) {
    return verdict({
      seq: head.seq + 1,
      problem: "inserted",
      detail: `events after ${head.seq} were added without moving the log's signed head`,
    });
  }
  return verdict(null);
}

/** A checkpoint as it is read back from a file or a request. */
export const AuditCheckpointSchema = z.object({
  org: z.string().min(1),
  seq: z.int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/, { message: "must be 64 lowercase hexadecimal characters" }),
  at: z.iso.datetime(),
  mac: z.string().regex(/^[0-9a-f]{64}$/, { message: "must be 64 lowercase hexadecimal characters" }),
});
