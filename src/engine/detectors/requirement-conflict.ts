// requirement-conflict: functions state one requirement with numbers, dates, limits or scope that cannot all hold.
import type { Claim, Evidence, InitiativeSnapshot, Requirement, Signal } from "../../domain/model.ts";
import { severityRank, type Severity } from "../../domain/primitives.ts";
import { signal, type Detector } from "../detector.ts";
import { lastById, perArray } from "../memo.ts";
import {
  DIMENSIONS,
  comparable,
  describeQuantity,
  intersects,
  readQuantities,
  statedBounds,
  type Dimension,
  type Quantity,
} from "../quantity.ts";
import { describeScope, readScope, scopeClashes, type ScopeItem } from "../scope.ts";

const KIND = "requirement-conflict";

/**
 * Severity of one disagreement. It is critical when one side claims there is no limit at all, when the
 * values each side stated are 10× or more apart (measured between the nearest stated values, so "~1,000"
 * counts as 1,000, not its 1,100 tolerance), or, for dates, when they are 90 days (a quarter) or more apart:
 * at that distance the functions are planning different systems or different launches, not tuning one.
 * Anything closer is a warning. A gap from zero ("0 errors" against "5 errors") has no ratio and stays a warning.
 */
const CRITICAL_RATIO = 10;
const CRITICAL_DATE_GAP_DAYS = 90;
/**
 * One function putting an item in scope ("includes SSO") while another leaves it out ("SSO is not in v1") is
 * critical: one side sells, plans or builds for something the other will not ship, and unlike two figures
 * there is no nearer value to meet at.
 */
const SCOPE_SEVERITY: Severity = "critical";

interface ParsedClaim {
  claim: Claim;
  /** Position in the requirement, to keep the claims' written order. */
  index: number;
  team: string;
  quantities: readonly Quantity[];
  /** What the claim puts in scope and leaves out (scope.ts). */
  scope: readonly ScopeItem[];
}

interface Clash {
  a: ParsedClaim;
  b: ParsedClaim;
  qa: Quantity;
  qb: Quantity;
  severity: Severity;
}

/** Two functions' claims, one putting an item in scope and the other leaving it out. */
interface ScopeConflict {
  a: ParsedClaim;
  b: ParsedClaim;
  included: ScopeItem;
  excluded: ScopeItem;
}

/** A claim in a conflict, with what of it conflicts. */
interface Party {
  claim: ParsedClaim;
  quantities: Set<Quantity>;
  scope: Set<ScopeItem>;
}

const DIMENSION_NOUNS: Record<Dimension, string> = {
  count: "a count",
  duration: "a duration",
  percent: "a percentage",
  date: "a date",
  money: "an amount of money",
  data: "an amount of data",
};

const AGREED_ON: Record<Dimension, string> = {
  count: "number",
  duration: "duration",
  percent: "percentage",
  date: "date",
  money: "amount",
  data: "size",
};

export const requirementConflict: Detector = {
  kinds: [KIND],
  reads: ["requirements", "teams", "initiative"],
  detect(snapshot, { today }) {
    // The org's teams are in every snapshot: a shared index rather than a map of them per run.
    const teams = lastById(snapshot.teams);
    return snapshot.requirements.flatMap((requirement) => {
      const claims = requirement.claims.map((claim, index) => ({
        claim,
        index,
        team: teams.get(claim.teamId)?.name ?? claim.teamId,
        quantities: readQuantities(claim.text, { today }),
        scope: readScope(claim.text),
      }));
      const conflict = conflictSignal(snapshot, requirement, claims);
      return [...(conflict ? [conflict] : []), ...unquantifiedSignals(snapshot, requirement, claims)];
    });
  },
};

function label(requirement: Requirement): string {
  return requirement.title ?? requirement.id;
}

