import { describe, expect, it } from "vitest";
import type { InitiativeSnapshot, Link } from "../../domain/model.ts";
import { blankSnapshot, commitment, link, metric, person } from "../../../test/support/snapshot-builder.ts";
import { CheckCompiler } from "../../checks/check-compiler.ts";
import { linkChecks } from "./link-checks.ts";
import { unownedLink } from "./unowned-link.ts";

function snapshot(links: Partial<Link>[], patch: Partial<InitiativeSnapshot> = {}): InitiativeSnapshot {
  return blankSnapshot({
    people: [
      person("dana", "Dana"),
      person("omar", "Omar", { managerId: "dana" }),
      person("gone", "Gone", { managerId: "dana", leftOn: "2026-01-15" }),
    ],
    metrics: [metric("backlog", [["2026-02-01", 240]], { unit: "tickets", direction: "down" })],
    commitments: [
      commitment(
        "campaign",
        "marketing",
        { start: "2026-02-01", demand: 5000 },
        { title: "C", due: "2026-02-01" },
      ),
      commitment(
        "capacity",
        "operations",
        { ready: "2026-03-01", supply: 1500 },
        { title: "K", due: "2026-03-01" },
      ),
    ],
    links: links.map((l, i) =>
      link("campaign", "capacity", {
        id: `link-${i + 1}`,
        statement: `Statement ${i + 1}`,
        ownerId: "omar",
        ...l,
      }),
    ),
    ...patch,
  });
}

const context = { today: "2026-02-10", checks: new CheckCompiler() };
const kinds = (s: InitiativeSnapshot, d = linkChecks) => d.detect(s, context).map((x) => x.kind);

describe("broken-assumption / unverifiable-assumption", () => {
  it.each([
    ["a false date comparison", "capacity.ready <= campaign.start", "broken-assumption"],
    ["a false number comparison", "capacity.supply >= campaign.demand", "broken-assumption"],
    ["a false metric check", "metrics.backlog.latest < 200", "broken-assumption"],
    ["a missing fact", "capacity.nonexistent >= 1", "unverifiable-assumption"],
    ["a type error", "capacity.supply + 'x' == 'y'", "unverifiable-assumption"],
    ["a non-boolean result", "capacity.supply", "unverifiable-assumption"],
    ["an unknown commitment", "nowhere.x > 1", "unverifiable-assumption"],
    ["a metric with no points", "metrics.empty.latest > 1", "unverifiable-assumption"],
  ])("fires on %s", (_, check, kind) => {
    const s = snapshot([{ check }]);
    s.metrics.push({ id: "empty", unit: "count", direction: "up", points: [] });
    expect(kinds(s)).toEqual([kind]);
  });

  it.each([
    ["a true comparison", "campaign.start <= capacity.ready"],
    ["a true metric check", "metrics.backlog.latest > 200"],
    ["a true check over due dates", "campaign.due < capacity.due"],
  ])("stays silent on %s", (_, check) => {
    expect(kinds(snapshot([{ check }]))).toEqual([]);
  });

  it("lets has() guard a fact that is not there yet", () => {
    expect(kinds(snapshot([{ check: "!has(capacity.done) || capacity.done <= campaign.start" }]))).toEqual(
      [],
    );
  });

  it("explains the int/double mismatch of arithmetic in checks", () => {
    const [signal] = linkChecks.detect(
      snapshot([{ check: "capacity.supply * 2 >= campaign.demand" }]),
      context,
    );
    expect(signal!.explanation).toContain("write 60.0 rather than 60");
  });

  it("reports a check too large to run, and one stopped for going over too many items, as unverifiable", () => {
    const ten = "[0,1,2,3,4,5,6,7,8,9]";
    const nested = `${ten}.all(a, ${ten}.all(b, ${ten}.all(c, a + b + c >= 0)))`;
    const [refused] = linkChecks.detect(snapshot([{ check: nested }]), context);
    expect(refused!.kind).toBe("unverifiable-assumption");
    expect(refused!.explanation).toContain(
      "cannot be checked: the check is refused: it puts all, exists, exists_one, map or filter inside one another 3 deep",
    );
    const s = snapshot([
      { check: "metrics.long.values.all(a, metrics.long.values.all(b, a >= b || a < b))" },
    ]);
    const points = Array.from({ length: 1_000 }, (_, i) => ({ date: "2026-01-01", value: i }));
    s.metrics.push({ id: "long", unit: "count", direction: "up", points });
    const [stopped] = linkChecks.detect(s, context);
    expect(stopped!.kind).toBe("unverifiable-assumption");
    expect(stopped!.explanation).toContain("cannot be checked: it was stopped: its all, exists");
  });

  it("stays silent on a link without a check", () => {
    expect(kinds(snapshot([{ check: null }]))).toEqual([]);
  });

  it("explains itself with the values it read and names the link's owner", () => {
    const [signal] = linkChecks.detect(snapshot([{ check: "capacity.ready <= campaign.start" }]), context);
    expect(signal!.title).toBe('Broken assumption: "Statement 1"');
    expect(signal!.explanation).toContain('capacity.ready = "2026-03-01"');
    expect(signal!.owner).toBe("omar");
    expect(signal!.subject).toEqual({ type: "link", id: "link-1" });
  });

  it("gives the same fingerprint on every evaluation", () => {
    const s = snapshot([{ check: "capacity.ready <= campaign.start" }]);
    expect(linkChecks.detect(s, context)[0]!.fingerprint).toBe(linkChecks.detect(s, context)[0]!.fingerprint);
  });
});

