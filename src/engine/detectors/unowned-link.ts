// unowned-link: connective tissue between teams with no owner, or an owner who has left.
import type { Link } from "../../domain/model.ts";
import { signal, type Detector } from "../detector.ts";
import { lastById } from "../memo.ts";

export const unownedLink: Detector = {
  kinds: ["unowned-link"],
  reads: ["links", "people", "teams", "commitments", "initiative"],
  detect(snapshot, { today }) {
    // The org's people and teams are shared by every initiative: indexed once per array, not once per run.
    const people = lastById(snapshot.people);
    const teamsById = lastById(snapshot.teams);
    const teamOf = new Map(snapshot.commitments.map((c) => [c.id, c.teamId]));
    const delivered = new Set(
      snapshot.commitments.filter((c) => c.done !== null && c.done <= today).map((c) => c.id),
    );
    const present = (id: string | null | undefined) => {
      const person = id ? people.get(id) : undefined;
      return person !== undefined && (person.leftOn === null || person.leftOn > today);
    };
    return snapshot.links.flatMap((link) => {
      if (isSettled(link, delivered)) return [];
      // Within one team nothing sits between functions: the team's lead owns it, while they are there.
      const team = teamOf.get(link.fromId);
      if (team !== undefined && team === teamOf.get(link.toId) && present(teamsById.get(team)?.leadId))
        return [];
      const owner = link.ownerId ? people.get(link.ownerId) : undefined;
      const hasLeft = owner?.leftOn != null && owner.leftOn <= today;
      if (link.ownerId && !hasLeft) return [];
      const teams = [teamOf.get(link.fromId), teamOf.get(link.toId)].filter(Boolean).join(" and ");
      const subject = { type: "link" as const, id: link.id };
      const why = link.ownerId
        ? `its owner ${owner?.name ?? link.ownerId} left on ${owner?.leftOn}`
        : "nobody owns it";
      return [
        signal({
          kind: "unowned-link",
          severity: link.kind === "expectation" ? "warning" : link.check ? "critical" : "warning",
          subject,
          title: `Unowned ${link.kind}: "${link.statement}"`,
          explanation: `The ${link.kind} between ${teams || `${link.fromId} and ${link.toId}`} sits between functions and ${why}: no scorecard will notice when it breaks. Name an owner.`,
          evidence: [
            { text: `${link.kind} ${link.fromId} ${link.directed ? "→" : "↔"} ${link.toId}`, subject },
            { text: link.ownerId ? `owner ${link.ownerId} left on ${owner?.leftOn}` : "owner: none" },
          ],
          owner: snapshot.initiative.ownerId,
          identity: [link.ownerId ?? ""],
        }),
      ];
    });
  },
};

/**
 * A link nobody needs to own any more: both ends are delivered, or a directed handoff or dependency with
 * one end delivered (what was to be handed over has arrived, or the work that waited for it is done). An
 * assumption or expectation can still break after one end delivers, and an undirected link does not say
 * who waits, so they keep asking until both ends are done.
 */
function isSettled(link: Link, delivered: ReadonlySet<string>): boolean {
  const from = delivered.has(link.fromId);
  const to = delivered.has(link.toId);
  if (from && to) return true;
  return link.directed && (link.kind === "handoff" || link.kind === "dependency") && (from || to);
}
