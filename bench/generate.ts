// A deterministic generator of whole orgs at named scales: the same seed gives the same data, byte for byte.
import type {
  Claim,
  Commitment,
  Decision,
  Description,
  Fact,
  Gate,
  InitiativeSnapshot,
  Link,
  LinkKind,
  Metric,
  Milestone,
  Outcome,
  Person,
  Review,
  Requirement,
  Risk,
  SeriesPoint,
  StatusReport,
  Team,
  Vote,
} from "../src/domain/model.ts";
import { addDays, type Health } from "../src/domain/primitives.ts";

// ── Scales ───────────────────────────────────────────────────────────────────────────────────────────────

/** The org-wide totals of a scale; per-initiative shapes follow from them (enterprise: 50 commitments each). */
export interface Scale {
  name: string;
  people: number;
  teams: number;
  initiatives: number;
  commitments: number;
  /** Facts per commitment. */
  facts: number;
  links: number;
  requirements: number;
  /** Claims per requirement. */
  claims: number;
  reports: number;
  metrics: number;
  /** Points per metric. */
  points: number;
  risks: number;
}

/** One initiative of `commitments` commitments, with 10 reports each and the rest in proportion. */
export function initiativeShape(commitments: number): Scale {
  return {
    name: `c${commitments}`,
    people: Math.max(200, Math.round(commitments / 5)),
    teams: Math.max(8, Math.round(commitments / 50)),
    initiatives: 1,
    commitments,
    facts: 5,
    links: commitments * 2,
    requirements: Math.max(1, Math.round(commitments / 2.5)),
    claims: 3,
    reports: commitments * 10,
    metrics: 4,
    points: 60,
    risks: Math.max(1, Math.round(commitments / 2.5)),
  };
}

const ENTERPRISE: Scale = {
  name: "enterprise",
  people: 5_000,
  teams: 500,
  initiatives: 1_000,
  commitments: 50_000,
  facts: 5,
  links: 100_000,
  requirements: 20_000,
  claims: 3,
  reports: 500_000,
  metrics: 2_000,
  points: 2_500,
  risks: 20_000,
};

/** Divides every org-wide total by `by`; each initiative keeps the enterprise shape, so latencies compare. */
function fraction(name: string, by: number): Scale {
  const d = (n: number) => Math.max(1, Math.round(n / by));
  return {
    ...ENTERPRISE,
    name,
    people: d(ENTERPRISE.people),
    teams: d(ENTERPRISE.teams),
    initiatives: d(ENTERPRISE.initiatives),
    commitments: d(ENTERPRISE.commitments),
    links: d(ENTERPRISE.links),
    requirements: d(ENTERPRISE.requirements),
    reports: d(ENTERPRISE.reports),
    metrics: d(ENTERPRISE.metrics),
    risks: d(ENTERPRISE.risks),
  };
}

export const SCALES: Record<string, Scale> = {
  // One initiative; the org is kept big enough for a six-level tree.
  tiny: { ...fraction("tiny", 1000), people: 40, teams: 5 },
  small: fraction("small", 100),
  medium: fraction("medium", 10),
  enterprise: ENTERPRISE,
};

/** "Today" for every generated initiative (its as-of date), so evaluation never depends on the clock. */
export const TODAY = "2026-03-02";
/** Levels in the reporting tree: the CEO is level 0, individual contributors level 5. */
export const TREE_LEVELS = 6;
/** Teams an initiative draws its commitments from. */
const TEAMS_PER_INITIATIVE = 5;
const CADENCE_DAYS = 14;

// ── Seeded randomness ────────────────────────────────────────────────────────────────────────────────────

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; enough for benchmark data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** `count` distinct items (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }
}

// ── Shared strings: dates and texts are interned so 5 M points do not hold 5 M date strings ─────────────────

const dayCache = new Map<number, string>();
/** TODAY plus `offset` days, as one shared string per day. */
export function day(offset: number): string {
  let cached = dayCache.get(offset);
  if (cached === undefined) {
    cached = addDays(TODAY, offset);
    dayCache.set(offset, cached);
  }
  return cached;
}

