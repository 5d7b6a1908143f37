// Table tests for scope.ts: wordings that put an item in scope or leave it out, negations kept to their clause, and items matched across wordings.
import { describe, expect, it } from "vitest";
import { describeScope, isSameItem, parseScope, readScope, scopeClashes, type ScopeItem } from "./scope.ts";

type Read = [words: string, stance: "included" | "excluded" | "deferred"];

function read(text: string): Read[] {
  return parseScope(text).map((item) => [
    item.words,
    item.stance === "excluded" && item.deferred ? "deferred" : item.stance,
  ]);
}

describe("parseScope puts items in scope", () => {
  it.each<[string, Read[]]>([
    [
      "includes SSO and audit logs",
      [
        ["SSO", "included"],
        ["audit logs", "included"],
      ],
    ],
    [
      "The first release includes SSO, SCIM, and audit logs",
      [
        ["SSO", "included"],
        ["SCIM", "included"],
        ["audit logs", "included"],
      ],
    ],
    ["SSO is included", [["SSO", "included"]]],
    ["SSO is in v1", [["SSO", "included"]]],
    [
      "SSO and SCIM are both in scope",
      [
        ["SSO", "included"],
        ["SCIM", "included"],
      ],
    ],
    ["SSO ships at launch", [["SSO", "included"]]],
    ["SSO lands in the first release", [["SSO", "included"]]],
    ["We launch with SSO", [["SSO", "included"]]],
    ["Customers get SSO at launch", [["SSO", "included"]]],
    ["SSO will be supported from day one", [["SSO", "included"]]],
    ["includes support for SSO", [["SSO", "included"]]],
    ["SSO is required", [["SSO", "included"]]],
    ["SSO is not optional", [["SSO", "included"]]],
    ["SSO isn't optional", [["SSO", "included"]]],
    ["SSO makes the cut", [["SSO", "included"]]],
    ["Includes SSO for enterprise customers", [["SSO", "included"]]],
    ["Single sign-on (SSO) is included", [["Single sign-on", "included"]]],
    [
      "Includes not only SSO but also SCIM",
      [
        ["SSO", "included"],
        ["SCIM", "included"],
      ],
    ],
  ])("%j", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });
});

describe("parseScope leaves items out", () => {
  it.each<[string, Read[]]>([
    ["SSO is not in v1", [["SSO", "excluded"]]],
    ["SSO not in v1", [["SSO", "excluded"]]],
    ["SSO isn't in scope", [["SSO", "excluded"]]],
    ["SSO is out of scope", [["SSO", "excluded"]]],
    ["Single sign-on is out of scope for v1", [["Single sign-on", "excluded"]]],
    ["SSO stays out of v1", [["SSO", "excluded"]]],
    ["SSO isn't part of the MVP", [["SSO", "excluded"]]],
    ["ships without SSO", [["SSO", "excluded"]]],
    ["The release ships with no SSO", [["SSO", "excluded"]]],
    ["no SSO at launch", [["SSO", "excluded"]]],
    [
      "no SSO or SCIM at launch",
      [
        ["SSO", "excluded"],
        ["SCIM", "excluded"],
      ],
    ],
    ["There will be no SSO in the first release", [["SSO", "excluded"]]],
    ["excludes SSO", [["SSO", "excluded"]]],
    ["we will not support SSO", [["SSO", "excluded"]]],
    ["We won't ship SSO", [["SSO", "excluded"]]],
    ["SSO will not ship", [["SSO", "excluded"]]],
    ["SSO won't ship in v1", [["SSO", "excluded"]]],
    ["We're not building SSO", [["SSO", "excluded"]]],
    ["We cannot offer SSO in v1", [["SSO", "excluded"]]],
    ["We never ship SSO", [["SSO", "excluded"]]],
    ["No plans to support SSO", [["SSO", "excluded"]]],
    ["SSO doesn't make the cut", [["SSO", "excluded"]]],
    ["All features except SSO ship at launch", [["SSO", "excluded"]]],
    [
      "Neither SSO nor SCIM is in v1",
      [
        ["SSO", "excluded"],
        ["SCIM", "excluded"],
      ],
    ],
  ])("%j", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });
});

