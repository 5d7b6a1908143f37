// Snapshots built in code for pure tests: a blank initiative, one with a small org, and one-line factories for their parts.
import type {
  Commitment,
  Decision,
  Fact,
  Gate,
  Initiative,
  InitiativeSnapshot,
  Link,
  Metric,
  Milestone,
  Person,
  Review,
  Risk,
  SignalRecord,
  StatusReport,
  SubjectRef,
  Vote,
} from "../../src/domain/model.ts";

/** Any part of a snapshot, the initiative itself field by field. */
export type SnapshotPatch = Partial<Omit<InitiativeSnapshot, "initiative">> & {
  initiative?: Partial<Initiative>;
};

/** An initiative `i` owned by `dana` with nothing in it: the blank page a detector's table test fills in. */
export function blankSnapshot(patch: SnapshotPatch = {}): InitiativeSnapshot {
  const { initiative, ...parts } = patch;
  return {
    initiative: {
      id: "i",
      name: "I",
      ownerId: "dana",
      asOf: null,
      summary: null,
      cadenceDays: 14,
      investment: null,
      ...initiative,
    },
    people: [],
    teams: [],
    descriptions: [],
    metrics: [],
    outcomes: [],
    commitments: [],
    links: [],
    requirements: [],
    reports: [],
    milestones: [],
    decisions: [],
    gates: [],
    risks: [],
    reviews: [],
    recognitions: [],
    ...parts,
  };
}

/** Dana owns the initiative; Pat leads product, Lee leads engineering under Pat; Kofi is an engineer under Lee. */
export function snapshotOf(patch: SnapshotPatch = {}): InitiativeSnapshot {
  return blankSnapshot({
    people: [
      person("dana", "Dana Reyes"),
      person("pat", "Pat Okafor", { managerId: "dana" }),
      person("lee", "Lee Park", { managerId: "pat" }),
      person("kofi", "Kofi Mensah", { managerId: "lee" }),
      person("ana", "Ana Silva", { managerId: "lee" }),
      person("sam", "Sam Ortiz", { managerId: "dana" }),
    ],
    teams: [
      { id: "product", name: "Product", leadId: "pat", members: [], wipLimit: null },
      { id: "engineering", name: "Engineering", leadId: "lee", members: ["kofi", "ana"], wipLimit: null },
    ],
    ...patch,
    initiative: { id: "launch", name: "Launch", ...patch.initiative },
  });
}

export function person(id: string, name: string, patch: Partial<Person> = {}): Person {
  return { id, name, title: null, managerId: null, email: null, leftOn: null, ...patch };
}

/** A commitment of `teamId` with its facts written as values: a date string is a date, a number a number. */
export function commitment(
  id: string,
  teamId: string,
  facts: Record<string, string | number | boolean> = {},
  patch: Partial<Commitment> = {},
): Commitment {
  const typed = Object.fromEntries(Object.entries(facts).map(([name, value]) => [name, factOf(value)]));
  return {
    id,
    teamId,
    ownerId: null,
    title: id,
    due: null,
    dueHistory: [],
    done: null,
    facts: typed,
    ...patch,
  };
}

function factOf(value: string | number | boolean): Fact {
  if (typeof value === "number") return { type: "number", value };
  if (typeof value === "boolean") return { type: "boolean", value };
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? { type: "date", value } : { type: "string", value };
}

/** A metric and its points as `[date, value]`. */
export function metric(
  id: string,
  points: ReadonlyArray<readonly [string, number]> = [],
  patch: Partial<Metric> = {},
): Metric {
  return {
    id,
    unit: "count",
    direction: "up",
    points: points.map(([date, value]) => ({ date, value })),
    ...patch,
  };
}

export function link(fromId: string, toId: string, patch: Partial<Link> = {}): Link {
  return {
    id: nextId("link"),
    kind: "assumption",
    fromId,
    toId,
    directed: false,
    statement: `${fromId} and ${toId} hold together`,
    check: null,
    due: null,
    ownerId: null,
    state: null,
    ...patch,
  };
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${++sequence}`;

export function report(
  authorId: string,
  date: string,
  health: StatusReport["health"],
  patch: Partial<StatusReport> = {},
): StatusReport {
  return {
    id: nextId("report"),
    subject: { type: "initiative", id: "launch" },
    authorId,
    date,
    health,
    narrative: null,
    confidence: null,
    cites: [],
    ...patch,
  };
}

export function decision(
  date: string,
  kind: Decision["kind"],
  respondsTo: string | null,
  patch: Partial<Decision> = {},
): Decision {
  return {
    id: nextId("decision"),
    date,
    kind,
    byId: "dana",
    respondsTo,
    rationale: "Because the data says so",
    ...patch,
  };
}

/** The feasibility milestone, its assumption, and one invalidating test on `testDate`. */
export function invalidatedMilestone(testDate: string | null, patch: Partial<Milestone> = {}): Milestone {
  return {
    id: "feasibility",
    name: "Technical feasibility",
    date: "2026-01-31",
    assumptions: [
      {
        id: "latency",
        statement: "p95 latency under 500 ms at expected load",
        killCriteria: "Above 2 s: delay or pivot",
      },
    ],
    tests: [
      { id: "test-1", assumptionId: "latency", verdict: "invalidated", evidence: "p95 8 s", date: testDate },
    ],
    ...patch,
  };
}

export function vote(
  personId: string,
  role: string,
  choice: Vote["vote"],
  date: string | null,
  reason: string | null = null,
): Vote {
  return { id: nextId("vote"), role, personId, vote: choice, reason, date };
}

export function gate(votes: Vote[], patch: Partial<Gate> = {}): Gate {
  return { id: "go-live", name: "Go live", date: "2026-02-14", authorities: [], votes, ...patch };
}

export function risk(
  raisedBy: string | null,
  raisedOn: string | null,
  title: string,
  patch: Partial<Risk> = {},
): Risk {
  return {
    id: nextId("risk"),
    title,
    likelihood: "high",
    impact: "high",
    earlyWarning: null,
    mitigation: null,
    ownerId: null,
    raisedBy,
    raisedOn,
    ...patch,
  };
}

export function review(
  date: string,
  truths: Array<{ by: string | null; worse: string }>,
  anonymous = false,
): Review {
  return {
    id: nextId("review"),
    name: `Review ${date}`,
    date,
    anonymous,
    truths: truths.map((t, i) => ({
      id: `truth-${i + 1}`,
      authorId: t.by,
      better: null,
      asExpected: null,
      worse: t.worse,
    })),
  };
}

export function signalRecord(
  kind: string,
  severity: SignalRecord["severity"],
  subject: SubjectRef,
  firstSeen: string,
  resolvedAt: string | null = null,
): SignalRecord {
  return { kind, severity, subject, firstSeen, resolvedAt };
}
