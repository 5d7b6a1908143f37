import { describe, expect, it } from "vitest";
import { placeProblems, positionOf, problemText } from "./file-problems.ts";

describe("an initiative file's problems, placed at their lines", () => {
  const text = "initiative: A\r\nowner: dana\ncommitments:\n  c: { team: x, title: T, due: 2026-02-30 }";

  it("numbers every line and puts each problem on its own, by column", () => {
    const { lines, unplaced } = placeProblems(text, [
      { field: "commitments.c.due", message: "must be a real date", line: 4, column: 33 },
      { field: "commitments.c.team", message: "unknown team 'x'", line: 4, column: 13 },
      { field: "owner", message: "unknown person", line: 2, column: 8 },
    ]);
    expect(lines.map((l) => [l.number, l.text])).toEqual([
      [1, "initiative: A"],
      [2, "owner: dana"],
      [3, "commitments:"],
      [4, "  c: { team: x, title: T, due: 2026-02-30 }"],
    ]);
    expect(lines[1]!.problems.map((p) => p.field)).toEqual(["owner"]);
    expect(lines[3]!.problems.map((p) => p.field)).toEqual(["commitments.c.team", "commitments.c.due"]);
    expect(lines[0]!.problems).toEqual([]);
    expect(unplaced).toEqual([]);
  });

  it("keeps a problem without a line apart, and one past the end at the last line", () => {
    const { lines, unplaced } = placeProblems(text, [
      { field: "(body)", message: "not allowed" },
      { field: "(file)", message: "unexpected end", line: 9, column: 1 },
    ]);
    expect(unplaced.map((p) => p.message)).toEqual(["not allowed"]);
    expect(lines[3]!.problems.map((p) => p.message)).toEqual(["unexpected end"]);
  });

  it("says where and what in words", () => {
    expect(positionOf({ field: "owner", message: "m", line: 2, column: 8 })).toBe("Line 2, column 8");
    expect(positionOf({ field: "owner", message: "m" })).toBe("The file");
    expect(problemText({ field: "owner", message: "unknown person" })).toBe("owner: unknown person");
    expect(problemText({ field: "(file)", message: "bad indentation" })).toBe("bad indentation");
  });
});
