// divergent-description: two teams describe the initiative in ways that cannot both be true, or that share nothing.
import type { Description, Evidence, InitiativeSnapshot, Signal } from "../../domain/model.ts";
import { signal, type Detector } from "../detector.ts";
import { lastById } from "../memo.ts";
import { comparable, describeQuantity, intersects, type Quantity } from "../quantity.ts";
import { describeScope, isSameItem, readScope, scopeClashes, type ScopeItem } from "../scope.ts";
import {
  buildCorpus,
  readFacets,
  similarity,
  type FacetAxis,
  type FacetMention,
  type Facets,
} from "../text-similarity.ts";

const KIND = "divergent-description";

/**
 * Two descriptions are unrelated when they share no content word at all (cosine 0) and no facet either.
 * Any higher cut-off would misfire: one-line descriptions are short, so a single shared word such as
 * "self-serve" scores only 0.05–0.08 once the other words differ, and each function rightly describes its
 * own part.
 */
export const UNRELATED_SIMILARITY = 0;

/** Audiences that differ mean the teams serve different customers: that is critical, the rest a warning. */
const AUDIENCE_AXES: ReadonlySet<FacetAxis> = new Set(["segment", "role"]);

const AXIS_NOUNS: Record<FacetAxis, string> = {
  segment: "the audience",
  role: "who the users are",
  motion: "how customers get it",
  stage: "how widely it launches",
};

interface TeamDescription {
  description: Description;
  team: string;
  facets: Facets;
  /** What the description puts in scope and leaves out, item by item (scope.ts). */
  scope: readonly ScopeItem[];
  /** Position in the corpus of descriptions. */
  index: number;
}

interface Disagreement {
  /** One sentence naming both sides. */
  text: string;
  critical: boolean;
  value?: unknown;
}

export const divergentDescription: Detector = {
  kinds: [KIND],
  reads: ["descriptions", "teams", "initiative"],
  detect(snapshot, { today }) {
    // The org's teams are in every snapshot: a shared index rather than a map of them per run.
    const teams = lastById(snapshot.teams);
    const corpus = buildCorpus(snapshot.descriptions.map((d) => d.text));
    const described = snapshot.descriptions.map((description, index) => ({
      description,
      team: teams.get(description.teamId)?.name ?? description.teamId,
      facets: readFacets(description.text, { today }),
      scope: readScope(description.text),
      index,
    }));
    const signals: Signal[] = [];
    for (const [i, a] of described.entries()) {
      for (const b of described.slice(i + 1)) {
        if (a.description.teamId === b.description.teamId) continue;
        const disagreements = [
          ...axisConflicts(a, b),
          ...scopeConflicts(a, b),
          ...quantityConflicts(a, b),
          ...unrelated(a, b, similarity(corpus, a.index, b.index)),
        ];
        if (disagreements.length > 0) signals.push(divergence(snapshot, a, b, disagreements));
      }
    }
    return signals;
  },
};

function axisConflicts(a: TeamDescription, b: TeamDescription): Disagreement[] {
  const mentionsA = [...a.facets.audiences, ...a.facets.scope];
  const mentionsB = [...b.facets.audiences, ...b.facets.scope];
  const axes = new Set(
    [...mentionsA, ...mentionsB].flatMap((mention) => (mention.axis ? [mention.axis] : [])),
  );
  return [...axes].flatMap((axis) => {
    const sideA = onAxis(mentionsA, axis);
    const sideB = onAxis(mentionsB, axis);
    const disjoint =
      sideA.included.length > 0 &&
      sideB.included.length > 0 &&
      !sideA.included.some((m) => sideB.included.some((n) => n.id === m.id));
    const aExcludesB = sideB.included.filter((m) => sideA.excluded.some((n) => n.id === m.id));
    const bExcludesA = sideA.included.filter((m) => sideB.excluded.some((n) => n.id === m.id));
    if (!disjoint && aExcludesB.length === 0 && bExcludesA.length === 0) return [];
    return [
      {
        text: `They disagree on ${AXIS_NOUNS[axis]}: ${stance(a.team, sideA)}, while ${stance(b.team, sideB)}.`,
        critical: AUDIENCE_AXES.has(axis),
        value: { axis, [a.description.teamId]: sideA, [b.description.teamId]: sideB },
      },
    ];
  });
}

interface AxisSide {
  included: FacetMention[];
  excluded: FacetMention[];
}

function onAxis(mentions: FacetMention[], axis: FacetAxis): AxisSide {
  const here = mentions.filter((m) => m.axis === axis);
  return { included: here.filter((m) => !m.negated), excluded: here.filter((m) => m.negated) };
}

function stance(team: string, side: AxisSide): string {
  const named = (mentions: FacetMention[]) =>
    uniqueBy(mentions, (m) => m.id)
      .map((m) => `${m.label} ("${m.words}")`)
      .join(" and ");
  const parts = [
    ...(side.included.length > 0 ? [`names ${named(side.included)}`] : []),
    ...(side.excluded.length > 0 ? [`rules out ${named(side.excluded)}`] : []),
  ];
  return `${team} ${parts.join(" but ")}`;
}

