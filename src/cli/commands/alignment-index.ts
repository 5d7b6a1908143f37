// plumb index: the alignment index as a table of the five dimensions with trend arrows, per initiative and for the org.
import pc from "picocolors";
import type { Config } from "../../config/config.ts";
import {
  DIMENSION_KEYS,
  DIMENSION_LABELS,
  type AlignmentIndex,
  type Direction,
  type DimensionKey,
  type OrgAlignment,
  type TrendPoint,
} from "../../readings/alignment-index.ts";
import { indexJson, orgJson } from "../../server/routes/alignment.ts";
import { readInitiativeAlignment, readOrgAlignment } from "../../use-cases/read-alignment.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { resolveOrg } from "../resolve-org.ts";
import { maxOf } from "../../domain/extremes.ts";

const ARROWS: Record<Direction, string> = { up: "↑", down: "↓", flat: "→", unknown: "·" };

const SHORT_LABELS: Record<DimensionKey, string> = {
  surpriseFrequency: "surprises",
  informationFlow: "flow",
  courseCorrectionSpeed: "correction",
  psychologicalSafety: "safety",
  pivotHistory: "pivots",
};

const scoreText = (score: number | null) => (score === null ? "–" : String(score));
const cell = (score: number | null, direction: Direction) =>
  `${scoreText(score).padStart(3)} ${ARROWS[direction]}`;
const series = (trend: readonly TrendPoint[]) => trend.map((p) => scoreText(p.score)).join(" ");
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
const days = (n: number | null) => (n === null ? "–" : plural(Math.round(n * 10) / 10, "day"));

/** One line of raw measures per dimension, in words. */
function measureText(index: AlignmentIndex, key: DimensionKey): string {
  switch (key) {
    case "surpriseFrequency": {
      const m = index.surpriseFrequency.measures;
      return `${plural(m.lastWindow, "surprise")} in the last ${m.windowDays} days (${m.total} on record)`;
    }
    case "informationFlow": {
      const m = index.informationFlow.measures;
      const layers =
        m.medianLayers === null ? "no chain to the owner" : `median ${plural(m.medianLayers, "layer")}`;
      return `${layers}; bad news reaches the owner in ${days(m.medianDelayDays)} (median); ${m.notArrived} not arrived, ${m.softened} softened`;
    }
    case "courseCorrectionSpeed": {
      const m = index.courseCorrectionSpeed.measures;
      const oldest = maxOf(m.open.map((t) => t.days)) ?? 0;
      return `median ${days(m.medianDays)} to decide; ${m.decided} decided, ${m.open.length} open${m.open.length > 0 ? ` (oldest ${days(oldest)})` : ""}`;
    }
    case "psychologicalSafety": {
      const m = index.psychologicalSafety.measures;
      const share =
        m.outsideLeadsShare === null
          ? "no named concerns"
          : `${Math.round(m.outsideLeadsShare * 100)}% of ${m.namedConcerns} named concerns from outside the leads`;
      const pulse = m.pulse
        ? `pulse ${m.pulse.mean}/7 (${m.pulse.respondents} people)`
        : "no pulse at or above k";
      return `${share}; ${m.anonymousConcerns} anonymous; ${pulse}`;
    }
    case "pivotHistory": {
      const m = index.pivotHistory.measures;
      return `${m.triggersAnsweredByChange} of ${plural(m.triggers, "trigger")} answered by a change of course; ${m.improved} of ${m.measured} measured changes moved the outcome toward its target`;
    }
  }
}

export function indexAsText(index: AlignmentIndex, color: boolean): string {
  const c = pc.createColors(color);
  const lines = [
    c.bold(index.name) + c.dim(` — alignment index as of ${index.asOf}`),
    "",
    c.dim(`${"dimension".padEnd(25)} ${"score".padStart(5)}  ${"trend (oldest → now)".padEnd(22)} measures`),
  ];
  for (const key of DIMENSION_KEYS) {
    const d = index[key];
    lines.push(
      `${DIMENSION_LABELS[key].padEnd(25)} ${cell(d.score, d.direction).padStart(5)}  ${series(d.trend).padEnd(22)} ${measureText(index, key)}`,
    );
  }
  lines.push(
    c.bold(
      `${"overall".padEnd(25)} ${cell(index.overall, index.overallDirection).padStart(5)}  ${series(index.overallTrend)}`,
    ),
  );
  return `${lines.join("\n")}\n`;
}

export function orgAsText(org: OrgAlignment, orgId: string, color: boolean): string {
  const c = pc.createColors(color);
  const width = Math.max(12, maxOf(org.initiatives.map((i) => i.initiativeId.length)) ?? 0) + 2;
  const header = [
    "initiative".padEnd(width),
    ...DIMENSION_KEYS.map((k) => SHORT_LABELS[k].padStart(11)),
    "overall".padStart(9),
  ];
  const row = (
    name: string,
    scores: Array<[number | null, Direction]>,
    overall: [number | null, Direction],
  ) =>
    [
      name.padEnd(width),
      ...scores.map(([s, d]) => cell(s, d).padStart(11)),
      cell(...overall).padStart(9),
    ].join("");
  const lines = [
    c.bold(`Org ${orgId}`) +
      c.dim(
        ` — alignment index as of ${org.asOf}; the org row is the mean over initiatives, each counting once`,
      ),
    "",
    c.dim(header.join("")),
    ...org.initiatives.map((index) =>
      row(
        index.initiativeId,
        DIMENSION_KEYS.map((k) => [index[k].score, index[k].direction]),
        [index.overall, index.overallDirection],
      ),
    ),
    c.bold(
      row(
        `org (${org.initiatives.length})`,
        DIMENSION_KEYS.map((k) => [org.dimensions[k].score, org.dimensions[k].direction]),
        [org.overall, org.overallDirection],
      ),
    ),
    "",
    c.dim("Arrows: the last month against the one before (↑ better, ↓ worse, → flat, · too little history)."),
    c.dim("plumb index --initiative ID shows each dimension's measures and trend."),
  ];
  return `${lines.join("\n")}\n`;
}

export async function runIndex(
  options: { org?: string; initiative?: string; format: "text" | "json" },
  config: Config,
  io: CliIo,
): Promise<number> {
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    if (options.initiative) {
      const index = await readInitiativeAlignment(services, orgId, options.initiative);
      io.stdout(
        options.format === "json"
          ? `${JSON.stringify(indexJson(index), null, 2)}\n`
          : indexAsText(index, io.color),
      );
    } else {
      const org = await readOrgAlignment(services, orgId);
      io.stdout(
        options.format === "json"
          ? `${JSON.stringify(orgJson(org), null, 2)}\n`
          : orgAsText(org, orgId, io.color),
      );
    }
    return EXIT.ok;
  });
}
