// The thermocline view: a report's path up the chain, what each layer changed, and where the truth turned green.
import { useState } from "react";
import { HealthBadge } from "../../components/ui/health-badge.tsx";
import { SelectField } from "../../components/ui/field.tsx";
import { EmptyState } from "../../components/ui/state-views.tsx";
import type { Signal } from "../../lib/api-types.ts";
import { daysBetween, formatDate, HEALTH_LABEL, HEALTH_RANK } from "../../lib/format.ts";
import { useInitiative } from "../initiative/initiative-context.ts";
import { groundReports, subjectTitle, traceUp, type Layer } from "./trace.ts";

/** The ground report of the first filtered roll-up the engine found, to open the view on. */
function flaggedGround(signals: readonly Signal[]): string | undefined {
  for (const signal of signals.filter((s) => s.kind === "filtered-rollup")) {
    const ground = signal.evidence.find((e) => (e.value as { layer?: number } | undefined)?.layer === 0);
    const report = (ground?.value as { report?: string } | undefined)?.report;
    if (report) return report;
  }
  return undefined;
}

function LayerCard({ layer, index }: { layer: Layer; index: number }) {
  const { doc, name } = useInitiative();
  const { report } = layer;
  return (
    <li className={`layer${layer.softened ? " layer--softened" : ""}`}>
      <p className="eyebrow">{index === 0 ? "Ground" : `Layer ${index}`}</p>
      <h3>
        {name(report.by)} <span className="muted small">{formatDate(report.date)}</span>
      </h3>
      <p className="small">on “{subjectTitle(doc, report.subject)}”</p>
      <HealthBadge health={report.health} />
      <blockquote className="layer__note">{report.note ?? <span className="muted">No note</span>}</blockquote>
      {layer.changes.length > 0 ? (
        <ul className="layer__changes" aria-label="What this layer changed">
          {layer.changes.map((change) => (
            <li
              key={change}
              className={
                change.startsWith("Softened") || change.startsWith("Dropped") ? "change--bad" : undefined
              }
            >
              {change}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function Thermocline() {
  const { doc, signals, name } = useInitiative();
  const grounds = groundReports(doc.reports ?? []);
  const [chosen, setChosen] = useState<string | undefined>();
  const groundId = chosen ?? flaggedGround(signals.signals) ?? grounds[0]?.id;
  const layers = groundId ? traceUp(doc, groundId) : [];
  const ground = layers[0]?.report;
  const top = layers.at(-1)?.report;
  const greener = ground && top && HEALTH_RANK[top.health] < HEALTH_RANK[ground.health];
  return (
    <section className="panel" aria-labelledby="thermocline-heading">
      <h2 id="thermocline-heading">Thermocline</h2>
      <p className="muted">
        How a report from the ground travels up the roll-ups to the decision maker, and what each layer did to
        it.
      </p>
      {grounds.length === 0 ? (
        <EmptyState title="No roll-ups yet">
          When a report cites the reports beneath it, its path up the chain appears here.
        </EmptyState>
      ) : (
        <>
          <SelectField
            label="Report from the ground"
            value={groundId}
            onChange={(e) => setChosen(e.target.value)}
            options={grounds.map((r) => ({
              value: r.id,
              label: `${formatDate(r.date)} · ${name(r.by)} · ${subjectTitle(doc, r.subject)} (${HEALTH_LABEL[r.health]})`,
            }))}
          />
          {ground && top ? (
            <p className={`thermo-verdict${greener ? " thermo-verdict--bad" : ""}`} role="status">
              {greener
                ? `${HEALTH_LABEL[ground.health]} on the ground became ${HEALTH_LABEL[top.health]} after ${layers.length - 1} layer${layers.length === 2 ? "" : "s"} and ${daysBetween(ground.date, top.date)} days.`
                : `The truth reached ${name(top.by)} as ${HEALTH_LABEL[top.health]}: nothing was softened on the way.`}
            </p>
          ) : null}
          <ol className="layers">
            {layers.map((layer, index) => (
              <LayerCard key={layer.report.id} layer={layer} index={index} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
