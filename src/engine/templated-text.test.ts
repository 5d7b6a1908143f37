// Table tests for form lines: the same opening with values filled in, on several pieces of work.
import { describe, expect, it } from "vitest";
import { FORM_MIN_SUBJECTS, formOpening, formOpenings } from "./templated-text.ts";

describe("formOpening", () => {
  it.each([
    ["KEP-1287 file updated (commit 3f2a9c1): status implementable", "# file updated commit # status"],
    ["PROJ-12 due 2026-03-01: moved to In Progress", "# due # moved to in"],
    ["Sprint 14: 3 of 5 stories done", "sprint # # of # stories"],
  ])("reads %j as a form's opening", (text, opening) => {
    expect(formOpening(text)).toBe(opening);
  });

  it.each([
    ["Load tests fail at 2,000 users"],
    ["Staging was down again on Tuesday"],
    ["PROJ-12 moved to In Progress on 2026-01-05 by Kofi"],
    ["Waiting on legal"],
    ["The vendor API timed out 3 times; the 2nd time for an hour"],
  ])("reads %j as written, not filled in", (text) => {
    expect(formOpening(text)).toBeNull();
  });
});

describe("formOpenings", () => {
  const line = (kep: number) =>
    `KEP-${kep} file updated (commit ${kep}abc): status implementable, stage beta`;

  it("finds an opening shared by notes on three subjects", () => {
    const notes = [1, 2, 3].map((n) => ({ text: line(n), subject: `commitment:k${n}` }));
    expect([...formOpenings(notes)]).toEqual(["# file updated commit # status"]);
  });

  it("does not count notes on one subject more than once", () => {
    const notes = [1, 2, 3, 4].map((n) => ({
      text: line(n),
      subject: n < 4 ? "commitment:k1" : "commitment:k2",
    }));
    expect(FORM_MIN_SUBJECTS).toBeGreaterThan(2);
    expect(formOpenings(notes).size).toBe(0);
  });
});
