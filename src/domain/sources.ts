// Where an initiative's evidence is read from, as its file configures it: for now one Jira site and query.
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

export const InitiativeSourcesSchema = z.object({ jira: JiraSourceSchema.optional() });
export type InitiativeSources = z.infer<typeof InitiativeSourcesSchema>;

/** The kinds of source `plumb sync` can read. */
export const SYNC_SOURCES = ["jira"] as const;
export type SyncSource = (typeof SYNC_SOURCES)[number];
