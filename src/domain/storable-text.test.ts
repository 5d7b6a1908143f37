import { describe, expect, it } from "vitest";
import { findTextFaults, textFault } from "./storable-text.ts";

describe("storable text", () => {
  it("accepts ordinary text, emoji and other paired surrogates", () => {
    for (const text of ["", "p95 is 8 s", "Ünïcødé ✓", "launch 🚀", "\uD83D\uDE80"]) {
      expect(textFault(text)).toBeUndefined();
    }
  });

  it("refuses the NUL character and unpaired surrogates", () => {
    expect(textFault("a\u0000b")).toContain("NUL");
    expect(textFault("a\uD800b")).toContain("unpaired surrogate");
    expect(textFault("\uDC00")).toContain("unpaired surrogate");
    expect(textFault("end\uD83D")).toContain("unpaired surrogate");
  });

  it("names the field of every fault, keys included", () => {
    const faults = findTextFaults({
      note: "fine",
      cites: ["ok", "bad\u0000"],
      nested: { ["k\uDFFF"]: 1, deeper: { text: "\uD800" } },
    });
    expect(faults).toEqual([
      { path: ["cites", 1], atKey: false, message: expect.stringContaining("NUL") },
      {
        path: ["nested", "k\uDFFF"],
        atKey: true,
        message: expect.stringMatching(/^has a key that .*surrogate/),
      },
      { path: ["nested", "deeper", "text"], atKey: false, message: expect.stringContaining("surrogate") },
    ]);
  });

  it("stops at the limit", () => {
    expect(
      findTextFaults(
        Array.from({ length: 100 }, () => "\u0000"),
        5,
      ),
    ).toHaveLength(5);
  });
});
