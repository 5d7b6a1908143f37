// The Jira mapping, table-tested against real recorded payloads (test/fixtures/jira/README.md).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  commitmentIdOf,
  dependenciesOf,
  descriptionText,
  dueHistoryOf,
  JiraIssueSchema,
  latestUpdate,
  mapIssue,
  mapIssues,
  type JiraMapping,
  type MappedIssue,
  type OrgPerson,
} from "./to-model.ts";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/jira/${name}`, import.meta.url), "utf8"));
type Raw = { key: string; fields: Record<string, unknown> };
const search = fixture("search_many-issues.json") as { issues: Raw[] };
const sprint = fixture("issues_in_sprint_with_changelog.json") as { issues: Raw[] };
const withChangelog = fixture("issue_valid-5.0-with-changelog.json") as Raw;
const allExpanded = fixture("issue_valid-all-expanded.json") as Raw;
const linkTypes = fixture("all_issuelinktypes.json") as Array<{
  name: string;
  inward: string;
  outward: string;
}>;
const byKey = (key: string) => search.issues.find((i) => i.key === key)!;

const FETCHED = new Date("2026-02-10T09:00:00Z");
const mapping: JiraMapping = {
  baseUrl: "https://example.atlassian.net/",
  teams: { TST: "platform", "Component A": "web", HST: "history", AR: "argon" },
  people: { "mister.morris": "morris" },
};
const people: OrgPerson[] = [
  { id: "wojciech", email: "Wojciech.Seliga@spartez.com" },
  { id: "user-two", email: "usertwo@local.domain" },
];
const commitment = (raw: unknown, m: JiraMapping = mapping) => {
  const mapped = mapIssue(raw, m, people, FETCHED);
  if (!("commitment" in mapped)) throw new Error(`not mapped: ${JSON.stringify(mapped)}`);
  return mapped as MappedIssue;
};

describe("an issue as a commitment", () => {
  it.each([
    // key, id, title, team, owner, due, done
    ["TST-12", "TST_12", "Issue with empty Extra User field", "platform", "wojciech", "2010-07-05", null],
    ["TST-10", "TST_10", "Not assigned", "web", null, "2010-08-25", null],
    ["TST-8", "TST_8", "issue with resolution", "web", "wojciech", "2010-08-25", "2012-12-07"],
    ["TST-7", "TST_7", "A task where someone will vote", "platform", "wojciech", null, null],
  ])("%s → %s", (key, id, title, team, owner, due, done) => {
    const { commitment: c } = commitment(byKey(key));
    expect(c.id).toBe(id);
    expect(c.title).toBe(title);
    expect(c.teamId).toBe(team);
    expect(c.ownerId).toBe(owner);
    expect(c.due).toBe(due);
    expect(c.done).toBe(done);
  });

  it("says where it came from: jira, the key, its page and when it was fetched", () => {
    expect(commitment(byKey("TST-12")).commitment.provenance).toEqual({
      kind: "jira",
      ref: "TST-12",
      url: "https://example.atlassian.net/browse/TST-12",
      imported_at: "2026-02-10T09:00:00.000Z",
    });
  });

  it("keeps the status as a fact and matches the assignee by account when the e-mail matches nobody", () => {
    const [issue] = sprint.issues;
    const mapped = commitment(issue);
    expect(mapped.commitment.ownerId).toBe("morris");
    expect(mapped.commitment.facts).toEqual({ jira_status: { type: "string", value: "Ready" } });
    expect(mapped.commitment.done).toBe("2015-12-07"); // resolved Done, on the day Jira wrote
    expect(mapped.unmatchedAssignee).toBeNull();
    const unmatched = commitment(issue, { ...mapping, people: {} });
    expect(unmatched.commitment.ownerId).toBeNull();
    expect(unmatched.unmatchedAssignee).toBe("mister.morris@uservoice.com");
  });

  it("cancels won't-do resolutions, by default or as configured, whatever the case or apostrophe", () => {
    const tst8 = byKey("TST-8"); // resolved "Incomplete"
    expect(mapIssue(tst8, mapping, people, FETCHED)).toHaveProperty("commitment");
    expect(mapIssue(tst8, { ...mapping, wontDo: ["incomplete"] }, people, FETCHED)).toEqual({
      key: "TST-8",
      cancelled: "Incomplete",
    });
    for (const name of ["Won't Do", "Won’t Fix", "duplicate", "Cannot Reproduce"]) {
      const resolved = { ...tst8, fields: { ...tst8.fields, resolution: { name } } };
      expect(mapIssue(resolved, mapping, people, FETCHED)).toEqual({ key: "TST-8", cancelled: name });
    }
  });

  it("names the issue and the missing mapping when no team is configured for it", () => {
    expect(mapIssue(byKey("TST-9"), { ...mapping, teams: {} }, people, FETCHED)).toEqual({
      key: "TST-9",
      failure:
        "no team for project TST or its components (Component A, Component B): add one to sources.jira.teams",
    });
    expect(mapIssue({ fields: {} }, mapping, people, FETCHED)).toEqual({
      key: "(no key)",
      failure: "key Invalid input: expected string, received undefined",
    });
  });
});

describe("the changelog", () => {
  it("turns due-date changes into the due history, dated and told slip from pull-in", () => {
    const mapped = commitment(withChangelog);
    expect(mapped.commitment.due).toBe("2012-04-13");
    expect(mapped.commitment.dueHistory).toEqual(["2012-04-12"]);
    expect(mapped.dueMoves).toEqual([
      { at: "2012-04-12T14:28:28.255+0200", from: null, to: "2012-04-12", kind: "set" },
      { at: "2012-04-12T14:30:09.690+0200", from: "2012-04-12", to: "2012-04-13", kind: "slip" },
    ]);
    expect(mapped.commitment.ownerId).toBe("user-two");
  });

  it("keeps a pull-in in the history as a move earlier, not a slip", () => {
    const histories = [
      ...(withChangelog as unknown as { changelog: { histories: unknown[] } }).changelog.histories,
      {
        created: "2012-04-20T10:00:00.000+0200",
        items: [{ field: "duedate", from: "2012-04-13", to: "2012-04-10" }],
      },
    ];
    const pulled = commitment({
      ...withChangelog,
      changelog: { histories },
      fields: { ...withChangelog.fields, duedate: "2012-04-10" },
    });
    expect(pulled.dueMoves.map((m) => m.kind)).toEqual(["set", "slip", "pull-in"]);
    expect(pulled.commitment.dueHistory).toEqual(["2012-04-12", "2012-04-13"]);
  });

  it("drops a trailing return to the date in force", () => {
    expect(
      dueHistoryOf([{ at: "", from: "2026-01-01", to: "2026-02-01", kind: "slip" }], "2026-01-01"),
    ).toEqual([]);
  });

  it("reads status changes, oldest first", () => {
    expect(commitment(allExpanded).statusHistory).toEqual([
      { at: "2010-08-17T16:40:34.924+0200", from: "Open", to: "In Progress" },
    ]);
    expect(commitment(allExpanded).status).toBe("In Progress");
  });
});

describe("links", () => {
  it("takes no dependency from a duplicate link", () => {
    expect(dependenciesOf(JiraIssueSchema.parse(allExpanded))).toEqual([]);
    expect(mapIssues([allExpanded, ...search.issues], mapping, people, FETCHED).links).toEqual([]);
  });

  it.each([
    ["Blocker", "outwardIssue", { from: "TST-2", to: "TST-1" }],
    ["Blocker", "inwardIssue", { from: "TST-1", to: "TST-2" }],
    ["dependent", "outwardIssue", { from: "TST-1", to: "TST-2" }],
    ["dependent", "inwardIssue", { from: "TST-2", to: "TST-1" }],
    ["Required", "outwardIssue", { from: "TST-1", to: "TST-2" }],
    ["Related", "outwardIssue", null],
    ["Dependency", "outwardIssue", null], // names no direction
  ])("%s with the other issue as %s", (typeName, side, expected) => {
    const type = linkTypes.find((t) => t.name === typeName)!;
    const [link] = allExpanded.fields.issuelinks as Array<Record<string, unknown>>;
    const other = link!.outwardIssue;
    const issue = {
      ...allExpanded,
      fields: { ...allExpanded.fields, issuelinks: [{ type, [side]: other }] },
    };
    const found = dependenciesOf(JiraIssueSchema.parse(issue));
    expect(found.map(({ from, to }) => ({ from, to }))).toEqual(expected ? [expected] : []);
  });

  it("makes each dependency a link between the commitments, once from either end", () => {
    const blocker = linkTypes.find((t) => t.name === "Blocker")!;
    const tst2 = {
      ...allExpanded,
      fields: { ...allExpanded.fields, issuelinks: [{ type: blocker, outwardIssue: { key: "TST-12" } }] },
    };
    const tst12 = byKey("TST-12");
    const tst12Linked = {
      ...tst12,
      fields: { ...tst12.fields, issuelinks: [{ type: blocker, inwardIssue: { key: "TST-2" } }] },
    };
    expect(mapIssues([tst2, tst12Linked], mapping, people, FETCHED).links).toEqual([
      {
        id: "jira-TST-2-TST-12",
        kind: "dependency",
        fromId: "TST_2",
        toId: "TST_12",
        directed: true,
        statement: "TST-2 blocks TST-12 (Jira)",
        check: null,
        due: null,
        ownerId: null,
        state: null,
      },
    ]);
  });
});

describe("a batch", () => {
  it("maps the search page: commitments, cancellations and failures apart", () => {
    const result = mapIssues(
      [...search.issues, ...sprint.issues],
      { ...mapping, teams: { TST: "platform" }, wontDo: ["Incomplete"] },
      people,
      FETCHED,
    );
    expect(result.commitments.map((c) => c.key)).toEqual([
      "TST-13",
      "TST-12",
      "TST-11",
      "TST-10",
      "TST-9",
      "TST-7",
      "TST-6",
    ]);
    expect(result.cancelled).toEqual([{ key: "TST-8", id: "TST_8", resolution: "Incomplete" }]);
    expect(result.failures).toEqual([
      { key: "AR-86", reason: "no team for project AR: add one to sources.jira.teams" },
    ]);
    expect(latestUpdate(result.commitments)?.toISOString()).toBe("2012-12-07T15:08:20.000Z");
  });

  it("gives ids a check can name", () => expect(commitmentIdOf("ABC_DEF-12")).toBe("ABC_DEF_12"));
});

describe("descriptions", () => {
  it("reads a Server string as it is", () => {
    expect(commitment(withChangelog).description).toBe("Modified Description");
    expect(descriptionText(null)).toBeNull();
  });

  it("reads Cloud's Atlassian Document Format as plain text, a line per block", () => {
    const adf = {
      type: "doc",
      version: 1,
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Scope" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Ship the " },
            { type: "text", text: "billing", marks: [{ type: "strong" }] },
            { type: "text", text: " page, ask " },
            { type: "mention", attrs: { id: "5b10", text: "@Ana" } },
          ],
        },
        {
          type: "bulletList",
          content: [
            {
              type: "listItem",
              content: [{ type: "paragraph", content: [{ type: "text", text: "no refunds" }] }],
            },
          ],
        },
      ],
    };
    expect(descriptionText(adf)).toBe("Scope\nShip the billing page, ask @Ana\nno refunds");
    const onCloud = { ...withChangelog, fields: { ...withChangelog.fields, description: adf } };
    expect(commitment(onCloud).description).toContain("billing page");
  });
});
