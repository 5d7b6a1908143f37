// A person's change to what a tracker says is kept as an override beside the source's value, and a sync keeps
// the person's value until the source comes to say the same.
import { describe, expect, it } from "vitest";
import { blankSnapshot, commitment } from "../../test/support/snapshot-builder.ts";
import { mergeImported } from "./imported-evidence.ts";
import type { Commitment } from "./model.ts";
import { keepOverrides, markHandEdits } from "./overrides.ts";

const AT = "2026-02-10T08:00:00Z";
const EDITED = new Date("2026-02-11T09:30:00Z");
const fromJira = (patch: Partial<Commitment> = {}): Commitment =>
  commitment(
    "ORB_1",
    "engineering",
    {},
    {
      title: "Billing export",
      due: "2026-03-01",
      ownerId: "ana",
      provenance: { kind: "jira", ref: "ORB-1", imported_at: AT },
      ...patch,
    },
  );
const snapshotOf = (c: Commitment) => blankSnapshot({ commitments: [c] });
const edited = (stored: Commitment, next: Commitment, by: string | null = "lee") =>
  markHandEdits(snapshotOf(stored), snapshotOf(next), by, EDITED).commitments[0]!;

describe("hand edits of a tracker's commitment", () => {
  it("keeps each changed field as an override with what the source says, who and when", () => {
    const after = edited(fromJira(), fromJira({ due: "2026-03-15", ownerId: null }));
    expect(after.due).toBe("2026-03-15");
    expect(after.provenance?.overrides).toEqual({
      owner: { source: "ana", by: "lee", at: EDITED.toISOString() },
      due: { source: "2026-03-01", by: "lee", at: EDITED.toISOString() },
    });
  });

  it("remembers the source's value through a second edit, and ends the override when set back to it", () => {
    const once = edited(fromJira(), fromJira({ due: "2026-03-15" }));
    const twice = edited(once, { ...once, due: "2026-03-20" }, "pat");
    expect(twice.provenance?.overrides?.due).toEqual({
      source: "2026-03-01",
      by: "pat",
      at: EDITED.toISOString(),
    });
    const back = edited(twice, { ...twice, due: "2026-03-01" });
    expect(back.provenance?.overrides).toBeUndefined();
    expect(back.provenance).toEqual({ kind: "jira", ref: "ORB-1", imported_at: AT });
  });

  it("keeps a source's 'nothing' as what it says (a due date set where the tracker has none)", () => {
    const after = edited(fromJira({ due: null }), fromJira({ due: "2026-04-01" }));
    expect(after.provenance?.overrides?.due?.source).toBeNull();
  });

  it("lets nobody rewrite where a commitment came from, nor mark one typed by hand", () => {
    const rewritten = edited(
      fromJira(),
      fromJira({ provenance: { kind: "manual", ref: null, imported_at: AT } }),
    );
    expect(rewritten.provenance).toEqual({ kind: "jira", ref: "ORB-1", imported_at: AT });
    const typed = commitment("own", "engineering", {}, { title: "Typed", due: "2026-03-01" });
    const changed = { ...typed, due: "2026-03-09" };
    expect(edited(typed, changed)).toEqual(changed);
  });

  it("leaves a snapshot with no such edit as it is", () => {
    const stored = snapshotOf(fromJira());
    const next = snapshotOf(fromJira());
    expect(markHandEdits(stored, next, "lee", EDITED)).toBe(next);
  });
});

describe("a sync of an overridden commitment", () => {
  const overridden = edited(fromJira(), fromJira({ due: "2026-03-15" }));

  it("keeps the person's value and notes the source's new one beside it", () => {
    const next = keepOverrides(overridden, fromJira({ due: "2026-03-08", title: "Billing export v2" }));
    expect(next.due).toBe("2026-03-15");
    expect(next.title).toBe("Billing export v2");
    expect(next.provenance?.overrides?.due).toEqual({
      source: "2026-03-08",
      by: "lee",
      at: EDITED.toISOString(),
    });
  });

  it("ends the override once the source says what the person set", () => {
    const next = keepOverrides(overridden, fromJira({ due: "2026-03-15" }));
    expect(next.provenance?.overrides).toBeUndefined();
  });

  it("is no change at all while neither side moves, and an update when the source does", () => {
    const stored = snapshotOf(overridden);
    const same = mergeImported(stored, {
      source: "jira",
      commitments: [fromJira()],
      links: [],
      cancelled: [],
    });
    expect(same.changed).toBe(false);
    const moved = mergeImported(stored, {
      source: "jira",
      commitments: [fromJira({ due: "2026-03-08" })],
      links: [],
      cancelled: [],
    });
    expect(moved.updated).toEqual(["ORB_1"]);
    expect(moved.snapshot.commitments[0]?.due).toBe("2026-03-15");
  });
});
