// The audit log's hash chain: each event's hash covers its content and the previous hash, so tampering shows.
import { createHash } from "node:crypto";

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

export function hashEvent(event: Omit<AuditEvent, "hash">): string {
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

export type ChainProblem =
  | { seq: number; problem: "modified"; detail: string }
  | { seq: number; problem: "missing"; detail: string }
  | { seq: number; problem: "out-of-order"; detail: string };

/** The first event at which the chain breaks, or null when every event is as it was written. */
export function verifyChain(events: readonly AuditEvent[]): ChainProblem | null {
  let previous = GENESIS_HASH;
  let expectedSeq = 1;
  for (const event of events) {
    if (event.seq !== expectedSeq) {
      return event.seq > expectedSeq
        ? {
            seq: expectedSeq,
            problem: "missing",
            detail: `event ${expectedSeq} is missing (found ${event.seq} next)`,
          }
        : {
            seq: event.seq,
            problem: "out-of-order",
            detail: `event ${event.seq} appears after ${expectedSeq - 1}`,
          };
    }
    if (event.prevHash !== previous) {
      return {
        seq: event.seq,
        problem: "out-of-order",
        detail: `event ${event.seq} does not follow the event before it`,
      };
    }
    if (hashEvent(event) !== event.hash) {
      return {
        seq: event.seq,
        problem: "modified",
        detail: `event ${event.seq} was changed after it was written`,
      };
    }
    previous = event.hash;
    expectedSeq++;
  }
  return null;
}
