// Kubernetes enhancement proposals (KEPs) as initiative files, one per owning SIG: the real data the quality suite runs on.
//
// The mapping, and why:
// - A SIG is an initiative (its portfolio of KEPs), owned by its first chair; the SIG is the team.
// - A KEP that is `implementable` or `implemented` is a commitment of its SIG, owned by its first author.
//   `provisional` KEPs are not yet agreed, and withdrawn, rejected, replaced, superseded, removed and
//   deferred ones were never delivered: none of them is a commitment, and each is counted as skipped.
// - The commitment is the KEP reaching general availability (stage stable): due on the day its stable
//   target's Kubernetes release ships; a KEP without a stable target has no due date. Every earlier target of that stage in the KEP's history is a
//   `due_history` date, oldest first; a target moved to `TBD` leaves no date and is named in the report.
// - An implemented KEP is done on the release day of its latest milestone (else its stable milestone, else
//   the first day its history says `implemented`); so is a KEP at stage stable whose latest milestone has
//   shipped, though nobody marked it implemented (counted, as a defect of the data).
// - Every day the KEP's file changed its status or milestones is a status report on the commitment by its
//   first author: `at_risk` when that change moved the target later (or to no date), else `on_track`, with
//   the KEP's status, stage and targets as the note. A KEP file re-asserting its plan is the nearest thing
//   the data holds to a health call; nothing else is invented.
// - The KEP's stage, the day it entered it, its status and number are facts of the commitment.
// - A see-also reference to another KEP of the same SIG is a dependency (the referring KEP builds on the
//   one it names); a `replaces` reference is a handoff from the replaced KEP. References to another SIG's
//   KEP, to a document or to nothing resolvable are counted as skipped.
// - A production-readiness approval for a stage is a gate with the approver's Go.
import type { InitiativeFileInput } from "../../initiative-file/schema.ts";
import { isIsoDate, type IsoDate } from "../../domain/primitives.ts";
import { findRelease, releaseVersion } from "./kubernetes-releases.ts";

/** A line of `keps.jsonl`, as raw as it was written. */
export interface KepRecord {
  path: string;
  kep_number: string;
  title?: unknown;
  authors?: unknown;
  owning_sig: string;
  participating_sigs?: unknown;
  status?: unknown;
  stage?: unknown;
  latest_milestone?: unknown;
  milestone?: unknown;
  creation_date?: unknown;
  last_updated?: unknown;
  approvers?: unknown;
  see_also?: unknown;
  replaces?: unknown;
  prr_approval?: unknown;
}

/** A line of `kep_status_history.jsonl`: the KEP's file as one commit left it. */
export interface HistoryRow {
  kep_number: string;
  date: string;
  commit: string;
  path: string;
  status?: unknown;
  stage?: unknown;
  latest_milestone?: unknown;
  milestone?: unknown;
  first_seen?: boolean;
}

interface SigPerson {
  github?: string;
  name?: string;
}

/** A line of `k8s_sigs.jsonl`. */
export interface SigRecord {
  kind?: string;
  dir: string;
  name?: string;
  chairs?: SigPerson[];
  tech_leads?: SigPerson[];
}

export interface KepData {
  keps: KepRecord[];
  history: HistoryRow[];
  sigs: SigRecord[];
}

/** Something in the data the conversion could not use, and what it did instead. */
export interface ConversionProblem {
  kind: string;
  kep: string | null;
  detail: string;
}

export interface ConvertedSig {
  sig: string;
  file: InitiativeFileInput;
}

export interface Conversion {
  initiatives: ConvertedSig[];
  problems: ConversionProblem[];
  counts: { keps: number; commitments: number; reports: number; links: number; gates: number };
}

export interface ConvertOptions {
  /** The evaluation day written into every file: fixed, so a run is reproducible. */
  asOf: IsoDate;
  /**
   * Days within which a KEP should be touched (default 365). A KEP's file changes when its stage or target
   * moves, which Kubernetes expects within about three releases of four months (the graduation and
   * "prevent permabeta" policies, KEP-1635): a year of silence, not one release cycle, is what says nobody
   * is tending it.
   */
  cadenceDays?: number;
}

