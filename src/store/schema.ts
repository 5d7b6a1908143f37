// The one PostgreSQL schema (PGlite and server alike): every table keyed by org first, ready to distribute by org.
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
  type PgColumnBuilderBase,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { CommitmentProvenance, Provenance } from "../domain/provenance.ts";
import type { InitiativeSources } from "../domain/sources.ts";

const day = (name: string) => date(name, { mode: "string" });
const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const orgs = pgTable("orgs", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

const org = () =>
  text("org_id")
    .notNull()
    .references(() => orgs.id, { onDelete: "cascade" });

export const people = pgTable(
  "people",
  {
    orgId: org(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    title: text("title"),
    managerId: text("manager_id"),
    email: text("email"),
    leftOn: day("left_on"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const teams = pgTable(
  "teams",
  {
    orgId: org(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    leadId: text("lead_id"),
    members: jsonb("members").$type<string[]>().notNull().default([]),
    wipLimit: integer("wip_limit"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const initiatives = pgTable(
  "initiatives",
  {
    orgId: org(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    ownerId: text("owner_id").notNull(),
    asOf: day("as_of"),
    summary: text("summary"),
    cadenceDays: integer("cadence_days").notNull().default(14),
    investmentUnit: text("investment_unit"),
    investmentPoints: jsonb("investment_points").$type<Array<{ date: string; value: number }>>(),
    /** Where `plumb sync` reads evidence from (domain/sources.ts); null when nothing is configured. */
    sources: jsonb("sources").$type<InitiativeSources>(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** Columns and keys shared by everything that belongs to one initiative (deleted with it). */
function initiativeChild<T extends Record<string, PgColumnBuilderBase>>(
  name: string,
  columns: T,
  key: string[] = ["id"],
  /** Foreign keys beyond the initiative's: a record to what it belongs to, a child to its parent. */
  references: (table: Record<string, AnyPgColumn>) => ReturnType<typeof foreignKey>[] = () => [],
) {
  return pgTable(
    name,
    {
      orgId: text("org_id").notNull(),
      initiativeId: text("initiative_id").notNull(),
      position: integer("position").notNull().default(0),
      ...columns,
    },
    (t) => {
      const table = t as unknown as Record<string, AnyPgColumn>;
      return [
        primaryKey({
          columns: [table.orgId!, table.initiativeId!, ...key.map((k) => table[k]!)] as [
            AnyPgColumn,
            ...AnyPgColumn[],
          ],
        }),
        foreignKey({
          columns: [table.orgId!, table.initiativeId!],
          foreignColumns: [initiatives.orgId, initiatives.id],
        }).onDelete("cascade"),
        ...references(table),
      ];
    },
  );
}

/** A record's person (its author, voter, decider): people are never deleted, only marked as having left. */
const toPerson = (table: Record<string, AnyPgColumn>, column: string, name: string) =>
  foreignKey({ name, columns: [table.orgId!, table[column]!], foreignColumns: [people.orgId, people.id] });

/**
 * A row to its parent in the same initiative. Records refuse deletion (`no action`), so a parent that holds
 * records cannot be removed; a plan child goes with its parent (`cascade`).
 */
function toParent(
  table: Record<string, AnyPgColumn>,
  column: string,
  parent: { orgId: AnyPgColumn; initiativeId: AnyPgColumn; id: AnyPgColumn },
  name: string,
  onDelete: "cascade" | "no action",
) {
  return foreignKey({
    name,
    columns: [table.orgId!, table.initiativeId!, table[column]!],
    foreignColumns: [parent.orgId, parent.initiativeId, parent.id],
  }).onDelete(onDelete);
}

/**
 * What every record (something that happened: a report, a vote, a verdict…) carries: when it was recorded and
 * by whom (the person or token), and, for a correction, the record it supersedes and why. Records are never
 * updated or deleted in place (a trigger refuses it, migration 0007).
 */
const recorded = () => ({
  createdAt: createdAt(),
  recordedBy: text("recorded_by"),
});
const correction = () => ({
  supersedesId: text("supersedes_id"),
  correctionReason: text("correction_reason"),
});

export const metrics = initiativeChild("metrics", {
  id: text("id").notNull(),
  unit: text("unit").notNull(),
  direction: text("direction").$type<"up" | "down">().notNull(),
});

export const metricPoints = initiativeChild(
  "metric_points",
  {
    metricId: text("metric_id").notNull(),
    date: day("date").notNull(),
    /** Recording order: a later point on the same date corrects an earlier one, which stays. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    value: doublePrecision("value").notNull(),
    /**
     * The source's reference ('' when unsaid): with the metric and the date, what a point is keyed by, so a
     * source that sends the same point again changes nothing.
     */
    source: text("source").notNull().default(""),
    /** Where the point came from (domain/provenance.ts); null for points recorded before it was kept. */
    provenance: jsonb("provenance").$type<Provenance>(),
    ...recorded(),
  },
  ["metricId", "date", "seq"],
  (t) => [toParent(t, "metricId", metrics, "metric_points_metric_fk", "no action")],
);

export const descriptions = initiativeChild(
  "descriptions",
  { teamId: text("team_id").notNull(), text: text("text").notNull() },
  ["teamId"],
);

export const outcomes = initiativeChild("outcomes", {
  id: text("id").notNull(),
  metricId: text("metric_id").notNull(),
  comparator: text("comparator").notNull(),
  target: doublePrecision("target").notNull(),
  by: day("by").notNull(),
  ownerId: text("owner_id"),
});

export const commitments = initiativeChild("commitments", {
  id: text("id").notNull(),
  teamId: text("team_id").notNull(),
  ownerId: text("owner_id"),
  title: text("title").notNull(),
  due: day("due"),
  dueHistory: jsonb("due_history").$type<string[]>().notNull().default([]),
  done: day("done"),
  facts: jsonb("facts").$type<Record<string, { type: string; value: unknown }>>().notNull().default({}),
  /** Where the commitment came from and its overrides (domain/provenance.ts); null when not said. */
  provenance: jsonb("provenance").$type<CommitmentProvenance>(),
});

export const links = initiativeChild("links", {
  id: text("id").notNull(),
  kind: text("kind").notNull(),
  fromId: text("from_id").notNull(),
  toId: text("to_id").notNull(),
  directed: boolean("directed").notNull().default(true),
  statement: text("statement").notNull(),
  check: text("check"),
  due: day("due"),
  ownerId: text("owner_id"),
  state: text("state"),
});

export const requirements = initiativeChild("requirements", {
  id: text("id").notNull(),
  title: text("title"),
});

export const claims = initiativeChild(
  "claims",
  {
    requirementId: text("requirement_id").notNull(),
    teamId: text("team_id").notNull(),
    text: text("text").notNull(),
  },
  ["requirementId", "teamId"],
  (t) => [toParent(t, "requirementId", requirements, "claims_requirement_fk", "cascade")],
);

export const statusReports = initiativeChild(
  "status_reports",
  {
    id: text("id").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    authorId: text("author_id").notNull(),
    date: day("date").notNull(),
    health: text("health").notNull(),
    narrative: text("narrative"),
    confidence: doublePrecision("confidence"),
    cites: jsonb("cites").$type<string[]>().notNull().default([]),
    /** The evidence as it stood when the report was posted: its subject's evidence health and open signals. */
    evidence: jsonb("evidence").$type<Record<string, unknown>>(),
    /** Why the report is greener than that evidence, required when it is (domain/report-policy.ts). */
    greenerReason: text("greener_reason"),
    /**
     * The change event that recorded it. Reports are in the order of their changes (then by position within
     * one), which is the order the evaluator takes them in: reports written side by side may take the same
     * position. 0 for reports recorded before it was kept, which come first.
     */
    changeId: bigint("change_id", { mode: "number" }).notNull().default(0),
    ...recorded(),
    ...correction(),
  },
  ["id"],
  (t) => [toPerson(t, "authorId", "status_reports_author_fk")],
);

export const milestones = initiativeChild("milestones", {
  id: text("id").notNull(),
  name: text("name").notNull(),
  date: day("date").notNull(),
  gateId: text("gate_id"),
});

export const assumptions = initiativeChild(
  "assumptions",
  {
    milestoneId: text("milestone_id").notNull(),
    id: text("id").notNull(),
    statement: text("statement").notNull(),
    killCriteria: text("kill_criteria"),
  },
  ["milestoneId", "id"],
  (t) => [toParent(t, "milestoneId", milestones, "assumptions_milestone_fk", "cascade")],
);

export const assumptionTests = initiativeChild(
  "assumption_tests",
  {
    milestoneId: text("milestone_id").notNull(),
    id: text("id").notNull(),
    assumptionId: text("assumption_id").notNull(),
    verdict: text("verdict").notNull(),
    evidence: text("evidence"),
    date: day("date"),
    ...recorded(),
  },
  ["milestoneId", "id"],
  (t) => [toParent(t, "milestoneId", milestones, "assumption_tests_milestone_fk", "no action")],
);

export const decisions = initiativeChild(
  "decisions",
  {
    id: text("id").notNull(),
    date: day("date").notNull(),
    kind: text("kind").notNull(),
    byId: text("by_id").notNull(),
    respondsTo: text("responds_to"),
    rationale: text("rationale").notNull(),
    ...recorded(),
  },
  ["id"],
  (t) => [toPerson(t, "byId", "decisions_by_fk")],
);

export const gates = initiativeChild("gates", {
  id: text("id").notNull(),
  name: text("name").notNull(),
  date: day("date"),
});

export const gateAuthorities = initiativeChild(
  "gate_authorities",
  { gateId: text("gate_id").notNull(), role: text("role").notNull(), personId: text("person_id").notNull() },
  ["gateId", "role"],
  (t) => [toParent(t, "gateId", gates, "gate_authorities_gate_fk", "cascade")],
);

export const votes = initiativeChild(
  "votes",
  {
    gateId: text("gate_id").notNull(),
    id: text("id").notNull(),
    role: text("role").notNull(),
    personId: text("person_id").notNull(),
    vote: text("vote").notNull(),
    reason: text("reason"),
    date: day("date"),
    ...recorded(),
  },
  ["gateId", "id"],
  (t) => [
    toParent(t, "gateId", gates, "votes_gate_fk", "no action"),
    toPerson(t, "personId", "votes_person_fk"),
  ],
);

export const risks = initiativeChild("risks", {
  id: text("id").notNull(),
  title: text("title").notNull(),
  likelihood: text("likelihood").notNull(),
  impact: text("impact").notNull(),
  earlyWarning: text("early_warning"),
  mitigation: text("mitigation"),
  ownerId: text("owner_id"),
  raisedBy: text("raised_by"),
  raisedOn: day("raised_on"),
});

export const reviews = initiativeChild("reviews", {
  id: text("id").notNull(),
  name: text("name").notNull(),
  date: day("date").notNull(),
  anonymous: boolean("anonymous").notNull().default(false),
});

export const truths = initiativeChild(
  "truths",
  {
    reviewId: text("review_id").notNull(),
    id: text("id").notNull(),
    authorId: text("author_id"),
    better: text("better"),
    asExpected: text("as_expected"),
    worse: text("worse"),
  },
  ["reviewId", "id"],
  (t) => [toParent(t, "reviewId", reviews, "truths_review_fk", "no action")],
);

/**
 * A review closed: it takes no more truths, and whatever of an anonymous review's is still sealed stays so
 * (docs/anonymity.md). A record, appended once per review and never changed; who closed it is in the audit log.
 */
export const reviewClosures = pgTable(
  "review_closures",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    reviewId: text("review_id").notNull(),
    closedOn: day("closed_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId, t.reviewId] }),
    foreignKey({
      columns: [t.orgId, t.initiativeId],
      foreignColumns: [initiatives.orgId, initiatives.id],
    }).onDelete("cascade"),
  ],
);

export const recognitions = initiativeChild(
  "recognitions",
  {
    id: text("id").notNull(),
    personId: text("person_id").notNull(),
    byId: text("by_id").notNull(),
    date: day("date").notNull(),
    reason: text("reason").notNull(),
    ...recorded(),
  },
  ["id"],
  (t) => [toPerson(t, "personId", "recognitions_person_fk"), toPerson(t, "byId", "recognitions_by_fk")],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    orgId: org(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    /** The token's visible start (`plb_` and six more characters), to recognise it in lists. */
    prefix: text("prefix").notNull(),
    /** SHA-256 of the whole token: the token itself is shown once and never stored. */
    secretHash: text("secret_hash").notNull().unique(),
    role: text("role").$type<"admin" | "lead" | "member" | "viewer">().notNull(),
    /** The person the token acts as; null for automation, which can then never vote or speak for anyone. */
    personId: text("person_id"),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    /** The day the token was last used, no finer: an instant would date whatever it did then. */
    lastUsedOn: day("last_used_on"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index("api_tokens_hash_idx").on(t.secretHash)],
);

/**
 * Every occurrence of a signal: opened when first seen, kept current while it lasts, closed when the data no
 * longer shows it. History is never rewritten, so surprise frequency and time to decision can be replayed.
 */
export const signals = pgTable(
  "signals",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    id: text("id").notNull(),
    fingerprint: text("fingerprint").notNull(),
    kind: text("kind").notNull(),
    severity: text("severity").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    title: text("title").notNull(),
    explanation: text("explanation").notNull(),
    evidence: jsonb("evidence").notNull(),
    owner: text("owner"),
    firstSeen: timestamp("first_seen", { withTimezone: true, mode: "date" }).notNull(),
    lastSeen: timestamp("last_seen", { withTimezone: true, mode: "date" }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.initiativeId],
      foreignColumns: [initiatives.orgId, initiatives.id],
    }).onDelete("cascade"),
    uniqueIndex("signals_one_open_per_fingerprint")
      .on(t.orgId, t.initiativeId, t.fingerprint)
      .where(sql`resolved_at is null`),
    // What a new status report reads: the open signals on its subject.
    index("signals_open_by_subject")
      .on(t.orgId, t.initiativeId, t.subjectType, t.subjectId)
      .where(sql`resolved_at is null`),
  ],
);

/**
 * The evaluator's state per initiative: the version it last evaluated (the id of the last change event it
 * took in, behind the initiative's latest `initiative.changed` event while a change waits), the evidence health it found, and a lease, so that of several server processes exactly one
 * evaluates a change, and a change claimed by a process that died is taken up again when the lease runs out.
 */
export const evaluations = pgTable(
  "evaluations",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    evaluatedVersion: bigint("evaluated_version", { mode: "number" }).notNull().default(0),
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true, mode: "date" }),
    /** The day the evaluation was made as of. */
    asOf: day("as_of"),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    /** The last failure, if the latest attempt failed; cleared by a success. */
    lastError: text("last_error"),
    /**
     * How many evaluations have completed: an evaluator that finds the count where its own last completion
     * left it knows the stored signals and health are still the ones it wrote.
     */
    completions: bigint("completions", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId] }),
    foreignKey({
      columns: [t.orgId, t.initiativeId],
      foreignColumns: [initiatives.orgId, initiatives.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Evidence health as last evaluated, one row per subject the engine assessed, with the reported health beside
 * it: what /health, the radiator and every new status report read, each only the rows it needs.
 */
export const evidenceHealth = pgTable(
  "evidence_health",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    health: text("health").notNull(),
    reported: jsonb("reported").$type<{ health: string; by: string; date: string } | null>(),
    reasons: jsonb("reasons").$type<unknown[]>().notNull(),
    unknowns: jsonb("unknowns").$type<unknown[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId, t.subjectType, t.subjectId] }),
    foreignKey({
      columns: [t.orgId, t.initiativeId],
      foreignColumns: [initiatives.orgId, initiatives.id],
    }).onDelete("cascade"),
  ],
);

/** Acknowledgements and suppressions: a signal is silenced only with a record of who, why and until when. */
export const signalSilences = pgTable(
  "signal_silences",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    id: text("id").notNull(),
    fingerprint: text("fingerprint").notNull(),
    mode: text("mode").$type<"acknowledged" | "suppressed">().notNull(),
    byPerson: text("by_person").notNull(),
    byToken: text("by_token"),
    reason: text("reason").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.initiativeId],
      foreignColumns: [initiatives.orgId, initiatives.id],
    }).onDelete("cascade"),
    index("signal_silences_fingerprint_idx").on(t.orgId, t.initiativeId, t.fingerprint),
  ],
);

/** A silence lifted: a record of its own (who, when), so that silences, like every record, are never rewritten. */
export const signalSilenceLifts = pgTable(
  "signal_silence_lifts",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    silenceId: text("silence_id").notNull(),
    liftedAt: timestamp("lifted_at", { withTimezone: true, mode: "date" }).notNull(),
    liftedBy: text("lifted_by").notNull(),
    byToken: text("by_token"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId, t.silenceId] }),
    foreignKey({
      name: "signal_silence_lifts_silence_fk",
      columns: [t.orgId, t.initiativeId, t.silenceId],
      foreignColumns: [signalSilences.orgId, signalSilences.initiativeId, signalSilences.id],
    }).onDelete("cascade"),
  ],
);

/**
 * The audit log: one append-only event per governance action, hash-chained per org so that a modified,
 * deleted, inserted or reordered event is found. A trigger (migration 0002) refuses UPDATE and DELETE.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    orgId: text("org_id").notNull(),
    seq: integer("seq").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    outcome: text("outcome").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    /** HMAC-SHA256 of the hash under the audit key, which is kept outside the database; null before 0010. */
    mac: text("mac"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.seq] })],
);