function conflictSignal(
  snapshot: InitiativeSnapshot,
  requirement: Requirement,
  claims: ParsedClaim[],
): Signal | null {
  const clashes: Clash[] = [];
  const scopeConflicts: ScopeConflict[] = [];
  for (const [i, a] of claims.entries()) {
    for (const b of claims.slice(i + 1)) {
      for (const [qa, qb] of pairsToCompare(a.quantities, b.quantities)) {
        if (!intersects(qa, qb)) clashes.push({ a, b, qa, qb, severity: clashSeverity(qa, qb) });
      }
      // Scope is compared between functions: one function's own claims may phase an item in over releases.
      if (a.claim.teamId === b.claim.teamId) continue;
      for (const { included, excluded } of scopeClashes(a.scope, b.scope)) {
        scopeConflicts.push({ a, b, included, excluded });
      }
    }
  }
  if (clashes.length === 0 && scopeConflicts.length === 0) return null;

  // Every claim in a clash, in written order, with what of it clashed: one line of evidence each.
  const involved = new Map<ParsedClaim, Party>();
  const party = (claim: ParsedClaim) => {
    let found = involved.get(claim);
    if (!found) involved.set(claim, (found = { claim, quantities: new Set(), scope: new Set() }));
    return found;
  };
  for (const clash of clashes) {
    party(clash.a).quantities.add(clash.qa);
    party(clash.b).quantities.add(clash.qb);
  }
  for (const conflict of scopeConflicts) {
    for (const side of [conflict.a, conflict.b]) {
      party(side).scope.add(side.scope.includes(conflict.included) ? conflict.included : conflict.excluded);
    }
  }
  const parties = [...involved.values()].sort((x, y) => x.claim.index - y.claim.index);
  const teams = unique(parties.map((p) => p.claim.team));
  const severity = [
    ...clashes.map((clash) => clash.severity),
    ...scopeConflicts.map(() => SCOPE_SEVERITY),
  ].reduce<Severity>((worst, next) => (severityRank(next) > severityRank(worst) ? next : worst), "warning");
  const clashDimensions = new Set(clashes.map((clash) => clash.qa.dimension));
  const pairs = unique([...clashes, ...scopeConflicts].map((clash) => `${clash.a.team} vs ${clash.b.team}`));
  // Claims that measure something nobody else measured are mentioned, not judged.
  const uncompared = claims.filter(
    (claim) =>
      claim.quantities.length > 0 &&
      claim.quantities.every(
        (q) =>
          !claims.some(
            (other) => other !== claim && other.quantities.some((o) => o.dimension === q.dimension),
          ),
      ),
  );

  const explanation = [
    parties
      .flatMap(({ claim, quantities, scope }) => [
        ...[...quantities].map(
          (quantity) =>
            `${capitalize(claim.team)} says "${claim.claim.text}", which allows ${describeQuantity(quantity)}.`,
        ),
        ...(scope.size > 0
          ? [
              `${capitalize(claim.team)} says "${claim.claim.text}", which ${joinAnd([...scope].map(describeScope))}.`,
            ]
          : []),
      ])
      .join(" "),
    `These cannot all hold (${pairs.join(", ")}).`,
    ...uncompared.map(
      (claim) =>
        `${capitalize(claim.team)}'s claim states ${unique(claim.quantities.map((q) => DIMENSION_NOUNS[q.dimension])).join(" and ")}, which no other claim does, so it is not compared.`,
    ),
    ...(clashes.length > 0
      ? [
          `Until they agree on one ${clashDimensions.size === 1 ? AGREED_ON[[...clashDimensions][0]!] : "figure"}, each function plans, builds or sells to its own.`,
        ]
      : []),
    ...(scopeConflicts.length > 0
      ? [`Until they agree on what is in scope, one function sells or plans for what another will not ship.`]
      : []),
  ].join(" ");

  return signal({
    kind: KIND,
    severity,
    subject: { type: "requirement", id: requirement.id },
    title: `Requirement "${label(requirement)}": ${teams.length === 1 ? `${teams[0]} contradicts itself` : `${joinAnd(teams)} disagree`}`,
    explanation,
    evidence: parties.flatMap(({ claim, quantities, scope }) => [
      ...[...quantities].map((quantity) => claimEvidence(claim, quantity)),
      ...[...scope].map((item) => scopeEvidence(claim, item)),
    ]),
    owner: snapshot.initiative.ownerId,
    identity: ["conflict"],
  });
}

