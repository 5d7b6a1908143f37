// The domain model: every entity of the vocabulary as a zod schema and its type (camelCase, as the API speaks).
import { z } from "zod";
import {
  HealthSchema,
  IsoDateSchema,
  KeySchema,
  LevelSchema,
  SeveritySchema,
  type IsoDate,
  type Severity,
} from "./primitives.ts";
import { CommitmentProvenanceSchema } from "./provenance.ts";
import { InitiativeSourcesSchema } from "./sources.ts";

const text = (max = 2000) => z.string().trim().min(1, { message: "must not be empty" }).max(max);

export const OrgSchema = z.object({ id: KeySchema, name: text(200) });
export type Org = z.infer<typeof OrgSchema>;

export const PersonSchema = z.object({
  id: KeySchema,
  name: text(200),
  title: text(200).nullable().default(null),
  managerId: KeySchema.nullable().default(null),
  email: z.email().nullable().default(null),
  /** The day the person left the org; null while active. */
  leftOn: IsoDateSchema.nullable().default(null),
});
export type Person = z.infer<typeof PersonSchema>;

export const TeamSchema = z.object({
  id: KeySchema,
  name: text(200),
  leadId: KeySchema.nullable().default(null),
  members: z.array(KeySchema).default([]),
  /** Most commitments the team should have open at once; null when the team sets none. */
  wipLimit: z.int().positive().nullable().default(null),
});
export type Team = z.infer<typeof TeamSchema>;

export const SeriesPointSchema = z.object({ date: IsoDateSchema, value: z.number() });
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

export const MetricSchema = z.object({
  id: KeySchema,
  unit: text(50).default("count"),
  /** Which way is better. */
  direction: z.enum(["up", "down"]).default("up"),
  points: z.array(SeriesPointSchema).default([]),
});
export type Metric = z.infer<typeof MetricSchema>;

export const COMPARATORS = [">=", "<=", ">", "<", "=="] as const;
export const ComparatorSchema = z.enum(COMPARATORS);
export type Comparator = z.infer<typeof ComparatorSchema>;

export const OutcomeSchema = z.object({
  id: KeySchema,
  metricId: KeySchema,
  comparator: ComparatorSchema,
  target: z.number(),
  by: IsoDateSchema,
  ownerId: KeySchema.nullable().default(null),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

export const FACT_TYPES = ["date", "number", "string", "boolean", "list"] as const;
export const FactSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("date"), value: IsoDateSchema }),
  z.object({ type: z.literal("number"), value: z.number() }),
  z.object({ type: z.literal("string"), value: z.string().max(2000) }),
  z.object({ type: z.literal("boolean"), value: z.boolean() }),
  z.object({ type: z.literal("list"), value: z.array(z.union([z.string(), z.number(), z.boolean()])) }),
]);
export type Fact = z.infer<typeof FactSchema>;

export const FactNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,79}$/, {
  message: "must be an identifier usable in a check (letters, digits, '_')",
});

export const CommitmentSchema = z.object({
  id: FactNameSchema,
  teamId: KeySchema,
  ownerId: KeySchema.nullable().default(null),
  title: text(300),
  due: IsoDateSchema.nullable().default(null),
  /** Earlier due dates, oldest first: each move is a slip. */
  dueHistory: z.array(IsoDateSchema).default([]),
  /** Delivered on; null while open. */
  done: IsoDateSchema.nullable().default(null),
  facts: z.record(FactNameSchema, FactSchema).default({}),
  /**
   * Where the commitment came from (a Jira issue…) and the fields changed by hand since (domain/overrides.ts);
   * null or absent when typed into the plan by hand.
   */
  provenance: CommitmentProvenanceSchema.nullable().optional(),
});
export type Commitment = z.infer<typeof CommitmentSchema>;

export const LINK_KINDS = ["handoff", "dependency", "assumption", "expectation"] as const;
export const LinkKindSchema = z.enum(LINK_KINDS);
export type LinkKind = z.infer<typeof LinkKindSchema>;

export const HANDOFF_STATES = ["proposed", "accepted", "delivered", "rejected"] as const;
export const HandoffStateSchema = z.enum(HANDOFF_STATES);
export type HandoffState = z.infer<typeof HandoffStateSchema>;