/**
 * Each org's audit head: the number and hash of its last event, signed with the audit key and moved in the
 * transaction that appends, so events removed from the end of the log (or all of them) show.
 */
export const auditHeads = pgTable("audit_heads", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => orgs.id, { onDelete: "cascade" }),
  seq: integer("seq").notNull(),
  hash: text("hash").notNull(),
  at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
  mac: text("mac").notNull(),
});

/** A pre-mortem session: a facilitator's invitation, shared by a link, to imagine the initiative has failed. */
export const premortemSessions = pgTable(
  "premortem_sessions",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    id: text("id").notNull(),
    title: text("title").notNull(),
    facilitatorId: text("facilitator_id").notNull(),
    /** SHA-256 of the share link's secret; the link itself is shown once. */
    shareHash: text("share_hash").notNull().unique(),
    allowAnonymous: boolean("allow_anonymous").notNull().default(true),
    state: text("state").$type<"collecting" | "voting" | "closed">().notNull().default("collecting"),
    openedOn: day("opened_on").notNull(),
    /** How many people an aggregate must cover before it is shown (never below 3). */
    minGroupSize: integer("min_group_size").notNull().default(5),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.initiativeId],
      foreignColumns: [initiatives.orgId, initiatives.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Participation tokens of a session, by hash only: they limit floods (submissions per token, tokens per
 * session) and are linked to no person and to no item.
 */
export const premortemParticipants = pgTable(
  "premortem_participants",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    sessionId: text("session_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    submissions: integer("submissions").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.initiativeId, t.sessionId, t.tokenHash] })],
);

/**
 * A pre-mortem item. An anonymous one has no author, a random id, and only the day it was submitted. Items are
 * records: written once (a named one on submission, anonymous ones in a shuffled batch) and never updated; what
 * the facilitator does with them is recorded beside them, in `premortem_item_merges` and
 * `premortem_item_promotions` (a trigger refuses UPDATE and DELETE, migration 0025).
 */
export const premortemItems = pgTable(
  "premortem_items",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    sessionId: text("session_id").notNull(),
    id: text("id").notNull(),
    risk: text("risk").notNull(),
    likelihood: text("likelihood").notNull(),
    impact: text("impact").notNull(),
    earlyWarning: text("early_warning"),
    mitigation: text("mitigation"),
    /** Null when anonymous: the author is stored nowhere. */
    raisedBy: text("raised_by"),
    submittedOn: day("submitted_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId, t.sessionId, t.id] }),
    foreignKey({
      name: "premortem_items_session_fk",
      columns: [t.orgId, t.initiativeId, t.sessionId],
      foreignColumns: [premortemSessions.orgId, premortemSessions.initiativeId, premortemSessions.id],
    }).onDelete("cascade"),
  ],
);

const itemOfSession = (
  name: string,
  t: { orgId: AnyPgColumn; initiativeId: AnyPgColumn; sessionId: AnyPgColumn },
  item: AnyPgColumn,
) =>
  foreignKey({
    name,
    columns: [t.orgId, t.initiativeId, t.sessionId, item],
    foreignColumns: [
      premortemItems.orgId,
      premortemItems.initiativeId,
      premortemItems.sessionId,
      premortemItems.id,
    ],
  }).onDelete("cascade");

/**
 * A duplicate item merged into another by the session's facilitator: a record, once per item, with who merged
 * it and the day only (an anonymous item's merge must not date its release finer than its own day does).
 */
export const premortemItemMerges = pgTable(
  "premortem_item_merges",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    sessionId: text("session_id").notNull(),
    itemId: text("item_id").notNull(),
    intoId: text("into_id").notNull(),
    mergedBy: text("merged_by").notNull(),
    mergedOn: day("merged_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId, t.sessionId, t.itemId] }),
    itemOfSession("premortem_item_merges_item_fk", t, t.itemId),
    itemOfSession("premortem_item_merges_into_fk", t, t.intoId),
  ],
);

/** An item promoted to the initiative's risk register by the facilitator: a record, once per item, the day only. */
export const premortemItemPromotions = pgTable(
  "premortem_item_promotions",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    sessionId: text("session_id").notNull(),
    itemId: text("item_id").notNull(),
    riskId: text("risk_id").notNull(),
    promotedBy: text("promoted_by").notNull(),
    promotedOn: day("promoted_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId, t.sessionId, t.itemId] }),
    itemOfSession("premortem_item_promotions_item_fk", t, t.itemId),
  ],
);

/**
 * Group votes on a pre-mortem item's likelihood and impact. `voterKey` is a keyed hash of the participation
 * token and the item, so one participant's votes on different items cannot be linked to each other. Votes are
 * records: voting again appends the voter's next `revision`, which supersedes the one before; the tally counts
 * each voter's latest. No time is kept, not even the day: the revision orders a voter's votes.
 */
export const premortemVotes = pgTable(
  "premortem_votes",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    sessionId: text("session_id").notNull(),
    itemId: text("item_id").notNull(),
    voterKey: text("voter_key").notNull(),
    revision: integer("revision").notNull().default(1),
    likelihood: text("likelihood").notNull(),
    impact: text("impact").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId, t.sessionId, t.itemId, t.voterKey, t.revision] }),
    itemOfSession("premortem_votes_item_fk", t, t.itemId),
  ],
);

