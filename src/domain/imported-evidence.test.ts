// The merge rule for evidence from a source: what a sync creates, changes, cancels and links, and what it
// leaves alone (commitments typed by hand, facts people added, work that reports still speak of).
import { describe, expect, it } from "vitest";
import { blankSnapshot, commitment, link, report } from "../../test/support/snapshot-builder.ts";
import { mergeImported, type IncomingEvidence } from "./imported-evidence.ts";
import type { Commitment } from "./model.ts";

const AT = "2026-02-10T08:00:00Z";
const fromJira = (id: string, patch: Partial<Commitment> = {}): Commitment =>
  commitment(
    id,
    "engineering",
    {},
    {
      title: `Issue ${id}`,
      provenance: { kind: "jira", ref: id.replace("_", "-"), imported_at: AT },
      ...patch,
    },
  );
const incoming = (patch: Partial<IncomingEvidence>): IncomingEvidence => ({
  source: "jira",
  commitments: [],
  links: [],
  cancelled: [],
  ...patch,
});

describe("mergeImported", () => {
  it("creates what is new, and a second merge of the same changes nothing", () => {
    const first = mergeImported(blankSnapshot(), incoming({ commitments: [fromJira("ORB_1")] }));
    expect(first).toMatchObject({ created: ["ORB_1"], updated: [], removed: [], changed: true });
    const again = mergeImported(first.snapshot, incoming({ commitments: [fromJira("ORB_1")] }));
    expect(again).toMatchObject({ created: [], updated: [], changed: false });
    expect(again.snapshot).toBe(first.snapshot);
  });

  it("updates what moved, keeping the facts people added and taking the source's own", () => {
    const stored = blankSnapshot({
      commitments: [
        {
          ...fromJira("ORB_1", { due: "2026-03-01" }),
          facts: { risk_note: { type: "string", value: "ask Pat" } } as Commitment["facts"],
        },
      ],
    });
    const merged = mergeImported(
      stored,
      incoming({ commitments: [fromJira("ORB_1", { due: "2026-03-15", dueHistory: ["2026-03-01"] })] }),
    );
    expect(merged.updated).toEqual(["ORB_1"]);
    const [orb] = merged.snapshot.commitments;
    expect(orb).toMatchObject({ due: "2026-03-15", dueHistory: ["2026-03-01"] });
    expect(Object.keys(orb!.facts)).toContain("risk_note");
  });

  it("never touches a commitment typed by hand, and says so", () => {
    const typed = commitment("ORB_1", "engineering", {}, { title: "Typed here" });
    const merged = mergeImported(
      blankSnapshot({ commitments: [typed] }),
      incoming({ commitments: [fromJira("ORB_1")] }),
    );
    expect(merged.changed).toBe(false);
    expect(merged.snapshot.commitments).toEqual([typed]);
    expect(merged.skipped).toEqual([
      { ref: "ORB-1", reason: "commitment ORB_1 was not brought in from jira; it is left as it is" },
    ]);
  });

  it("removes cancelled work, unless status reports still speak of it", () => {
    const stored = blankSnapshot({
      commitments: [fromJira("ORB_1"), fromJira("ORB_2")],
      reports: [report("lee", "2026-02-01", "at_risk", { subject: { type: "commitment", id: "ORB_2" } })],
    });
    const merged = mergeImported(stored, incoming({ cancelled: ["ORB_1", "ORB_2"] }));
    expect(merged.removed).toEqual(["ORB_1"]);
    expect(merged.snapshot.commitments.map((c) => c.id)).toEqual(["ORB_2"]);
    expect(merged.skipped.map((s) => s.ref)).toEqual(["ORB-2"]);
    expect(merged.skipped[0]!.reason).toContain("status reports refer to commitment ORB_2");
  });

  it("replaces the source's links of the items it read, and keeps the links people wrote", () => {
    const theirs = link("ORB_1", "ORB_2", { id: "hand-written", kind: "handoff" });
    const stale = link("ORB_1", "ORB_2", { id: "jira-ORB_1-blocks-ORB_2", kind: "dependency" });
    const stored = blankSnapshot({
      commitments: [fromJira("ORB_1"), fromJira("ORB_2")],
      links: [theirs, stale],
    });
    const now = link("ORB_2", "ORB_1", { id: "jira-ORB_2-blocks-ORB_1", kind: "dependency", directed: true });
    const merged = mergeImported(
      stored,
      incoming({ commitments: [fromJira("ORB_1"), fromJira("ORB_2")], links: [now] }),
    );
    expect(merged.linksChanged).toBe(true);
    expect(merged.snapshot.links.map((l) => l.id)).toEqual(["hand-written", "jira-ORB_2-blocks-ORB_1"]);
  });

  it("takes no link whose other end is not in the plan", () => {
    const dangling = link("ORB_1", "OTHER_9", { id: "jira-ORB_1-blocks-OTHER_9", kind: "dependency" });
    const merged = mergeImported(
      blankSnapshot(),
      incoming({ commitments: [fromJira("ORB_1")], links: [dangling] }),
    );
    expect(merged.snapshot.links).toEqual([]);
  });
});
