// What evidence read from a source (a Jira site) changes in an initiative's plan: the commitments it
// brought in or changed, those it cancelled, and the dependencies between them. Pure: the stored snapshot
// and what came in, the next snapshot and what differs. Commitments typed by hand are never touched.
import type { Commitment, InitiativeSnapshot, Link } from "./model.ts";
import { keepOverrides } from "./overrides.ts";
import type { SourceKind } from "./provenance.ts";

export interface IncomingEvidence {
  source: SourceKind;
  /** Commitments as the source has them now, each with its provenance. */
  commitments: Commitment[];
  /** The dependencies the incoming items state, ids starting `<source>-`; either end may be unknown. */
  links: Link[];
  /** Ids of commitments the source says are cancelled. */
  cancelled: string[];
}

export interface MergedEvidence {
  snapshot: InitiativeSnapshot;
  created: string[];
  updated: string[];
  removed: string[];
  /** Whether the dependencies between the source's commitments changed. */
  linksChanged: boolean;
  /** What could not be taken in, and why. */
  skipped: Array<{ ref: string; reason: string }>;
  /** Whether anything differs from what is stored. */
  changed: boolean;
}

const fromSource = (c: Commitment | undefined, source: SourceKind) => c?.provenance?.kind === source;
/** A link the source stated (its id says so); the ones people wrote are theirs. */
const linkFromSource = (l: Link, source: SourceKind) => l.id.startsWith(`${source}-`);

const sortedJson = (value: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(value)
      .sort()
      .map((k) => [k, value[k]]),
  );

/** Whether two commitments say the same, apart from when they were last taken in. */
export function sameCommitment(a: Commitment, b: Commitment): boolean {
  return (
    a.id === b.id &&
    a.teamId === b.teamId &&
    a.ownerId === b.ownerId &&
    a.title === b.title &&
    a.due === b.due &&
    a.done === b.done &&
    a.dueHistory.join() === b.dueHistory.join() &&
    sortedJson(a.facts) === sortedJson(b.facts) &&
    (a.provenance?.kind ?? null) === (b.provenance?.kind ?? null) &&
    (a.provenance?.ref ?? null) === (b.provenance?.ref ?? null) &&
    (a.provenance?.url ?? null) === (b.provenance?.url ?? null) &&
    sortedJson(a.provenance?.overrides ?? {}) === sortedJson(b.provenance?.overrides ?? {})
  );
}

const LINK_FIELDS = [
  "kind",
  "fromId",
  "toId",
  "directed",
  "statement",
  "check",
  "due",
  "ownerId",
  "state",
] as const;
const sameLink = (a: Link, b: Link) => LINK_FIELDS.every((f) => a[f] === b[f]);

export function mergeImported(stored: InitiativeSnapshot, incoming: IncomingEvidence): MergedEvidence {
  const { source } = incoming;
  const skipped: MergedEvidence["skipped"] = [];
  const created: string[] = [];
  const updated: string[] = [];
  const removed: string[] = [];
  const byId = new Map(stored.commitments.map((c) => [c.id, c]));
  const refOf = (c: Commitment) => c.provenance?.ref ?? c.id;

  const touched = new Set<string>();
  for (const c of incoming.commitments) {
    const existing = byId.get(c.id);
    if (existing && !fromSource(existing, source)) {
      skipped.push({
        ref: refOf(c),
        reason: `commitment ${c.id} was not brought in from ${source}; it is left as it is`,
      });
      continue;
    }
    touched.add(c.id);
    // Facts people added to an imported commitment stay; the source's own facts are the source's. A field a
    // person overrode keeps their value, with the source's beside it.
    const next: Commitment = keepOverrides(existing, {
      ...c,
      facts: { ...(existing?.facts ?? {}), ...c.facts },
    });
    if (!existing) {
      created.push(c.id);
      byId.set(c.id, next);
    } else if (!sameCommitment(existing, next)) {
      updated.push(c.id);
      byId.set(c.id, next);
    }
  }

  // A cancelled commitment leaves the plan, unless records or people's own links still speak of it.
  for (const id of incoming.cancelled) {
    const existing = byId.get(id);
    if (!existing || !fromSource(existing, source)) continue;
    touched.add(id);
    const reported = stored.reports.some((r) => r.subject.type === "commitment" && r.subject.id === id);
    const linked = stored.links.some((l) => !linkFromSource(l, source) && (l.fromId === id || l.toId === id));
    if (reported || linked) {
      skipped.push({
        ref: refOf(existing),
        reason: `cancelled in ${source}, but ${reported ? "status reports" : "links"} refer to commitment ${id}; it is kept (remove it from the file to let it go)`,
      });
      continue;
    }
    byId.delete(id);
    removed.push(id);
  }

  const commitments = stored.commitments.flatMap((c) => (byId.has(c.id) ? [byId.get(c.id)!] : []));
  for (const id of created) commitments.push(byId.get(id)!);
  const present = new Set(commitments.map((c) => c.id));

  // The links of every item that came in are what it states now; links between items not read stay.
  const stated = new Map<string, Link>();
  for (const l of incoming.links) {
    const ends = present.has(l.fromId) && present.has(l.toId);
    if (linkFromSource(l, source) && ends && (touched.has(l.fromId) || touched.has(l.toId)))
      stated.set(l.id, l);
  }
  const links: Link[] = [];
  for (const l of stored.links) {
    const restated = linkFromSource(l, source) && (touched.has(l.fromId) || touched.has(l.toId));
    if (restated) {
      const now = stated.get(l.id);
      if (now) links.push(now);
    } else if (present.has(l.fromId) && present.has(l.toId)) links.push(l);
    stated.delete(l.id);
  }
  links.push(...stated.values());
  const storedLinks = new Map(stored.links.map((l) => [l.id, l]));
  const linksChanged =
    links.length !== stored.links.length ||
    links.some((l) => !storedLinks.has(l.id) || !sameLink(storedLinks.get(l.id)!, l));

  const changed = created.length + updated.length + removed.length > 0 || linksChanged;
  return {
    snapshot: changed ? { ...stored, commitments, links } : stored,
    created,
    updated,
    removed,
    linksChanged,
    skipped,
    changed,
  };
}
