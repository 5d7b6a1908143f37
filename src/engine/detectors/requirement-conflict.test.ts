// Table tests for requirement-conflict: claims that cannot all hold fire; paraphrases, single claims and unlike measures do not.
import { describe, expect, it } from "vitest";
import type { InitiativeSnapshot, Requirement, Signal, Team } from "../../domain/model.ts";
import { blankSnapshot } from "../../../test/support/snapshot-builder.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import { requirementConflict } from "./requirement-conflict.ts";

type ClaimRow = [teamId: string, text: string];

const snapshot = (requirements: Requirement[], teams: Team[] = []) => blankSnapshot({ requirements, teams });

function requirement(id: string, claims: ClaimRow[], title: string | null = null): Requirement {
  return { id, title, claims: claims.map(([teamId, text]) => ({ teamId, text })) };
}

function detect(snap: InitiativeSnapshot, today = "2026-01-10"): Signal[] {
  return requirementConflict.detect(snap, { today, checks: new CheckCompiler() });
}

function detectClaims(claims: ClaimRow[], today?: string): Signal[] {
  return detect(snapshot([requirement("req", claims)]), today);
}

const CANONICAL: ClaimRow[] = [
  ["product", "The system must support 10,000 concurrent users"],
  ["engineering", "We need to handle ~1,000 concurrent users comfortably"],
  ["sales", "The system handles unlimited concurrent users"],
];

describe("requirement-conflict: the product's canonical example", () => {
  const signals = detect(snapshot([requirement("concurrent_users", CANONICAL)]));
  const [conflict] = signals;

  it("fires exactly one signal for the requirement, not one per pair", () => {
    expect(signals).toHaveLength(1);
    expect(conflict).toMatchObject({
      kind: "requirement-conflict",
      subject: { type: "requirement", id: "concurrent_users" },
      owner: "dana",
    });
  });

  it("names the requirement and all three functions in the title", () => {
    expect(conflict!.title).toBe('Requirement "concurrent_users": product, engineering and sales disagree');
  });

  it("is critical: the values are 10× apart and one side claims no limit", () => {
    expect(conflict!.severity).toBe("critical");
  });

  it("quotes each claim and the values it allows in the explanation", () => {
    for (const [, text] of CANONICAL) expect(conflict!.explanation).toContain(`"${text}"`);
    expect(conflict!.explanation).toContain("exactly 10,000 concurrent users");
    expect(conflict!.explanation).toContain("about 1,000 concurrent users (900 to 1,100)");
    expect(conflict!.explanation).toContain("no limit on concurrent users");
  });

  it("gives one piece of evidence per claim, with the parsed interval as its value", () => {
    expect(conflict!.evidence.map((e) => e.subject)).toEqual([
      { type: "team", id: "product" },
      { type: "team", id: "engineering" },
      { type: "team", id: "sales" },
    ]);
    expect(conflict!.evidence.map((e) => e.value)).toMatchObject([
      { dimension: "count", min: 10_000, max: 10_000, unit: "concurrent user" },
      { dimension: "count", min: 900, max: 1100, qualifier: "approximate" },
      { dimension: "count", min: Infinity, max: Infinity, qualifier: "unlimited" },
    ]);
  });

  it("keeps its fingerprint when the numbers change, so it stays the same finding", () => {
    const [again] = detect(
      snapshot([
        requirement("concurrent_users", [
          ["product", "The system must support 20,000 concurrent users"],
          ["engineering", "about 2,000 concurrent users"],
        ]),
      ]),
    );
    expect(again!.fingerprint).toBe(conflict!.fingerprint);
  });
});

