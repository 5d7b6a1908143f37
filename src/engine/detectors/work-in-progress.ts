// wip-over-limit, untraced-work, focus-erosion: open work that exceeds a team's limit, serves no outcome, or spreads one person thin.
import type { Commitment, InitiativeSnapshot, Outcome, Signal, StatusReport } from "../../domain/model.ts";
import type { IsoDate } from "../../domain/primitives.ts";
import { signal, type Detector, type EvaluationContext } from "../detector.ts";
import { appendedTo, evolve, firstById, fromSections, lastById, latestFor, TextCache } from "../memo.ts";

/** Owning open work in three teams means switching between three functions' priorities and rituals. */
export const FOCUS_TEAMS = 3;
/** Four open commitments at once is more than one person finishes in parallel without the others waiting. */
export const FOCUS_COMMITMENTS = 4;

/** Open: not delivered as of `today` (a delivery dated later has not happened yet). */
export function isOpen(commitment: Commitment, today: IsoDate): boolean {
  return commitment.done === null || commitment.done > today;
}

function openCommitments(snapshot: InitiativeSnapshot, today: IsoDate): Commitment[] {
  return snapshot.commitments.filter((c) => isOpen(c, today));
}

/** Open commitments by team, each team's in the snapshot's order. */
function openByTeam(snapshot: InitiativeSnapshot, today: IsoDate): Map<string, Commitment[]> {
  const byTeam = new Map<string, Commitment[]>();
  for (const c of openCommitments(snapshot, today)) {
    const mine = byTeam.get(c.teamId);
    if (mine) mine.push(c);
    else byTeam.set(c.teamId, [c]);
  }
  return byTeam;
}

function titles(commitments: Commitment[]): string {
  return commitments.map((c) => `"${c.title}"`).join(", ");
}

export const wipOverLimit: Detector = {
  kinds: ["wip-over-limit"],
  reads: ["teams", "commitments", "initiative"],
  detect(snapshot, { today }) {
    // The org's teams are in every snapshot: group this initiative's open work once, then look each team up.
    const open = openByTeam(snapshot, today);
    const signals: Signal[] = [];
    for (const team of snapshot.teams) {
      // A team that sets no limit has made no promise about WIP to check.
      if (team.wipLimit === null) continue;
      const mine = open.get(team.id) ?? [];
      if (mine.length <= team.wipLimit) continue;
      signals.push(
        signal({
          kind: "wip-over-limit",
          severity: "warning",
          subject: { type: "team", id: team.id },
          title: `${team.name} has ${mine.length} commitments open against a limit of ${team.wipLimit}`,
          explanation:
            `${team.name} set a work-in-progress limit of ${team.wipLimit} and has ${mine.length} commitments open in this initiative: ${titles(mine)}. ` +
            `Past the limit, work waits in queues and everything finishes later: finish or drop ${mine.length - team.wipLimit} before starting more.`,
          evidence: [
            {
              text: `WIP limit ${team.wipLimit}, open ${mine.length}`,
              value: { limit: team.wipLimit, open: mine.length },
            },
            ...mine.map((c) => ({
              text: `open: "${c.title}" (due ${c.due ?? "no date"})`,
              subject: commitmentRef(c),
            })),
          ],
          owner: teamActor(snapshot, team.id),
        }),
      );
    }
    return signals;
  },
};

export const untracedWork: Detector = {
  kinds: ["untraced-work"],
  reads: ["commitments", "links", "reports", "outcomes", "teams", "initiative"],
  detect(snapshot, context) {
    const { today } = context;
    const linked = fromSections(context, snapshot, ["links"], linkedIds);
    // With no outcome defined, nothing can be traced to one: asking each unlinked commitment would repeat one gap.
    if (snapshot.outcomes.length === 0) {
      return noOutcomeSignal(
        snapshot,
        openCommitments(snapshot, today).filter((c) => !linked.has(c.id)),
      );
    }
    // Only new reports or outcomes change what is traced: a fact or a new team does not re-read every narrative.
    const traced = commitmentsTracedToOutcomes(snapshot, context);
    // Delivered work can no longer be redirected, so only open work is worth asking about.
    return openCommitments(snapshot, today).flatMap((commitment) => {
      if (linked.has(commitment.id) || traced.has(commitment.id)) return [];
      // Worded again only when what it says changed: the same signals keep the merged list standing.
      const owner = commitmentActor(snapshot, commitment);
      const keys = [commitment, snapshot.outcomes, owner];
      return [
        latestFor(context, untracedSignal, commitment.id, keys, () =>
          untracedSignal(commitment, snapshot.outcomes, owner),
        ),
      ];
    });
  },
};

