// The shapes the HTTP API answers with (snake_case JSON), as far as the radiator reads them.

export type Health = "on_track" | "at_risk" | "off_track";
/** What the evidence says: a health call, or unknown when nothing in the data bears on the subject. */
export type EvidenceHealth = Health | "unknown";
export type Severity = "info" | "warning" | "critical";
export type Role = "viewer" | "member" | "lead" | "admin";

export type Action = "read" | "contribute" | "plan" | "administer";

export interface SessionUser {
  person: string;
  name: string;
  org: string;
  role: Role;
  /** What the server's policy lets this person do (copied from the session's `can`). */
  can?: Partial<Record<Action, boolean>>;
}

export interface Session {
  user: SessionUser;
  /** What the role allows, as the server's policy decides. */
  can: Record<Action, boolean>;
  csrf_token: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface InitiativeSummary {
  id: string;
  name: string;
  owner: string;
  as_of: string;
  summary?: string;
}

export interface SubjectRef {
  type: string;
  id: string;
}

export interface Person {
  id: string;
  name: string;
  title?: string;
  manager?: string;
}

export interface Team {
  name: string;
  lead?: string;
  members?: string[];
  wip_limit?: number;
}

export type FactValue = string | number | boolean | string[] | number[];

export interface Commitment {
  team: string;
  owner?: string;
  title: string;
  due?: string;
  done?: string;
  due_history?: string[];
  facts?: Record<string, FactValue>;
  provenance?: Provenance;
}

export type OverridableField = "title" | "team" | "owner" | "due" | "done";

/** Where a commitment came from, and the fields people changed by hand since the source said them. */
export interface Provenance {
  kind: "manual" | "csv" | "api" | "jira" | "github";
  ref: string | null;
  url?: string;
  imported_at: string;
  overrides?: Partial<Record<OverridableField, { source: string | null; by: string | null; at: string }>>;
}

export interface Metric {
  unit?: string;
  direction?: "up" | "down";
  points: Array<[string, number]>;
}

export interface Outcome {
  id: string;
  metric: string;
  target: string;
  by: string;
  owner?: string;
}

export interface StatusReport {
  id: string;
  subject: string;
  by: string;
  date: string;
  health: Health;
  note?: string;
  confidence?: number;
  cites?: string[];
  greener_reason?: string | null;
  greener_than_evidence?: boolean;
}

/** GET /api/v1/initiatives/{id}: the whole initiative as a document. */
export interface InitiativeDocument {
  id: string;
  initiative: string;
  owner: string;
  as_of: string;
  summary?: string;
  people?: Person[];
  teams?: Record<string, Team>;
  outcomes?: Outcome[];
  metrics?: Record<string, Metric>;
  commitments?: Record<string, Commitment>;
  reports?: StatusReport[];
  sources?: Sources;
}

export type LinkKind = "handoff" | "dependency" | "assumption" | "expectation";

export interface Link {
  id: string;
  kind: LinkKind;
  statement: string;
  between?: [string, string];
  from?: string;
  to?: string;
  check?: string;
  owner?: string;
  due?: string;
  state?: string;
}

export interface Requirement {
  id: string;
  title?: string;
  claims: Record<string, string>;
}

export type Assumption = string | { statement: string; kill_criteria?: string };

export interface AssumptionTest {
  assumption: number;
  verdict: "validated" | "invalidated" | "inconclusive";
  evidence?: string;
  date: string;
}

export interface Milestone {
  id: string;
  name: string;
  date: string;
  assumptions?: Assumption[];
  tests?: AssumptionTest[];
}

export const DECISION_KINDS = ["pivot", "persevere", "stop", "descope", "delay"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface Decision {
  id: string;
  date: string;
  kind: DecisionKind;
  by: string;
  responds_to?: string;
  rationale: string;
}

export interface GateVote {
  by: string;
  vote: "go" | "no_go";
  reason?: string;
  date: string;
  role: string;
}

export interface Gate {
  id: string;
  name: string;
  date?: string;
  authorities: Record<string, string>;
  votes?: GateVote[];
}

export type GateState = "pending" | "held" | "go";

export interface GateStatus {
  gate: string;
  name: string;
  state: GateState;
  go: string[];
  no_go: Array<{ role: string; by: string; reason: string }>;
  pending: string[];
  authorities: Array<{ role: string; person: string }>;
}

export type Level = "low" | "medium" | "high";

export interface Risk {
  id: string;
  risk: string;
  likelihood: Level;
  impact: Level;
  early_warning?: string;
  mitigation?: string;
  owner?: string;
  by?: string;
  raised_on?: string;
}

export interface Truth {
  by?: string;
  better?: string;
  as_expected?: string;
  worse?: string;
}

export interface Review {
  id: string;
  name: string;
  date: string;
  anonymous?: boolean;
  truths?: Truth[];
}

/** Whether a review is closed; `sealed`, once it is, counts the anonymous truths that stayed sealed. */
export interface ReviewClosure {
  review: string;
  closed_on: string | null;
  sealed: number | null;
}

export interface HealthAssessment {
  subject: SubjectRef;
  title: string;
  reported: { health: Health; by: string; date: string } | null;
  evidence: {
    health: EvidenceHealth;
    reasons: Array<{ text: string; subject?: SubjectRef }>;
    unknowns: Array<{ text: string; subject?: SubjectRef }>;
  };
  greener_than_evidence: boolean;
}

export interface HealthReport {
  as_of: string;
  items: HealthAssessment[];
}

export type SignalStatus = "open" | "acknowledged" | "suppressed";

export interface Silence {
  id: string;
  mode: "acknowledged" | "suppressed";
  by: string;
  reason: string;
  created_at: string;
  expires_at: string | null;
}

export interface Signal {
  kind: string;
  severity: Severity;
  subject: SubjectRef;
  title: string;
  explanation: string;
  evidence: Array<{ text: string; subject?: SubjectRef; value?: unknown }>;
  owner: string;
  fingerprint: string;
  status: SignalStatus;
  first_seen: string | null;
  silence: Silence | null;
}

/** GET /api/v1/radiator: one initiative's card, as last evaluated. */
export interface RadiatorCard {
  id: string;
  name: string;
  owner: { id: string; name: string };
  summary: string | null;
  as_of: string | null;
  version: number;
  evaluated_version: number;
  pending: boolean;
  health: HealthAssessment | null;
  divergence: number;
  signal_counts: { open: number; critical: number; warning: number; info: number; silenced: number };
  top_signals: Array<Pick<Signal, "fingerprint" | "kind" | "severity" | "title" | "subject" | "owner">>;
  outcomes: Array<{
    id: string;
    metric: string;
    comparator: string;
    target: number;
    by: string;
    owner: string | null;
    unit: string | null;
    points: Array<[string, number]>;
    off_track: { explanation: string; evidence: Signal["evidence"] } | null;
  }>;
  gates: GateStatus[];
}

export interface SignalList {
  as_of: string;
  signals: Signal[];
}

export interface PremortemSession {
  id: string;
  title: string;
  state: "collecting" | "voting" | "closed";
  allow_anonymous: boolean;
  facilitator: string;
  opened_on: string;
  min_group_size: number;
}

export interface PremortemItem {
  id: string;
  risk: string;
  likelihood: Level;
  impact: Level;
  early_warning: string | null;
  mitigation: string | null;
  raised_by: string | null;
  submitted_on: string;
  merged_into: string | null;
  promoted_risk: string | null;
  /** The group's votes once the session is closed and enough people voted; else why they are withheld. */
  votes:
    | { voters: number; likelihood: Record<Level, number>; impact: Record<Level, number> }
    | { withheld: string };
}

export interface PremortemView {
  session: PremortemSession;
  items: PremortemItem[];
}

export type Direction = "up" | "down" | "flat" | "unknown";
export type TrendPoint = { as_of: string; score: number | null };

export const DIMENSIONS = [
  "surprise_frequency",
  "information_flow",
  "course_correction_speed",
  "psychological_safety",
  "pivot_history",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface DimensionSummary {
  score: number | null;
  direction: Direction;
  trend: TrendPoint[];
}

export interface OrgAlignment {
  as_of: string;
  overall: number | null;
  overall_trend: TrendPoint[];
  overall_direction: Direction;
  dimensions: Record<Dimension, DimensionSummary & { initiatives: number }>;
  initiatives: Array<{
    initiative_id: string;
    name: string;
    overall: number | null;
    overall_direction: Direction;
    dimensions: Record<Dimension, DimensionSummary>;
  }>;
}

/** A change the server announces on GET /api/v1/events. */
export interface ChangeEvent {
  type: "initiative.changed" | "signals.changed" | "gate.changed" | "premortem.changed";
  initiative: string;
  at: string;
  gate?: string;
}

/** An RFC 9457 problem, as every error answers. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

/** One field the server refused; `line` and `column` (from 1) where it is in an initiative file's text. */
export interface FieldError {
  field: string;
  message: string;
  line?: number;
  column?: number;
}

/** A plan item as the collection routes answer it: the file's own shape, with its id. */
export type PlanItem = Record<string, unknown> & { id: string };

export interface MyWorkInitiative {
  id: string;
  name: string;
}

/** GET /api/v1/me/work: what the signed-in person must act on, across the org. */
export interface MyWork {
  person: { id: string; name: string };
  signals: Array<{
    initiative: MyWorkInitiative;
    fingerprint: string;
    kind: string;
    severity: Severity;
    title: string;
    subject: SubjectRef;
    first_seen: string | null;
  }>;
  reports_due: Array<{
    initiative: MyWorkInitiative;
    subject: SubjectRef;
    name: string;
    cadence_days: number;
    since: string;
    due_on: string;
    overdue: boolean;
  }>;
  votes_awaiting: Array<{
    initiative: MyWorkInitiative;
    gate: { id: string; name: string; date: string | null };
    role: string;
    state: GateState;
  }>;
  decisions_requested: Array<{
    initiative: MyWorkInitiative;
    id: string;
    milestone: { id: string; name: string };
    statement: string;
    opened_on: string;
    days_open: number | null;
    kill_criteria: string | null;
  }>;
  premortems: Array<{
    initiative: MyWorkInitiative;
    id: string;
    title: string;
    state: "collecting" | "voting";
    facilitator: boolean;
    opened_on: string;
  }>;
  pulses: Array<{ id: string; team: { id: string; name: string }; opened_on: string }>;
}

/** GET /api/v1/teams: a team of the org. */
export interface TeamSummary {
  id: string;
  name: string;
  lead: string | null;
  members: string[];
  wip_limit: number | null;
}

/** A pulse's result, shown only once it is closed and at least k people answered. */
export interface PulseResult {
  respondents: number;
  /** The mean score from 1 to 7, negatively worded statements reversed: higher is safer. */
  mean: number;
  /** The mean rating of each statement, as answered (not reversed), in the order of `statements`. */
  items: number[];
}

/** GET /api/v1/pulses/{id}: a psychological-safety pulse of a team. */
export interface Pulse {
  id: string;
  team: string;
  opened_on: string;
  closed_on: string | null;
  /** k: no result over fewer people is ever shown. */
  min_group_size: number;
  /** Personal invitations issued (0: an open link); no join or answer changes it. */
  invitations: number;
  statements: string[];
  result: PulseResult | { withheld: string };
}

/** GET /share/pulses/{secret}: what a pulse's link shows before joining. */
export interface SharedPulse {
  team: string;
  open: boolean;
  items: string[];
  scale: string;
}

/** Where `plumb sync` reads the initiative's commitments from (docs/connectors.md). */
export interface Sources {
  jira?: { base_url: string; jql: string; teams: Record<string, string> };
  github?: {
    repo: string;
    api_url?: string;
    labels?: string[];
    teams?: Record<string, string>;
    team?: string;
  };
}

/** One sync that changed the initiative: when, what came in, and what could not be taken in and why. */
export interface SyncRecord {
  id: string;
  source: string;
  synced_at: string;
  cursor: string | null;
  received: number;
  created: string[];
  updated: string[];
  removed: string[];
  failures: Array<{ ref: string; reason: string }>;
  version: number;
}