describe("requirement-conflict: claims that cannot all hold fire", () => {
  it.each<[string, ClaimRow[], "warning" | "critical", string[]]>([
    [
      "a negated ceiling below another function's floor",
      [
        ["product", "An import must never take more than 2 minutes"],
        ["engineering", "An import takes at least 10 minutes"],
      ],
      "warning",
      ["product", "engineering"],
    ],
    [
      "data sizes written in different units",
      [
        ["product", "Attachments of 2 GB must be accepted"],
        ["engineering", "Attachments must not be larger than 25 MB"],
      ],
      "critical",
      ["product", "engineering"],
    ],
    [
      "a launch month against an earlier deadline",
      [
        ["product", "Launch in March 2026"],
        ["marketing", "launch by 2026-02-15"],
      ],
      "warning",
      ["product", "marketing"],
    ],
    [
      "dates a quarter or more apart",
      [
        ["product", "Ship in Q1 2026"],
        ["engineering", "Ship in Q3 2026"],
      ],
      "critical",
      ["product", "engineering"],
    ],
    [
      "counts less than 10× apart",
      [
        ["product", "at least 5,000 seats"],
        ["finance", "up to 2,000 seats"],
      ],
      "warning",
      ["product", "finance"],
    ],
    [
      "counts 10× apart",
      [
        ["product", "10,000 users"],
        ["engineering", "1,000 users"],
      ],
      "critical",
      ["product", "engineering"],
    ],
    [
      "a cap against unlimited",
      [
        ["engineering", "up to 2,000 users"],
        ["sales", "any number of users"],
      ],
      "critical",
      ["engineering", "sales"],
    ],
    [
      "durations in different units that differ",
      [
        ["product", "respond within 2 seconds"],
        ["engineering", "5000 ms is fine"],
      ],
      "warning",
      ["product", "engineering"],
    ],
    [
      "durations 10× apart",
      [
        ["product", "under 200 ms"],
        ["engineering", "about 2 seconds"],
      ],
      "critical",
      ["product", "engineering"],
    ],
    [
      "percentages",
      [
        ["sales", "99.99% uptime"],
        ["engineering", "three nines"],
      ],
      "warning",
      ["sales", "engineering"],
    ],
    [
      "money",
      [
        ["product", "a budget of $50k"],
        ["finance", "no more than $20,000"],
      ],
      "warning",
      ["product", "finance"],
    ],
    [
      "a just-missed exclusive bound",
      [
        ["product", "2,000 users"],
        ["engineering", "fewer than 2,000 users"],
      ],
      "warning",
      ["product", "engineering"],
    ],
    [
      "a month without a year, read against today",
      [
        ["product", "by March"],
        ["engineering", "in April 2026"],
      ],
      "warning",
      ["product", "engineering"],
    ],
  ])("%s", (_name, claims, severity, teams) => {
    const signals = detectClaims(claims);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ kind: "requirement-conflict", severity, owner: "dana" });
    for (const team of teams) expect(signals[0]!.title).toContain(team);
    expect(signals[0]!.evidence).toHaveLength(claims.length);
  });

  it("names only the functions that disagree, leaving out one that agrees with everyone", () => {
    const [conflict] = detectClaims([
      ["product", "10,000 users"],
      ["engineering", "~1,000 users"],
      ["sales", "at least 500 users"],
    ]);
    expect(conflict!.title).toBe('Requirement "req": product and engineering disagree');
    expect(conflict!.explanation).toContain("(product vs engineering)");
    expect(conflict!.evidence.map((e) => e.subject?.id)).toEqual(["product", "engineering"]);
  });

  it("lists every clashing pair when several functions disagree", () => {
    const [conflict] = detectClaims([
      ["product", "10,000 users"],
      ["engineering", "at least 5,000 users"],
      ["support", "up to 3,000 users"],
    ]);
    expect(conflict!.title).toBe('Requirement "req": product, engineering and support disagree');
    expect(conflict!.explanation).toContain("(product vs support, engineering vs support)");
  });

  it("says a function contradicts itself when its own claims clash", () => {
    const [conflict] = detectClaims([
      ["product", "10,000 users"],
      ["product", "up to 500 users"],
    ]);
    expect(conflict!.title).toBe('Requirement "req": product contradicts itself');
  });

  it("uses team names and the requirement's title when the snapshot has them", () => {
    const teams: Team[] = [
      { id: "product", name: "Product", leadId: null, members: [], wipLimit: null },
      { id: "eng", name: "Engineering", leadId: null, members: [], wipLimit: null },
    ];
    const req = requirement(
      "concurrent_users",
      [
        ["product", "10,000 users"],
        ["eng", "~1,000 users"],
      ],
      "Peak concurrent users",
    );
    const [conflict] = detect(snapshot([req], teams));
    expect(conflict!.title).toBe('Requirement "Peak concurrent users": Product and Engineering disagree');
  });

  it("mentions a claim on another dimension without comparing it", () => {
    const [conflict, ...rest] = detectClaims([
      ["product", "10,000 users"],
      ["engineering", "~1,000 users"],
      ["finance", "within 2 seconds"],
    ]);
    expect(rest).toEqual([]);
    expect(conflict!.title).not.toContain("finance");
    expect(conflict!.explanation).toContain(
      "Finance's claim states a duration, which no other claim does, so it is not compared.",
    );
  });

  it("fires once per requirement", () => {
    const signals = detect(
      snapshot([
        requirement("users", CANONICAL),
        requirement("launch", [
          ["product", "Launch in March 2026"],
          ["marketing", "launch by 2026-02-15"],
        ]),
        requirement("latency", [
          ["product", "2 seconds"],
          ["engineering", "2000 ms"],
        ]),
      ]),
    );
    expect(signals.map((s) => s.subject.id)).toEqual(["users", "launch"]);
  });
});

