// Signals for people (grouped by severity, one line each, colour on a terminal) and for machines (JSON).
import pc from "picocolors";
import type { Signal } from "../domain/model.ts";
import type { HealthComparison } from "../engine/health-comparison.ts";
import { healthRank, SEVERITIES, type Severity } from "../domain/primitives.ts";

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
  const shade = { on_track: c.green, at_risk: c.yellow, off_track: c.red } as const;
  const compared = (context.health ?? []).filter((h) => h.subject.type !== "commitment" || h.reported);
  if (compared.length > 0) {
    lines.push("", c.bold("Health: reported / evidence"));
    for (const h of compared) {
      const reported = h.reported
        ? shade[h.reported.health](h.reported.health) + c.dim(` (${h.reported.by}, ${h.reported.date})`)
        : c.dim("not reported");
      const greener = h.reported !== null && healthRank(h.reported.health) < healthRank(h.evidence.health);
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
