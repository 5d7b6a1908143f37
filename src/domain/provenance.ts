// Where a piece of evidence came from: typed by a person, a CSV file, an API client or a tracker such as Jira or GitHub.
// Defined once here; metric points and commitments store it, the API returns it, `plumb export` shows it.
import { z } from "zod";

export const SOURCE_KINDS = ["manual", "csv", "api", "jira", "github"] as const;
export const SourceKindSchema = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKindSchema>;

/** The longest source reference kept: a file name, a dashboard URL, an issue key. */
export const MAX_SOURCE_REF = 500;

export const ProvenanceSchema = z
  .object({
    /** How it arrived. */
    kind: SourceKindSchema,
    /** What it came from, in the source's own words (a file, a dashboard, an issue key); null when unsaid. */
    ref: z.string().trim().min(1).max(MAX_SOURCE_REF).nullable().default(null),
    /** Where a person can see it at the source (a Jira issue's page); absent when there is none. */
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    /** When Plumbline took it in (an ISO 8601 instant). */
    imported_at: z.iso.datetime({ offset: true }),
  })
  .strict()
  .describe(
    "Where it came from: manual | csv | api | jira | github, the source's reference, and when it was taken in",
  );
export type Provenance = z.infer<typeof ProvenanceSchema>;

export function provenanceOf(
  kind: SourceKind,
  ref: string | null,
  importedAt: Date,
  url?: string,
): Provenance {
  return {
    kind,
    ref: ref === null || ref.trim() === "" ? null : ref.trim(),
    ...(url ? { url } : {}),
    imported_at: importedAt.toISOString(),
  };
}

/** A commitment's fields a source says, and which a person may still change by hand (an override). */
export const OVERRIDABLE_FIELDS = ["title", "team", "owner", "due", "done"] as const;
export type OverridableField = (typeof OVERRIDABLE_FIELDS)[number];

export const OverrideSchema = z
  .object({
    /** What the source says (null: nothing, e.g. no due date), as of its latest sync. */
    source: z.string().nullable(),
    /** Who changed it by hand (a person's id), null for a token or the command line. */
    by: z.string().nullable(),
    /** When (an ISO 8601 instant). */
    at: z.iso.datetime({ offset: true }),
  })
  .strict();
export type Override = z.infer<typeof OverrideSchema>;

export const CommitmentProvenanceSchema = ProvenanceSchema.extend({
  overrides: z
    .partialRecord(z.enum(OVERRIDABLE_FIELDS), OverrideSchema)
    .optional()
    .describe(
      "Fields changed by hand in Plumbline since the source said them: what the source says, who changed it, when",
    ),
})
  .strict()
  .describe(
    "Where it came from: manual | csv | api | jira | github, the source's reference, when it was taken in, " +
      "and the fields changed by hand since (overrides)",
  );
export type CommitmentProvenance = z.infer<typeof CommitmentProvenanceSchema>;
