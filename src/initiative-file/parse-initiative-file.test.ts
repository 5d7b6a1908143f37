import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { CheckCompiler } from "../checks/check-compiler.ts";
import { orbitText } from "../../test/support/files.ts";
import { fromSnapshot } from "./from-snapshot.ts";
import { JSON_SCHEMA_PATH, renderJsonSchema } from "./json-schema.ts";
import { parseInitiativeFile } from "./parse-initiative-file.ts";

const parse = (text: string) =>
  parseInitiativeFile(text, { fileName: "test.yaml", checks: new CheckCompiler() });

describe("parseInitiativeFile", () => {
  it("accepts the Orbit example unchanged", () => {
    const result = parse(orbitText());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.snapshot.initiative).toMatchObject({
      id: "orbit-self-serve-launch",
      ownerId: "dana",
      asOf: "2026-02-10",
    });
    expect(result.snapshot.commitments.map((c) => c.id)).toEqual(["campaign", "release", "capacity"]);
    expect(result.snapshot.commitments[0]!.facts.campaign_start).toEqual({
      type: "date",
      value: "2026-02-01",
    });
    expect(result.snapshot.reports[2]!.cites).toEqual(["report-2"]);
    expect(result.snapshot.gates[0]!.votes[0]).toMatchObject({
      role: "technical",
      personId: "pat",
      vote: "no_go",
    });
  });

  it("accepts the repository's examples", () => {
    for (const name of ["examples/orbit-launch.yaml", "examples/complete.yaml"]) {
      const result = parse(readFileSync(name, "utf8"));
      expect(result.ok ? [] : result.problems, name).toEqual([]);
    }
  });

  it("reports every problem at once, with line, column, field path and reason", () => {
    const text = [
      "initiative: Bad",
      "owner: dana",
      "colour: blue",
      "people:",
      "  - { id: dana, name: Dana }",
      "teams:",
      "  product: { lead: ghost }",
      "commitments:",
      "  a:",
      "    team: nowhere",
      "    title: A",
      "    due: 2026-02-30",
      "links:",
      "  - kind: assumption",
      "    between: [a, b]",
      "    statement: S",
      '    check: "a.x <="',
      "reports:",
      "  - { subject: a, by: dana, date: 2026-01-01, health: green }",
    ].join("\n");
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
    expect(found).toEqual([
      "3:1 colour: unknown key 'colour'",
      "7:20 teams.product.lead: unknown person 'ghost' (not in people)",
      "10:11 commitments.a.team: unknown team 'nowhere' (not in teams)",
      "12:10 commitments.a.due: must be a real calendar date written as YYYY-MM-DD",
      "15:18 links.0.between.1: unknown commitment 'b' (not in commitments)",
      "17:12 links.0.check: the CEL expression does not compile: 1:5: found < but expecting end of input",
      '19:55 reports.0.health: must be one of "on_track", "at_risk", "off_track"',
    ]);
  });

  it("rejects impossible dates in facts, checks naming unknown things, and votes by non-authorities", () => {
    const text = stringify({
      initiative: "X",
      owner: "dana",
      people: [
        { id: "dana", name: "Dana" },
        { id: "lee", name: "Lee" },
      ],
      teams: { t: { lead: "dana" } },
      commitments: { a: { team: "t", title: "A", facts: { when: "2026-13-01" } } },
      links: [{ kind: "dependency", from: "a", to: "a", statement: "S", check: "b.x > metrics.nope.latest" }],
      gates: [
        {
          name: "G",
          authorities: { ux: "dana" },
          votes: [
            { by: "lee", vote: "go" },
            { by: "dana", vote: "no_go" },
          ],
        },
      ],
    });
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "commitments.a.facts.when: looks like a date but is not a real calendar date (YYYY-MM-DD)",
        "links.0.to: a link connects two different commitments",
        "links.0.check: the expression names 'b', which is neither a commitment nor 'metrics'",
        "links.0.check: the expression reads unknown metric 'nope' (not in metrics)",
        "gates.0.votes.0.by: 'lee' holds no role on this gate: name the role the vote was cast for",
        "gates.0.votes.1.reason: a No-Go needs a reason",
      ]),
    );
  });

  it("refuses a check or early-warning sign that nests loops too deep to run, naming it", () => {
    const ten = "[0,1,2,3,4,5,6,7,8,9]";
    const nested = `${ten}.all(a, ${ten}.all(b, ${ten}.all(c, a + b + c >= 0)))`;
    const text = stringify({
      initiative: "X",
      owner: "dana",
      people: [{ id: "dana", name: "Dana" }],
      teams: { t: { lead: "dana" } },
      commitments: { a: { team: "t", title: "A" }, b: { team: "t", title: "B" } },
      links: [{ kind: "dependency", from: "a", to: "b", statement: "S", check: nested }],
      risks: [
        {
          risk: "R",
          likelihood: "high",
          impact: "high",
          early_warning: `${ten}.map(x, ${nested}).size() > 0`,
        },
      ],
    });
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const loops = "all, exists, exists_one, map or filter";
    expect(result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `links.0.check: the CEL expression is refused: it puts ${loops} inside one another 3 deep, and a check may go at most 2 deep: each level repeats everything inside it once per item`,
      `risks.0.early_warning: the CEL expression is refused: it puts ${loops} inside one another 4 deep, and a check may go at most 2 deep: each level repeats everything inside it once per item`,
    ]);
  });

  it("names a key that cannot be an id, at the key, with what an id must be", () => {
    const result = parse(
      [
        "initiative: Bad keys",
        "owner: dana",
        "people: [{ id: dana, name: Dana }]",
        "teams: { ops: { lead: dana } }",
        "commitments:",
        "  task-0: { team: ops, title: A task }",
        "",
      ].join("\n"),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        line: 6,
        column: 3,
        path: "commitments.task-0",
        message: expect.stringMatching(/^the key 'task-0' must be an identifier usable in a check: letters/),
      }),
    );
  });

  it("reports YAML syntax errors with their position", () => {
    const result = parse("initiative: X\nowner: dana\nowner: mia\n");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ path: "(file)", line: 3, column: 1 });
  });

  it("rejects duplicate ids in lists, unknown type:id subjects, and facts that shadow due or done", () => {
    const text = stringify({
      initiative: "X",
      owner: "dana",
      people: [{ id: "dana", name: "Dana" }],
      teams: { t: { lead: "dana" } },
      commitments: { a: { team: "t", title: "A", facts: { due: "2026-01-01" } } },
      risks: [
        { id: "r", risk: "One", likelihood: "low", impact: "low" },
        { id: "r", risk: "Two", likelihood: "low", impact: "low" },
      ],
      reports: [{ subject: "gate:nope", by: "dana", date: "2026-01-01", health: "on_track" }],
    });
    const result = parse(text);
    expect(result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "commitments.a.facts.due: 'due' is the commitment's own date in checks; name the fact otherwise",
      "risks.1.id: id 'r' is used twice in risks",
      "reports.0.subject: unknown gate 'nope'",
    ]);
  });

  it("round-trips: import → export → import gives the same snapshot", () => {
    for (const text of [orbitText(), readFileSync("examples/complete.yaml", "utf8")]) {
      const first = parse(text);
      if (!first.ok) throw new Error(JSON.stringify(first.problems));
      const second = parse(stringify(fromSnapshot(first.snapshot)));
      if (!second.ok) throw new Error(JSON.stringify(second.problems));
      expect(second.snapshot).toEqual(first.snapshot);
    }
  });
});