/** The initiative's own gap, said once: open work no link connects, and no outcome it could serve. */
function noOutcomeSignal(snapshot: InitiativeSnapshot, open: readonly Commitment[]): Signal[] {
  if (open.length === 0) return [];
  const { initiative } = snapshot;
  const count = open.length === 1 ? "1 open commitment" : `${open.length} open commitments`;
  const unlinked = `${count} no link connects to another team's work`;
  return [
    signal({
      kind: "untraced-work",
      severity: "info",
      subject: { type: "initiative", id: initiative.id },
      title: `"${initiative.name}" names no outcome, so none of its work can be traced to one`,
      explanation:
        `"${initiative.name}" has ${unlinked}, and defines no outcome: nothing says what that work is for, ` +
        `so no one can tell work that serves the initiative from work that does not. Name the outcome it is meant to move, with its metric and target.`,
      evidence: [
        { text: `no outcome; ${unlinked}`, value: { outcomes: 0, unlinked: open.length } },
        ...open.slice(0, 5).map((c) => ({ text: `unlinked: "${c.title}"`, subject: commitmentRef(c) })),
      ],
      owner: initiative.ownerId,
    }),
  ];
}

/** Every commitment a link starts or ends at. */
function linkedIds({ links }: Pick<InitiativeSnapshot, "links">): ReadonlySet<string> {
  const linked = new Set<string>();
  for (const link of links) linked.add(link.fromId).add(link.toId);
  return linked;
}

function untracedSignal(commitment: Commitment, outcomes: readonly Outcome[], owner: string): Signal {
  const subject = commitmentRef(commitment);
  return signal({
    kind: "untraced-work",
    severity: "info",
    subject,
    title: `"${commitment.title}" is work not tied to the outcome`,
    explanation:
      `No handoff, dependency, assumption or expectation connects "${commitment.title}" to another team's work, and no status report on it cites an outcome. ` +
      `Either it serves the outcome and the link is missing (add it, with an owner), or it does not belong in this initiative.`,
    evidence: [
      { text: `"${commitment.title}": no link from or to it`, subject },
      { text: "no status report on it cites an outcome", value: { outcomes: outcomes.map((o) => o.id) } },
    ],
    owner,
  });
}

/**
 * Commitments a status report ties to an outcome: a report on the commitment that cites a report on an
 * outcome, or whose narrative names an outcome by its id or its metric ("weekly activations").
 */
interface Traced {
  reports: readonly StatusReport[];
  outcomes: readonly Outcome[];
  commitments: ReadonlySet<string>;
  /** Reports on outcomes, by id, and what reports on commitments cite: what a later report could change. */
  outcomeReports: ReadonlySet<string>;
  cited: ReadonlySet<string>;
}

function commitmentsTracedToOutcomes(
  snapshot: Pick<InitiativeSnapshot, "reports" | "outcomes">,
  context: EvaluationContext,
): ReadonlySet<string> {
  const { reports, outcomes } = snapshot;
  return evolve(context, commitmentsTracedToOutcomes, (last: Traced | undefined) => {
    if (last?.reports === reports && last.outcomes === outcomes) return last;
    const appended = last?.outcomes === outcomes ? appendedTo(reports, last.reports) : null;
    return last && appended ? withReports(last, reports, appended, context) : traceAll(snapshot, context);
  }).commitments;
}

function traceAll(
  { reports, outcomes }: { reports: readonly StatusReport[]; outcomes: readonly Outcome[] },
  context: EvaluationContext,
): Traced {
  const none: Traced = {
    reports: [],
    outcomes,
    commitments: new Set(),
    outcomeReports: new Set(),
    cited: new Set(),
  };
  return withReports(none, reports, reports, context)!;
}

