// The radiator: every initiative as a card, the widest gap between report and evidence first.
import { Link } from "react-router";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { can, useUser } from "../auth/session.tsx";
import { CardGrid } from "./card-grid.tsx";
import { useRadiator } from "./use-radiator.ts";

export function RadiatorPage() {
  const { list, slots } = useRadiator();
  const mayPlan = can(useUser(), "plan");
  return (
    <>
      <div className="page-heading">
        <h1>Radiator</h1>
        <p className="muted">
          Every initiative, the widest gap between what is reported and what the evidence says first.
        </p>
        <div className="button-row">
          <Link className="button button--secondary" to="/tv">
            TV mode
          </Link>
          {mayPlan ? (
            <Link className="button button--secondary" to="/new">
              New initiative
            </Link>
          ) : null}
        </div>
      </div>
      <Async state={list} label="initiatives">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No initiatives yet">
              <p>
                {mayPlan ? (
                  <>
                    <Link to="/new">Create one</Link> here.{" "}
                  </>
                ) : null}
                Import one with <code>npx plumb import initiative.yaml</code>, or send it to{" "}
                <code>POST /api/v1/initiatives</code>.
              </p>
            </EmptyState>
          ) : (
            <CardGrid slots={slots} />
          )
        }
      </Async>
    </>
  );
}