describe("requirement-conflict: an unquantified claim is information, never a conflict", () => {
  it("flags the claim with no quantity beside one that has one", () => {
    const signals = detectClaims([
      ["product", "10,000 concurrent users"],
      ["engineering", "It should scale well"],
    ]);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      kind: "requirement-conflict",
      severity: "info",
      title: `Requirement "req": engineering's claim is unquantified`,
      owner: "dana",
    });
    expect(signals[0]!.explanation).toContain('"It should scale well"');
    expect(signals[0]!.evidence.map((e) => e.subject?.id)).toEqual(["engineering", "product"]);
  });

  it("fingerprints each function's unquantified claim separately", () => {
    const signals = detectClaims([
      ["product", "10,000 users"],
      ["engineering", "lots"],
      ["sales", "plenty"],
    ]);
    expect(signals.map((s) => s.severity)).toEqual(["info", "info"]);
    expect(new Set(signals.map((s) => s.fingerprint)).size).toBe(2);
  });

  it("sits beside a real conflict without replacing it", () => {
    const signals = detectClaims([...CANONICAL, ["support", "as many as customers want"]]);
    expect(signals.map((s) => s.severity)).toEqual(["critical", "info"]);
    expect(signals[1]!.title).toContain("support");
  });
});

describe("requirement-conflict: claims that agree or cannot be compared do not fire", () => {
  it.each<[string, ClaimRow[]]>([
    ["no claims", []],
    ["a single claim", [["product", "10,000 concurrent users"]]],
    ["a single unquantified claim", [["product", "It should be fast"]]],
    [
      "claims that are all unquantified",
      [
        ["product", "fast"],
        ["engineering", "quick enough"],
      ],
    ],
    [
      "the same duration in other units",
      [
        ["product", "2 seconds"],
        ["engineering", "2000 ms"],
      ],
    ],
    [
      "a negated ceiling and a bound that says the same",
      [
        ["product", "Search answers in never more than two seconds"],
        ["engineering", "Search responds within 2 s at p95"],
      ],
    ],
    [
      "the same size in decimal units of another scale",
      [
        ["product", "Exports of up to 1 GB"],
        ["engineering", "Exports are capped at 1,000 MB"],
      ],
    ],
    [
      "the same count written differently",
      [
        ["product", "10k users"],
        ["sales", "10,000 users"],
        ["engineering", "ten thousand users"],
      ],
    ],
    [
      "a date inside the month another claim names",
      [
        ["product", "in March 2026"],
        ["marketing", "2026-03-15"],
      ],
    ],
    [
      "a deadline that the other date meets",
      [
        ["product", "by Q2 2026"],
        ["engineering", "on 2026-05-01"],
      ],
    ],
    [
      "a floor and unlimited",
      [
        ["product", "at least 5,000 users"],
        ["sales", "unlimited users"],
      ],
    ],
    [
      "an approximation that covers the other value",
      [
        ["product", "~1,000 users"],
        ["engineering", "1,050 users"],
      ],
    ],
    [
      "overlapping ranges",
      [
        ["product", "between 1,000 and 2,000 users"],
        ["engineering", "up to 1,500 users"],
      ],
    ],
    [
      "different dimensions",
      [
        ["product", "10,000 users"],
        ["engineering", "respond within 2 seconds"],
      ],
    ],
    [
      "counts of different things",
      [
        ["product", "3 regions"],
        ["engineering", "10,000 users"],
      ],
    ],
    [
      "different currencies",
      [
        ["product", "$50,000"],
        ["finance", "€20,000"],
      ],
    ],
    [
      "a bare number that could match either of two counts",
      [
        ["product", "2 regions and 10,000 users"],
        ["engineering", "10,000"],
      ],
    ],
    [
      "only the matching unit is compared",
      [
        ["product", "2 regions and 10,000 users"],
        ["engineering", "10,000 users across 2 regions"],
      ],
    ],
  ])("%s", (_name, claims) => {
    expect(detectClaims(claims)).toEqual([]);
  });
});