/**
 * `last` with `appended` (the reports `reports` holds beyond it) traced too, or everything traced anew when an
 * appended report on an outcome is one that earlier reports cite (then they are traced now too).
 */
function withReports(
  last: Traced,
  reports: readonly StatusReport[],
  appended: readonly StatusReport[],
  context: EvaluationContext,
): Traced {
  const { today } = context;
  const visible = appended.filter((r) => r.date <= today);
  const outcomeReports = new Set(last.outcomeReports);
  for (const r of visible) {
    if (r.subject.type !== "outcome") continue;
    if (last.cited.has(r.id)) return traceAll({ reports, outcomes: last.outcomes }, context);
    outcomeReports.add(r.id);
  }
  const outcomeNames = last.outcomes.flatMap((o) => [o.id, o.metricId]).map(spaced);
  const commitments = new Set(last.commitments);
  const cited = new Set(last.cited);
  for (const r of visible) {
    if (r.subject.type !== "commitment") continue;
    for (const id of r.cites) cited.add(id);
    const traced =
      r.cites.some((id) => outcomeReports.has(id)) ||
      outcomeNames.some((name) => spacedTexts.get(r.narrative ?? "", spaced).includes(name));
    if (traced) commitments.add(r.subject.id);
  }
  return { reports, outcomes: last.outcomes, commitments, outcomeReports, cited };
}

/** Narratives repeat from report to report: each is spaced once. */
const spacedTexts = new TextCache<string>(20_000);

/** Lower case with identifiers' separators as spaces and padded, so matching respects word boundaries. */
function spaced(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;
}

export const focusErosion: Detector = {
  kinds: ["focus-erosion"],
  reads: ["commitments", "people", "teams", "initiative"],
  detect(snapshot, { today }) {
    const teamsById = lastById(snapshot.teams);
    const byOwner = new Map<string, Commitment[]>();
    for (const c of openCommitments(snapshot, today)) {
      if (!c.ownerId) continue;
      const owned = byOwner.get(c.ownerId);
      if (owned) owned.push(c);
      else byOwner.set(c.ownerId, [c]);
    }
    return [...byOwner].flatMap(([personId, owned]) => {
      const teams = [...new Set(owned.map((c) => c.teamId))];
      const acrossTeams = teams.length >= FOCUS_TEAMS;
      if (!acrossTeams && owned.length < FOCUS_COMMITMENTS) return [];
      const name = firstById(snapshot.people).get(personId)?.name ?? personId;
      const teamList = teams.map((id) => teamsById.get(id)?.name ?? id).join(", ");
      return [
        signal({
          kind: "focus-erosion",
          // Switching between functions costs more than juggling several items inside one.
          severity: acrossTeams ? "warning" : "info",
          subject: { type: "person", id: personId },
          title: `${name} owns ${owned.length} open commitments across ${teams.length} ${teams.length === 1 ? "team" : "teams"}`,
          explanation:
            `${name} owns ${owned.length} open commitments (${titles(owned)}) in ${teamList}. ` +
            `Spread this thin, each one waits on the others and slips together; ` +
            `hand some to another owner or sequence them.`,
          evidence: owned.map((c) => ({
            text: `"${c.title}" (${teamsById.get(c.teamId)?.name ?? c.teamId}, due ${c.due ?? "no date"})`,
            subject: commitmentRef(c),
          })),
          // The owner of the whole initiative is the one who can rebalance work across teams.
          owner: snapshot.initiative.ownerId,
        }),
      ];
    });
  },
};

function commitmentRef(commitment: Commitment): Signal["subject"] {
  return { type: "commitment", id: commitment.id };
}

/** Who acts for a team: its lead, else the initiative owner, who owns whatever nobody else does. */
export function teamActor(snapshot: InitiativeSnapshot, teamId: string): string {
  return firstById(snapshot.teams).get(teamId)?.leadId ?? snapshot.initiative.ownerId;
}

/** Who acts on a commitment: its owner, else its team's actor. */
export function commitmentActor(snapshot: InitiativeSnapshot, commitment: Commitment): string {
  return commitment.ownerId ?? teamActor(snapshot, commitment.teamId);
}
