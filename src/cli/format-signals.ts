// Signals for people (grouped by severity, one line each, colour on a terminal) and for machines (JSON).
import pc from "picocolors";
import type { Signal } from "../domain/model.ts";
import type { HealthComparison } from "../engine/health-comparison.ts";
import { groupBy } from "../domain/group-by.ts";
import { isGreenerThan } from "../domain/report-policy.ts";
import { SEVERITIES, severityRank, type Severity } from "../domain/primitives.ts";

export function healthAsJson(health: HealthComparison[]) {
  return health.map((h) => ({
    subject: h.subject,
    title: h.title,
    reported: h.reported,
    evidence: { health: h.evidence.health, reasons: h.evidence.reasons.map((r) => r.text) },
  }));
}

export function signalsAsJson(signals: Signal[], asOf: string, health: HealthComparison[] = []): string {
  const out = signals.map((s) => ({
    kind: s.kind,
    severity: s.severity,
    subject: s.subject,
    title: s.title,
    explanation: s.explanation,
    evidence: s.evidence,
    owner: s.owner,
    fingerprint: s.fingerprint,
  }));
  return `${JSON.stringify({ as_of: asOf, health: healthAsJson(health), signals: out }, null, 2)}\n`;
}

export function signalsAsText(
  signals: Signal[],
  context: { name: string; asOf: string; color: boolean; health?: HealthComparison[] },
): string {
  const c = pc.createColors(context.color);
  const paint: Record<Severity, (text: string) => string> = {
    critical: (t) => c.bold(c.red(t)),
    warning: (t) => c.yellow(t),
    info: (t) => c.cyan(t),
  };
  const lines = [c.bold(`${context.name}`) + c.dim(` — as of ${context.asOf}`)];
  const shade = { on_track: c.green, at_risk: c.yellow, off_track: c.red, unknown: c.dim } as const;
  const compared = (context.health ?? []).filter((h) => h.subject.type !== "commitment" || h.reported);
  if (compared.length > 0) {
    lines.push("", c.bold("Health: reported / evidence"));
    for (const h of compared) {
      const reported = h.reported
        ? shade[h.reported.health](h.reported.health) + c.dim(` (${h.reported.by}, ${h.reported.date})`)
        : c.dim("not reported");
      const greener = h.reported !== null && isGreenerThan(h.reported.health, h.evidence.health);
      lines.push(
        `  ${h.title.padEnd(32)} ${reported}  /  ${shade[h.evidence.health](h.evidence.health)}${greener ? c.red("  ◀ greener than the evidence") : ""}`,
      );
    }
  }
  if (signals.length === 0) {
    lines.push(c.green("No signals: the evidence agrees with what is reported."));
    return `${lines.join("\n")}\n`;
  }
  for (const severity of [...SEVERITIES].reverse()) {
    const group = signals.filter((s) => s.severity === severity);
    if (group.length === 0) continue;
    lines.push("", paint[severity](`${severity.toUpperCase()} (${group.length})`));
    for (const s of group) {
      lines.push(`  ${paint[severity]("●")} ${c.bold(s.title)} ${c.dim(`[${s.kind}]`)}`);
      lines.push(`    ${s.explanation}`);
      if (s.owner) lines.push(c.dim(`    → ${s.owner} must act`));
    }
  }
  const counts = SEVERITIES.map(
    (sev) => `${signals.filter((s) => s.severity === sev).length} ${sev}`,
  ).reverse();
  lines.push("", `${signals.length} signal${signals.length === 1 ? "" : "s"}: ${counts.join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/**
 * One line per kind, most severe first: how many, how severe, who must act most often and the first title —
 * a view that stays a screen long whatever the initiative weighs.
 */
export function signalsAsSummary(signals: Signal[], context: { name: string; asOf: string; color: boolean }) {
  const c = pc.createColors(context.color);
  const lines = [c.bold(context.name) + c.dim(` — as of ${context.asOf}`), ""];
  if (signals.length === 0) {
    lines.push(c.green("No signals: the evidence agrees with what is reported."));
    return `${lines.join("\n")}\n`;
  }
  const kinds = [...groupBy(signals, (s) => s.kind)].sort(
    ([, a], [, b]) => severityRank(b[0]!.severity) - severityRank(a[0]!.severity) || b.length - a.length,
  );
  const width = Math.max(...kinds.map(([kind]) => kind.length));
  for (const [kind, group] of kinds) {
    const bySeverity = [...SEVERITIES]
      .reverse()
      .map((sev) => [sev, group.filter((s) => s.severity === sev).length] as const)
      .filter(([, n]) => n > 0)
      .map(([sev, n]) => `${n} ${sev}`)
      .join(", ");
    const owners = [...groupBy(group, (s) => s.owner ?? "nobody named")]
      .sort(([, a], [, b]) => b.length - a.length)
      .slice(0, 3)
      .map(([owner, of]) => `${owner} ${of.length}`)
      .join(", ");
    lines.push(`  ${kind.padEnd(width)}  ${String(group.length).padStart(4)}  ${bySeverity}`);
    lines.push(c.dim(`  ${"".padEnd(width)}        must act: ${owners}; e.g. ${group[0]!.title}`));
  }
  const counts = [...SEVERITIES]
    .reverse()
    .map((sev) => `${signals.filter((s) => s.severity === sev).length} ${sev}`);
  lines.push(
    "",
    `${signals.length} signal${signals.length === 1 ? "" : "s"} of ${kinds.length} kind${kinds.length === 1 ? "" : "s"}: ${counts.join(", ")}`,
  );
  return `${lines.join("\n")}\n`;
}
