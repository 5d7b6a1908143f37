// The initiative file's schema (YAML or JSON, snake_case keys): the contract published as JSON Schema.
import { z } from "zod";
import {
  COMPARATORS,
  FactSchema,
  DECISION_KINDS,
  HANDOFF_STATES,
  LINK_KINDS,
  SUBJECT_TYPES,
  VERDICTS,
} from "../domain/model.ts";
import { HEALTHS, IsoDateSchema, isIsoDate, KeySchema, LevelSchema } from "../domain/primitives.ts";
import { DORA_METRICS, type DoraMetric } from "../domain/dora.ts";
import { CommitmentProvenanceSchema } from "../domain/provenance.ts";

const Text = (max = 2000) => z.string().trim().min(1, { message: "must not be empty" }).max(max);
const PersonRef = KeySchema.describe("A person's id from `people`");
const TeamRef = KeySchema.describe("A team's key from `teams`");
const Identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,79}$/, {
  message: "must be an identifier usable in a check: letters, digits and '_', not starting with a digit",
});
const Cel = z.string().trim().min(1, { message: "must not be empty" }).max(2000);
const Point = z.tuple([IsoDateSchema, z.number()]).describe("A point as [date, value]");
const Series = z.object({ unit: Text(50), points: z.array(Point).default([]) }).strict();

export const FactValueFileSchema = z
  .union([
    z.number(),
    z.boolean(),
    z.string().max(2000),
    z.array(z.union([z.string(), z.number(), z.boolean()])),
    z
      .object({
        type: z.enum(["date", "number", "string", "boolean", "list"]),
        value: z.union([
          z.string(),
          z.number(),
          z.boolean(),
          z.array(z.union([z.string(), z.number(), z.boolean()])),
        ]),
      })
      .strict()
      .refine((fact) => FactSchema.safeParse(fact).success, {
        message: "the value does not have the type it names",
      }),
  ])
  .refine((value) => typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || isIsoDate(value), {
    message: "looks like a date but is not a real calendar date (YYYY-MM-DD)",
  })
  .describe(
    "A typed fact: a number, a boolean, a date (a string written YYYY-MM-DD), a string, a list, or `{ type, value }` to say the type outright",
  );

export const PersonFileSchema = z
  .object({
    id: KeySchema,
    name: Text(200),
    title: Text(200).optional(),
    manager: PersonRef.optional().describe("Who this person reports to"),
    email: z.email().optional(),
    left: IsoDateSchema.optional().describe("The day the person left; absent while active"),
  })
  .strict();

export const TeamFileSchema = z
  .object({
    name: Text(200).optional().describe("Display name; defaults to the key"),
    lead: PersonRef.optional(),
    members: z.array(PersonRef).optional(),
    wip_limit: z.int().positive().optional().describe("Most commitments open at once"),
  })
  .strict();

export const OutcomeFileSchema = z
  .object({
    id: KeySchema.optional().describe("Defaults to the metric's name"),
    metric: KeySchema.describe("A metric's name from `metrics`"),
    target: z
      .union([
        z.number(),
        z.string().regex(new RegExp(`^\\s*(${COMPARATORS.join("|")})\\s*-?[0-9][0-9_,]*(\\.[0-9]+)?\\s*$`), {
          message: `must be a number or a comparison such as ">= 2000" (${COMPARATORS.join(" ")})`,
        }),
      ])
      .describe('The target: a number (reached when at or past it, by the metric\'s direction) or ">= 2000"'),
    by: IsoDateSchema,
    owner: PersonRef.optional(),
  })
  .strict();

export const MetricFileSchema = z
  .object({
    unit: Text(50).optional(),
    direction: z.enum(["up", "down"]).optional().describe("Which way is better (default up)"),
    points: z.array(Point).default([]),
  })
  .strict();

export const CommitmentFileSchema = z
  .object({
    team: TeamRef,
    owner: PersonRef.optional(),
    title: Text(300),
    due: IsoDateSchema.optional(),
    due_history: z
      .array(IsoDateSchema)
      .optional()
      .describe("Earlier due dates, oldest first: each move is a slip"),
    done: IsoDateSchema.optional().describe("Delivered on; absent while open"),
    facts: z.record(Identifier, FactValueFileSchema).optional().describe("Typed values other teams rely on"),
    provenance: CommitmentProvenanceSchema.optional().describe(
      "Where it came from, as `plumb sync` wrote it: kind (jira…), ref (the issue key), url and imported_at; " +
        "overrides: the fields changed by hand since, each with what the source says",
    ),
  })
  .strict();

export const LinkFileSchema = z
  .object({
    id: KeySchema.optional().describe("Defaults to link-N (its position, from 1)"),
    kind: z.enum(LINK_KINDS),
    between: z.tuple([Identifier, Identifier]).optional().describe("Two commitments, no direction"),
    from: Identifier.optional().describe("The commitment that delivers"),
    to: Identifier.optional().describe("The commitment that depends on `from`"),
    statement: Text(500),
    check: Cel.optional().describe("A CEL expression over commitments' facts and metrics.<name>"),
    due: IsoDateSchema.optional(),
    owner: PersonRef.optional(),
    state: z.enum(HANDOFF_STATES).optional().describe("A handoff's state (default proposed)"),
  })
  .strict();