describe("parseScope reads a later release as left out of the first", () => {
  it.each<[string, Read[]]>([
    ["SSO comes later", [["SSO", "deferred"]]],
    ["SSO comes in v2", [["SSO", "deferred"]]],
    ["SSO ships in phase 2", [["SSO", "deferred"]]],
    ["SSO is planned for v2", [["SSO", "deferred"]]],
    ["SSO is a v2 feature", [["SSO", "deferred"]]],
    ["SSO is deferred to v2", [["SSO", "deferred"]]],
    ["SSO is pushed to the next release", [["SSO", "deferred"]]],
    ["SSO: not until v2", [["SSO", "deferred"]]],
    ["defers SSO to the next release", [["SSO", "deferred"]]],
    ["does not include SSO yet", [["SSO", "deferred"]]],
    ["v2 adds SSO", [["SSO", "deferred"]]],
    ["In v2 we add SSO", [["SSO", "deferred"]]],
    ["Includes SSO in v2", [["SSO", "deferred"]]],
    ["We ship SSO in v1.1", [["SSO", "deferred"]]],
  ])("%j", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });
});

describe("parseScope keeps each negation to its clause", () => {
  it.each<[string, Read[]]>([
    [
      "Includes SSO; audit logs come later",
      [
        ["SSO", "included"],
        ["audit logs", "deferred"],
      ],
    ],
    [
      "Includes SSO, and audit logs come later",
      [
        ["SSO", "included"],
        ["audit logs", "deferred"],
      ],
    ],
    [
      "Includes SSO (audit logs come later)",
      [
        ["SSO", "included"],
        ["audit logs", "deferred"],
      ],
    ],
    [
      "SSO is not in v1, while audit logs ship at launch",
      [
        ["SSO", "excluded"],
        ["audit logs", "included"],
      ],
    ],
    [
      "SSO is in v1, SCIM comes in v2",
      [
        ["SSO", "included"],
        ["SCIM", "deferred"],
      ],
    ],
    [
      "Audit logs ship at launch; SSO follows in v2",
      [
        ["Audit logs", "included"],
        ["SSO", "deferred"],
      ],
    ],
    [
      "Includes SSO but not SCIM",
      [
        ["SSO", "included"],
        ["SCIM", "excluded"],
      ],
    ],
    [
      "SSO is in v1 but SCIM is not",
      [
        ["SSO", "included"],
        ["SCIM", "excluded"],
      ],
    ],
    [
      "SSO is included, audit logs are not",
      [
        ["SSO", "included"],
        ["audit logs", "excluded"],
      ],
    ],
    [
      "SSO is in, SCIM is out",
      [
        ["SSO", "included"],
        ["SCIM", "excluded"],
      ],
    ],
    [
      "SSO, not password login, is included",
      [
        ["SSO", "included"],
        ["password login", "excluded"],
      ],
    ],
    [
      "Includes SSO rather than password login",
      [
        ["SSO", "included"],
        ["password login", "excluded"],
      ],
    ],
    ["SSO — not in v1", [["SSO", "excluded"]]],
  ])("%j", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });
});