export const LinkSchema = z.object({
  id: KeySchema,
  kind: LinkKindSchema,
  /** The providing commitment: `from` delivers to `to`. */
  fromId: FactNameSchema,
  toId: FactNameSchema,
  /** False for a link written `between: [a, b]`, which names no direction. */
  directed: z.boolean().default(true),
  statement: text(500),
  /** A CEL expression over commitments' facts and `metrics.<name>`. */
  check: z.string().trim().min(1).max(2000).nullable().default(null),
  due: IsoDateSchema.nullable().default(null),
  ownerId: KeySchema.nullable().default(null),
  /** A handoff's state; null for other kinds. */
  state: HandoffStateSchema.nullable().default(null),
});
export type Link = z.infer<typeof LinkSchema>;

export const ClaimSchema = z.object({ teamId: KeySchema, text: text(1000) });
export type Claim = z.infer<typeof ClaimSchema>;

export const RequirementSchema = z.object({
  id: KeySchema,
  title: text(300).nullable().default(null),
  claims: z.array(ClaimSchema).default([]),
});
export type Requirement = z.infer<typeof RequirementSchema>;

export const SUBJECT_TYPES = [
  "initiative",
  "team",
  "commitment",
  "link",
  "requirement",
  "outcome",
  "milestone",
  "gate",
  "risk",
  "person",
] as const;
export const SubjectRefSchema = z.object({ type: z.enum(SUBJECT_TYPES), id: z.string().min(1) });
export type SubjectRef = z.infer<typeof SubjectRefSchema>;

export const StatusReportSchema = z.object({
  id: KeySchema,
  subject: SubjectRefSchema,
  authorId: KeySchema,
  date: IsoDateSchema,
  health: HealthSchema,
  narrative: z.string().max(5000).nullable().default(null),
  /** The author's confidence in the call, 0 to 1. */
  confidence: z.number().min(0).max(1).nullable().default(null),
  /** The reports this roll-up summarises. */
  cites: z.array(KeySchema).default([]),
  /** Why the report is greener than the evidence on its subject was (domain/report-policy.ts). */
  greenerReason: z.string().max(2000).nullable().optional(),
});
export type StatusReport = z.infer<typeof StatusReportSchema>;

export const VERDICTS = ["validated", "invalidated", "inconclusive"] as const;
export const VerdictSchema = z.enum(VERDICTS);

export const AssumptionSchema = z.object({
  id: KeySchema,
  statement: text(500),
  /** What happens if the test invalidates it, recorded before the test ("stop", "pivot", …). */
  killCriteria: z.string().max(500).nullable().default(null),
});
export type Assumption = z.infer<typeof AssumptionSchema>;

export const AssumptionTestSchema = z.object({
  id: KeySchema,
  assumptionId: KeySchema,
  verdict: VerdictSchema,
  evidence: z.string().max(2000).nullable().default(null),
  date: IsoDateSchema.nullable().default(null),
});
export type AssumptionTest = z.infer<typeof AssumptionTestSchema>;