function unquantifiedSignals(
  snapshot: InitiativeSnapshot,
  requirement: Requirement,
  claims: ParsedClaim[],
): Signal[] {
  const quantified = claims.filter((claim) => claim.quantities.length > 0);
  if (quantified.length === 0) return [];
  const silentByTeam = new Map<string, ParsedClaim[]>();
  for (const claim of claims) {
    if (claim.quantities.length > 0) continue;
    silentByTeam.set(claim.claim.teamId, [...(silentByTeam.get(claim.claim.teamId) ?? []), claim]);
  }
  return [...silentByTeam.entries()].map(([teamId, silent]) => {
    const team = silent[0]!.team;
    const others = quantified.map(
      (claim) => `${claim.team} allows ${describeQuantity(claim.quantities[0]!)}`,
    );
    const quoted = silent.map((claim) => `"${claim.claim.text}"`).join(" and ");
    return signal({
      kind: KIND,
      severity: "info",
      subject: { type: "requirement", id: requirement.id },
      title: `Requirement "${label(requirement)}": ${team}'s claim is unquantified`,
      explanation:
        `${capitalize(team)} says ${quoted}, which states no number, date or limit, while ${joinAnd(others)}. ` +
        `An unquantified claim cannot be checked against the others, so a disagreement would stay hidden: ask ${team} for the figure it is working to.`,
      evidence: [
        ...silent.map((claim): Evidence => ({
          text: `${claim.team}: "${claim.claim.text}" (no quantity)`,
          subject: teamRef(claim),
        })),
        ...quantified.map((claim) => claimEvidence(claim, claim.quantities[0]!)),
      ],
      owner: snapshot.initiative.ownerId,
      identity: ["unquantified", teamId],
    });
  });
}

/**
 * The quantity pairs two claims should be compared on: per dimension, each claim's first quantity for each
 * unit. Counts with nouns are compared when their head nouns match ("concurrent users" with "users", never
 * "regions" with "users"); a count without a noun is compared only when neither claim has another count to
 * pair it with, so "10,000" next to "2 regions and 10,000 users" is not guessed at.
 */
function pairsToCompare(a: readonly Quantity[], b: readonly Quantity[]): Array<[Quantity, Quantity]> {
  const pairs: Array<[Quantity, Quantity]> = [];
  // A claim's quantities are shared (parsed once per text), so their grouping is worked out once too.
  const leftByDimension = perArray(a, firstPerUnitByDimension);
  const rightByDimension = perArray(b, firstPerUnitByDimension);
  for (const dimension of DIMENSIONS) {
    const left = leftByDimension.get(dimension) ?? NONE;
    const right = rightByDimension.get(dimension) ?? NONE;
    const single = left.length === 1 && right.length === 1;
    for (const qa of left) {
      for (const qb of right) {
        const named = qa.unit !== undefined && qb.unit !== undefined;
        if (comparable(qa, qb) && (named || single)) pairs.push([qa, qb]);
      }
    }
  }
  return pairs;
}

const NONE: readonly Quantity[] = [];

/** Per dimension, the claim's first quantity in each unit. */
function firstPerUnitByDimension(
  quantities: readonly Quantity[],
): ReadonlyMap<Dimension, readonly Quantity[]> {
  return new Map(
    DIMENSIONS.map((dimension) => [
      dimension,
      firstPerUnit(quantities.filter((q) => q.dimension === dimension)),
    ]),
  );
}

function firstPerUnit(quantities: Quantity[]): Quantity[] {
  const seen = new Set<string>();
  return quantities.filter((q) => {
    const key = q.unit ?? "";
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function clashSeverity(a: Quantity, b: Quantity): Severity {
  if (a.qualifier === "unlimited" || b.qualifier === "unlimited") return "critical";
  const [low, high] = a.max <= b.min ? [a, b] : [b, a];
  const below = statedBounds(low).high;
  const above = statedBounds(high).low;
  if (a.dimension === "date") return above - below >= CRITICAL_DATE_GAP_DAYS ? "critical" : "warning";
  if (below <= 0) return "warning";
  return above / below >= CRITICAL_RATIO ? "critical" : "warning";
}

function claimEvidence(claim: ParsedClaim, quantity: Quantity): Evidence {
  return {
    text: `${claim.team}: "${claim.claim.text}" → ${describeQuantity(quantity)}`,
    subject: teamRef(claim),
    value: quantity,
  };
}

function scopeEvidence(claim: ParsedClaim, item: ScopeItem): Evidence {
  return {
    text: `${claim.team}: "${claim.claim.text}" → ${describeScope(item)}`,
    subject: teamRef(claim),
    value: { item: item.key, words: item.words, stance: item.stance, deferred: item.deferred },
  };
}

function teamRef(claim: ParsedClaim): Evidence["subject"] {
  return { type: "team", id: claim.claim.teamId };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