const HEALTHS: readonly Health[] = ["on_track", "at_risk", "off_track"];
const rankOf = (health: Health) => HEALTHS.indexOf(health);
const greener = (health: Health, steps: number): Health => HEALTHS[Math.max(0, rankOf(health) - steps)]!;

const GROUND_NOTES = [
  "Load tests still fail above 1,000 users",
  "Waiting on the vendor contract",
  "Two engineers out sick this sprint",
  "Blocked on the data migration",
  "On plan",
  null,
  null,
  null,
] as const;

// ── The org ──────────────────────────────────────────────────────────────────────────────────────────────

export interface Org {
  people: Person[];
  teams: Team[];
  /** Each person's level in the reporting tree (0 = the top). */
  levelOf: Map<string, number>;
  /** People at levels 1–2: initiative owners. */
  executives: Person[];
  /** People at level 3 and below: link owners. */
  managersAndBelow: Person[];
}

/** Largest branching factor whose five managerial levels hold at most a third of the org (at least 2). */
function branching(people: number): number {
  let b = 2;
  const internal = (x: number) => 1 + x + x ** 2 + x ** 3 + x ** 4;
  while (internal(b + 1) <= people / 3) b++;
  return b;
}

export function generateOrg(scale: Scale, rng: Random): Org {
  const b = branching(scale.people);
  const people: Person[] = [];
  const levelOf = new Map<string, number>();
  const byLevel: Person[][] = [];
  const add = (level: number, managerId: string | null) => {
    const id = `p${people.length}`;
    const person: Person = {
      id,
      name: `Person ${people.length}`,
      title: level === 0 ? "CEO" : level < 3 ? "Director" : level < 5 ? "Manager" : "Engineer",
      managerId,
      email: null,
      leftOn: level > 2 && rng.chance(0.02) ? day(-rng.int(5, 60)) : null,
    };
    people.push(person);
    levelOf.set(id, level);
    (byLevel[level] ??= []).push(person);
    return person;
  };
  add(0, null);
  for (let level = 1; level < TREE_LEVELS - 1; level++) {
    for (const manager of byLevel[level - 1]!) {
      for (let k = 0; k < b && people.length < scale.people; k++) add(level, manager.id);
    }
  }
  const leafManagers = byLevel[TREE_LEVELS - 2]!;
  for (let i = 0; people.length < scale.people; i++)
    add(TREE_LEVELS - 1, leafManagers[i % leafManagers.length]!.id);

  // Teams: contiguous blocks of individual contributors (grouped by manager), led by the first one's manager.
  const leaves = [...(byLevel[TREE_LEVELS - 1] ?? [])].sort((x, y) =>
    x.managerId! < y.managerId! ? -1 : x.managerId! > y.managerId! ? 1 : 0,
  );
  const teams: Team[] = [];
  const perTeam = Math.max(1, Math.floor(leaves.length / scale.teams));
  for (let i = 0; i < scale.teams; i++) {
    const members = leaves.slice(i * perTeam, (i + 1) * perTeam).map((p) => p.id);
    const leadId = leaves[i * perTeam]?.managerId ?? leafManagers[i % leafManagers.length]!.id;
    teams.push({ id: `t${i}`, name: `Team ${i}`, leadId, members, wipLimit: rng.chance(0.3) ? 8 : null });
  }
  return {
    people,
    teams,
    levelOf,
    executives: [...(byLevel[1] ?? []), ...(byLevel[2] ?? [])],
    managersAndBelow: people.filter((p) => (levelOf.get(p.id) ?? 0) >= 3),
  };
}

// ── One initiative ───────────────────────────────────────────────────────────────────────────────────────

/** What the incremental benchmark needs to make realistic changes to an initiative. */
export interface InitiativeHints {
  /** The latest cycle's ground report ids per team, for a new team report to cite. */
  latestGroundByTeam: Map<string, string[]>;
  /** The latest cycle's team report ids, for a new initiative report to cite. */
  latestTeamReports: string[];
}