describe("the published JSON Schema", () => {
  it("matches the zod schema (run `npm run schema:generate` after changing the format)", () => {
    expect(readFileSync(JSON_SCHEMA_PATH, "utf8")).toBe(renderJsonSchema());
  });
});

describe("text the store cannot keep", () => {
  it("refuses a NUL character or an unpaired surrogate with the field's line and column", () => {
    const text = [
      "initiative: Text",
      "owner: dana",
      "people:",
      '  - { id: dana, name: "Dana\\0Reyes" }',
      "teams:",
      '  product: { lead: dana, name: "Prod\\uD800uct" }',
    ].join("\n");
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 4,
        column: 23,
        path: "people.0.name",
        message: expect.stringContaining("NUL"),
      }),
      expect.objectContaining({
        line: 6,
        path: "teams.product.name",
        message: expect.stringContaining("surrogate"),
      }),
    ]);
  });
});

describe("aliases", () => {
  const bomb = [
    "initiative: Bomb",
    "owner: dana",
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ...["b", "c", "d", "e", "f", "g", "h", "i"].map(
      (name, i) => `${name}: &${name} [${Array.from({ length: 9 }, () => `*${"abcdefghi"[i]}`).join(", ")}]`,
    ),
  ].join("\n");

  it("refuses an alias bomb with a problem at the alias that multiplies, instead of expanding it", () => {
    const result = parse(bomb);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        file: "test.yaml",
        line: 5,
        column: 8,
        path: "(file)",
        message: expect.stringContaining("aliases expand too far"),
      },
    ]);
  });

  it("refuses an alias to no anchor with its position", () => {
    const result = parse("initiative: X\nowner: *nobody\n");
    expect(result.ok ? [] : result.problems).toEqual([
      expect.objectContaining({ line: 2, column: 8, message: expect.stringContaining("*nobody") }),
    ]);
  });

  it("still expands the few aliases a file written by hand uses", () => {
    const text = [
      "initiative: Aliased",
      "owner: dana",
      "people:",
      "  - { id: dana, name: Dana Reyes }",
      "teams:",
      "  product: { lead: dana }",
      "commitments:",
      "  a: { team: &team product, title: A, due: &due 2026-03-01 }",
      "  b: { team: *team, title: B, due: *due }",
    ].join("\n");
    const result = parseInitiativeFile(text, { fileName: "test.yaml", checks: new CheckCompiler() });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