const STAGES = ["alpha", "beta", "stable"] as const;
type Stage = (typeof STAGES)[number];
type Status = "implementable" | "implemented" | "not-committed" | "closed";

const CLOSED = new Set(["withdrawn", "rejected", "replaced", "superseded", "removed", "deferred"]);

export function convertKeps(data: KepData, options: ConvertOptions): Conversion {
  const problems: ConversionProblem[] = [];
  const problem = (kind: string, kep: string | null, detail: string) => problems.push({ kind, kep, detail });
  const historyByPath = groupHistory(data.history);
  const sigs = new Map(data.sigs.map((s) => [s.dir, s]));
  const bySig = new Map<string, KepRecord[]>();
  for (const kep of data.keps) {
    if (typeof kep.owning_sig !== "string" || !/^[a-z0-9-]+$/.test(kep.owning_sig)) {
      problem("owning SIG unusable", kep.kep_number, `owning_sig ${JSON.stringify(kep.owning_sig)}`);
      continue;
    }
    bySig.set(kep.owning_sig, [...(bySig.get(kep.owning_sig) ?? []), kep]);
  }
  const initiatives: ConvertedSig[] = [];
  const counts = { keps: data.keps.length, commitments: 0, reports: 0, links: 0, gates: 0 };
  for (const [sigDir, keps] of [...bySig.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const converted = convertSig(sigDir, keps, sigs.get(sigDir), historyByPath, options, problem);
    if (!converted) continue;
    initiatives.push(converted);
    counts.commitments += Object.keys(converted.file.commitments ?? {}).length;
    counts.reports += converted.file.reports?.length ?? 0;
    counts.links += converted.file.links?.length ?? 0;
    counts.gates += converted.file.gates?.length ?? 0;
  }
  return { initiatives, problems, counts };
}

type Report = (kind: string, kep: string | null, detail: string) => void;

interface CommitmentDraft {
  id: string;
  kep: KepRecord;
  dir: string;
}

function convertSig(
  sigDir: string,
  keps: KepRecord[],
  sig: SigRecord | undefined,
  historyByPath: Map<string, HistoryRow[]>,
  options: ConvertOptions,
  problem: Report,
): ConvertedSig | null {
  const { asOf } = options;
  const leaders = [...(sig?.chairs ?? []), ...(sig?.tech_leads ?? [])];
  const leader = leaders.map((p) => handle(p.github)).find((h): h is string => h !== null);
  const owner = leader ?? firstHandle(keps.flatMap((k) => list(k.approvers)));
  if (!sig) problem("SIG not in k8s_sigs.jsonl", null, `${sigDir}: owner taken from a KEP approver`);
  if (!owner) {
    problem("SIG without an owner", null, `${sigDir}: no chair, tech lead or approver; skipped`);
    return null;
  }
  const people = new Map<string, string>();
  const person = (id: string, name?: string) => {
    if (!people.has(id) || (name && people.get(id) === id)) people.set(id, name?.trim() || id);
  };
  for (const p of leaders) {
    const id = handle(p.github);
    if (id) person(id, p.name);
  }
  person(owner);

  // Commitments first (ids are needed to resolve links), then everything that refers to them.
  const drafts: CommitmentDraft[] = [];
  const taken = new Set<string>();
  for (const kep of [...keps].sort((a, b) => Number(a.kep_number) - Number(b.kep_number))) {
    const status = normaliseStatus(kep, problem);
    if (status === "not-committed" || status === "closed") continue;
    let id = `kep_${/^\d+$/.test(kep.kep_number) ? kep.kep_number : slug(kep.kep_number)}`;
    if (taken.has(id)) {
      problem("duplicate KEP number", kep.kep_number, `${kep.path}: kept as ${id}_b`);
      id = `${id}_b`;
    }
    taken.add(id);
    drafts.push({ id, kep, dir: kepDir(kep.path) });
  }
  const byDir = new Map(drafts.map((d) => [d.dir, d]));
  const byNumber = new Map<string, CommitmentDraft[]>();
  for (const d of drafts) byNumber.set(d.kep.kep_number, [...(byNumber.get(d.kep.kep_number) ?? []), d]);

  const commitments: NonNullable<InitiativeFileInput["commitments"]> = {};
  const reports: NonNullable<InitiativeFileInput["reports"]> = [];
  const gates: NonNullable<InitiativeFileInput["gates"]> = [];
  for (const draft of drafts) {
    const { kep, id } = draft;
    const status = normaliseStatus(kep, () => {});
    const author = firstHandle(list(kep.authors));
    if (!author) problem("no usable author", kep.kep_number, `authors ${JSON.stringify(kep.authors)}`);
    const ownerId = author ?? owner;
    person(ownerId);
    const history = (historyByPath.get(kep.path) ?? []).filter((r) => r.date <= asOf);
    const targets = milestones(kep.milestone);
    // The commitment is general availability: a KEP that names no stable target has no due date.
    const targetStage: Stage | null = targets.stable !== undefined ? "stable" : null;
    const due = targetStage ? dueOf(targets[targetStage], kep, targetStage, problem) : null;
    // A stable target dropped from the file is a move to no date: its earlier targets stay due history.
    const moves = targetMoves(history, "stable");
    const dueHistory = dueHistoryOf(moves, due);
    const stage = normaliseStage(kep.stage);
    if (kep.stage !== undefined && stage === null && !["deprecated", "disabled"].includes(String(kep.stage)))
      problem("stage unusable", kep.kep_number, `stage ${JSON.stringify(kep.stage)}`);
    const facts: Record<string, string | string[]> = { kep: kep.kep_number, status };
    if (stage) facts.stage = stage;
    const since = stage ? stageSince(history, stage) : null;
    if (since) facts.stage_since = since;
    if (targetStage) facts.target_stage = targetStage;
    const latest = releaseVersion(kep.latest_milestone);
    if (latest) facts.latest_milestone = `v${latest}`;
    else if (kep.latest_milestone !== undefined)
      problem(
        "latest_milestone unusable",
        kep.kep_number,
        `latest_milestone ${JSON.stringify(kep.latest_milestone)}`,
      );
    const participating = list(kep.participating_sigs).filter((s) => s !== kep.owning_sig);
    if (participating.length > 0) facts.participating_sigs = participating;
    const done =
      status === "implemented"
        ? doneOf(kep, targets, history, asOf, problem)
        : stableShipped(kep, stage, asOf, problem);
    commitments[id] = {
      team: kep.owning_sig,
      owner: ownerId,
      title: `KEP-${kep.kep_number}: ${title(kep)}`.slice(0, 300),
      ...(due ? { due } : {}),
      ...(dueHistory.length > 0 ? { due_history: dueHistory } : {}),
      ...(done ? { done } : {}),
      facts,
    };
    reports.push(...reportsOf(id, ownerId, kep, history, "stable"));
    gates.push(...gatesOf(kep, targets, person, problem));
  }

  const links = linksOf(drafts, byDir, byNumber, problem);
  const sigName = sig?.name ?? sigDir;
  return {
    sig: sigDir,
    file: {
      version: 1,
      initiative: `SIG ${sigName} enhancements`,
      id: sigDir,
      owner,
      as_of: asOf,
      summary: `The KEPs owned by ${sigDir}, converted from kubernetes/enhancements (Apache-2.0).`,
      cadence_days: options.cadenceDays ?? 365,
      people: [...people.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, name]) => ({ id, name })),
      teams: { [sigDir]: { name: `SIG ${sigName}`, lead: owner } },
      commitments,
      links,
      reports,
      gates,
    },
  };
}

