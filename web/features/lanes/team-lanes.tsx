// Team lanes: each team's commitments, their evidence health and the latest report on each.
import { HealthBadge } from "../../components/ui/health-badge.tsx";
import { EmptyState } from "../../components/ui/state-views.tsx";
import type { Commitment, HealthAssessment, StatusReport } from "../../lib/api-types.ts";
import { formatDate } from "../../lib/format.ts";
import { useInitiative } from "../initiative/initiative-context.ts";
import { overrideLines, sourceLine } from "./provenance-text.ts";

function latestReport(reports: readonly StatusReport[], subject: string): StatusReport | undefined {
  return reports
    .filter((r) => r.subject === subject)
    .sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id))[0];
}

function CommitmentItem({
  id,
  commitment,
  assessment,
}: {
  id: string;
  commitment: Commitment;
  assessment: HealthAssessment | undefined;
}) {
  const { doc, name } = useInitiative();
  const report = latestReport(doc.reports ?? [], id);
  const slips = commitment.due_history?.length ?? 0;
  const from = sourceLine(commitment.provenance);
  const overrides = overrideLines(commitment.provenance, name, (team) => doc.teams?.[team]?.name ?? team);
  return (
    <li className="commitment">
      <h4>{commitment.title}</h4>
      <p className="muted small">
        {name(commitment.owner)} ·{" "}
        {commitment.done ? `done ${formatDate(commitment.done)}` : `due ${formatDate(commitment.due)}`}
        {slips > 0 ? ` · moved ${slips} time${slips === 1 ? "" : "s"}` : ""}
      </p>
      {from ? (
        <p className="muted small">
          {commitment.provenance?.url ? <a href={commitment.provenance.url}>{from}</a> : from}
        </p>
      ) : null}
      {overrides.length > 0 ? (
        <ul className="overrides" aria-label="Changed by hand">
          {overrides.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <div className="health-inline">
        <HealthBadge health={report?.health} prefix="Reported:" />
        <HealthBadge health={assessment?.evidence.health} prefix="Evidence:" />
      </div>
      {report ? (
        <p className="report-note">
          <span className="muted small">
            {name(report.by)}, {formatDate(report.date)}:
          </span>{" "}
          {report.note ?? <span className="muted">no note</span>}
        </p>
      ) : (
        <p className="muted small">No report yet.</p>
      )}
    </li>
  );
}

export function TeamLanes() {
  const { doc, health, name } = useInitiative();
  const teams = Object.entries(doc.teams ?? {});
  const commitments = Object.entries(doc.commitments ?? {});
  const assessment = (type: string, id: string) =>
    health.items.find((i) => i.subject.type === type && i.subject.id === id);
  return (
    <section className="panel" aria-labelledby="lanes-heading">
      <h2 id="lanes-heading">Team lanes</h2>
      {teams.length === 0 ? (
        <EmptyState title="No teams yet" />
      ) : (
        <div className="lanes">
          {teams.map(([teamId, team]) => {
            const own = commitments.filter(([, c]) => c.team === teamId);
            const teamHealth = assessment("team", teamId);
            return (
              <section key={teamId} className="lane" aria-labelledby={`lane-${teamId}`}>
                <h3 id={`lane-${teamId}`}>{team.name}</h3>
                <p className="muted small">Lead {name(team.lead)}</p>
                <div className="health-inline">
                  <HealthBadge health={teamHealth?.reported?.health} prefix="Reported:" />
                  <HealthBadge health={teamHealth?.evidence.health} prefix="Evidence:" />
                </div>
                {own.length === 0 ? (
                  <p className="muted">No commitments in this initiative.</p>
                ) : (
                  <ul className="commitments">
                    {own.map(([id, commitment]) => (
                      <CommitmentItem
                        key={id}
                        id={id}
                        commitment={commitment}
                        assessment={assessment("commitment", id)}
                      />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}
