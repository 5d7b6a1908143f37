// Hand edits of what a source says. A commitment brought in from Jira or GitHub may still be changed in
// Plumbline, but never silently: each changed field is kept as an override beside what the source says, who
// changed it and when, and the next sync keeps the person's value and refreshes the source's beside it. An
// override ends when its field is set back to the source's value, or the source comes to say the same.
import type { Commitment, InitiativeSnapshot } from "./model.ts";
import { OVERRIDABLE_FIELDS, type Override, type OverridableField } from "./provenance.ts";

type Overrides = Partial<Record<OverridableField, Override>>;

/** The trackers whose commitments are theirs: what they say is overridden, not rewritten, by hand. */
const CONNECTORS: ReadonlySet<string> = new Set(["jira", "github"]);

export function isFromConnector(commitment: Commitment): boolean {
  return commitment.provenance != null && CONNECTORS.has(commitment.provenance.kind);
}

/** A field's value as the file writes it: a day, an id or the title; null when there is none. */
export function fieldValue(commitment: Commitment, field: OverridableField): string | null {
  switch (field) {
    case "title":
      return commitment.title;
    case "team":
      return commitment.teamId;
    case "owner":
      return commitment.ownerId;
    case "due":
      return commitment.due;
    case "done":
      return commitment.done;
  }
}

function withField(commitment: Commitment, field: OverridableField, value: string | null): Commitment {
  switch (field) {
    case "title":
      return value === null ? commitment : { ...commitment, title: value };
    case "team":
      return value === null ? commitment : { ...commitment, teamId: value };
    case "owner":
      return { ...commitment, ownerId: value };
    case "due":
      return { ...commitment, due: value };
    case "done":
      return { ...commitment, done: value };
  }
}

function withOverrides(commitment: Commitment, base: Commitment, overrides: Overrides): Commitment {
  const { overrides: _dropped, ...provenance } = base.provenance!;
  const any = Object.keys(overrides).length > 0;
  return { ...commitment, provenance: any ? { ...provenance, overrides } : provenance };
}

/**
 * `next` with every hand edit of a connector's commitment kept as an override of `stored`'s value. The
 * commitment's provenance stays the source's (a hand edit cannot rewrite where it came from).
 */
export function markHandEdits(
  stored: InitiativeSnapshot,
  next: InitiativeSnapshot,
  by: string | null,
  at: Date,
): InitiativeSnapshot {
  const before = new Map(stored.commitments.map((c) => [c.id, c]));
  let marked = false;
  const commitments = next.commitments.map((commitment) => {
    const old = before.get(commitment.id);
    if (!old || !isFromConnector(old)) return commitment;
    const overrides: Overrides = { ...(old.provenance!.overrides ?? {}) };
    for (const field of OVERRIDABLE_FIELDS) {
      const was = fieldValue(old, field);
      const now = fieldValue(commitment, field);
      if (was === now) continue;
      // What the source says: the stored value, unless that is already a person's.
      const source = field in overrides ? overrides[field]!.source : was;
      if (now === source) delete overrides[field];
      else overrides[field] = { source, by, at: at.toISOString() };
    }
    const kept = withOverrides(commitment, old, overrides);
    if (JSON.stringify(kept.provenance) === JSON.stringify(commitment.provenance)) return commitment;
    marked = true;
    return kept;
  });
  return marked ? { ...next, commitments } : next;
}

/**
 * The commitment a sync brings in, with the overrides people made of `existing` kept: the person's value
 * stays and the source's new value is noted beside it, until the two agree.
 */
export function keepOverrides(existing: Commitment | undefined, incoming: Commitment): Commitment {
  const overrides = existing?.provenance?.overrides;
  if (!existing || !overrides || incoming.provenance == null) return incoming;
  let result = incoming;
  const kept: Overrides = {};
  for (const field of OVERRIDABLE_FIELDS) {
    const override = overrides[field];
    if (!override) continue;
    const hand = fieldValue(existing, field);
    const source = fieldValue(incoming, field);
    if (hand === source) continue;
    result = withField(result, field, hand);
    kept[field] = { ...override, source };
  }
  return withOverrides(result, incoming, kept);
}
