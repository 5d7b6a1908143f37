// GitHub's REST issues mapped to Plumbline's model: an issue becomes a commitment, due on its milestone's
// due_on, owned by its assignee, of the team its labels name, done when closed as completed and cancelled when
// closed as not planned. Pull requests (which the issues API lists too) are not commitments. Pure: payloads,
// the mapping and a clock reading in, commitments out, with every issue that could not be mapped named and why.
import { z } from "zod";
import type { Commitment, Fact } from "../../domain/model.ts";
import { isIsoDate, type IsoDate } from "../../domain/primitives.ts";
import { provenanceOf } from "../../domain/provenance.ts";

/** How one initiative's issues map: its repository, its teams and who is who. */
export interface GitHubMapping {
  /** `owner/repo`. */
  repo: string;
  /** A label → a team's id; the first of an issue's labels that is named here wins. */
  teams: Record<string, string>;
  /** The team of an issue whose labels name none; absent: such an issue is not taken in. */
  team?: string | null;
  /** A GitHub login → a person's id. */
  people?: Record<string, string>;
}

/** One issue as Plumbline reads it. */
export interface MappedGitHubIssue {
  number: number;
  commitment: Commitment;
  /** When GitHub last changed the issue. */
  updated: string | null;
  /** The assignee's login, when it matched nobody (the commitment then has no owner). */
  unmatchedAssignee: string | null;
}

export interface MappedGitHubIssues {
  commitments: MappedGitHubIssue[];
  /** Issues closed as not planned (or duplicates): not commitments any more. */
  cancelled: Array<{ number: number; id: string; reason: string }>;
  /** Pull requests in the listing: read, not taken in as commitments. */
  pullRequests: number[];
  failures: Array<{ ref: string; reason: string }>;
}

const User = z.looseObject({ login: z.string() });
const Label = z.union([z.string(), z.looseObject({ name: z.string().nullish() })]);

/** The parts of an issue the mapping reads; everything else GitHub sends is let through unread. */
export const GitHubIssueSchema = z.looseObject({
  number: z.int().positive(),
  title: z.string().nullish(),
  html_url: z.string().nullish(),
  state: z.enum(["open", "closed"]),
  state_reason: z.string().nullish(),
  closed_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  assignee: User.nullish(),
  assignees: z.array(User).nullish(),
  labels: z.array(Label).nullish(),
  milestone: z
    .looseObject({ title: z.string().nullish(), due_on: z.string().nullish(), number: z.int().nullish() })
    .nullish(),
  pull_request: z.unknown().optional(),
});
export type GitHubIssue = z.infer<typeof GitHubIssueSchema>;

/** Closed with one of these reasons: the work will not be done. */
export const CANCELLED_REASONS = ["not_planned", "duplicate"] as const;

/** A commitment's id from an issue number: 42 → gh_42 (an id a check can name). */
export function commitmentIdOf(number: number): string {
  return `gh_${number}`;
}

/** The issue's reference as people write it: owner/repo#42. */
export function issueRef(repo: string, number: number): string {
  return `${repo}#${number}`;
}

export function labelsOf(issue: GitHubIssue): string[] {
  return (issue.labels ?? []).flatMap((l) => {
    const name = typeof l === "string" ? l : l.name;
    return name ? [name] : [];
  });
}

/** The team: the first of the issue's labels the mapping names, else the mapping's own team. */
export function teamOf(issue: GitHubIssue, mapping: GitHubMapping): string | null {
  for (const label of labelsOf(issue)) if (Object.hasOwn(mapping.teams, label)) return mapping.teams[label]!;
  return mapping.team ?? null;
}

/** The owner: the person the mapping names for the assignee's login (GitHub does not send e-mails here). */
export function ownerOf(issue: GitHubIssue, people: Record<string, string> = {}): string | null {
  const login = (issue.assignee ?? issue.assignees?.[0])?.login;
  return login && Object.hasOwn(people, login) ? people[login]! : null;
}

/** The calendar day a GitHub timestamp names (GitHub writes them in UTC); null when it names none. */
export function dayOf(value: string | null | undefined): IsoDate | null {
  const day = value?.slice(0, 10) ?? "";
  return isIsoDate(day) ? day : null;
}