export const MilestoneSchema = z.object({
  id: KeySchema,
  name: text(200),
  date: IsoDateSchema,
  /** The gate this milestone waits for: while the gate is held, the milestone is paused. */
  gateId: KeySchema.nullable().optional(),
  assumptions: z.array(AssumptionSchema).default([]),
  tests: z.array(AssumptionTestSchema).default([]),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const DECISION_KINDS = ["pivot", "persevere", "stop", "descope", "delay"] as const;
export const DecisionSchema = z.object({
  id: KeySchema,
  date: IsoDateSchema,
  kind: z.enum(DECISION_KINDS),
  byId: KeySchema,
  /** What triggered it: a milestone, gate, risk or signal, by id or name. */
  respondsTo: z.string().max(300).nullable().default(null),
  rationale: text(2000),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const VoteSchema = z.object({
  id: KeySchema,
  role: KeySchema,
  personId: KeySchema,
  vote: z.enum(["go", "no_go"]),
  reason: z.string().max(2000).nullable().default(null),
  date: IsoDateSchema.nullable().default(null),
});
export type Vote = z.infer<typeof VoteSchema>;

export const GateAuthoritySchema = z.object({ role: KeySchema, personId: KeySchema });
export type GateAuthority = z.infer<typeof GateAuthoritySchema>;

export const GateSchema = z.object({
  id: KeySchema,
  name: text(200),
  date: IsoDateSchema.nullable().default(null),
  authorities: z.array(GateAuthoritySchema).default([]),
  votes: z.array(VoteSchema).default([]),
});
export type Gate = z.infer<typeof GateSchema>;

export const RiskSchema = z.object({
  id: KeySchema,
  title: text(500),
  likelihood: LevelSchema,
  impact: LevelSchema,
  /** A CEL expression over facts and metrics that is true when the risk is materialising. */
  earlyWarning: z.string().trim().min(1).max(2000).nullable().default(null),
  mitigation: z.string().max(2000).nullable().default(null),
  ownerId: KeySchema.nullable().default(null),
  /** Who raised it; null when raised anonymously. */
  raisedBy: KeySchema.nullable().default(null),
  raisedOn: IsoDateSchema.nullable().default(null),
});
export type Risk = z.infer<typeof RiskSchema>;

export const TruthSchema = z.object({
  id: KeySchema,
  /** Null when given anonymously. */
  authorId: KeySchema.nullable().default(null),
  better: z.string().max(2000).nullable().default(null),
  asExpected: z.string().max(2000).nullable().default(null),
  worse: z.string().max(2000).nullable().default(null),
});
export type Truth = z.infer<typeof TruthSchema>;

export const ReviewSchema = z.object({
  id: KeySchema,
  name: text(200),
  date: IsoDateSchema,
  anonymous: z.boolean().default(false),
  truths: z.array(TruthSchema).default([]),
});
export type Review = z.infer<typeof ReviewSchema>;

export const RecognitionSchema = z.object({
  id: KeySchema,
  personId: KeySchema,
  byId: KeySchema,
  date: IsoDateSchema,
  reason: text(1000),
});
export type Recognition = z.infer<typeof RecognitionSchema>;

export const DescriptionSchema = z.object({ teamId: KeySchema, text: text(1000) });
export type Description = z.infer<typeof DescriptionSchema>;

export const InitiativeSchema = z.object({
  id: KeySchema,
  name: text(200),
  ownerId: KeySchema,
  /** "Today" for evaluation; null means the real clock. */
  asOf: IsoDateSchema.nullable().default(null),
  summary: z.string().max(2000).nullable().default(null),
  /** Days within which every subject should get a status report. */
  cadenceDays: z.int().positive().max(365).default(14),
  investment: z
    .object({ unit: text(50), points: z.array(SeriesPointSchema) })
    .nullable()
    .default(null),
  /** Where evidence is read from (`plumb sync`); null or absent when none is configured. */
  sources: InitiativeSourcesSchema.nullable().optional(),
});
export type Initiative = z.infer<typeof InitiativeSchema>;

/** Everything the engine needs to evaluate one initiative: the initiative and what it references. */
export interface InitiativeSnapshot {
  initiative: Initiative;
  people: Person[];
  teams: Team[];
  descriptions: Description[];
  metrics: Metric[];
  outcomes: Outcome[];
  commitments: Commitment[];
  links: Link[];
  requirements: Requirement[];
  reports: StatusReport[];
  milestones: Milestone[];
  decisions: Decision[];
  gates: Gate[];
  risks: Risk[];
  reviews: Review[];
  recognitions: Recognition[];
}

export const EvidenceSchema = z.object({
  /** What the evidence is, in human words. */
  text: z.string(),
  subject: SubjectRefSchema.optional(),
  value: z.unknown().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const SignalSchema = z.object({
  kind: z.string(),
  severity: SeveritySchema,
  subject: SubjectRefSchema,
  title: z.string(),
  explanation: z.string(),
  evidence: z.array(EvidenceSchema),
  /** The person who must act; null when nobody can be named (which is itself part of the finding). */
  owner: KeySchema.nullable(),
  /** Stable across evaluations of the same finding. */
  fingerprint: z.string(),
});
export type Signal = z.infer<typeof SignalSchema>;

/** One recorded occurrence of a signal, by day: the store's `signals` history, read without its wording. */
export interface SignalRecord {
  kind: string;
  severity: Severity;
  subject: SubjectRef;
  firstSeen: IsoDate;
  resolvedAt: IsoDate | null;
}
