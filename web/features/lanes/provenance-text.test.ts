import { describe, expect, it } from "vitest";
import type { Provenance } from "../../lib/api-types.ts";
import { overrideLines, sourceLine } from "./provenance-text.ts";

const names: Record<string, string> = { lee: "Lee Park", ana: "Ana Silva" };
const name = (id: string | undefined) => (id ? (names[id] ?? id) : "nobody");
const team = (id: string) => (id === "platform" ? "Platform" : id);
const github: Provenance = { kind: "github", ref: "acme/billing#7", imported_at: "2026-02-01T08:00:00Z" };

describe("a commitment's source in words", () => {
  it("names the tracker and its reference, and nothing for work typed into the plan", () => {
    expect(sourceLine(github)).toBe("From GitHub acme/billing#7");
    expect(sourceLine({ ...github, kind: "manual" })).toBeNull();
    expect(sourceLine(undefined)).toBeNull();
  });

  it("says what was changed by hand, by whom and when, beside what the source says", () => {
    const overridden: Provenance = {
      ...github,
      overrides: {
        due: { source: "2026-03-08", by: "lee", at: "2026-02-11T09:30:00Z" },
        owner: { source: "ana", by: null, at: "2026-02-12T10:00:00Z" },
        done: { source: null, by: "lee", at: "2026-02-13T10:00:00Z" },
      },
    };
    expect(overrideLines(overridden, name, team)).toEqual([
      "Owner changed by hand on 12 Feb 2026: GitHub says Ana Silva",
      "Due changed by hand by Lee Park on 11 Feb 2026: GitHub says 8 Mar 2026",
      "Done changed by hand by Lee Park on 13 Feb 2026: GitHub says none",
    ]);
    expect(overrideLines(github, name, team)).toEqual([]);
  });
});