/** Due: the milestone's due_on, as the calendar day GitHub wrote it. */
export function dueOf(issue: GitHubIssue): IsoDate | null {
  return dayOf(issue.milestone?.due_on);
}

/** Done: the day it was closed as completed (a closed issue without a reason was closed before reasons). */
export function doneOf(issue: GitHubIssue): IsoDate | null {
  if (issue.state !== "closed") return null;
  const reason = issue.state_reason ?? "completed";
  return reason === "completed" ? dayOf(issue.closed_at) : null;
}

const TITLE_MAX = 300;

/** Maps one issue: a commitment, a cancellation, a pull request, or a failure that says why. */
export function mapGitHubIssue(
  raw: unknown,
  mapping: GitHubMapping,
  fetchedAt: Date,
):
  | MappedGitHubIssue
  | { number: number; cancelled: string }
  | { number: number; pullRequest: true }
  | { ref: string; failure: string } {
  const parsed = GitHubIssueSchema.safeParse(raw);
  if (!parsed.success) {
    const number = (raw as { number?: unknown } | null)?.number;
    const issue = parsed.error.issues[0]!;
    return {
      ref: typeof number === "number" ? issueRef(mapping.repo, number) : "(no number)",
      failure: `${issue.path.join(".") || "issue"} ${issue.message}`,
    };
  }
  const issue = parsed.data;
  const { number } = issue;
  if (issue.pull_request !== undefined && issue.pull_request !== null) return { number, pullRequest: true };
  const reason = issue.state === "closed" ? issue.state_reason : null;
  if (reason && (CANCELLED_REASONS as readonly string[]).includes(reason))
    return { number, cancelled: reason };
  const ref = issueRef(mapping.repo, number);
  const teamId = teamOf(issue, mapping);
  if (!teamId) {
    const labels = labelsOf(issue);
    return {
      ref,
      failure:
        `no team for its labels (${labels.length ? labels.join(", ") : "none"}): ` +
        "add one to sources.github.teams, or set sources.github.team",
    };
  }
  const title = (issue.title ?? "").trim();
  const ownerId = ownerOf(issue, mapping.people);
  const facts: Record<string, Fact> = { github_state: { type: "string", value: issue.state } };
  if (issue.milestone?.title) facts.github_milestone = { type: "string", value: issue.milestone.title };
  const url = issue.html_url ?? `https://github.com/${mapping.repo}/issues/${number}`;
  const commitment: Commitment = {
    id: commitmentIdOf(number),
    teamId,
    ownerId,
    title: title === "" ? ref : title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title,
    due: dueOf(issue),
    dueHistory: [],
    done: doneOf(issue),
    facts,
    provenance: provenanceOf("github", ref, fetchedAt, url),
  };
  const login = (issue.assignee ?? issue.assignees?.[0])?.login ?? null;
  return {
    number,
    commitment,
    updated: issue.updated_at ?? null,
    unmatchedAssignee: login && ownerId === null ? login : null,
  };
}

/** Maps a batch of issues. */
export function mapGitHubIssues(
  issues: unknown[],
  mapping: GitHubMapping,
  fetchedAt: Date,
): MappedGitHubIssues {
  const result: MappedGitHubIssues = { commitments: [], cancelled: [], pullRequests: [], failures: [] };
  for (const raw of issues) {
    const mapped = mapGitHubIssue(raw, mapping, fetchedAt);
    if ("failure" in mapped) result.failures.push({ ref: mapped.ref, reason: mapped.failure });
    else if ("pullRequest" in mapped) result.pullRequests.push(mapped.number);
    else if ("cancelled" in mapped)
      result.cancelled.push({
        number: mapped.number,
        id: commitmentIdOf(mapped.number),
        reason: mapped.cancelled,
      });
    else result.commitments.push(mapped);
  }
  return result;
}

/** The latest `updated_at` of the issues: where the next incremental read (`since`) starts. */
export function latestUpdate(issues: unknown[]): Date | null {
  const times = issues
    .map((i) => (i as { updated_at?: unknown } | null)?.updated_at)
    .map((u) => (typeof u === "string" ? Date.parse(u) : NaN))
    .filter((t) => !Number.isNaN(t));
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}