function normaliseStatus(kep: KepRecord, problem: Report): Status {
  const raw = typeof kep.status === "string" ? kep.status.trim().toLowerCase() : "";
  if (raw === "implementable") return "implementable";
  if (raw === "implemented") return "implemented";
  if (raw === "provisional") return "not-committed";
  if (CLOSED.has(raw)) return "closed";
  if (raw === "imlpemented" || raw.startsWith("implemented ")) {
    problem(
      "status misspelt or annotated",
      kep.kep_number,
      `status ${JSON.stringify(kep.status)} read as implemented`,
    );
    return "implemented";
  }
  problem("status unusable", kep.kep_number, `status ${JSON.stringify(kep.status)}: not a commitment`);
  return "not-committed";
}

function normaliseStage(raw: unknown): Stage | null {
  const text = typeof raw === "string" ? raw.trim().toLowerCase() : "";
  const stage = STAGES.find((s) => text === s || new RegExp(`^${s}\\d*$`).test(text));
  return stage ?? null;
}

/** Target milestones by stage, as written (`v1.30`, `TBD`, `x.y`, …). */
function milestones(raw: unknown): Partial<Record<Stage, string>> {
  if (raw === null || typeof raw !== "object") return {};
  const out: Partial<Record<Stage, string>> = {};
  for (const stage of STAGES) {
    const value = (raw as Record<string, unknown>)[stage];
    if (value !== undefined && value !== null) out[stage] = String(value);
  }
  return out;
}

