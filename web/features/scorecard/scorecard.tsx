// The outcome scorecard: each outcome's target, where its metric stands, and the engine's projection.
import { EmptyState } from "../../components/ui/state-views.tsx";
import { formatDate, formatNumber, humanize } from "../../lib/format.ts";
import { outcomeViews, type OutcomeView } from "../../lib/outcome.ts";
import { useInitiative } from "../initiative/initiative-context.ts";
import { OutcomeChart } from "./outcome-chart.tsx";

function Progress({ view }: { view: OutcomeView }) {
  const last = view.points.at(-1);
  if (!last) return <p className="muted">No points recorded yet.</p>;
  const share = view.target ? Math.round((last[1] / view.target) * 100) : undefined;
  return (
    <p className="big-number">
      {formatNumber(last[1])}
      {view.unit ? <span className="unit"> {view.unit}</span> : null}
      <span className="muted small">
        {" "}
        on {formatDate(last[0])}
        {share === undefined ? "" : ` · ${share}% of the target`}
      </span>
    </p>
  );
}

export function Scorecard() {
  const { doc, signals, name } = useInitiative();
  const views = outcomeViews(doc, signals.signals);
  return (
    <section className="panel" aria-labelledby="scorecard-heading">
      <h2 id="scorecard-heading">Outcome scorecard</h2>
      {views.length === 0 ? (
        <EmptyState title="No outcomes set">
          <p>An outcome is the result no single team owns: a metric, a target and a date.</p>
        </EmptyState>
      ) : (
        <div className="scorecard">
          {views.map((view) => (
            <article key={view.outcome.id} className="outcome">
              <h3>
                {humanize(view.outcome.metric)} {view.comparator}{" "}
                {view.target === undefined ? view.outcome.target : formatNumber(view.target)} by{" "}
                {formatDate(view.outcome.by)}
              </h3>
              <p className="muted">Owner {name(view.outcome.owner)}</p>
              <Progress view={view} />
              <OutcomeChart view={view} />
              {view.projection ? (
                <p className="projection projection--miss">
                  <strong>
                    Projected about {formatNumber(view.projection.expected)} by {formatDate(view.outcome.by)}.
                  </strong>{" "}
                  {view.projection.explanation}
                </p>
              ) : (
                <p className="projection">
                  {view.points.length < 2
                    ? "Too few points to project a pace."
                    : "On pace: the engine projects the target will be met."}
                </p>
              )}
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
