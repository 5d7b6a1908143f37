// Jira's REST payloads (Cloud v3, and the v2 shapes Server still answers) mapped to Plumbline's model: an issue
// becomes a commitment, its changelog the commitment's due history and status history, its "blocks" and
// "depends on" links dependencies between commitments. Pure: payloads, the mapping and a clock reading in,
// commitments out, with every issue that could not be mapped named and why.
import { z } from "zod";
import type { Commitment, Fact, Link } from "../../domain/model.ts";
import { isIsoDate, type IsoDate } from "../../domain/primitives.ts";
import { provenanceOf } from "../../domain/provenance.ts";

/** Resolutions that mean the work will not be done, unless the initiative's file names its own. */
export const DEFAULT_WONT_DO = ["Won't Do", "Won't Fix", "Duplicate", "Cannot Reproduce"] as const;

/** The fields a search asks Jira for: what the mapping reads, nothing more. */
export const JIRA_FIELDS = [
  "summary",
  "description",
  "assignee",
  "project",
  "components",
  "duedate",
  "fixVersions",
  "resolution",
  "resolutiondate",
  "status",
  "issuelinks",
  "updated",
] as const;

/** How one initiative's issues map: its Jira site, its teams and who is who. */
export interface JiraMapping {
  /** The site, e.g. https://example.atlassian.net (issue pages are <baseUrl>/browse/<key>). */
  baseUrl: string;
  /** A project key or a component name → a team's id. A component wins over its project. */
  teams: Record<string, string>;
  /** Resolution names that mean "cancelled" (compared without case); DEFAULT_WONT_DO when absent. */
  wontDo?: readonly string[];
  /** An account id (Cloud) or user name (Server) → a person's id, for assignees whose e-mail is hidden. */
  people?: Record<string, string>;
}

/** A person of the org as the mapping matches assignees to them. */
export interface OrgPerson {
  id: string;
  email: string | null;
}

/** A due date's move, dated when it was made: a slip moves it later (or drops it), a pull-in earlier. */
export interface DueMove {
  at: string;
  from: IsoDate | null;
  to: IsoDate | null;
  kind: "slip" | "pull-in" | "set";
}

/** A status change, dated. */
export interface StatusChange {
  at: string;
  from: string | null;
  to: string | null;
}

/** One issue as Plumbline reads it. */
export interface MappedIssue {
  key: string;
  commitment: Commitment;
  /** The issue's status now ("In Progress"), also kept as the commitment's `jira_status` fact. */
  status: string | null;
  statusHistory: StatusChange[];
  dueMoves: DueMove[];
  /** The description as plain text (from ADF on Cloud v3, a string on Server); not stored. */
  description: string | null;
  /** When Jira last changed the issue, as Jira wrote it. */
  updated: string | null;
  /** The assignee, when they matched nobody in the org (the commitment then has no owner). */
  unmatchedAssignee: string | null;
}

export interface MappedIssues {
  commitments: MappedIssue[];
  /** Dependencies between the issues' commitments (either end may be outside this batch). */
  links: Link[];
  /** Issues resolved as won't-do: not commitments any more. */
  cancelled: Array<{ key: string; id: string; resolution: string }>;
  /** Issues that could not be mapped, and why. */
  failures: Array<{ key: string; reason: string }>;
}

const Named = z.looseObject({ name: z.string().nullish() });
const User = z.looseObject({
  accountId: z.string().nullish(),
  emailAddress: z.string().nullish(),
  displayName: z.string().nullish(),
  name: z.string().nullish(),
  key: z.string().nullish(),
});
const LinkType = z.looseObject({
  name: z.string().nullish(),
  inward: z.string().nullish(),
  outward: z.string().nullish(),
});
const LinkedIssue = z.looseObject({ key: z.string() });
const IssueLink = z.looseObject({
  type: LinkType,
  inwardIssue: LinkedIssue.nullish(),
  outwardIssue: LinkedIssue.nullish(),
});
/** A string when the payload has one of its own: an item without `toString` must not read Object's method. */
const OwnString = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === "string" ? v : null));
const HistoryItem = z.looseObject({
  field: z.string(),
  from: OwnString,
  fromString: OwnString,
  to: OwnString,
  toString: OwnString,
});
const History = z.looseObject({ created: z.string(), items: z.array(HistoryItem).default([]) });

