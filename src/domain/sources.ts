// Where an initiative's evidence is read from, as its file configures it: a Jira site and query, a GitHub
// repository.
// Defined once here; the initiative file spells it in snake_case (initiative-file/schema.ts), the store keeps
// it with the initiative, and `plumb sync` reads it.
import { z } from "zod";
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
