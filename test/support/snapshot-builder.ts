// Small snapshots built in code for the pure alignment tests: an empty initiative, and one-line factories for its parts.
import type { SignalRecord } from "../../src/domain/model.ts";
import type {
  Decision,
  Gate,
  InitiativeSnapshot,
  Milestone,
  Review,
  Risk,
  StatusReport,
  SubjectRef,
  Vote,
} from "../../src/domain/model.ts";

/** Dana owns the initiative; Pat leads product, Lee leads engineering under Pat; Kofi is an engineer under Lee. */
export function snapshotOf(patch: Partial<InitiativeSnapshot> = {}): InitiativeSnapshot {
  return {
    initiative: {
      id: "launch",
      name: "Launch",
      ownerId: "dana",
      asOf: null,
      summary: null,
      cadenceDays: 14,
      investment: null,
    },
    people: [
      { id: "dana", name: "Dana Reyes", title: null, managerId: null, email: null, leftOn: null },
      { id: "pat", name: "Pat Okafor", title: null, managerId: "dana", email: null, leftOn: null },
      { id: "lee", name: "Lee Park", title: null, managerId: "pat", email: null, leftOn: null },
      { id: "kofi", name: "Kofi Mensah", title: null, managerId: "lee", email: null, leftOn: null },
      { id: "ana", name: "Ana Silva", title: null, managerId: "lee", email: null, leftOn: null },
      { id: "sam", name: "Sam Ortiz", title: null, managerId: "dana", email: null, leftOn: null },
    ],
    teams: [
      { id: "product", name: "Product", leadId: "pat", members: [], wipLimit: null },
      { id: "engineering", name: "Engineering", leadId: "lee", members: ["kofi", "ana"], wipLimit: null },
    ],
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
