// What the engine should find, read straight from the raw KEP records: the yardstick for the misses.
//
// Independent of the converter's mapping to commitments, so a mapping bug shows up as a miss here.
import type { IsoDate } from "../src/domain/primitives.ts";
import type { KepData } from "../src/importers/keps/to-model.ts";
import { findRelease, releaseVersion } from "../src/importers/keps/kubernetes-releases.ts";

export interface Expectation {
  /** The signal kind that should find it. */
  kind: string;
  what: string;
  /** `sig/kep_N`: the initiative and the commitment. */
  expected: string[];
}

const status = (raw: unknown) => (typeof raw === "string" ? raw.trim().toLowerCase() : "");
const minor = (raw: unknown) => {
  const v = releaseVersion(raw);
  return v ? Number(v.split(".")[1]) : null;
};

export function expectations(data: KepData, asOf: IsoDate): Expectation[] {
  const open = data.keps.filter((k) => {
    if (status(k.status) !== "implementable" || !/^\d+$/.test(k.kep_number)) return false;
    const latest = findRelease(k.latest_milestone);
    const gone = status(k.stage) === "stable" && latest && !latest.planned && latest.date <= asOf;
    return !gone;
  });
  const rows = new Map<string, Array<{ date: string; stable: unknown }>>();
  for (const r of data.history) {
    if (r.date > asOf) continue;
    // A file that lists milestones without a stable one has dropped its stable target.
    const listed = r.milestone !== null && typeof r.milestone === "object";
    const stable = listed ? ((r.milestone as Record<string, unknown>).stable ?? "none") : undefined;
    rows.set(r.path, [...(rows.get(r.path) ?? []), { date: r.date, stable }]);
  }
  const slipped: string[] = [];
  const overdue: string[] = [];
  for (const k of open) {
    const id = `${k.owning_sig}/kep_${k.kep_number}`;
    const history = (rows.get(k.path) ?? []).sort((a, b) => a.date.localeCompare(b.date));
    let slips = 0;
    let previous: unknown = undefined;
    for (const { stable } of history) {
      if (stable === undefined || stable === null || String(stable) === String(previous)) continue;
      if (previous !== undefined) {
        const from = minor(previous);
        const to = minor(stable);
        if (from !== null && (to === null || to > from)) slips++;
      }
      previous = stable;
    }
    if (slips >= 3) slipped.push(id);
    const due = findRelease((k.milestone as Record<string, unknown> | undefined)?.stable)?.date;
    if (due && due < asOf && !history.some((h) => h.date >= due)) overdue.push(id);
  }
  return [
    {
      kind: "repeated-slip",
      what: "open KEPs whose stable target moved later, or was dropped, three times or more (no KEP records a decision)",
      expected: slipped.sort(),
    },
    {
      kind: "overdue-unreported",
      what: "open KEPs whose stable target has shipped with no change to the KEP since",
      expected: overdue.sort(),
    },
  ];
}

export interface MissReport {
  kind: string;
  what: string;
  expected: number;
  found: number;
  missed: string[];
  /** Found by the engine though the yardstick does not expect it. */
  beyond: string[];
}

/** Compares the yardstick with what fired, by kind: `firedByKind` holds `sig/commitment` per kind. */
export function findMisses(
  expectationsList: Expectation[],
  firedByKind: Map<string, Set<string>>,
): MissReport[] {
  return expectationsList.map((e) => {
    const found = firedByKind.get(e.kind) ?? new Set<string>();
    const expected = new Set(e.expected);
    return {
      kind: e.kind,
      what: e.what,
      expected: expected.size,
      found: e.expected.filter((x) => found.has(x)).length,
      missed: e.expected.filter((x) => !found.has(x)),
      beyond: [...found].filter((x) => !expected.has(x)).sort(),
    };
  });
}
