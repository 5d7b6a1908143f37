// Table tests for divergent-description: conflicting audiences, motions, numbers and dates fire; paraphrases do not.
import { describe, expect, it } from "vitest";
import type { InitiativeSnapshot, Signal } from "../../domain/model.ts";
import { blankSnapshot } from "../../../test/support/snapshot-builder.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import { divergentDescription } from "./divergent-description.ts";

type Row = [teamId: string, text: string];

function snapshot(descriptions: Row[]): InitiativeSnapshot {
  return blankSnapshot({
    initiative: { id: "orbit", name: "Orbit" },
    teams: ["marketing", "product", "sales", "support"].map((id) => ({
      id,
      name: id.charAt(0).toUpperCase() + id.slice(1),
      leadId: null,
      members: [],
      wipLimit: null,
    })),
    descriptions: descriptions.map(([teamId, text]) => ({ teamId, text })),
  });
}

function detect(rows: Row[]): Signal[] {
  return divergentDescription.detect(snapshot(rows), { today: "2026-02-10", checks: new CheckCompiler() });
}

const ORBIT_MARKETING: Row = [
  "marketing",
  "Self-serve signup for small teams, launched with a paid campaign in February",
];
const ORBIT_SALES: Row = ["sales", "An enterprise tier with unlimited seats and dedicated onboarding"];

describe("divergent-description fires", () => {
  it("on Orbit: marketing's small teams against sales' enterprise tier, as critical", () => {
    const signals = detect([ORBIT_MARKETING, ORBIT_SALES]);
    expect(signals).toHaveLength(1);
    const [found] = signals;
    expect(found).toMatchObject({
      kind: "divergent-description",
      severity: "critical",
      subject: { type: "initiative", id: "orbit" },
      owner: "dana",
      title: "Marketing and Sales describe Orbit differently",
    });
    expect(found!.explanation).toContain(`"${ORBIT_MARKETING[1]}"`);
    expect(found!.explanation).toContain(`"${ORBIT_SALES[1]}"`);
    expect(found!.explanation).toContain(
      'They disagree on the audience: Marketing names small teams and businesses ("small teams"), while Sales names enterprises ("enterprise")',
    );
    expect(found!.explanation).toContain("how customers get it");
    expect(found!.evidence.slice(0, 2).map((e) => e.subject)).toEqual([
      { type: "team", id: "marketing" },
      { type: "team", id: "sales" },
    ]);
  });

  it.each<[string, Row, Row, string]>([
    [
      "a self-serve motion against a sales-assisted one",
      ["product", "Customers buy through self-serve checkout"],
      ["sales", "Every customer gets an account manager who closes the deal"],
      'They disagree on how customers get it: Product names self-serve ("self-serve"), while Sales names sales-assisted ("account manager")',
    ],
    [
      "a seat cap against unlimited seats",
      ["product", "Workspaces with up to 50 seats each"],
      ["sales", "Workspaces with unlimited seats"],
      'They disagree on the numbers: Product says "up to 50 seats" (at most 50 seats), Sales says "unlimited seats" (no limit on seats)',
    ],
    [
      "launch dates that do not overlap",
      ["marketing", "The new onboarding flow launches in February"],
      ["product", "The new onboarding flow ships in April"],
      'They disagree on the date: Marketing says "February" (2026-02-01 to 2026-02-28), Product says "April"',
    ],
    [
      "a limited beta against general availability",
      ["product", "A private beta of the reporting module"],
      ["marketing", "General availability of the reporting module"],
      "They disagree on how widely it launches",
    ],
    [
      "an item one team includes and the other leaves out of v1",
      ["sales", "Workspaces that include SSO and audit logs"],
      ["product", "Workspaces with audit logs; single sign-on is not in v1"],
      'They disagree on scope: Sales puts SSO in scope ("Workspaces that include SSO and audit logs"), while Product leaves single sign-on out of scope ("single sign-on is not in v1")',
    ],
    [
      "an item one team includes and the other defers",
      ["marketing", "A launch campaign for workspaces that include SSO"],
      ["product", "Workspaces for small teams; SSO comes in v2"],
      'while Product defers SSO to a later release ("SSO comes in v2")',
    ],
    [
      "descriptions that share no word",
      ["support", "A status page customers check before emailing us"],
      ["product", "Faster invoices through Stripe"],
      "Support's and Product's descriptions share no content word",
    ],
  ])("on %s, as a warning", (_, a, b, says) => {
    const [found, ...rest] = detect([a, b]);
    expect(rest).toEqual([]);
    expect(found!.severity).toBe("warning");
    expect(found!.explanation).toContain(says);
  });

  it("as critical on small teams against an audience sized in numbers as an enterprise", () => {
    const [found] = detect([
      ["marketing", "A plan for small teams"],
      ["sales", "Built for companies with 10,000+ employees"],
    ]);
    expect(found).toMatchObject({ severity: "critical" });
    expect(found!.explanation).toContain(
      'They disagree on the audience: Marketing names small teams and businesses ("small teams"), while Sales names enterprises ("companies with 10,000+ employees")',
    );
  });

  it("as critical when one team rules out the audience the other names", () => {
    const [found] = detect([
      ["product", "Self-serve workspaces for small teams, not for enterprises"],
      ["sales", "Self-serve workspaces sold to enterprises"],
    ]);
    expect(found!.severity).toBe("critical");
    expect(found!.explanation).toContain("Product names small teams and businesses");
    expect(found!.explanation).toContain('rules out enterprises ("enterprises")');
  });

  it("on scope, naming only the item in dispute and keeping each negation to its clause", () => {
    const [found, ...rest] = detect([
      ["sales", "Workspaces that include SSO, SCIM and audit logs"],
      ["product", "Workspaces with SCIM; audit logs ship at launch but SSO comes later"],
    ]);
    expect(rest).toEqual([]);
    const scope = found!.evidence.filter((e) => e.text.startsWith("They disagree on scope"));
    expect(scope.map((e) => e.text)).toEqual([
      'They disagree on scope: Sales puts SSO in scope ("Workspaces that include SSO, SCIM and audit logs"), while Product defers SSO to a later release ("SSO comes later").',
    ]);
    expect(scope[0]!.value).toMatchObject({
      item: "sso",
      sales: { words: "SSO", stance: "included" },
      product: { words: "SSO", stance: "excluded", deferred: true },
    });
  });

  it("once per disagreeing pair, with the pair as its identity", () => {
    const signals = detect([ORBIT_MARKETING, ["product", "Self-serve signup for small teams"], ORBIT_SALES]);
    expect(signals.map((s) => s.title)).toEqual([
      "Marketing and Sales describe Orbit differently",
      "Product and Sales describe Orbit differently",
    ]);
    expect(new Set(signals.map((s) => s.fingerprint)).size).toBe(2);
    const again = detect([ORBIT_SALES, ORBIT_MARKETING]);
    expect(again[0]!.fingerprint).toBe(signals[0]!.fingerprint);
  });
});