describe("requirement-conflict: one function puts an item in scope and another leaves it out", () => {
  const SSO: ClaimRow[] = [
    ["sales", "includes SSO"],
    ["product", "SSO is not in v1"],
  ];

  it('fires on "includes SSO" against "SSO is not in v1", as critical', () => {
    const signals = detectClaims(SSO);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      kind: "requirement-conflict",
      severity: "critical",
      subject: { type: "requirement", id: "req" },
      title: 'Requirement "req": sales and product disagree',
      owner: "dana",
    });
  });

  it("names both claims and the item in the explanation and the evidence", () => {
    const [conflict] = detectClaims(SSO);
    expect(conflict!.explanation).toContain('Sales says "includes SSO", which puts SSO in scope.');
    expect(conflict!.explanation).toContain(
      'Product says "SSO is not in v1", which leaves SSO out of scope.',
    );
    expect(conflict!.explanation).toContain("These cannot all hold (sales vs product).");
    expect(conflict!.explanation).toContain(
      "Until they agree on what is in scope, one function sells or plans for what another will not ship.",
    );
    expect(conflict!.evidence).toEqual([
      {
        text: 'sales: "includes SSO" → puts SSO in scope',
        subject: { type: "team", id: "sales" },
        value: { item: "sso", words: "SSO", stance: "included", deferred: false },
      },
      {
        text: 'product: "SSO is not in v1" → leaves SSO out of scope',
        subject: { type: "team", id: "product" },
        value: { item: "sso", words: "SSO", stance: "excluded", deferred: false },
      },
    ]);
  });

  it("keeps its fingerprint when the item changes, and shares it with a conflict on the numbers", () => {
    const [sso] = detectClaims(SSO);
    const [scim] = detectClaims([
      ["sales", "includes SCIM"],
      ["product", "SCIM comes later"],
    ]);
    const [numbers] = detectClaims([
      ["sales", "10,000 users"],
      ["product", "1,000 users"],
    ]);
    expect(scim!.fingerprint).toBe(sso!.fingerprint);
    expect(numbers!.fingerprint).toBe(sso!.fingerprint);
  });

  it.each<[string, ClaimRow[], string]>([
    [
      "an acronym against its phrase, left out with a negated verb",
      [
        ["sales", "Single sign-on is included"],
        ["engineering", "We will not support SSO at launch"],
      ],
      "leaves SSO out of scope",
    ],
    [
      "a release that ships without it",
      [
        ["product", "The launch ships without single sign-on"],
        ["sales", "SSO is part of the first release"],
      ],
      "leaves single sign-on out of scope",
    ],
    [
      "'no … at launch' against a list that includes it",
      [
        ["engineering", "no SSO at launch"],
        ["sales", "The Business plan includes SCIM, SSO and audit logs"],
      ],
      "leaves SSO out of scope",
    ],
    [
      "a later release against 'required'",
      [
        ["security", "SSO is required"],
        ["engineering", "SSO comes in v2"],
      ],
      "defers SSO to a later release",
    ],
    [
      "plurals and hyphens",
      [
        ["support", "Audit-log exports are out of scope"],
        ["sales", "Includes audit log exports"],
      ],
      "leaves Audit-log exports out of scope",
    ],
    [
      "an item left out in its own clause of a claim that includes another",
      [
        ["product", "Includes SCIM; SSO comes later"],
        ["sales", "Includes SSO"],
      ],
      "defers SSO to a later release",
    ],
    [
      "an item named as not included",
      [
        ["product", "SSO, not password login, is included"],
        ["support", "Password login ships at launch"],
      ],
      "leaves password login out of scope",
    ],
  ])("on %s", (_name, claims, says) => {
    const signals = detectClaims(claims);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ kind: "requirement-conflict", severity: "critical" });
    for (const [team] of claims) expect(signals[0]!.title).toContain(team);
    expect(signals[0]!.explanation).toContain(says);
    expect(signals[0]!.evidence.map((e) => e.subject?.id)).toEqual(claims.map(([team]) => team));
  });

  it("lists a conflict on the numbers and one on scope in one signal", () => {
    const signals = detectClaims([
      ["product", "Includes SSO for 10,000 users"],
      ["engineering", "~1,000 users; SSO comes in v2"],
    ]);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.severity).toBe("critical");
    expect(signals[0]!.explanation).toContain("which allows exactly 10,000 users.");
    expect(signals[0]!.explanation).toContain("which puts SSO in scope.");
    expect(signals[0]!.explanation).toContain("which defers SSO to a later release.");
    expect(signals[0]!.evidence.map((e) => e.text)).toEqual([
      'product: "Includes SSO for 10,000 users" → exactly 10,000 users',
      'product: "Includes SSO for 10,000 users" → puts SSO in scope',
      'engineering: "~1,000 users; SSO comes in v2" → about 1,000 users (900 to 1,100)',
      'engineering: "~1,000 users; SSO comes in v2" → defers SSO to a later release',
    ]);
  });
});