/** A psychological-safety pulse for one team: Edmondson's seven items, answered anonymously. */
export const pulseSurveys = pgTable(
  "pulse_surveys",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    teamId: text("team_id").notNull(),
    shareHash: text("share_hash").notNull().unique(),
    openedOn: day("opened_on").notNull(),
    closedOn: day("closed_on"),
    minGroupSize: integer("min_group_size").notNull().default(5),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** Participation tokens of a pulse, by hash: one answer each, linked to no answer. */
export const pulseParticipants = pgTable(
  "pulse_participants",
  {
    orgId: text("org_id").notNull(),
    surveyId: text("survey_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    answered: boolean("answered").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.surveyId, t.tokenHash] })],
);

/** One anonymous answer: seven ratings from 1 to 7, the day only, a random id. */
export const pulseResponses = pgTable(
  "pulse_responses",
  {
    orgId: text("org_id").notNull(),
    surveyId: text("survey_id").notNull(),
    id: text("id").notNull(),
    answers: jsonb("answers").$type<number[]>().notNull(),
    submittedOn: day("submitted_on").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.surveyId, t.id] })],
);

/**
 * Anonymous submissions waiting to be released: a pre-mortem risk, a pulse answer or a truth of an anonymous
 * review, written in a transaction
 * of its own that touches nothing else, with a random id and the day only. They are moved into their ritual's
 * table in shuffled batches (at least three at a time, or all when the ritual moves on), which deletes them
 * here: no row ties a released submission to the moment, transaction or participant that sent it.
 */