describe("parseScope does not read a denial that is not one", () => {
  // Each text pairs the wording with a clause that must be read, so a reader that reads nothing fails too.
  it.each<[string, Read[]]>([
    ["not only SSO but also SCIM; audit logs come later", [["audit logs", "deferred"]]],
    ["No one signs in without SSO; audit logs ship at launch", [["audit logs", "included"]]],
    ["No one ships without SSO; audit logs ship at launch", [["audit logs", "included"]]],
    ["Nobody gets access without SSO; audit logs are included", [["audit logs", "included"]]],
    ["We do not require SSO, but audit logs are required", [["audit logs", "included"]]],
    ["We do not exclude SSO; SCIM is out of scope", [["SCIM", "excluded"]]],
    ["SSO is not out of scope; SCIM is left out", [["SCIM", "excluded"]]],
    ["SSO is not a priority, and SCIM is out of scope", [["SCIM", "excluded"]]],
    ["No sales call needed, and SSO is included", [["SSO", "included"]]],
    ["At launch it answers in no more than 2 seconds and includes SSO", [["SSO", "included"]]],
    ["The system handles unlimited concurrent users and includes SSO", [["SSO", "included"]]],
    ["The system must support 10,000 concurrent users and includes SSO", [["SSO", "included"]]],
    ["Everything, including support tickets, stays in the EU", [["support tickets", "included"]]],
  ])("%j", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it.each<[string, Read[]]>([
    ["SSO is not supported on mobile; SCIM is not in v1", [["SCIM", "excluded"]]],
    ["SSO is not included for free users; SCIM is not in v1", [["SCIM", "excluded"]]],
    ["The Team plan does not include SSO; SCIM comes later", [["SCIM", "deferred"]]],
    ["Mobile ships without SSO; SCIM is out of scope", [["SCIM", "excluded"]]],
    ["no SSO for free users at launch; SCIM is out of scope", [["SCIM", "excluded"]]],
  ])("an exclusion narrowed to some customers or platforms: %j", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it("drops an item the same text both puts in and leaves out", () => {
    expect(read("SSO is in the beta; SSO is included; SSO comes in v2; SCIM is out of scope")).toEqual([
      ["SCIM", "excluded"],
    ]);
  });

  it("keeps the clause each item was read from", () => {
    expect(parseScope("Includes SSO; audit logs come later").map((item) => item.clause)).toEqual([
      "Includes SSO",
      "audit logs come later",
    ]);
  });
});

describe("isSameItem", () => {
  it.each([
    ["SSO", "single sign-on"],
    ["SSO", "Single Sign-On"],
    ["SSO", "single sign on"],
    ["SSOs", "SSO"],
    ["SCIM", "System for Cross-domain Identity Management"],
    ["MFA", "multi-factor authentication"],
    ["SAML SSO", "SAML single sign-on"],
    ["APIs", "API"],
    ["APIs", "application programming interfaces"],
    ["SaaS", "software as a service"],
    ["audit logs", "Audit-log"],
    ["audit logs", "audit log"],
    ["log in", "login"],
    ["e-mail digests", "email digest"],
  ])("%j is %j", (a, b) => {
    expect(isSameItem({ words: a }, { words: b })).toBe(true);
    expect(isSameItem({ words: b }, { words: a })).toBe(true);
  });

  it.each([
    ["SSO", "SCIM"],
    ["SSO", "password login"],
    ["SSO", "sign on"],
    ["audit logs", "audit trail"],
    ["audit logs", "access logs"],
    ["login", "log"],
    ["SAML SSO", "SSO"],
  ])("%j is not %j", (a, b) => {
    expect(isSameItem({ words: a }, { words: b })).toBe(false);
  });
});

describe("scopeClashes", () => {
  const item = (text: string): ScopeItem[] => parseScope(text);

  it("pairs an item one text puts in scope with the same item the other leaves out", () => {
    const clashes = scopeClashes(item("includes SSO and audit logs"), item("Single sign-on is not in v1"));
    expect(clashes.map(({ included, excluded }) => [included.words, excluded.words])).toEqual([
      ["SSO", "Single sign-on"],
    ]);
    const reversed = scopeClashes(item("Single sign-on is not in v1"), item("includes SSO"));
    expect(reversed.map(({ included, excluded }) => [included.words, excluded.words])).toEqual([
      ["SSO", "Single sign-on"],
    ]);
  });

  it.each([
    ["agreeing texts", "includes SSO", "SSO ships in v1"],
    ["texts that agree in other words", "Single sign-on is included", "SSO is part of the first release"],
    ["unrelated items", "includes SSO", "SCIM is not in v1"],
    ["an item both leave out", "no SSO at launch", "SSO comes in v2"],
  ])("finds none between %s", (_, a, b) => {
    expect(scopeClashes(item(a), item(b))).toEqual([]);
  });

  it("reads each text once", () => {
    expect(readScope("includes SSO")).toBe(readScope("includes SSO"));
  });
});

describe("describeScope", () => {
  it.each([
    ["includes SSO", "puts SSO in scope"],
    ["SSO is not in v1", "leaves SSO out of scope"],
    ["SSO comes in v2", "defers SSO to a later release"],
  ])("%j %s", (text, words) => {
    expect(parseScope(text).map(describeScope)).toEqual([words]);
  });
});