/**
 * An item one team puts in scope and the other leaves out ("includes SSO" against "SSO is not in v1"), each
 * read with its negation kept to its clause (scope.ts). A warning, like a motion or a stage: the teams describe
 * different releases of one offer, not offers for different customers.
 */
function scopeConflicts(a: TeamDescription, b: TeamDescription): Disagreement[] {
  return scopeClashes(a.scope, b.scope).map(({ included, excluded }) => {
    const [ofA, ofB] = a.scope.includes(included) ? [included, excluded] : [excluded, included];
    return {
      text: `They disagree on scope: ${a.team} ${describeScope(ofA)} ("${ofA.clause}"), while ${b.team} ${describeScope(ofB)} ("${ofB.clause}").`,
      critical: false,
      value: { item: included.key, [a.description.teamId]: { ...ofA }, [b.description.teamId]: { ...ofB } },
    };
  });
}

/**
 * Numbers and dates that cannot both hold. Quantities are grouped by what they measure (dates; durations;
 * counts of the same noun, "seats" with "seats"), and a group conflicts only when no pair in it overlaps:
 * "February and April" against "April" agrees on April. Counts without a noun are not guessed at.
 */
function quantityConflicts(a: TeamDescription, b: TeamDescription): Disagreement[] {
  const byMeasure = new Map<string, Array<[Quantity, Quantity]>>();
  for (const qa of [...a.facets.numbers, ...a.facets.dates]) {
    for (const qb of [...b.facets.numbers, ...b.facets.dates]) {
      if (!comparable(qa, qb) || (qa.dimension === "count" && (!qa.unit || !qb.unit))) continue;
      const key = `${qa.dimension}:${qa.dimension === "count" ? headNoun(qa.unit ?? "") : (qa.unit ?? "")}`;
      byMeasure.set(key, [...(byMeasure.get(key) ?? []), [qa, qb]]);
    }
  }
  return [...byMeasure.values()].flatMap((pairs) => {
    if (pairs.some(([qa, qb]) => intersects(qa, qb))) return [];
    const [qa, qb] = pairs[0]!;
    const what = qa.dimension === "date" ? "the date" : "the numbers";
    return [
      {
        text: `They disagree on ${what}: ${a.team} says "${qa.text}" (${describeQuantity(qa)}), ${b.team} says "${qb.text}" (${describeQuantity(qb)}).`,
        critical: false,
        value: { [a.description.teamId]: qa, [b.description.teamId]: qb },
      },
    ];
  });
}

function headNoun(unit: string): string {
  return unit.split(" per ")[0]!.split(" ").at(-1) ?? "";
}

function unrelated(a: TeamDescription, b: TeamDescription, score: number): Disagreement[] {
  if (score > UNRELATED_SIMILARITY || sharesFacet(a, b)) return [];
  return [
    {
      text: `${capitalize(possessive(a.team))} and ${possessive(b.team)} descriptions share no content word: they may not be describing the same initiative.`,
      critical: false,
      value: { similarity: score },
    },
  ];
}

/**
 * Naming the same audience or scope, putting the same item in scope, or an overlapping number or date,
 * relates two texts that share no word ("SMBs" and "small businesses"; "includes SSO" and "single sign-on
 * ships at launch").
 */
function sharesFacet(a: TeamDescription, b: TeamDescription): boolean {
  const ids = (facets: Facets) =>
    new Set([...facets.audiences, ...facets.scope].filter((m) => !m.negated).map((m) => m.id));
  const idsB = ids(b.facets);
  if ([...ids(a.facets)].some((id) => idsB.has(id))) return true;
  const includedB = b.scope.filter((item) => item.stance === "included");
  if (
    a.scope.some((item) => item.stance === "included" && includedB.some((other) => isSameItem(item, other)))
  ) {
    return true;
  }
  const quantitiesB = [...b.facets.numbers, ...b.facets.dates];
  return [...a.facets.numbers, ...a.facets.dates].some((qa) =>
    quantitiesB.some((qb) => comparable(qa, qb) && intersects(qa, qb)),
  );
}

function divergence(
  snapshot: InitiativeSnapshot,
  a: TeamDescription,
  b: TeamDescription,
  disagreements: Disagreement[],
): Signal {
  const { initiative } = snapshot;
  const quote = (side: TeamDescription): Evidence => ({
    text: `${side.team}: "${side.description.text}"`,
    subject: { type: "team", id: side.description.teamId },
  });
  return signal({
    kind: KIND,
    severity: disagreements.some((d) => d.critical) ? "critical" : "warning",
    subject: { type: "initiative", id: initiative.id },
    title: `${capitalize(a.team)} and ${b.team} describe ${initiative.name} differently`,
    explanation: [
      `${capitalize(a.team)} describes ${initiative.name} as "${a.description.text}"; ${b.team} as "${b.description.text}".`,
      ...disagreements.map((d) => d.text),
      `Until they agree on one description, each team plans, builds or sells a different initiative: ask both to agree on one sentence.`,
    ].join(" "),
    evidence: [quote(a), quote(b), ...disagreements.map((d) => ({ text: d.text, value: d.value }))],
    owner: initiative.ownerId,
    identity: [a.description.teamId, b.description.teamId].sort(),
  });
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item] as const).reverse()).values()].reverse();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function possessive(name: string): string {
  return name.endsWith("s") ? `${name}'` : `${name}'s`;
}