export const RequirementObjectSchema = z
  .object({ title: Text(300).optional(), claims: z.record(TeamRef, Text(1000)) })
  .strict();

export const RequirementFileSchema = z
  .union([RequirementObjectSchema, z.record(TeamRef, Text(1000))])
  .describe("Each function's claim in its own words, by team; or { title, claims }");

const SUBJECT_PATTERN = new RegExp(
  `^(initiative|((${SUBJECT_TYPES.join("|")}):)?[A-Za-z0-9][A-Za-z0-9_.-]*)$`,
);

export const ReportFileSchema = z
  .object({
    id: KeySchema.optional().describe("Defaults to report-N (its position, from 1)"),
    subject: z.string().regex(SUBJECT_PATTERN, {
      message: "must be `initiative`, a commitment id, a team key, or `type:id`",
    }),
    by: PersonRef,
    date: IsoDateSchema,
    health: z.enum(HEALTHS),
    note: z.string().max(5000).optional(),
    confidence: z.number().min(0).max(1).optional(),
    cites: z
      .array(z.union([z.int().nonnegative(), KeySchema]))
      .optional()
      .describe("The reports this roll-up summarises: positions in `reports` (from 0) or ids"),
    greener_reason: z
      .string()
      .max(2000)
      .optional()
      .describe(
        "Why the report is greener than the evidence health on its subject; required when it is, at least 10 characters",
      ),
  })
  .strict();

export const AssumptionFileSchema = z.union([
  Text(500),
  z.object({ statement: Text(500), kill_criteria: Text(500).optional() }).strict(),
]);