/** The parts of an issue the mapping reads; everything else Jira sends is let through unread. */
export const JiraIssueSchema = z.looseObject({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*-\d+$/, { message: "is not a Jira issue key (PROJ-123)" }),
  fields: z.looseObject({
    summary: z.string().nullish(),
    description: z.unknown().optional(),
    assignee: User.nullish(),
    project: z.looseObject({ key: z.string() }).nullish(),
    components: z.array(Named).nullish(),
    duedate: z.string().nullish(),
    fixVersions: z
      .array(z.looseObject({ name: z.string().nullish(), releaseDate: z.string().nullish() }))
      .nullish(),
    resolution: Named.nullish(),
    resolutiondate: z.string().nullish(),
    status: Named.nullish(),
    issuelinks: z.array(IssueLink).nullish(),
    updated: z.string().nullish(),
  }),
  changelog: z.looseObject({ histories: z.array(History).default([]) }).nullish(),
});
export type JiraIssue = z.infer<typeof JiraIssueSchema>;

/** A commitment's id from an issue key: PROJ-123 → PROJ_123 (an id a check can name). */
export function commitmentIdOf(key: string): string {
  return key.replace(/-/g, "_");
}

/** The issue's page: <base>/browse/<key>. */
export function issueUrl(baseUrl: string, key: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/browse/${encodeURIComponent(key)}`;
}

/** The calendar day a Jira date or timestamp names, in the offset Jira wrote it in; null when it names none. */
export function dayOf(value: string | null | undefined): IsoDate | null {
  if (!value) return null;
  const day = value.slice(0, 10);
  return isIsoDate(day) ? day : null;
}

const normalise = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'");

/** ADF's blocks that hold text directly (lists and tables hold these). */
const TEXT_BLOCKS = new Set(["paragraph", "heading", "codeBlock"]);

/**
 * A description as plain text: Cloud v3 sends Atlassian Document Format (a tree of nodes whose leaves carry
 * `text`), Server and v2 a string. Blocks are separated by a line break.
 */
export function descriptionText(description: unknown): string | null {
  if (description === null || description === undefined) return null;
  if (typeof description === "string") return description.trim() === "" ? null : description;
  const blocks: string[] = [];
  const inline = (node: unknown): string => {
    if (!node || typeof node !== "object") return "";
    const n = node as { type?: unknown; text?: unknown; content?: unknown; attrs?: { text?: unknown } };
    if (typeof n.text === "string") return n.text;
    if (n.type === "hardBreak") return "\n";
    if (n.type === "mention" && typeof n.attrs?.text === "string") return n.attrs.text;
    return Array.isArray(n.content) ? n.content.map(inline).join("") : "";
  };
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: unknown; content?: unknown };
    if (typeof n.type === "string" && TEXT_BLOCKS.has(n.type)) {
      const text = inline(node);
      if (text.trim() !== "") blocks.push(text);
    } else if (Array.isArray(n.content)) n.content.forEach(walk);
  };
  walk(description);
  return blocks.length > 0 ? blocks.join("\n") : null;
}

/** The histories oldest first (Jira sends them in either order), each item with its change's time. */
function changes(issue: JiraIssue): Array<{ at: string; item: z.infer<typeof HistoryItem> }> {
  const histories = [...(issue.changelog?.histories ?? [])].sort(
    (a, b) => Date.parse(a.created) - Date.parse(b.created),
  );
  return histories.flatMap((h) => h.items.map((item) => ({ at: h.created, item })));
}

/** The due date's moves from the changelog, oldest first, each told slip from pull-in. */
export function dueMovesOf(issue: JiraIssue): DueMove[] {
  return changes(issue)
    .filter(({ item }) => item.field === "duedate")
    .map(({ at, item }) => {
      const from = dayOf(item.from),
        to = dayOf(item.to);
      const kind = from === null ? "set" : to === null || to > from ? "slip" : "pull-in";
      return { at, from, to, kind } satisfies DueMove;
    })
    .filter((m) => m.from !== m.to);
}

/**
 * The commitment's earlier due dates, oldest first: every date the changelog moved away from. The engine tells
 * slips from pull-ins by comparing each with the next (engine/detectors/repeated-slip.ts), so both are kept.
 */
export function dueHistoryOf(moves: DueMove[], due: IsoDate | null): IsoDate[] {
  const history: IsoDate[] = [];
  for (const move of moves) {
    if (move.from !== null && history.at(-1) !== move.from) history.push(move.from);
  }
  // A history that ends at the date now in force is a move back to it, which the last entry already says.
  while (history.length > 0 && history.at(-1) === due) history.pop();
  return history;
}

export function statusHistoryOf(issue: JiraIssue): StatusChange[] {
  return changes(issue)
    .filter(({ item }) => item.field === "status")
    .map(({ at, item }) => ({ at, from: item.fromString ?? null, to: item.toString ?? null }));
}

/** The due date: the issue's own, else the earliest release date of its fix versions. */
export function dueOf(issue: JiraIssue): IsoDate | null {
  const own = dayOf(issue.fields.duedate);
  if (own) return own;
  const releases = (issue.fields.fixVersions ?? [])
    .map((v) => dayOf(v.releaseDate))
    .filter((d): d is IsoDate => d !== null)
    .sort();
  return releases[0] ?? null;
}

/** The team: the first of the issue's components the mapping names, else its project's. */
export function teamOf(issue: JiraIssue, teams: Record<string, string>): string | null {
  for (const component of issue.fields.components ?? []) {
    if (component.name && Object.hasOwn(teams, component.name)) return teams[component.name]!;
  }
  const project = issue.fields.project?.key;
  return project && Object.hasOwn(teams, project) ? teams[project]! : null;
}

/** The owner: the org's person with the assignee's e-mail, else the one the mapping names for their account. */
export function ownerOf(
  assignee: JiraIssue["fields"]["assignee"],
  people: OrgPerson[],
  accounts: Record<string, string> = {},
): string | null {
  if (!assignee) return null;
  const email = assignee.emailAddress?.trim().toLowerCase();
  if (email) {
    const person = people.find((p) => p.email?.toLowerCase() === email);
    if (person) return person.id;
  }
  for (const account of [assignee.accountId, assignee.name, assignee.key]) {
    if (account && Object.hasOwn(accounts, account)) return accounts[account]!;
  }
  return null;
}

/** Which side of a link type delivers: "blocks" is said by the provider, "depends on" by the one waiting. */
function providerSide(type: z.infer<typeof LinkType>): "outward" | "inward" | null {
  const outward = normalise(type.outward ?? "");
  if (/^blocks\b/.test(outward)) return "outward";
  if (/^(depends (on|upon)|requires)\b/.test(outward)) return "inward";
  return null;
}

/** The dependencies an issue's links state, `from` the issue that delivers `to` the one that waits. */
export function dependenciesOf(issue: JiraIssue): Array<{ from: string; to: string; statement: string }> {
  return (issue.fields.issuelinks ?? []).flatMap((link) => {
    const side = providerSide(link.type);
    const other = link.outwardIssue?.key ?? link.inwardIssue?.key;
    if (!side || !other) return [];
    // On this issue, an outwardIssue is what this issue <outward verb>s; an inwardIssue <outward verb>s this one.
    const thisSaysOutward = Boolean(link.outwardIssue);
    const [subject, object] = thisSaysOutward ? [issue.key, other] : [other, issue.key];
    const [from, to] = side === "outward" ? [subject, object] : [object, subject];
    return [
      { from, to, statement: `${subject} ${link.type.outward ?? ""} ${object} (Jira)`.replace(/\s+/g, " ") },
    ];
  });
}

const TITLE_MAX = 300;

/** Maps one issue; a string says why it could not be. */
export function mapIssue(
  raw: unknown,
  mapping: JiraMapping,
  people: OrgPerson[],
  fetchedAt: Date,
): MappedIssue | { key: string; cancelled: string } | { key: string; failure: string } {
  const parsed = JiraIssueSchema.safeParse(raw);
  const rawKey =
    raw && typeof raw === "object" && typeof (raw as { key?: unknown }).key === "string"
      ? (raw as { key: string }).key
      : "(no key)";
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { key: rawKey, failure: `${issue.path.join(".") || "issue"} ${issue.message}` };
  }
  const issue = parsed.data;
  const { key, fields } = issue;
  const resolution = fields.resolution?.name ?? null;
  const wontDo = (mapping.wontDo ?? DEFAULT_WONT_DO).map(normalise);
  if (resolution && wontDo.includes(normalise(resolution))) return { key, cancelled: resolution };

  const teamId = teamOf(issue, mapping.teams);
  if (!teamId) {
    const components = (fields.components ?? []).map((c) => c.name).filter(Boolean);
    return {
      key,
      failure:
        `no team for project ${fields.project?.key ?? "(none)"}` +
        (components.length ? ` or its components (${components.join(", ")})` : "") +
        ": add one to sources.jira.teams",
    };
  }
  const summary = (fields.summary ?? "").trim();
  const title =
    summary === "" ? key : summary.length > TITLE_MAX ? `${summary.slice(0, TITLE_MAX - 1)}…` : summary;
  const due = dueOf(issue);
  const moves = dueMovesOf(issue);
  const ownerId = ownerOf(fields.assignee, people, mapping.people);
  const status = fields.status?.name ?? null;
  const facts: Record<string, Fact> = status ? { jira_status: { type: "string", value: status } } : {};
  const commitment: Commitment = {
    id: commitmentIdOf(key),
    teamId,
    ownerId,
    title,
    due,
    dueHistory: dueHistoryOf(moves, due),
    done: resolution ? dayOf(fields.resolutiondate) : null,
    facts,
    provenance: provenanceOf("jira", key, fetchedAt, issueUrl(mapping.baseUrl, key)),
  };
  const assignee = fields.assignee;
  return {
    key,
    commitment,
    status,
    statusHistory: statusHistoryOf(issue),
    dueMoves: moves,
    description: descriptionText(fields.description),
    updated: fields.updated ?? null,
    unmatchedAssignee:
      assignee && ownerId === null
        ? (assignee.emailAddress ?? assignee.accountId ?? assignee.name ?? assignee.displayName ?? null)
        : null,
  };
}

/** Maps a batch of issues: their commitments, the dependencies between them, and what could not be mapped. */
export function mapIssues(
  issues: unknown[],
  mapping: JiraMapping,
  people: OrgPerson[],
  fetchedAt: Date,
): MappedIssues {
  const result: MappedIssues = { commitments: [], links: [], cancelled: [], failures: [] };
  const links = new Map<string, Link>();
  for (const raw of issues) {
    const mapped = mapIssue(raw, mapping, people, fetchedAt);
    if ("failure" in mapped) {
      result.failures.push({ key: mapped.key, reason: mapped.failure });
      continue;
    }
    if ("cancelled" in mapped) {
      result.cancelled.push({
        key: mapped.key,
        id: commitmentIdOf(mapped.key),
        resolution: mapped.cancelled,
      });
      continue;
    }
    result.commitments.push(mapped);
    for (const dependency of dependenciesOf(JiraIssueSchema.parse(raw))) {
      const id = `jira-${dependency.from}-${dependency.to}`;
      if (links.has(id)) continue;
      links.set(id, {
        id,
        kind: "dependency",
        fromId: commitmentIdOf(dependency.from),
        toId: commitmentIdOf(dependency.to),
        directed: true,
        statement: dependency.statement,
        check: null,
        due: null,
        ownerId: null,
        state: null,
      });
    }
  }
  result.links = [...links.values()];
  return result;
}

/** The latest `updated` of the issues, as an instant: where the next incremental sync starts. */
export function latestUpdate(issues: Array<{ updated: string | null }>): Date | null {
  const times = issues.map((i) => (i.updated ? Date.parse(i.updated) : NaN)).filter((t) => !Number.isNaN(t));
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}
