// Where a commitment came from, and what people changed of it by hand, in words: "From GitHub acme/billing#7";
// "Due changed by hand by Lee Park: GitHub says 8 Mar 2026".
import type { OverridableField, Provenance } from "../../lib/api-types.ts";
import { formatDate } from "../../lib/format.ts";

const SOURCE: Record<Provenance["kind"], string> = {
  manual: "typed by hand",
  csv: "a CSV file",
  api: "the API",
  jira: "Jira",
  github: "GitHub",
};

const FIELD: Record<OverridableField, string> = {
  title: "Title",
  team: "Team",
  owner: "Owner",
  due: "Due",
  done: "Done",
};

/** "From Jira ORB-12", or null for a commitment typed into the plan. */
export function sourceLine(provenance: Provenance | undefined): string | null {
  if (!provenance || provenance.kind === "manual") return null;
  return `From ${SOURCE[provenance.kind]}${provenance.ref ? ` ${provenance.ref}` : ""}`;
}

/** One sentence per field changed by hand, each with what the source says. */
export function overrideLines(
  provenance: Provenance | undefined,
  name: (id: string | undefined) => string,
  team: (id: string) => string,
): string[] {
  const source = provenance ? SOURCE[provenance.kind] : "";
  const shown = (field: OverridableField, value: string): string => {
    if (field === "due" || field === "done") return formatDate(value);
    if (field === "owner") return name(value);
    if (field === "team") return team(value);
    return `“${value}”`;
  };
  return (Object.keys(FIELD) as OverridableField[]).flatMap((field) => {
    const override = provenance?.overrides?.[field];
    if (!override) return [];
    const says = override.source === null ? "none" : shown(field, override.source);
    const who = override.by ? ` by ${name(override.by)}` : "";
    return [
      `${FIELD[field]} changed by hand${who} on ${formatDate(override.at.slice(0, 10))}: ${source} says ${says}`,
    ];
  });
}
