// Where an initiative's evidence is read from, as its file configures it: a Jira site and query, a GitHub
// repository.
// Defined once here; the initiative file spells it in snake_case (initiative-file/schema.ts), the store keeps
// it with the initiative, and `plumb sync` reads it.
import { z } from "zod";
import { DORA_METRICS, type DoraMetric } from "./dora.ts";
import { KeySchema } from "./primitives.ts";

export const JiraSourceSchema = z.object({
  /** The site, e.g. https://example.atlassian.net. */
  baseUrl: z.string(),
  /** Which issues are the initiative's commitments. */
  jql: z.string(),
  /** A Jira project key or component name → a team's id. */
  teams: z.record(z.string(), KeySchema),
  /** Resolutions that mean the work is cancelled; null: Won't Do, Won't Fix, Duplicate, Cannot Reproduce. */
  wontDo: z.array(z.string()).nullable().default(null),
  /** A Jira account id (or Server user name) → a person's id, for assignees whose e-mail Jira hides. */
  people: z.record(z.string(), KeySchema).default({}),
});
export type JiraSource = z.infer<typeof JiraSourceSchema>;

/** The DORA metrics read from a GitHub repository (domain/dora.ts, importers/github/to-dora.ts). */
export const GitHubDoraSchema = z.object({
  /** The deployments' environment. */
  environment: z.string().default("production"),
  /** The label that makes an issue an incident. */
  incidentLabel: z.string().default("incident"),
  /** Which metric keeps each series; null: all four, each in the metric named as the series is. */
  metrics: z.partialRecord(z.enum(DORA_METRICS), KeySchema).nullable().default(null),
});
export type GitHubDora = z.infer<typeof GitHubDoraSchema>;

/** The series a DORA source writes, each with the metric that keeps it. */
export function doraMetricsOf(dora: GitHubDora): Array<{ series: DoraMetric; metric: string }> {
  if (dora.metrics === null) return DORA_METRICS.map((series) => ({ series, metric: series }));
  return DORA_METRICS.flatMap((series) => {
    const metric = dora.metrics?.[series];
    return metric ? [{ series, metric }] : [];
  });
}

export const GitHubSourceSchema = z.object({
  /** `owner/repo`. */
  repo: z.string(),
  /** The REST API's address; null: https://api.github.com (a GitHub Enterprise Server's is …/api/v3). */
  apiUrl: z.string().nullable().default(null),
  /** Only issues with every one of these labels are the initiative's commitments; empty: every issue. */
  labels: z.array(z.string()).default([]),
  /** A label → a team's id. */
  teams: z.record(z.string(), KeySchema).default({}),
  /** The team of an issue whose labels name none; null: such an issue is not taken in. */
  team: KeySchema.nullable().default(null),
  /** A GitHub login → a person's id. */
  people: z.record(z.string(), KeySchema).default({}),
  /** The DORA metrics, when the repository's deliveries are read too. */
  dora: GitHubDoraSchema.optional(),
});
export type GitHubSource = z.infer<typeof GitHubSourceSchema>;

export const InitiativeSourcesSchema = z.object({
  jira: JiraSourceSchema.optional(),
  github: GitHubSourceSchema.optional(),
});
export type InitiativeSources = z.infer<typeof InitiativeSourcesSchema>;

/** The kinds of source `plumb sync` can read. */
export const SYNC_SOURCES = ["jira", "github"] as const;
export type SyncSource = (typeof SYNC_SOURCES)[number];
