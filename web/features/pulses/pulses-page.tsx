// Psychological-safety pulses: open one for a team, hand out its link or personal invitations (shown once),
// close it, and read each result only where the k rule allows it. Nothing here shows or dates who answered.
import { useState, type FormEvent } from "react";
import { InvitationHandout } from "../../components/ui/invitation-handout.tsx";
import { CloseRitual } from "../../components/ui/close-ritual.tsx";
import { FormMessage, SelectField, TextField } from "../../components/ui/field.tsx";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Pulse, PulseResult, TeamSummary } from "../../lib/api-types.ts";
import { formatDate } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { useSubmit } from "../../lib/use-submit.ts";
import { can, useUser } from "../auth/session.tsx";

/** The page a participant opens: /q/{secret}, from the API's /share/pulses/{secret}. */
function answerUrl(shareSecret: string, invitation?: string): string {
  const url = `${window.location.origin}/q/${shareSecret}`;
  return invitation ? `${url}#invitation=${invitation}` : url;
}

function OpenPulse({
  teams,
  onOpened,
}: {
  teams: TeamSummary[];
  onOpened: (pulseId: string, shareSecret: string) => void;
}) {
  const api = useApiClient();
  const [team, setTeam] = useState(teams[0]?.id ?? "");
  const [minGroupSize, setMinGroupSize] = useState("5");
  const { submit, pending, fieldErrors, formError } = useSubmit(async () => {
    const size = minGroupSize.trim() === "" ? undefined : Number(minGroupSize);
    const opened = await api.openPulse({ team, ...(size === undefined ? {} : { min_group_size: size }) });
    onOpened(opened.id, opened.share_path.split("/").pop() ?? "");
  }, ["team", "min_group_size"]);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await submit();
  };
  return (
    <form className="form-card" onSubmit={onSubmit} noValidate aria-labelledby="open-pulse-heading">
      <h2 id="open-pulse-heading">Open a pulse</h2>
      <p className="muted small">
        Edmondson’s seven statements on team psychological safety, each rated from 1 (strongly disagree) to 7
        (strongly agree).
      </p>
      <SelectField
        label="Team"
        value={team}
        onChange={(e) => setTeam(e.target.value)}
        options={teams.map((t) => ({ value: t.id, label: t.name }))}
        error={fieldErrors.team}
      />
      <TextField
        label="Minimum group size"
        hint="Results are shown only once the pulse is closed and at least this many people answered (never fewer than 3)."
        type="number"
        inputMode="numeric"
        value={minGroupSize}
        onChange={(e) => setMinGroupSize(e.target.value)}
        error={fieldErrors.min_group_size}
      />
      <FormMessage error={formError} />
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Opening…" : "Open pulse"}
      </button>
    </form>
  );
}

/**
 * What to hand out, for a pulse opened on this page: its link is known only here, and only now (the server keeps
 * its hash). Personal invitations make the k rule count people; they are issued before anyone uses the open link.
 */
function Handout({
  pulse,
  shareSecret,
  onIssued,
}: {
  pulse: Pulse;
  shareSecret: string;
  onIssued: () => void;
}) {
  const api = useApiClient();
  return (
    <InvitationHandout
      initialCount={Math.max(pulse.min_group_size, 3)}
      hint="One personal link each, good for one answer: so at least k different people must answer before a result shows."
      goodFor="one answer"
      issue={async (count) =>
        (await api.invitePulse(pulse.id, count)).invitations.map((invitation) =>
          answerUrl(shareSecret, invitation),
        )
      }
      onIssued={onIssued}
    >
      {pulse.invitations === 0 ? (
        <div className="share-link">
          <p>
            <strong>Or share the open link.</strong> Anyone with it can answer, as often as they join, so an
            open-link pulse never shows a result; once someone has used it, no invitations can be issued.
          </p>
          <p>
            <a href={answerUrl(shareSecret)} aria-label="Open link to the pulse">
              {answerUrl(shareSecret)}
            </a>
          </p>
        </div>
      ) : null}
    </InvitationHandout>
  );
}

