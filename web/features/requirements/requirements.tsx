// Requirements with every function's claim side by side; claims that cannot all hold are marked as a conflict.
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import type { Requirement, Signal } from "../../lib/api-types.ts";
import { humanize } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { useInitiative } from "../initiative/initiative-context.ts";

/** What the engine read each function's claim as ("about 1,000 concurrent users"), by team id. */
function readings(conflict: Signal | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of conflict?.evidence ?? []) {
    const reading = item.text.split(" → ")[1];
    if (item.subject?.type === "team" && reading) map.set(item.subject.id, reading);
  }
  return map;
}

function RequirementCard({
  requirement,
  conflict,
}: {
  requirement: Requirement;
  conflict: Signal | undefined;
}) {
  const { doc } = useInitiative();
  const read = readings(conflict);
  const headingId = `req-${requirement.id}`;
  return (
    <article className={`requirement${conflict ? " requirement--conflict" : ""}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {requirement.title ?? humanize(requirement.id)}
        {conflict ? (
          <span className="badge severity severity--critical">Conflict</span>
        ) : (
          <span className="badge agree">Agreed</span>
        )}
      </h3>
      {conflict ? <p className="callout callout--bad">{conflict.explanation}</p> : null}
      <ul className="claims">
        {Object.entries(requirement.claims).map(([team, claim]) => (
          <li key={team} className={read.has(team) ? "claim claim--conflict" : "claim"}>
            <p className="eyebrow">{doc.teams?.[team]?.name ?? humanize(team)}</p>
            <blockquote>{claim}</blockquote>
            {read.has(team) ? <p className="small">Read as: {read.get(team)}</p> : null}
          </li>
        ))}
      </ul>
    </article>
  );
}

export function Requirements() {
  const { id, signals } = useInitiative();
  const requirements = useApi(`requirements:${id}`, (api, s) => api.requirements(id, s), { live: id });
  const conflicts = signals.signals.filter((s) => s.kind === "requirement-conflict");
  return (
    <section className="panel" aria-labelledby="requirements-heading">
      <h2 id="requirements-heading">Requirements</h2>
      <p className="muted">Each function's claim, in its own words, side by side.</p>
      <Async state={requirements} label="requirements">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No requirements yet">
              Record how each function states a requirement, and Plumbline checks they agree.
            </EmptyState>
          ) : (
            <div className="requirements">
              {[...page.items]
                .sort(
                  (a, b) =>
                    Number(conflicts.some((c) => c.subject.id === b.id)) -
                    Number(conflicts.some((c) => c.subject.id === a.id)),
                )
                .map((r) => (
                  <RequirementCard
                    key={r.id}
                    requirement={r}
                    conflict={conflicts.find((c) => c.subject.id === r.id)}
                  />
                ))}
            </div>
          )
        }
      </Async>
    </section>
  );
}
