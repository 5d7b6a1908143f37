// One initiative on the radiator: reported beside evidence health, the top signals, outcomes and gates.
import { Link } from "react-router";
import { HealthBadge } from "../../components/ui/health-badge.tsx";
import { Sparkline } from "../../components/ui/sparkline.tsx";
import { GateStateTag, SeverityTag } from "../../components/ui/tags.tsx";
import { formatDate, formatNumber, humanize, peopleOf } from "../../lib/format.ts";
import { divergence, type CardData } from "./card-data.ts";

const TOP_SIGNALS = 3;

function gapText(steps: number): string {
  if (steps > 0)
    return `The report is ${steps === 1 ? "one step" : `${steps} steps`} greener than the evidence`;
  if (steps < 0) return "The report is more cautious than the evidence";
  return "The report matches the evidence";
}

export function InitiativeCard({ data, large }: { data: CardData; large?: boolean }) {
  const { doc, health, topSignals, counts, outcomes, gates } = data;
  const name = peopleOf(doc);
  const steps = divergence(data);
  const headingId = `card-${doc.id}`;
  const top = topSignals.slice(0, TOP_SIGNALS);
  return (
    <article
      className={`card${steps > 0 ? " card--diverging" : ""}${large ? " card--large" : ""}`}
      aria-labelledby={headingId}
    >
      <header className="card__header">
        <h2 id={headingId}>
          <Link to={`/initiatives/${doc.id}`}>{doc.initiative}</Link>
        </h2>
        <p className="muted">
          {name(doc.owner)} · as of {formatDate(doc.as_of)}
        </p>
      </header>

      <dl className="health-pair">
        <div>
          <dt>Reported</dt>
          <dd>
            <HealthBadge health={health?.reported?.health} />
            {health?.reported ? (
              <span className="by muted small">
                by {name(health.reported.by)}, {formatDate(health.reported.date)}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Evidence</dt>
          <dd>
            <HealthBadge health={health?.evidence.health} />
          </dd>
        </div>
      </dl>
      <p className={`gap${steps > 0 ? " gap--warn" : ""}`}>{gapText(steps)}</p>

      <div className="card__section">
        <h3>Top signals</h3>
        {top.length === 0 ? (
          <p className="muted">No open signals.</p>
        ) : (
          <ul className="signal-brief">
            {top.map((signal) => (
              <li key={signal.fingerprint}>
                <SeverityTag severity={signal.severity} /> {signal.title}
              </li>
            ))}
          </ul>
        )}
        {counts.open > top.length ? (
          <Link className="more" to={`/initiatives/${doc.id}/signals`}>
            All {counts.open} open signals
          </Link>
        ) : null}
      </div>

      <div className="card__section">
        <h3>Outcomes</h3>
        {outcomes.length === 0 ? <p className="muted">No outcome set.</p> : null}
        {outcomes.map((view) => (
          <div className="outcome-brief" key={view.outcome.id}>
            <p>
              {humanize(view.outcome.metric)} {view.comparator}{" "}
              {view.target === undefined ? view.outcome.target : formatNumber(view.target)} by{" "}
              {formatDate(view.outcome.by)}
            </p>
            <Sparkline
              label={humanize(view.outcome.metric)}
              points={view.points}
              target={view.target}
              width={large ? 320 : 200}
              height={large ? 70 : 44}
            />
            <p className={view.projection ? "projection projection--miss" : "projection"}>
              {view.projection
                ? `Projected about ${formatNumber(view.projection.expected)}: short of the target`
                : view.points.length < 2
                  ? "Too few points to project"
                  : "On pace for the target"}
            </p>
          </div>
        ))}
      </div>

      <div className="card__section">
        <h3>Gates</h3>
        {gates.length === 0 ? (
          <p className="muted">No gates.</p>
        ) : (
          <ul className="gate-brief">
            {gates.map((gate) => (
              <li key={gate.gate}>
                <span>{gate.name}</span> <GateStateTag state={gate.state} />
                {gate.no_go.length > 0 ? (
                  <span className="muted small">
                    {" "}
                    {gate.no_go.map((v) => `No-Go: ${humanize(v.role)}`).join(", ")}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </article>
  );
}
