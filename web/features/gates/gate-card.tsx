// One gate: its state, each authority's vote and reason, and the vote form for whoever holds a role on it.
import { GateStateTag } from "../../components/ui/tags.tsx";
import { Async } from "../../components/ui/state-views.tsx";
import type { Gate, GateStatus } from "../../lib/api-types.ts";
import { formatDate, humanize } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { useUser } from "../auth/session.tsx";
import { useInitiative } from "../initiative/initiative-context.ts";
import { VoteForm } from "./vote-form.tsx";
import { ScrollRegion } from "../../components/ui/scroll-region.tsx";

function verdict(status: GateStatus, name: (id: string) => string): string {
  if (status.state === "held") {
    return `Held: ${status.no_go.map((v) => `${humanize(v.role)} (${name(v.by)}) says No-Go: ${v.reason}`).join("; ")}.`;
  }
  if (status.state === "go") return "Go: every authority has voted Go.";
  return `Waiting for ${status.pending.map(humanize).join(", ")}.`;
}

export function GateCard({ gate, onVoted }: { gate: Gate; onVoted: () => void }) {
  const { id, name } = useInitiative();
  const user = useUser();
  const status = useApi(`gate:${id}:${gate.id}`, (api, s) => api.gateStatus(id, gate.id, s), { live: id });
  const latest = new Map((gate.votes ?? []).map((v) => [v.role, v]));
  const myRoles = Object.entries(gate.authorities)
    .filter(([, person]) => person === user.person)
    .map(([role]) => role);
  const headingId = `gate-${gate.id}`;
  return (
    <article className="gate" aria-labelledby={headingId}>
      <header className="gate__header">
        <h3 id={headingId}>
          {gate.name} {gate.date ? <span className="muted small">{formatDate(gate.date)}</span> : null}
        </h3>
        <Async state={status} label="the gate's state">
          {(s) => (
            <div className="gate__state" aria-live="polite">
              <GateStateTag state={s.state} />
              <p>{verdict(s, name)}</p>
            </div>
          )}
        </Async>
      </header>
      <ScrollRegion label={`Votes on ${gate.name}`}>
        <table className="table">
          <caption className="visually-hidden">Votes on {gate.name}</caption>
          <thead>
            <tr>
              <th scope="col">Authority</th>
              <th scope="col">Held by</th>
              <th scope="col">Vote</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(gate.authorities).map(([role, person]) => {
              const vote = latest.get(role);
              return (
                <tr key={role}>
                  <th scope="row">{humanize(role)}</th>
                  <td>{name(person)}</td>
                  <td>
                    {vote ? (
                      <span className={`badge vote vote--${vote.vote}`}>
                        {vote.vote === "go" ? "Go" : "No-Go"}
                      </span>
                    ) : (
                      <span className="badge vote vote--pending">Not voted</span>
                    )}
                    {vote ? <span className="muted small"> {formatDate(vote.date)}</span> : null}
                  </td>
                  <td>{vote?.reason ?? ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      {myRoles.length > 0 ? (
        <VoteForm
          initiativeId={id}
          gateId={gate.id}
          roles={myRoles}
          onVoted={() => {
            status.reload();
            onVoted();
          }}
        />
      ) : (
        <p className="muted small">Only the named authorities vote on this gate.</p>
      )}
    </article>
  );
}