describe("unowned-link", () => {
  it.each([
    ["a link with no owner", { ownerId: null }],
    ["a link whose owner has left", { ownerId: "gone" }],
    ["a handoff with no owner", { ownerId: null, kind: "handoff" as const, directed: true }],
  ])("fires on %s", (_, link) => {
    const signals = unownedLink.detect(snapshot([link]), context);
    expect(signals.map((s) => s.kind)).toEqual(["unowned-link"]);
    expect(signals[0]!.owner).toBe("dana");
  });

  it.each([
    ["an owned link", { ownerId: "omar" }],
    ["an owner who leaves after today", { ownerId: "gone" }],
  ])("stays silent on %s", (name, link) => {
    const s = snapshot([link]);
    if (name.includes("after")) s.people[2]!.leftOn = "2026-03-01";
    expect(unownedLink.detect(s, context)).toEqual([]);
  });

  describe("within one team", () => {
    /** Both ends on marketing's team, led by `lead`. */
    function sameTeam(lead: string | null) {
      const s = snapshot([{ ownerId: null }], {
        teams: [{ id: "marketing", name: "Marketing", leadId: lead, members: [], wipLimit: null }],
      });
      s.commitments[1]!.teamId = "marketing";
      return unownedLink.detect(s, context).map((signal) => signal.kind);
    }

    it("stays silent: the team's lead owns what joins its own work", () => {
      expect(sameTeam("omar")).toEqual([]);
    });

    it("still fires when the team has no lead, or its lead has left", () => {
      expect(sameTeam(null)).toEqual(["unowned-link"]);
      expect(sameTeam("gone")).toEqual(["unowned-link"]);
    });

    it("still fires between two teams, each with a lead", () => {
      const s = snapshot([{ ownerId: null }], {
        teams: [
          { id: "marketing", name: "Marketing", leadId: "omar", members: [], wipLimit: null },
          { id: "operations", name: "Operations", leadId: "dana", members: [], wipLimit: null },
        ],
      });
      expect(unownedLink.detect(s, context).map((signal) => signal.kind)).toEqual(["unowned-link"]);
    });
  });

  /** The campaign (the link's `from`) and the capacity (its `to`), delivered on the days given. */
  function delivered(link: Partial<Link>, campaign: string | null, capacity: string | null) {
    const s = snapshot([{ ownerId: null, ...link }]);
    s.commitments[0]!.done = campaign;
    s.commitments[1]!.done = capacity;
    return unownedLink.detect(s, context).map((signal) => signal.kind);
  }
  const dependency = { kind: "dependency" as const, directed: true };

  it.each([
    ["both ends delivered", {}, "2026-01-10", "2026-01-20"],
    ["a dependency whose provider delivered", dependency, "2026-01-10", null],
    ["a handoff whose provider delivered", { kind: "handoff" as const, directed: true }, "2026-01-10", null],
    ["a dependency whose receiver delivered", dependency, null, "2026-01-10"],
  ])("stays silent on %s", (_, link, campaign, capacity) => {
    expect(delivered(link, campaign, capacity)).toEqual([]);
  });

  it.each([
    ["an assumption whose provider delivered", {}, "2026-01-10", null],
    [
      "an expectation whose receiver delivered",
      { kind: "expectation" as const, directed: true },
      null,
      "2026-01-10",
    ],
    ["an undirected dependency with one end delivered", { kind: "dependency" as const }, "2026-01-10", null],
    ["a dependency whose provider delivers after today", dependency, "2026-03-01", "2026-03-02"],
  ])("still fires on %s", (_, link, campaign, capacity) => {
    expect(delivered(link, campaign, capacity)).toEqual(["unowned-link"]);
  });
});