describe("divergent-description stays silent", () => {
  it.each<[string, Row, Row]>([
    [
      "on a paraphrase",
      ["marketing", "Self-serve signup for small teams"],
      ["product", "Small teams sign themselves up"],
    ],
    [
      "on one audience in other words",
      ["marketing", "Self-serve plans for SMBs"],
      ["product", "Small businesses sign up on their own, no sales call needed"],
    ],
    [
      "on one audience named in words and sized in numbers",
      ["marketing", "Self-serve plans for small teams"],
      ["product", "Self-serve plans for teams of 5 to 50 people"],
    ],
    [
      "on dates that agree ('by March 2' and 'on March 2')",
      ["product", "Move invoicing to Stripe Billing by March 2, after a two-week parallel run"],
      ["sales", "Replace legacy billing with Stripe Billing on March 2, after a two-week parallel run"],
    ],
    [
      "when one date of several matches",
      ["marketing", "A campaign in February and the general launch in April"],
      ["product", "The general launch in April"],
    ],
    [
      "on two teams describing their own parts of one self-serve launch",
      ORBIT_MARKETING,
      ["support", "Email support for self-serve teams through the launch"],
    ],
    [
      "on a denial that ends with its clause ('no sales call, small teams …')",
      ["marketing", "Self-serve signup for small teams"],
      ["product", "No sales call, small teams buy by card"],
    ],
    [
      "on different audience kinds that can both hold (a segment and a role)",
      ["marketing", "Self-serve signup for small teams"],
      ["product", "A self-serve API for developers"],
    ],
  ])("%s", (_, a, b) => {
    expect(detect([a, b])).toEqual([]);
  });

  it("on one item in other words, though the descriptions share no word ('single sign-on' and 'SSO')", () => {
    expect(detect([ORBIT_SALES])).toEqual([]);
    const signals = detect([
      ["product", "Includes single sign-on"],
      ["sales", "SSO ships at launch"],
    ]);
    expect(signals).toEqual([]);
    // The same two texts without the item in common are unrelated.
    expect(
      detect([
        ["product", "Includes single sign-on"],
        ["sales", "Audit logs ship at launch"],
      ]).map((s) => s.severity),
    ).toEqual(["warning"]);
  });

  it("with a single description", () => {
    expect(detect([ORBIT_SALES])).toEqual([]);
  });
});
