// A health call as a chip: a shape and a word as well as a colour, so it reads without colour too.
import type { EvidenceHealth } from "../../lib/api-types.ts";
import { HEALTH_LABEL } from "../../lib/format.ts";

const SHAPE: Record<EvidenceHealth, string> = { on_track: "●", at_risk: "▲", off_track: "■", unknown: "?" };

export function HealthBadge({
  health,
  prefix,
}: {
  health: EvidenceHealth | null | undefined;
  prefix?: string;
}) {
  const label = health ? HEALTH_LABEL[health] : "No report";
  return (
    <span className={`badge health health--${health ?? "none"}`}>
      <span aria-hidden="true">{health ? SHAPE[health] : "○"}</span>
      {prefix ? <span className="badge__prefix">{prefix}</span> : null}
      <span>{label}</span>
    </span>
  );
}