function dueOf(target: string | undefined, kep: KepRecord, stage: Stage, problem: Report): IsoDate | null {
  const release = findRelease(target);
  if (release) return release.date;
  problem("target milestone unusable", kep.kep_number, `${stage} ${JSON.stringify(target)}: no due date`);
  return null;
}

interface TargetMove {
  date: IsoDate;
  /** The release day of the new target; null when it moved to no date (`TBD`). */
  due: IsoDate | null;
  raw: string;
}

/** The successive targets of one stage in a KEP's history, consecutive repeats collapsed. */
function targetMoves(history: HistoryRow[], stage: Stage): TargetMove[] {
  const moves: TargetMove[] = [];
  for (const row of history) {
    const raw = milestones(row.milestone)[stage];
    if (raw === undefined) continue;
    const due = findRelease(raw)?.date ?? null;
    const previous = moves.at(-1);
    if (previous && previous.due === due) continue;
    moves.push({ date: row.date, due, raw });
  }
  return moves;
}

/** The earlier due dates, oldest first, ending before the current one; moves to no date leave none. */
function dueHistoryOf(moves: TargetMove[], due: IsoDate | null): IsoDate[] {
  const dates: IsoDate[] = [];
  for (const move of moves) if (move.due && dates.at(-1) !== move.due) dates.push(move.due);
  if (due && dates.at(-1) === due) dates.pop();
  return dates;
}

function stageSince(history: HistoryRow[], stage: Stage): IsoDate | null {
  let since: IsoDate | null = null;
  for (const row of history) {
    const s = normaliseStage(row.stage);
    if (s === stage) since ??= row.date;
    else if (s !== null) since = null;
  }
  return since;
}

/** A KEP at stage stable whose latest milestone has shipped went GA, though nobody marked it implemented. */
function stableShipped(kep: KepRecord, stage: Stage | null, asOf: IsoDate, problem: Report): IsoDate | null {
  const release = findRelease(kep.latest_milestone);
  if (stage !== "stable" || !release || release.planned || release.date > asOf) return null;
  problem(
    "stable but not marked implemented",
    kep.kep_number,
    `stage stable since ${String(kep.latest_milestone)}: read as delivered on ${release.date}`,
  );
  return release.date;
}

