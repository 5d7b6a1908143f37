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