export const sealedSubmissions = pgTable(
  "sealed_submissions",
  {
    id: uuid("id").notNull().defaultRandom(),
    orgId: text("org_id").notNull(),
    kind: text("kind").$type<"premortem_item" | "pulse_answer" | "review_truth">().notNull(),
    /** The pre-mortem session's or review's initiative; null for a pulse. */
    initiativeId: text("initiative_id"),
    ritualId: text("ritual_id").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    sealedOn: day("sealed_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id] }),
    index("sealed_submissions_ritual_idx").on(t.orgId, t.kind, t.ritualId),
  ],
);

/**
 * Personal single-use invitations to a pre-mortem or a pulse (docs/anonymity.md). Only an HMAC of the secret
 * under the anonymity key is kept, so whoever reads the database cannot tell which row is whose invitation;
 * a random id, the day it was issued, and whether it was used: nothing finer that could date a join.
 */
export const ritualInvitations = pgTable(
  "ritual_invitations",
  {
    orgId: text("org_id").notNull(),
    kind: text("kind").$type<"premortem" | "pulse">().notNull(),
    ritualId: text("ritual_id").notNull(),
    id: text("id").notNull(),
    secretHash: text("secret_hash").notNull().unique(),
    issuedOn: day("issued_on").notNull(),
    used: boolean("used").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("ritual_invitations_ritual_idx").on(t.orgId, t.kind, t.ritualId),
  ],
);

/** Local accounts: a person of an org who signs in with an email and a password (scrypt-hashed). */
export const users = pgTable(
  "users",
  {
    orgId: org(),
    personId: text("person_id").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").$type<"admin" | "lead" | "member" | "viewer">().notNull(),
    createdAt: createdAt(),
    disabledAt: timestamp("disabled_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.personId] }), uniqueIndex("users_email_idx").on(t.email)],
);

/**
 * Sign-in throttling's counters, shared by every server on the database (rate-limiter-flexible's Drizzle store:
 * its own columns). Keyed by a keyed hash of the e-mail or address, never the e-mail or address itself; rows
 * past their expiry are pruned hourly.
 */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true, mode: "date" }),
});

