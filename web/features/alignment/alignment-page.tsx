// The alignment index: the org's five dimensions with their trends, and every initiative's scores.
import { Link } from "react-router";
import { Sparkline } from "../../components/ui/sparkline.tsx";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { DIMENSIONS, type OrgAlignment } from "../../lib/api-types.ts";
import { formatDate } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { DIMENSION_INFO, DIRECTION_LABEL, score } from "./dimensions.ts";
import { TrendChart } from "./trend-chart.tsx";
import { ScrollRegion } from "../../components/ui/scroll-region.tsx";

function DimensionTiles({ org }: { org: OrgAlignment }) {
  return (
    <ul className="tiles">
      {DIMENSIONS.map((d) => {
        const dimension = org.dimensions[d];
        const points = dimension.trend.flatMap((p) =>
          p.score === null ? [] : [[p.as_of, p.score] as const],
        );
        return (
          <li key={d} className="tile">
            <h3>{DIMENSION_INFO[d].label}</h3>
            <p className="big-number">
              {score(dimension.score)}
              <span className="muted small"> / 100</span>
            </p>
            <p className={`direction direction--${dimension.direction}`}>
              {DIRECTION_LABEL[dimension.direction]}
            </p>
            <Sparkline label={DIMENSION_INFO[d].label} points={points} width={160} height={40} />
            <p className="muted small">{DIMENSION_INFO[d].about}</p>
          </li>
        );
      })}
    </ul>
  );
}

function InitiativeScores({ org }: { org: OrgAlignment }) {
  return (
    <ScrollRegion label="Scores by initiative">
      <table className="table">
        <caption>By initiative</caption>
        <thead>
          <tr>
            <th scope="col">Initiative</th>
            <th scope="col">Overall</th>
            {DIMENSIONS.map((d) => (
              <th key={d} scope="col">
                {DIMENSION_INFO[d].label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {org.initiatives.map((i) => (
            <tr key={i.initiative_id}>
              <th scope="row">
                <Link to={`/initiatives/${i.initiative_id}`}>{i.name}</Link>
              </th>
              <td>
                {score(i.overall)} <span className="muted small">{DIRECTION_LABEL[i.overall_direction]}</span>
              </td>
              {DIMENSIONS.map((d) => (
                <td key={d}>{score(i.dimensions[d].score)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function AlignmentPage() {
  const alignment = useApi("alignment", (api, s) => api.alignment(s), { live: "*" });
  return (
    <>
      <div className="page-heading">
        <h1>Alignment index</h1>
        <p className="muted">
          Five measured dimensions of how well truth travels: each initiative counts once.
        </p>
      </div>
      <Async state={alignment} label="the alignment index">
        {(org) =>
          org.initiatives.length === 0 ? (
            <EmptyState title="Nothing to measure yet">
              The index appears once the org has an initiative.
            </EmptyState>
          ) : (
            <>
              <section className="panel" aria-labelledby="overall-heading">
                <h2 id="overall-heading">
                  Overall {score(org.overall)}
                  <span className="muted small">
                    {" "}
                    / 100 · {DIRECTION_LABEL[org.overall_direction]} · as of {formatDate(org.as_of)}
                  </span>
                </h2>
                <DimensionTiles org={org} />
              </section>
              <section className="panel" aria-labelledby="trend-heading">
                <h2 id="trend-heading">Trends</h2>
                <TrendChart org={org} />
              </section>
              <div className="panel">
                <InitiativeScores org={org} />
              </div>
            </>
          )
        }
      </Async>
    </>
  );
}
