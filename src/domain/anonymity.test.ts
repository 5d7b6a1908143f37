import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { shuffled, voterKey } from "./anonymity.ts";

describe("anonymity rules", () => {
  it("shuffles a batch into every order about equally often", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const order = shuffled(["a", "b", "c"]).join("");
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(n).toBeGreaterThan(800);
    for (const n of counts.values()) expect(n).toBeLessThan(1200);
  });

  it("keys a vote under the anonymity key, so the participant hash alone does not recompute it", () => {
    const a = voterKey(Buffer.alloc(32, 1), "hash", "item");
    expect(a).toBe(voterKey(Buffer.alloc(32, 1), "hash", "item"));
    expect(a).not.toBe(voterKey(Buffer.alloc(32, 2), "hash", "item"));
    expect(a).not.toBe(createHash("sha256").update("hash\u0000item").digest("hex"));
  });
});