/** Browser sessions, by the hash of their cookie; each carries its CSRF token and can be revoked. */
export const sessions = pgTable(
  "sessions",
  {
    orgId: org(),
    id: text("id").notNull(),
    secretHash: text("secret_hash").notNull().unique(),
    personId: text("person_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/**
 * Changes, for the live stream: written in the transaction of the change, announced with NOTIFY on commit,
 * read back by id so a client that reconnects with Last-Event-ID misses nothing, whichever server it reaches.
 */
export const events = pgTable(
  "events",
  {
    orgId: org(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    type: text("type").notNull(),
    initiativeId: text("initiative_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // An initiative's version is the id of its latest change: one index entry read, backwards.
    index("events_initiative_changes")
      .on(t.orgId, t.initiativeId, t.id)
      .where(sql`type = 'initiative.changed'`),
  ],
);

/**
 * The durable job queue (notifications and the scans that make them): claimed with SKIP LOCKED by any server on
 * the database, retried with exponential backoff. A job with a `singleton_key` is enqueued once: scheduling the
 * same work twice is a no-op.
 */
export const jobs = pgTable(
  "jobs",
  {
    orgId: org(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    queue: text("queue").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    singletonKey: text("singleton_key"),
    /** queued, done or failed (after the last attempt). */
    state: text("state").notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true, mode: "date" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("jobs_singleton").on(t.orgId, t.singletonKey),
    index("jobs_due").on(t.state, t.runAt),
  ],
);

/**
 * Every notification Plumbline sends, one row per message: a record (never changed, never deleted), its
 * idempotency key unique so the same reminder for the same subject and day is sent once however often it is
 * scheduled. What became of it is in its attempts.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    orgId: org(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    channel: text("channel").notNull(),
    /** The person it is for, or the endpoint's id for an org-wide webhook. */
    recipient: text("recipient").notNull(),
    kind: text("kind").notNull(),
    initiativeId: text("initiative_id"),
    /** What it is about: `commitment:c1`, `signal:<fingerprint>`. */
    subject: text("subject"),
    idempotencyKey: text("idempotency_key").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("notification_deliveries_key").on(t.orgId, t.idempotencyKey),
  ],
);

/**
 * Each attempt to send a delivery, appended as it ends: sent, to be retried, or failed for good. A delivery's
 * status is its last attempt's. `error` holds the failure without secrets (no URL, no signature, no
 * credentials).
 */
export const notificationAttempts = pgTable(
  "notification_attempts",
  {
    orgId: text("org_id").notNull(),
    deliveryId: bigint("delivery_id", { mode: "number" }).notNull(),
    /** 1 for the first attempt, then one more each time. */
    attempt: integer("attempt").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    outcome: text("outcome").$type<"sent" | "retry" | "failed">().notNull(),
    error: text("error"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.deliveryId, t.attempt] }),
    foreignKey({
      name: "notification_attempts_delivery_fk",
      columns: [t.orgId, t.deliveryId],
      foreignColumns: [notificationDeliveries.orgId, notificationDeliveries.id],
    }).onDelete("cascade"),
  ],
);

/** Where org-wide notifications go: generic webhooks (signed) and Slack incoming webhooks. Set by admins. */
export const notificationEndpoints = pgTable(
  "notification_endpoints",
  {
    orgId: org(),
    id: text("id").notNull(),
    channel: text("channel").notNull(),
    url: text("url").notNull(),
    /** The HMAC-SHA256 key of a generic webhook; null for Slack. */
    secret: text("secret"),
    /** The kinds it receives; empty: all. */
    kinds: jsonb("kinds").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** What each person chooses to get: a kind on a channel, on or off. No row: on. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    orgId: org(),
    personId: text("person_id").notNull(),
    kind: text("kind").notNull(),
    channel: text("channel").notNull(),
    enabled: boolean("enabled").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.personId, t.kind, t.channel] })],
);