describe("requirement-conflict: scope that agrees, or is not an inclusion against an exclusion, does not conflict", () => {
  // Each case sits beside a real conflict on audit logs between support and security, so it must fire, and
  // must name only that pair: a case that wrongly conflicted would add its functions to the title.
  const AUDIT_LOGS: ClaimRow[] = [
    ["support", "Audit logs ship at launch"],
    ["security", "Audit logs come later"],
  ];

  it.each<[string, ClaimRow[]]>([
    [
      "claims that agree",
      [
        ["sales", "includes SSO"],
        ["product", "SSO ships in v1"],
      ],
    ],
    [
      "claims that agree in other words",
      [
        ["sales", "Single sign-on is included"],
        ["product", "SSO is part of the first release"],
      ],
    ],
    [
      "claims that both leave it out",
      [
        ["sales", "no SSO at launch"],
        ["product", "SSO comes in v2"],
      ],
    ],
    [
      "unrelated items",
      [
        ["sales", "includes SSO"],
        ["product", "SCIM is not in v1"],
      ],
    ],
    [
      "'not optional', which includes it",
      [
        ["sales", "includes SSO"],
        ["product", "SSO is not optional"],
      ],
    ],
    [
      "'not only … but also', which includes both",
      [
        ["sales", "Includes not only SSO but also SCIM"],
        ["product", "SCIM is required"],
      ],
    ],
    [
      "'no one without', which rules nothing out",
      [
        ["sales", "includes SSO"],
        ["product", "No one signs in without SSO"],
      ],
    ],
    [
      "an exclusion narrowed to a platform",
      [
        ["sales", "includes SSO"],
        ["product", "SSO is not supported on mobile"],
      ],
    ],
    [
      "an exclusion narrowed to a plan",
      [
        ["sales", "The Enterprise plan includes SSO"],
        ["product", "The Team plan does not include SSO"],
      ],
    ],
    [
      "one function phasing an item in over releases",
      [
        ["product", "Includes SSO for design partners"],
        ["product", "SSO comes in v2 for everyone else"],
      ],
    ],
  ])("%s", (_name, claims) => {
    const signals = detectClaims([...AUDIT_LOGS, ...claims]);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.title).toBe('Requirement "req": support and security disagree');
    expect(signals[0]!.evidence.map((e) => e.subject?.id)).toEqual(["support", "security"]);
  });
});