function Result({ pulse, result }: { pulse: Pulse; result: PulseResult }) {
  return (
    <div className="pulse-result">
      <p>
        <strong className="pulse-score">{result.mean.toFixed(2)}</strong> of 7 (higher is safer) ·{" "}
        {result.respondents} people answered
      </p>
      <div className="table-scroll">
        <table className="table">
          <caption>
            Mean rating of each statement, as answered (1 strongly disagree, 7 strongly agree)
          </caption>
          <thead>
            <tr>
              <th scope="col">Statement</th>
              <th scope="col">Mean rating</th>
            </tr>
          </thead>
          <tbody>
            {pulse.statements.map((statement, i) => (
              <tr key={statement}>
                <td>{statement}</td>
                <td>{result.items[i]?.toFixed(2) ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Why there is no result yet, in the k rule's terms, with nothing that changes as people answer. */
function Withheld({ pulse }: { pulse: Pulse }) {
  const k = pulse.min_group_size;
  if (pulse.closed_on)
    return (
      <p className="callout">
        <strong>No result:</strong> fewer than {k} people answered, so nothing is shown, not even how many
        did.
      </p>
    );
  const short = pulse.invitations > 0 && pulse.invitations < k ? k - pulse.invitations : 0;
  return (
    <>
      <p className="callout">
        <strong>Results are withheld while the pulse is open.</strong> Once it is closed they are shown if at
        least {k} people answered; how many have answered so far is not shown to anyone.
      </p>
      {short > 0 ? (
        <p className="callout callout--warn">
          Only {pulse.invitations} invitations were issued: issue at least {short} more, or the result can
          never be shown.
        </p>
      ) : null}
    </>
  );
}

function Close({ pulse, onClosed }: { pulse: Pulse; onClosed: () => void }) {
  const api = useApiClient();
  return (
    <CloseRitual label="Close the pulse" close={() => api.closePulse(pulse.id)} onClosed={onClosed}>
      Takes no more answers; the result shows if at least {pulse.min_group_size} people answered.
    </CloseRitual>
  );
}

function PulseItem({
  pulse,
  teamName,
  shareSecret,
  mayPlan,
  onChanged,
}: {
  pulse: Pulse;
  teamName: string;
  shareSecret: string | undefined;
  mayPlan: boolean;
  onChanged: () => void;
}) {
  const open = pulse.closed_on === null;
  return (
    <li aria-labelledby={`pulse-${pulse.id}`}>
      <h3 id={`pulse-${pulse.id}`}>{teamName}</h3>
      <p className="muted small">
        {open ? "Open" : `Closed ${formatDate(pulse.closed_on ?? "")}`} · opened {formatDate(pulse.opened_on)}{" "}
        · k = {pulse.min_group_size} ·{" "}
        {pulse.invitations > 0 ? `${pulse.invitations} personal invitations` : "open link"}
      </p>
      {"mean" in pulse.result ? <Result pulse={pulse} result={pulse.result} /> : <Withheld pulse={pulse} />}
      {open && mayPlan && shareSecret ? (
        <Handout pulse={pulse} shareSecret={shareSecret} onIssued={onChanged} />
      ) : null}
      {open && mayPlan && !shareSecret ? (
        <p className="muted small">
          Its link was shown once, when it was opened: invitations are issued from there.
        </p>
      ) : null}
      {open && mayPlan ? <Close pulse={pulse} onClosed={onChanged} /> : null}
    </li>
  );
}

export function PulsesPage() {
  const user = useUser();
  const mayPlan = can(user, "plan");
  const pulses = useApi("pulses", (api, s) => api.pulses(s));
  const teams = useApi("teams", (api, s) => api.teams(s));
  // Share links of the pulses opened on this page: kept in memory only, never stored.
  const [links, setLinks] = useState<Record<string, string>>({});
  const teamName = (id: string) => teams.data?.items.find((t) => t.id === id)?.name ?? id;
  return (
    <>
      <div className="page-heading">
        <h1>Pulses</h1>
        <p className="muted">
          How safe each team feels to speak up, answered anonymously. A result is shown only for a closed
          pulse that at least k people answered.
        </p>
      </div>
      <div className="two-column">
        <section aria-labelledby="pulses-heading">
          <h2 id="pulses-heading">The org’s pulses</h2>
          <Async state={pulses} label="the pulses">
            {(page) =>
              page.items.length === 0 ? (
                <EmptyState title="No pulses yet">Open one for a team.</EmptyState>
              ) : (
                <ul className="premortems">
                  {[...page.items]
                    .sort(
                      (a, b) =>
                        Number(a.closed_on !== null) - Number(b.closed_on !== null) ||
                        b.opened_on.localeCompare(a.opened_on),
                    )
                    .map((pulse) => (
                      <PulseItem
                        key={pulse.id}
                        pulse={pulse}
                        teamName={teamName(pulse.team)}
                        shareSecret={links[pulse.id]}
                        mayPlan={mayPlan}
                        onChanged={pulses.reload}
                      />
                    ))}
                </ul>
              )
            }
          </Async>
        </section>
        {mayPlan ? (
          <Async state={teams} label="the teams">
            {(page) => (
              <OpenPulse
                teams={page.items}
                onOpened={(id, secret) => {
                  setLinks((known) => ({ ...known, [id]: secret }));
                  pulses.reload();
                }}
              />
            )}
          </Async>
        ) : null}
      </div>
    </>
  );
}
