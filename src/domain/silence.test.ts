import { describe, expect, it } from "vitest";
import { silenceRefusal, suppressionEnd } from "./silence.ts";

describe("silenceRefusal", () => {
  const leadSuppression = { mode: "suppressed" as const, byPerson: "mia" };
  it.each([
    ["a member acknowledges an open signal", "acknowledged", "member", "lee", null, false],
    ["a viewer acknowledges", "acknowledged", "viewer", "vic", null, true],
    ["a member suppresses", "suppressed", "member", "lee", null, true],
    ["a lead suppresses", "suppressed", "lead", "pat", null, false],
    [
      "a member acknowledges over a lead's suppression",
      "acknowledged",
      "member",
      "lee",
      leadSuppression,
      true,
    ],
    [
      "a lead acknowledges over another lead's suppression",
      "acknowledged",
      "lead",
      "pat",
      leadSuppression,
      false,
    ],
    [
      "a member acknowledges over an acknowledgement",
      "acknowledged",
      "member",
      "lee",
      { mode: "acknowledged" as const, byPerson: "pat" },
      false,
    ],
  ] as const)("%s: refused %s", (_, mode, role, person, inForce, refused) => {
    expect(silenceRefusal(mode, role, person, inForce) !== null).toBe(refused);
  });

  it("says whose suppression stands in the way", () => {
    expect(silenceRefusal("acknowledged", "member", "lee", leadSuppression)).toContain("suppressed by 'mia'");
  });
});

describe("suppressionEnd", () => {
  const now = new Date("2026-02-10T12:00:00Z");
  it("ends at the start of the day asked, after today and within the limit", () => {
    expect(suppressionEnd("2026-02-20", now)).toEqual({
      ok: true,
      expiresAt: new Date("2026-02-20T00:00:00Z"),
    });
    expect(suppressionEnd("2026-02-10", now).ok).toBe(false);
    expect(suppressionEnd("2026-12-01", now).ok).toBe(false);
    expect(suppressionEnd(undefined, now).ok).toBe(false);
  });
});