/** Who follows an initiative (for its weekly digest), besides its owner. */
export const initiativeFollowers = pgTable(
  "initiative_followers",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    personId: text("person_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId, t.personId] }),
    foreignKey({
      columns: [t.orgId, t.initiativeId],
      foreignColumns: [initiatives.orgId, initiatives.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Each sync that changed an initiative (`plumb sync`): when, from where, what came in and what could not be
 * taken in and why, and the cursor the next sync starts from. Appended, never changed.
 */
export const sourceSyncs = pgTable(
  "source_syncs",
  {
    orgId: text("org_id").notNull(),
    initiativeId: text("initiative_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    /** The kind of source (domain/sources.ts). */
    source: text("source").notNull(),
    syncedAt: timestamp("synced_at", { withTimezone: true, mode: "date" }).notNull(),
    /** Where the next incremental read starts (the latest update taken in); null: read everything. */
    cursor: timestamp("cursor", { withTimezone: true, mode: "date" }),
    /** How many items the source sent. */
    received: integer("received").notNull(),
    /** Commitment ids created, updated and removed (cancelled at the source). */
    created: jsonb("created").$type<string[]>().notNull().default([]),
    updated: jsonb("updated").$type<string[]>().notNull().default([]),
    removed: jsonb("removed").$type<string[]>().notNull().default([]),
    /** What could not be taken in: `{ ref, reason }` each. */
    failures: jsonb("failures").$type<Array<{ ref: string; reason: string }>>().notNull().default([]),
    /** The initiative's version the sync wrote. */
    version: bigint("version", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.initiativeId, t.id] }),
    index("source_syncs_latest_idx").on(t.orgId, t.initiativeId, t.source, t.syncedAt),
    foreignKey({
      columns: [t.orgId, t.initiativeId],
      foreignColumns: [initiatives.orgId, initiatives.id],
    }).onDelete("cascade"),
  ],
);
