import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  invitedParticipationSecret,
  openSealedPayload,
  SEAL_BLOCK,
  sealPayload,
  shuffled,
  voterKey,
  whyWithheld,
} from "./anonymity.ts";

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

  describe("the k rule", () => {
    const words = { gave: "answered", ritual: "pulse" };
    const group = { respondents: 6, k: 5, closed: true, invitationOnly: true };

    it("shows a closed group of at least k people, each by their own invitation", () => {
      expect(whyWithheld(group, words)).toBeNull();
      expect(whyWithheld({ ...group, respondents: 5 }, words)).toBeNull();
    });

    it("withholds while open, below k (never below 3), and over an open link however many joined", () => {
      expect(whyWithheld({ ...group, closed: false }, words)).toBe("shown once the pulse is closed");
      expect(whyWithheld({ ...group, respondents: 4 }, words)).toBe("fewer than 5 people answered");
      expect(whyWithheld({ ...group, k: 1, respondents: 2 }, words)).toBe("fewer than 3 people answered");
      expect(whyWithheld({ ...group, respondents: 300, invitationOnly: false }, words)).toBe(
        "fewer than 5 people answered by personal invitation: an open link cannot tell people apart",
      );
    });
  });

  it("derives one participation token per invitation and ritual, not recomputable without the key", () => {
    const key = Buffer.alloc(32, 1);
    const ritual = { kind: "pulse", ritualId: "pulse_1" };
    const token = invitedParticipationSecret(key, ritual, "piv_a");
    expect(token).toMatch(/^ppt_/);
    expect(invitedParticipationSecret(key, ritual, "piv_a")).toBe(token);
    expect(invitedParticipationSecret(key, ritual, "piv_b")).not.toBe(token);
    expect(invitedParticipationSecret(key, { ...ritual, ritualId: "pulse_2" }, "piv_a")).not.toBe(token);
    expect(invitedParticipationSecret(Buffer.alloc(32, 2), ritual, "piv_a")).not.toBe(token);
  });

  describe("sealing a submission while it waits for its batch", () => {
    const key = Buffer.alloc(32, 9);
    const scope = { orgId: "acme", kind: "premortem_item", ritualId: "pm-1" };

    it("opens what it sealed, for the same key and scope", () => {
      const payload = { risk: "Staging goes down the week of the launch", likelihood: "high" };
      expect(openSealedPayload(key, scope, sealPayload(key, scope, payload))).toEqual(payload);
    });

    it("keeps the text out of what is stored, and every short submission the same length", () => {
      const short = sealPayload(key, scope, { risk: "x" });
      const longer = sealPayload(key, scope, { risk: "Staging goes down the week of the launch, again" });
      expect(short).not.toContain('x"');
      expect(longer).not.toMatch(/Staging|launch/);
      expect(short.length).toBe(longer.length);
      const long = sealPayload(key, scope, { risk: "y".repeat(SEAL_BLOCK) });
      expect(long.length).toBeGreaterThan(short.length);
      // Two seals of the same submission differ: equal texts cannot be matched either.
      expect(sealPayload(key, scope, { risk: "x" })).not.toBe(short);
    });

    it("refuses to open under another key, for another ritual, or once a byte is changed", () => {
      const box = sealPayload(key, scope, { risk: "r" });
      expect(() => openSealedPayload(Buffer.alloc(32, 8), scope, box)).toThrow();
      expect(() => openSealedPayload(key, { ...scope, ritualId: "pm-2" }, box)).toThrow();
      const last = box.at(-1) === "A" ? "B" : "A";
      expect(() => openSealedPayload(key, scope, box.slice(0, -1) + last)).toThrow();
    });
  });
});