/** Checks of the form `a.f <= b.g` / `a.f >= b.g` (the SQL baseline evaluates these); others read metrics. */
export const PARSEABLE_CHECK =
  /^([A-Za-z_]\w*)\.([A-Za-z_]\w*) (<=|>=|<|>|==) ([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/;

const LINK_KINDS: readonly LinkKind[] = [
  "dependency",
  "dependency",
  "handoff",
  "handoff",
  "assumption",
  "expectation",
];

function commitmentFacts(rng: Random, count: number): Record<string, Fact> {
  const facts: Record<string, Fact> = {};
  // Some facts are not recorded yet (a placeholder stands in their place, so every commitment has `count`
  // facts): checks that read them are unverifiable.
  const maybe = (name: string, p: number, fact: Fact) => {
    if (rng.chance(p)) facts[`${name}_pending`] = { type: "string", value: "tbd" };
    else facts[name] = fact;
  };
  maybe("ready", 0.03, { type: "date", value: day(rng.int(-30, 60)) });
  maybe("start", 0.02, { type: "date", value: day(rng.int(-5, 90)) });
  maybe("capacity", 0.03, { type: "number", value: rng.int(60, 160) });
  facts.demand = { type: "number", value: rng.int(20, 120) };
  facts.region = { type: "string", value: rng.pick(["eu", "us", "apac"]) };
  // Scales asking for more than five facts get extra numeric ones.
  for (let i = 5; i < count; i++) facts[`f${i}`] = { type: "number", value: rng.int(0, 100) };
  return facts;
}

function requirementClaims(rng: Random, teamIds: readonly string[], claims: number): Claim[] {
  const conflict = rng.chance(0.25);
  const teams = rng.sample(teamIds, claims);
  const kind = rng.int(0, 4);
  const texts: string[] = [];
  for (let i = 0; i < teams.length; i++) {
    if (i > 0 && rng.chance(0.12)) {
      texts.push(
        rng.pick(["It should feel fast for customers", "Must be reliable enough for enterprise buyers"]),
      );
      continue;
    }
    const bump = conflict && i > 0 ? (i === 1 ? 10 : 0.5) : 1;
    switch (kind) {
      case 0: {
        const users = Math.round(rng.pick([1_000, 5_000, 10_000, 50_000]) * bump);
        texts.push(
          conflict && i === 2
            ? "The system handles unlimited concurrent users"
            : `${i === 0 ? "The system must support" : "We need to handle"} ${users.toLocaleString("en-US")} concurrent users`,
        );
        break;
      }
      case 1: {
        const ms = Math.round(rng.pick([200, 300, 500]) * bump);
        texts.push(`p95 latency must stay under ${ms} ms`);
        break;
      }
      case 2: {
        const shift = conflict && i > 0 ? rng.int(30, 150) : 0;
        texts.push(`${i === 0 ? "Launch no later than" : "We ship on"} ${day(40 + shift)}`);
        break;
      }
      case 3: {
        const pct = conflict && i > 0 ? 99 : 99.9;
        texts.push(
          conflict && i > 0 ? `Availability of exactly ${pct}%` : `Availability of at least ${pct}%`,
        );
        break;
      }
      default: {
        const usd = Math.round(rng.pick([100_000, 250_000, 400_000]) * (conflict && i > 0 ? 3 : 1));
        texts.push(`Budget capped at $${usd.toLocaleString("en-US")}`);
      }
    }
  }
  return teams.map((teamId, i) => ({ teamId, text: texts[i]! }));
}

function metricSeries(rng: Random, points: number, direction: "up" | "down"): SeriesPoint[] {
  const series: SeriesPoint[] = new Array(points);
  const base = rng.int(200, 1_000);
  // Some metrics trend the right way, some stall, some go backwards: outcomes forecast differently.
  const slope = (direction === "up" ? 1 : -1) * rng.pick([0.4, 0.1, 0, -0.1]);
  const noise = rng.int(5, 40);
  for (let i = 0; i < points; i++) {
    const value = Math.max(0, Math.round(base + slope * i + (rng.next() - 0.5) * 2 * noise));
    series[i] = { date: day(i - points + 1), value };
  }
  return series;
}

export function generateInitiative(
  index: number,
  scale: Scale,
  org: Org,
  rng: Random,
): { snapshot: InitiativeSnapshot; hints: InitiativeHints } {
  const per = (total: number) => Math.max(1, Math.round(total / scale.initiatives));
  const id = `init-${String(index).padStart(4, "0")}`;
  const owner = rng.pick(org.executives.length > 0 ? org.executives : org.people);
  const teams = rng.sample(org.teams, TEAMS_PER_INITIATIVE);
  const teamIds = teams.map((t) => t.id);

  // Commitments: 50 per initiative at every scale, spread over its teams.
  const commitments: Commitment[] = [];
  const commitmentCount = per(scale.commitments);
  for (let k = 0; k < commitmentCount; k++) {
    const team = teams[k % teams.length]!;
    const dueOffset = rng.int(-40, 120);
    const late = dueOffset < 0;
    const done = late
      ? rng.chance(0.6)
        ? day(dueOffset - rng.int(0, 5))
        : null
      : rng.chance(0.08)
        ? day(-rng.int(0, 10))
        : null;
    commitments.push({
      id: `c${k}`,
      teamId: team.id,
      ownerId: rng.chance(0.03) ? null : team.members.length > 0 ? rng.pick(team.members) : team.leadId,
      title: `Deliverable ${k} of ${id}`,
      due: day(dueOffset),
      dueHistory: rng.chance(0.2) ? [day(dueOffset - rng.int(7, 30))] : [],
      done,
      facts: commitmentFacts(rng, scale.facts),
    });
  }

  // Links with checks: most compare two commitments' facts; a few read metrics.
  const links: Link[] = [];
  const linkCount = per(scale.links);
  for (let k = 0; k < linkCount; k++) {
    const from = rng.pick(commitments);
    let to = rng.pick(commitments);
    if (to === from) to = commitments[(commitments.indexOf(from) + 1) % commitments.length]!;
    const kind = rng.pick(LINK_KINDS);
    const form = rng.next();
    const check =
      form < 0.08
        ? null
        : form < 0.5
          ? `${from.id}.ready <= ${to.id}.start`
          : form < 0.95
            ? `${from.id}.capacity >= ${to.id}.demand`
            : `metrics.backlog.latest <= ${rng.int(3, 9)}00.0`;
    links.push({
      id: `l${k}`,
      kind,
      fromId: from.id,
      toId: to.id,
      directed: kind !== "expectation",
      statement: `${from.id} ${kind === "handoff" ? "hands off to" : "supports"} ${to.id}`,
      check,
      due: rng.chance(0.5) ? day(rng.int(-20, 90)) : null,
      ownerId: rng.chance(0.05) ? null : rng.pick(org.managersAndBelow).id,
      state: kind === "handoff" ? rng.pick(["proposed", "accepted", "delivered"] as const) : null,
    });
  }

  const requirements: Requirement[] = [];
  for (let k = 0; k < per(scale.requirements); k++) {
    requirements.push({
      id: `req${k}`,
      title: `Requirement ${k}`,
      claims: requirementClaims(rng, teamIds, scale.claims),
    });
  }

  // Metrics (two per initiative at every scale) and the outcomes that read them.
  const metricCount = per(scale.metrics);
  const metrics: Metric[] = [];
  const outcomes: Outcome[] = [];
  for (let k = 0; k < metricCount; k++) {
    const direction = k % 2 === 0 ? "up" : "down";
    const metricId = k === 0 ? "activation" : k === 1 ? "backlog" : `metric_${k}`;
    const points = metricSeries(rng, scale.points, direction);
    metrics.push({ id: metricId, unit: "count", direction, points });
    const latest = points.at(-1)?.value ?? 0;
    outcomes.push({
      id: `o${k}`,
      metricId,
      comparator: direction === "up" ? ">=" : "<=",
      target: Math.round(direction === "up" ? latest * 1.2 : latest * 0.8),
      by: day(rng.int(30, 120)),
      ownerId: owner.id,
    });
  }

  const risks: Risk[] = [];
  for (let k = 0; k < per(scale.risks); k++) {
    const c = rng.pick(commitments);
    const sign = rng.int(0, 3);
    risks.push({
      id: `risk${k}`,
      title: `Risk ${k} of ${id}`,
      likelihood: rng.pick(["low", "medium", "high"] as const),
      impact: rng.pick(["low", "medium", "high"] as const),
      earlyWarning:
        sign === 0
          ? `metrics.backlog.latest > ${rng.int(3, 9)}00.0`
          : sign === 1
            ? "metrics.activation.change < 0.0"
            : sign === 2
              ? `${c.id}.capacity < ${rng.int(6, 9)}0.0`
              : null,
      mitigation: null,
      ownerId: rng.chance(0.1) ? null : rng.pick(org.managersAndBelow).id,
      raisedBy: null,
      raisedOn: day(-rng.int(0, 90)),
    });
  }

  // Gates: three authorities each; most roles have voted, a few No-Go.
  const gates: Gate[] = [];
  for (let k = 0; k < 3; k++) {
    const authorities = ["product", "engineering", "legal"].map((role) => ({
      role,
      personId: rng.pick(org.managersAndBelow).id,
    }));
    const votes: Vote[] = authorities
      .filter(() => rng.chance(0.8))
      .map((a, v) => ({
        id: `v${k}_${v}`,
        role: a.role,
        personId: a.personId,
        vote: rng.chance(0.12) ? ("no_go" as const) : ("go" as const),
        reason: null,
        date: day(-rng.int(0, 30)),
      }));
    gates.push({ id: `g${k}`, name: `Gate ${k}`, date: day(rng.int(-30, 60)), authorities, votes });
  }

  const milestones: Milestone[] = [0, 1].map((k) => ({
    id: `m${k}`,
    name: `Milestone ${k}`,
    date: day(k === 0 ? -rng.int(5, 40) : rng.int(5, 60)),
    assumptions: [
      { id: "a0", statement: `Customers of ${id} want feature ${k}`, killCriteria: "stop" },
      { id: "a1", statement: `Partners of ${id} integrate by milestone ${k}`, killCriteria: null },
    ],
    tests:
      k === 0
        ? [
            {
              id: "t0",
              assumptionId: "a0",
              verdict: rng.pick(["validated", "invalidated", "inconclusive"] as const),
              evidence: null,
              date: day(-rng.int(1, 20)),
            },
          ]
        : [],
  }));
  const decisions: Decision[] = [];
  const decisionCount = rng.int(0, 3);
  for (let k = 0; k < decisionCount; k++) {
    decisions.push({
      id: `d${k}`,
      date: day(-rng.int(0, 30)),
      kind: rng.pick(["pivot", "persevere", "delay"] as const),
      byId: owner.id,
      respondsTo: rng.chance(0.5) ? "Milestone 0" : null,
      rationale: "Course correction after review",
    });
  }

  // What each team says the initiative is: mostly one story, sometimes a team describing another.
  const audience = rng.pick(["SMB teams", "enterprise buyers", "developers"]);
  const descriptions: Description[] = teams.map((team) => ({
    teamId: team.id,
    text: rng.chance(0.15)
      ? `Sales-assisted onboarding for ${rng.pick(["enterprise buyers", "large accounts"])}, supporting ${rng.pick([10_000, 50_000]).toLocaleString("en-US")} users by ${day(rng.int(150, 300))}`
      : `Self-serve signup for ${audience}, live for ${rng.pick([1_000, 2_000]).toLocaleString("en-US")} users by ${day(rng.int(40, 80))}`,
  }));
  // Retrospectives whose worries sometimes repeat what the ground reports keep saying.
  const reviews: Review[] = [0, 1].map((k) => ({
    id: `rev${k}`,
    name: `Retro ${k}`,
    date: day(-30 + 21 * k),
    anonymous: k === 1,
    truths: [0, 1, 2].map((t) => ({
      id: `tr${t}`,
      authorId: k === 1 ? null : rng.pick(org.managersAndBelow).id,
      better: rng.chance(0.5) ? "Pairing across teams sped up handoffs" : null,
      asExpected: null,
      worse: rng.pick([
        "Load tests fail once we pass a thousand users",
        "The vendor contract is still unsigned",
        "Data migration keeps blocking the release",
        "Too many meetings",
      ]),
    })),
  }));
  // Spend to date, month by month: it keeps rising.
  const investment = {
    unit: "USD",
    points: Array.from({ length: 12 }, (_, m) => ({ date: day(-30 * (11 - m)), value: 50_000 * (m + 1) })),
  };

  const { reports, hints } = generateReports(per(scale.reports), id, owner.id, teams, commitments, rng);

  const snapshot: InitiativeSnapshot = {
    initiative: {
      id,
      name: `Initiative ${index}`,
      ownerId: owner.id,
      asOf: TODAY,
      summary: null,
      cadenceDays: CADENCE_DAYS,
      investment,
    },
    people: org.people,
    teams: org.teams,
    descriptions,
    metrics,
    outcomes,
    commitments,
    links,
    requirements,
    reports,
    milestones,
    decisions,
    gates,
    risks,
    reviews,
    recognitions: [],
  };
  return { snapshot, hints };
}

/**
 * Status reports in reporting cycles, oldest first: every commitment's owner reports on it (ground), each team
 * lead cites the team's ground reports, the initiative owner cites the team reports. Layers sometimes soften
 * the news (filtered roll-ups); ground reports on late work are sometimes green (watermelons). A few team
 * reports cite nothing, so the engine infers what they summarise from the reporting lines.
 */
function generateReports(
  count: number,
  initiativeId: string,
  ownerId: string,
  teams: readonly Team[],
  commitments: readonly Commitment[],
  rng: Random,
): { reports: StatusReport[]; hints: InitiativeHints } {
  const perCycle = commitments.length + teams.length + 1;
  const cycles = Math.max(1, Math.ceil(count / perCycle));
  // The oldest cycle is trimmed so the total is exact.
  const firstCycleCount = count - (cycles - 1) * perCycle;
  const reports: StatusReport[] = [];
  let n = 0;
  const hints: InitiativeHints = { latestGroundByTeam: new Map(), latestTeamReports: [] };
  const isLate = (c: Commitment) => !c.done && c.due !== null && c.due < TODAY;
  for (let cycle = 0; cycle < cycles; cycle++) {
    const cycleDay = -1 - CADENCE_DAYS * (cycles - 1 - cycle);
    const budget = cycle === 0 ? firstCycleCount : perCycle;
    const groundByTeam = new Map<string, StatusReport[]>();
    const grounds = Math.min(budget, commitments.length);
    for (let k = 0; k < grounds; k++) {
      const c = commitments[k]!;
      const honest = isLate(c) ? rng.chance(0.6) : true;
      const health: Health = isLate(c)
        ? honest
          ? rng.chance(0.5)
            ? "off_track"
            : "at_risk"
          : "on_track"
        : rng.chance(0.75)
          ? "on_track"
          : rng.chance(0.7)
            ? "at_risk"
            : "off_track";
      const team = teams.find((t) => t.id === c.teamId)!;
      const report: StatusReport = {
        id: `r${n++}`,
        subject: { type: "commitment", id: c.id },
        authorId: c.ownerId ?? team.members[0] ?? team.leadId ?? ownerId,
        date: day(cycleDay - rng.int(2, 4)),
        health,
        narrative: rng.pick(GROUND_NOTES),
        confidence: rng.int(50, 95) / 100,
        cites: [],
      };
      reports.push(report);
      const list = groundByTeam.get(c.teamId) ?? [];
      list.push(report);
      groundByTeam.set(c.teamId, list);
    }
    // Ground reports are written over a few days: keep the list in time order.
    reports.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    let left = budget - grounds;
    const teamReports: StatusReport[] = [];
    for (const team of teams) {
      if (left <= 1) break;
      left--;
      const ground = groundByTeam.get(team.id) ?? [];
      const implicit = rng.chance(0.05);
      const worst = ground.reduce((w, r) => Math.max(w, rankOf(r.health)), 0);
      const soften = rng.chance(0.25) ? (rng.chance(0.2) ? 2 : 1) : 0;
      const report: StatusReport = {
        id: `r${n++}`,
        subject: { type: "team", id: team.id },
        authorId: team.leadId ?? ownerId,
        date: day(cycleDay - 1),
        health: greener(HEALTHS[worst]!, soften),
        narrative: soften > 0 ? "Team broadly on plan" : null,
        confidence: null,
        cites: implicit ? [] : ground.map((r) => r.id),
      };
      reports.push(report);
      teamReports.push(report);
    }
    if (left >= 1 && teamReports.length > 0) {
      const worst = teamReports.reduce((w, r) => Math.max(w, rankOf(r.health)), 0);
      reports.push({
        id: `r${n++}`,
        subject: { type: "initiative", id: initiativeId },
        authorId: ownerId,
        date: day(cycleDay),
        health: greener(HEALTHS[worst]!, rng.chance(0.3) ? 1 : 0),
        narrative: "Overall status",
        confidence: null,
        cites: teamReports.map((r) => r.id),
      });
      left--;
    }
    // Any remainder (only in a trimmed cycle): extra ground reports.
    for (; left > 0; left--) {
      const c = rng.pick(commitments);
      reports.push({
        id: `r${n++}`,
        subject: { type: "commitment", id: c.id },
        authorId: c.ownerId ?? ownerId,
        date: day(cycleDay),
        health: "on_track",
        narrative: null,
        confidence: null,
        cites: [],
      });
    }
    if (cycle === cycles - 1) {
      for (const [teamId, list] of groundByTeam)
        hints.latestGroundByTeam.set(
          teamId,
          list.map((r) => r.id),
        );
      hints.latestTeamReports = teamReports.map((r) => r.id);
    }
  }
  return { reports, hints };
}

// ── The whole org ────────────────────────────────────────────────────────────────────────────────────────

export interface GeneratedOrg {
  scale: Scale;
  seed: number;
  org: Org;
  snapshots: InitiativeSnapshot[];
  hints: InitiativeHints[];
}

export interface Counts {
  people: number;
  teams: number;
  initiatives: number;
  commitments: number;
  facts: number;
  links: number;
  linksWithChecks: number;
  requirements: number;
  claims: number;
  reports: number;
  reportsWithCites: number;
  metrics: number;
  points: number;
  risks: number;
  gates: number;
  votes: number;
  maxTreeDepth: number;
}

export function generate(
  scale: Scale,
  seed = 42,
  onProgress?: (done: number, total: number) => void,
): GeneratedOrg {
  const rng = new Random(seed);
  const org = generateOrg(scale, rng);
  const snapshots: InitiativeSnapshot[] = [];
  const hints: InitiativeHints[] = [];
  for (let i = 0; i < scale.initiatives; i++) {
    // Each initiative has its own stream: the data of one does not depend on how many came before.
    const generated = generateInitiative(i, scale, org, new Random(seed * 1_000_003 + i));
    snapshots.push(generated.snapshot);
    hints.push(generated.hints);
    onProgress?.(i + 1, scale.initiatives);
  }
  return { scale, seed, org, snapshots, hints };
}

export function countOf(generated: GeneratedOrg): Counts {
  const { snapshots, org } = generated;
  const sum = (f: (s: InitiativeSnapshot) => number) => snapshots.reduce((total, s) => total + f(s), 0);
  return {
    people: org.people.length,
    teams: org.teams.length,
    initiatives: snapshots.length,
    commitments: sum((s) => s.commitments.length),
    facts: sum((s) => s.commitments.reduce((t, c) => t + Object.keys(c.facts).length, 0)),
    links: sum((s) => s.links.length),
    linksWithChecks: sum((s) => s.links.filter((l) => l.check).length),
    requirements: sum((s) => s.requirements.length),
    claims: sum((s) => s.requirements.reduce((t, r) => t + r.claims.length, 0)),
    reports: sum((s) => s.reports.length),
    reportsWithCites: sum((s) => s.reports.filter((r) => r.cites.length > 0).length),
    metrics: sum((s) => s.metrics.length),
    points: sum((s) => s.metrics.reduce((t, m) => t + m.points.length, 0)),
    risks: sum((s) => s.risks.length),
    gates: sum((s) => s.gates.length),
    votes: sum((s) => s.gates.reduce((t, g) => t + g.votes.length, 0)),
    maxTreeDepth: Math.max(...org.levelOf.values()) + 1,
  };
}