export const MilestoneFileSchema = z
  .object({
    id: KeySchema.optional().describe("Defaults to a slug of the name"),
    name: Text(200),
    date: IsoDateSchema,
    gate: KeySchema.optional().describe(
      "The gate this milestone waits for (a gate's id): a No-Go there pauses it",
    ),
    assumptions: z.array(AssumptionFileSchema).optional(),
    tests: z
      .array(
        z
          .object({
            assumption: z.int().nonnegative().describe("Position in `assumptions`, from 0"),
            verdict: z.enum(VERDICTS),
            evidence: Text(2000).optional(),
            date: IsoDateSchema.optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const DecisionFileSchema = z
  .object({
    id: KeySchema.optional(),
    date: IsoDateSchema,
    kind: z.enum(DECISION_KINDS),
    by: PersonRef,
    responds_to: Text(300).optional().describe("What triggered it: a milestone, gate or risk, by name or id"),
    rationale: Text(2000),
  })
  .strict();

export const GateFileSchema = z
  .object({
    id: KeySchema.optional(),
    name: Text(200),
    date: IsoDateSchema.optional(),
    authorities: z.record(KeySchema, PersonRef).describe("The person who holds each role's vote"),
    votes: z
      .array(
        z
          .object({
            by: PersonRef,
            role: KeySchema.optional().describe(
              "The role voted for; needed when the voter holds several roles, or no longer holds it",
            ),
            vote: z.enum(["go", "no_go"]),
            reason: Text(2000).optional(),
            date: IsoDateSchema.optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const RiskFileSchema = z
  .object({
    id: KeySchema.optional(),
    risk: Text(500),
    likelihood: LevelSchema,
    impact: LevelSchema,
    early_warning: Cel.optional().describe("A CEL expression that is true when the risk is materialising"),
    mitigation: Text(2000).optional(),
    owner: PersonRef.optional(),
    by: PersonRef.optional().describe("Who raised it; absent when anonymous"),
    raised_on: IsoDateSchema.optional(),
  })
  .strict();

export const ReviewFileSchema = z
  .object({
    id: KeySchema.optional(),
    name: Text(200),
    date: IsoDateSchema,
    anonymous: z.boolean().optional().describe("Chosen beforehand: truths carry no author"),
    truths: z
      .array(
        z
          .object({
            by: PersonRef.optional().describe("Absent when anonymous"),
            better: Text(2000).optional(),
            as_expected: Text(2000).optional(),
            worse: Text(2000).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const RecognitionFileSchema = z
  .object({
    id: KeySchema.optional(),
    person: PersonRef,
    by: PersonRef,
    date: IsoDateSchema,
    reason: Text(1000),
  })
  .strict();

const HttpUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: "must be the site's address, such as https://example.atlassian.net (no query or fragment)",
  });

export const JiraSourceFileSchema = z
  .object({
    base_url: HttpUrl.describe("The Jira site, e.g. https://example.atlassian.net"),
    jql: Text(4000).describe(
      "The JQL that finds the initiative's issues, e.g. project = BILL AND labels = q3",
    ),
    teams: z
      .record(z.string().trim().min(1).max(255), TeamRef)
      .refine((teams) => Object.keys(teams).length > 0, {
        message: "must map at least one project or component",
      })
      .describe("A Jira project key or component name → a team's key (a component wins over its project)"),
    wont_do: z
      .array(Text(100))
      .optional()
      .describe("Resolutions that mean cancelled (default Won't Do, Won't Fix, Duplicate, Cannot Reproduce)"),
    people: z
      .record(z.string().trim().min(1).max(255), PersonRef)
      .optional()
      .describe(
        "A Jira account id (or Server user name) → a person's id, when Jira hides the assignee's e-mail",
      ),
  })
  .strict();

export const GitHubDoraFileSchema = z
  .object({
    environment: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .optional()
      .describe("The environment whose deployments count (default production)"),
    incident_label: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe("The label that makes an issue an incident (default incident)"),
    metrics: z
      .object(
        Object.fromEntries(DORA_METRICS.map((m) => [m, KeySchema.optional()])) as Record<
          DoraMetric,
          z.ZodOptional<typeof KeySchema>
        >,
      )
      .strict()
      .optional()
      .describe(
        "Which of the file's metrics keeps each series; only those named are written (default: all four, " +
          "each in the metric named as the series is)",
      ),
  })
  .strict()
  .describe(
    "Deployments, releases, merged pull requests and incidents as the DORA metrics' weekly points (docs/connectors.md)",
  );

export const GitHubSourceFileSchema = z
  .object({
    repo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/, {
        message: "must be a repository as owner/repo, such as acme/billing",
      })
      .describe("The repository whose issues are the initiative's commitments, as owner/repo"),
    api_url: HttpUrl.optional().describe(
      "The REST API's address (default https://api.github.com; GitHub Enterprise Server: https://<host>/api/v3)",
    ),
    labels: z
      .array(z.string().trim().min(1).max(100))
      .optional()
      .describe("Only issues with every one of these labels are taken in (default: every issue)"),
    teams: z
      .record(z.string().trim().min(1).max(100), TeamRef)
      .optional()
      .describe("A label → a team's key: an issue's first label named here gives its team"),
    team: TeamRef.optional().describe("The team of an issue whose labels name none"),
    people: z
      .record(z.string().trim().min(1).max(39), PersonRef)
      .optional()
      .describe("A GitHub login → a person's id: the assignee becomes the owner"),
    dora: GitHubDoraFileSchema.optional(),
  })
  .strict()
  .refine((g) => g.team !== undefined || Object.keys(g.teams ?? {}).length > 0, {
    message: "must name a team: teams (by label), team (for every issue), or both",
    path: ["teams"],
  });

export const SourcesFileSchema = z
  .object({ jira: JiraSourceFileSchema.optional(), github: GitHubSourceFileSchema.optional() })
  .strict()
  .describe("Where `plumb sync` reads evidence from (docs/connectors.md)");

export const InitiativeFileSchema = z
  .object({
    version: z.literal(1).optional().describe("The file format's version"),
    initiative: Text(200).describe("The initiative's name"),
    id: KeySchema.optional().describe("Defaults to a slug of the name"),
    owner: PersonRef.describe("Accountable for the whole outcome"),
    as_of: IsoDateSchema.optional().describe('"Today" for evaluation; default: now'),
    summary: Text(2000).optional(),
    cadence_days: z
      .int()
      .positive()
      .max(365)
      .optional()
      .describe("Days within which every subject should be reported on (default 14)"),
    sources: SourcesFileSchema.optional(),
    people: z.array(PersonFileSchema).default([]),
    teams: z.record(KeySchema, TeamFileSchema).default({}),
    descriptions: z
      .record(TeamRef, Text(1000))
      .optional()
      .describe("Each team's own description of the initiative"),
    outcomes: z.array(OutcomeFileSchema).optional(),
    metrics: z.record(KeySchema, MetricFileSchema).optional(),
    investment: Series.optional().describe("Cumulative spend over time"),
    commitments: z.record(Identifier, CommitmentFileSchema).optional(),
    links: z.array(LinkFileSchema).optional(),
    requirements: z.record(KeySchema, RequirementFileSchema).optional(),
    reports: z.array(ReportFileSchema).optional(),
    milestones: z.array(MilestoneFileSchema).optional(),
    decisions: z.array(DecisionFileSchema).optional(),
    gates: z.array(GateFileSchema).optional(),
    risks: z.array(RiskFileSchema).optional(),
    reviews: z.array(ReviewFileSchema).optional(),
    recognitions: z.array(RecognitionFileSchema).optional(),
  })
  .strict()
  .describe("A Plumbline initiative file: one cross-functional initiative as code");

export type InitiativeFile = z.infer<typeof InitiativeFileSchema>;
export type InitiativeFileInput = z.input<typeof InitiativeFileSchema>;