function doneOf(
  kep: KepRecord,
  targets: Partial<Record<Stage, string>>,
  history: HistoryRow[],
  asOf: IsoDate,
  problem: Report,
): IsoDate {
  for (const raw of [kep.latest_milestone, targets.stable]) {
    const release = findRelease(raw);
    if (release && release.date <= asOf) return release.date;
  }
  const implemented = history.find((r) => String(r.status).trim().toLowerCase() === "implemented");
  if (implemented) return implemented.date;
  const fallback = [kep.last_updated, kep.creation_date].find(
    (d): d is string => typeof d === "string" && isIsoDate(d) && d <= asOf,
  );
  problem(
    "delivery day unknown",
    kep.kep_number,
    `implemented, with no shipped milestone or history: done on ${fallback ?? asOf}`,
  );
  return fallback ?? asOf;
}

function reportsOf(
  commitment: string,
  by: string,
  kep: KepRecord,
  history: HistoryRow[],
  stage: Stage | null,
): NonNullable<InitiativeFileInput["reports"]> {
  // One report a day: the file as the day's last commit left it; the day is at risk if any commit moved the target later.
  const days = new Map<IsoDate, { row: HistoryRow; slipped: boolean; from: string | null }>();
  let previous: string | null = null;
  for (const row of history) {
    if (!isIsoDate(row.date)) continue;
    // A file that lists milestones but no longer this stage's has dropped its target: "none".
    const listed = row.milestone !== null && typeof row.milestone === "object";
    const target = stage ? (milestones(row.milestone)[stage] ?? (listed ? "none" : null)) : null;
    const before = previous === null ? null : findRelease(previous)?.date;
    const after = target === null ? undefined : findRelease(target)?.date;
    const slipped =
      previous !== null &&
      target !== null &&
      target !== previous &&
      (after === undefined || (before !== undefined && before !== null && after > before));
    const day = days.get(row.date);
    days.set(row.date, {
      row,
      slipped: (day?.slipped ?? false) || slipped,
      from: slipped ? previous : (day?.from ?? null),
    });
    if (target !== null) previous = target;
  }
  return [...days.entries()].map(([date, { row, slipped, from }]) => {
    const targets = milestones(row.milestone);
    const plan = STAGES.filter((s) => targets[s] !== undefined)
      .map((s) => `${s} ${targets[s]}`)
      .join(", ");
    const moved = slipped && stage ? ` The ${stage} target moved from ${from} to ${targets[stage]}.` : "";
    return {
      subject: commitment,
      by,
      date,
      health: slipped ? ("at_risk" as const) : ("on_track" as const),
      note: `KEP-${kep.kep_number} file updated (commit ${row.commit}): status ${String(row.status)}, stage ${String(row.stage ?? "none")}, latest milestone ${String(row.latest_milestone ?? "none")}; targets ${plan || "none"}.${moved}`,
    };
  });
}

function gatesOf(
  kep: KepRecord,
  targets: Partial<Record<Stage, string>>,
  person: (id: string) => void,
  problem: Report,
): NonNullable<InitiativeFileInput["gates"]> {
  const prr = kep.prr_approval;
  if (prr === null || typeof prr !== "object") return [];
  return STAGES.flatMap((stage) => {
    const raw = (prr as Record<string, unknown>)[stage];
    if (raw === undefined) return [];
    const approver = handle(raw);
    if (!approver) {
      problem("PRR approver unusable", kep.kep_number, `${stage} approver ${JSON.stringify(raw)}: no gate`);
      return [];
    }
    person(approver);
    const date = findRelease(targets[stage])?.date;
    return [
      {
        id: `prr-${slug(kep.kep_number)}-${stage}`,
        name: `KEP-${kep.kep_number} ${stage}: production readiness`,
        ...(date ? { date } : {}),
        authorities: { prr: approver },
        votes: [{ by: approver, vote: "go" as const }],
      },
    ];
  });
}

