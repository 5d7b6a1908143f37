import { describe, expect, it } from "vitest";
import {
  aKind,
  bodyOf,
  explainRefusal,
  fieldOf,
  keepingDetail,
  planKind,
  typedValue,
  valuesOf,
} from "./plan-kinds.ts";

const commitments = planKind("commitments");

describe("a plan kind's form values become the body the server takes", () => {
  it("adds with every field given, typed facts, and empty fields left out", () => {
    const result = bodyOf(commitments, {
      id: "capacity",
      title: " Capacity ",
      team: "operations",
      owner: "",
      due: "2026-03-01",
      done: "",
      facts: "ready: 2026-03-01\nper_week: 1500\n\nlive: true\nregions: [eu, us]",
    });
    expect(result).toEqual({
      ok: true,
      body: {
        id: "capacity",
        title: "Capacity",
        team: "operations",
        due: "2026-03-01",
        facts: { ready: "2026-03-01", per_week: 1500, live: true, regions: ["eu", "us"] },
      },
    });
  });

  it("changes only the fields edited, never the id, and refuses to empty a field", () => {
    const original = valuesOf(commitments, {
      id: "capacity",
      title: "Capacity",
      team: "operations",
      owner: "omar",
      due: "2026-03-01",
    });
    expect(bodyOf(commitments, { ...original, id: "other", due: "2026-03-15" }, original)).toEqual({
      ok: true,
      body: { due: "2026-03-15" },
    });
    expect(bodyOf(commitments, { ...original, owner: "" }, original)).toEqual({
      ok: false,
      fieldErrors: { owner: expect.stringContaining("cannot empty") },
    });
  });

  it("reads lists one a line, mappings as key: value, and a target as a number when it is one", () => {
    expect(
      bodyOf(planKind("milestones"), { name: "Beta", date: "2026-03-01", assumptions: "A\n\n B " }),
    ).toEqual({ ok: true, body: { name: "Beta", date: "2026-03-01", assumptions: ["A", "B"] } });
    expect(bodyOf(planKind("gates"), { name: "Launch", authorities: "engineering: lee\nsales:pat" })).toEqual(
      {
        ok: true,
        body: { name: "Launch", authorities: { engineering: "lee", sales: "pat" } },
      },
    );
    const outcomes = planKind("outcomes");
    expect(bodyOf(outcomes, { metric: "m", target: "2000", by: "2026-04-30" })).toMatchObject({
      body: { target: 2000 },
    });
    expect(bodyOf(outcomes, { metric: "m", target: ">= 2000", by: "2026-04-30" })).toMatchObject({
      body: { target: ">= 2000" },
    });
  });

  it("keeps what the form does not show of a list item whose text is unchanged", () => {
    const milestones = planKind("milestones");
    const item = {
      id: "beta",
      assumptions: [{ statement: "Partners sign", kill_criteria: "none by May" }, "Docs"],
    };
    const original = valuesOf(milestones, item);
    const edited = bodyOf(milestones, { ...original, assumptions: "Partners sign\nDocs ready" }, original);
    expect(edited.ok && keepingDetail(milestones, edited.body, item)).toEqual({
      assumptions: [{ statement: "Partners sign", kill_criteria: "none by May" }, "Docs ready"],
    });
  });

  it("shows a stored item as the text it would be written with", () => {
    const values = valuesOf(commitments, {
      id: "c",
      title: "T",
      team: "t",
      facts: { n: 3, on: { type: "date", value: "2026-01-01" }, list: [1, "x"] },
    });
    expect(values).toMatchObject({ id: "c", owner: "", facts: "n: 3\non: 2026-01-01\nlist: [1, x]" });
    expect(
      valuesOf(planKind("milestones"), { assumptions: ["a", { statement: "b", kill_criteria: "k" }] }),
    ).toMatchObject({ assumptions: "a\nb" });
    expect(typedValue("007")).toBe(7);
    expect(typedValue("2026-01-01")).toBe("2026-01-01");
  });

  it("places a server's field error at the form field its path starts with", () => {
    expect(fieldOf(commitments, "facts.ready")).toBe("facts");
    expect(fieldOf(commitments, "due")).toBe("due");
    expect(fieldOf(commitments, "links.0.check")).toBeUndefined();
    expect([aKind(commitments), aKind(planKind("outcomes"))]).toEqual(["a commitment", "an outcome"]);
  });
});

describe("a refused write is explained where it belongs", () => {
  const shown = ["title", "team", "facts"];

  it("puts each field's messages at its field, and the rest for the form", () => {
    expect(
      explainRefusal(commitments, shown, {
        status: 422,
        message: "the initiative is invalid",
        problems: [
          { field: "facts.2start", message: "must be an identifier" },
          { field: "facts.x", message: "looks like a date" },
          { field: "team", message: "unknown team 'ops'" },
        ],
      }),
    ).toEqual({
      fieldErrors: { facts: "must be an identifier; looks like a date", team: "unknown team 'ops'" },
      formError: null,
      stale: false,
    });
    expect(
      explainRefusal(commitments, shown, {
        status: 422,
        message: "invalid",
        problems: [{ field: "links.0.check", message: "names no fact 'ready'" }],
      }).formError,
    ).toBe("links.0.check: names no fact 'ready'");
  });

  it("says plainly that someone else changed the item, and offers to reload", () => {
    const explained = explainRefusal(commitments, shown, { status: 412, message: "x", problems: [] });
    expect(explained.stale).toBe(true);
    expect(explained.formError).toMatch(/^Someone else changed this commitment since you opened it/);
  });

  it("reads a 403 as what the role may not do, and anything else as the server said it", () => {
    expect(
      explainRefusal(commitments, shown, {
        status: 403,
        message: "the role 'member' may not plan",
        problems: [],
      }).formError,
    ).toBe("Your role may not change the plan: the role 'member' may not plan.");
    expect(
      explainRefusal(commitments, shown, {
        status: 409,
        message: "commitment 'api' already exists",
        problems: [],
      }),
    ).toEqual({ fieldErrors: {}, formError: "commitment 'api' already exists", stale: false });
  });
});
