// Milestones with their assumption tests, and the decisions that changed course, with a form to record one.
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import type { Assumption, Decision, Milestone } from "../../lib/api-types.ts";
import { formatDate, humanize } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { can, useUser } from "../auth/session.tsx";
import { useInitiative } from "../initiative/initiative-context.ts";
import { DecisionForm } from "./decision-form.tsx";

const statement = (a: Assumption) => (typeof a === "string" ? a : a.statement);
const killCriteria = (a: Assumption) => (typeof a === "string" ? undefined : a.kill_criteria);

function MilestoneCard({ milestone, asOf }: { milestone: Milestone; asOf: string }) {
  const passed = milestone.date <= asOf;
  return (
    <li className="milestone">
      <h3>
        {milestone.name} <span className="muted small">{formatDate(milestone.date)}</span>
      </h3>
      {(milestone.assumptions ?? []).length === 0 ? <p className="muted">No assumptions to test.</p> : null}
      <ul className="assumptions">
        {(milestone.assumptions ?? []).map((assumption, index) => {
          const tests = (milestone.tests ?? []).filter((t) => t.assumption === index);
          const latest = tests.at(-1);
          return (
            <li key={index}>
              <p>
                {latest ? (
                  <span className={`badge verdict verdict--${latest.verdict}`}>
                    {humanize(latest.verdict)}
                  </span>
                ) : (
                  <span className={`badge verdict ${passed ? "verdict--missing" : "verdict--pending"}`}>
                    {passed ? "Not tested" : "To test"}
                  </span>
                )}{" "}
                {statement(assumption)}
              </p>
              {killCriteria(assumption) ? (
                <p className="small">Kill criteria: {killCriteria(assumption)}</p>
              ) : null}
              {tests.map((test) => (
                <p key={`${test.date}-${test.verdict}`} className="muted small">
                  {formatDate(test.date)}: {test.evidence ?? "no evidence recorded"}
                </p>
              ))}
            </li>
          );
        })}
      </ul>
    </li>
  );
}

function Decisions({ decisions }: { decisions: Decision[] }) {
  const { name } = useInitiative();
  if (decisions.length === 0)
    return (
      <EmptyState title="No decisions recorded">
        Record one when a test invalidates an assumption or a gate is held.
      </EmptyState>
    );
  return (
    <ol className="timeline">
      {[...decisions]
        .sort((a, b) => b.date.localeCompare(a.date))
        .map((d) => (
          <li key={d.id}>
            <p>
              <span className={`badge decision decision--${d.kind}`}>{humanize(d.kind)}</span>{" "}
              <strong>{formatDate(d.date)}</strong> by {name(d.by)}
              {d.responds_to ? <span className="muted"> · responds to {d.responds_to}</span> : null}
            </p>
            <p>{d.rationale}</p>
          </li>
        ))}
    </ol>
  );
}

export function Milestones() {
  const { id, doc, signals } = useInitiative();
  const user = useUser();
  const milestones = useApi(`milestones:${id}`, (api, s) => api.milestones(id, s), { live: id });
  const decisions = useApi(`decisions:${id}`, (api, s) => api.decisions(id, s), { live: id });
  const awaiting = signals.signals.filter((s) => s.kind === "undecided-invalidation" && s.status === "open");
  return (
    <>
      <section className="panel" aria-labelledby="milestones-heading">
        <h2 id="milestones-heading">Milestones and assumption tests</h2>
        {awaiting.map((signal) => (
          <p key={signal.fingerprint} className="callout callout--warn">
            <strong>{signal.title}.</strong> {signal.explanation}
          </p>
        ))}
        <Async state={milestones} label="milestones">
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState title="No milestones yet">
                A milestone names the assumptions that must be tested by a date.
              </EmptyState>
            ) : (
              <ol className="milestones">
                {page.items.map((m) => (
                  <MilestoneCard key={m.id} milestone={m} asOf={doc.as_of} />
                ))}
              </ol>
            )
          }
        </Async>
      </section>
      <section className="panel" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Decisions</h2>
        <div className="two-column">
          <Async state={decisions} label="decisions">
            {(page) => <Decisions decisions={page.items} />}
          </Async>
          {can(user, "plan") ? (
            <DecisionForm
              initiativeId={id}
              triggers={(milestones.data?.items ?? []).map((m) => m.name)}
              onRecorded={decisions.reload}
            />
          ) : (
            <p className="muted">Leads record decisions; ask the initiative owner.</p>
          )}
        </div>
      </section>
    </>
  );
}