function linksOf(
  drafts: CommitmentDraft[],
  byDir: Map<string, CommitmentDraft>,
  byNumber: Map<string, CommitmentDraft[]>,
  problem: Report,
): NonNullable<InitiativeFileInput["links"]> {
  const links: NonNullable<InitiativeFileInput["links"]> = [];
  const seen = new Set<string>();
  for (const draft of drafts) {
    const refs: Array<{ ref: string; relation: "see_also" | "replaces" }> = [
      ...list(draft.kep.see_also).map((ref) => ({ ref, relation: "see_also" as const })),
      ...list(draft.kep.replaces).map((ref) => ({ ref, relation: "replaces" as const })),
    ];
    for (const { ref, relation } of refs) {
      const target = resolveKep(ref, draft.kep.owning_sig, byDir, byNumber);
      if (target === "elsewhere") {
        problem("reference outside the SIG", draft.kep.kep_number, `${relation} ${ref}: no link`);
        continue;
      }
      if (!target) {
        problem(
          "reference unresolvable",
          draft.kep.kep_number,
          `${relation} ${JSON.stringify(ref)}: no link`,
        );
        continue;
      }
      if (target.id === draft.id) continue;
      const key = [target.id, draft.id].sort().join("|");
      if (seen.has(key)) continue;
      seen.add(key);
      const statement =
        relation === "see_also"
          ? `KEP-${draft.kep.kep_number} builds on KEP-${target.kep.kep_number} (${title(target.kep)})`
          : `KEP-${draft.kep.kep_number} replaces KEP-${target.kep.kep_number} (${title(target.kep)})`;
      links.push({
        id: `${relation === "see_also" ? "see-also" : "replaces"}-${draft.id}-${target.id}`.replace(
          /_/g,
          "-",
        ),
        kind: relation === "see_also" ? "dependency" : "handoff",
        from: target.id,
        to: draft.id,
        statement: statement.slice(0, 500),
      });
    }
  }
  return links;
}

/** A reference to a KEP by its folder (`/keps/sig-x/1234-name`, with or without `kep.yaml`/`.md`). */
function resolveKep(
  ref: string,
  sig: string,
  byDir: Map<string, CommitmentDraft>,
  byNumber: Map<string, CommitmentDraft[]>,
): CommitmentDraft | "elsewhere" | null {
  const match =
    /(?:^|\/)keps\/([a-z0-9-]+)\/([0-9]+-[A-Za-z0-9._-]+?)(?:\.md|\/kep\.yaml|\/README\.md|\/)?$/.exec(
      ref.trim(),
    );
  if (!match) return null;
  const [, refSig, dir] = match as unknown as [string, string, string];
  const exact = byDir.get(dir);
  if (exact) return exact;
  const number = String(Number(/^(\d+)-/.exec(dir)?.[1]));
  const candidates = byNumber.get(number) ?? [];
  if (candidates.length === 1) return candidates[0]!;
  return refSig !== sig ? "elsewhere" : null;
}

function groupHistory(rows: HistoryRow[]): Map<string, HistoryRow[]> {
  const byPath = new Map<string, HistoryRow[]>();
  for (const row of rows) {
    if (typeof row.path !== "string" || typeof row.date !== "string" || !isIsoDate(row.date)) continue;
    byPath.set(row.path, [...(byPath.get(row.path) ?? []), row]);
  }
  // Stable by date: rows of one day keep their order in the file.
  for (const list of byPath.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  return byPath;
}

function list(raw: unknown): string[] {
  if (typeof raw === "string") return [raw];
  return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === "string") : [];
}

/** `@Foo`, `foo` and ` FOO ` are one GitHub handle; `TBD` and prose are none. */
export function handle(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const text = raw.trim().replace(/^@/, "").toLowerCase();
  if (!/^[a-z0-9](?:[a-z0-9-]{0,38})$/.test(text) || ["tbd", "todo", "none", "n-a"].includes(text))
    return null;
  return text;
}

function firstHandle(raws: unknown[]): string | null {
  for (const raw of raws) {
    const h = handle(raw);
    if (h) return h;
  }
  return null;
}

function title(kep: KepRecord): string {
  const text = typeof kep.title === "string" ? kep.title.replace(/\s+/g, " ").trim() : "";
  return text || kepDir(kep.path);
}

function kepDir(path: string): string {
  return path.split("/").at(-2) ?? path;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "") || "x"
  );
}
