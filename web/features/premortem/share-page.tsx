// The pre-mortem page a share link opens: no account, no name; add a risk and see what others raised.
import { useState, type FormEvent } from "react";
import { useParams } from "react-router";
import { FormMessage, TextArea, TextField } from "../../components/ui/field.tsx";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Level, PremortemItem } from "../../lib/api-types.ts";
import { formatDate, humanize } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { useSubmit } from "../../lib/use-submit.ts";
import { LevelFields } from "../risks/level-fields.tsx";

const FIELDS = ["risk", "likelihood", "impact", "early_warning", "mitigation"] as const;

/**
 * A personal invitation, when the link carries one in its fragment (`#invitation=piv_…`): the fragment never
 * reaches a server's logs. An invitation-only session needs it to join; joined
 * again with it, it is the same participation.
 */
function invitationOfLink(): string | undefined {
  const found = new URLSearchParams(window.location.hash.slice(1)).get("invitation");
  return found ?? undefined;
}

/** One participation token per link and tab: it limits floods and names nobody. */
function useParticipation(secret: string) {
  const api = useApiClient();
  const key = `plumbline:participation:${secret}`;
  return async () => {
    const known = sessionStorage.getItem(key);
    if (known) return known;
    const { participation_token } = await api.joinPremortem(secret, invitationOfLink());
    sessionStorage.setItem(key, participation_token);
    return participation_token;
  };
}

function RiskForm({ secret, onSubmitted }: { secret: string; onSubmitted: () => void }) {
  const api = useApiClient();
  const participate = useParticipation(secret);
  const [risk, setRisk] = useState("");
  const [likelihood, setLikelihood] = useState<Level>("medium");
  const [impact, setImpact] = useState<Level>("medium");
  const [warning, setWarning] = useState("");
  const [mitigation, setMitigation] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { submit, pending, fieldErrors, formError } = useSubmit(
    async () =>
      api.submitRisk(secret, await participate(), {
        risk,
        likelihood,
        impact,
        ...(warning.trim() ? { early_warning: warning.trim() } : {}),
        ...(mitigation.trim() ? { mitigation: mitigation.trim() } : {}),
      }),
    FIELDS,
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (await submit()) {
      setDone(
        "Your risk was added anonymously. It is sealed until at least three are in, then shown with them in no telling order. Thank you: add another if you have one.",
      );
      setRisk("");
      setWarning("");
      setMitigation("");
      onSubmitted();
    }
  };
  return (
    <form className="form-card" onSubmit={onSubmit} noValidate aria-labelledby="risk-form-heading">
      <h2 id="risk-form-heading">Add a risk</h2>
      <TextArea
        label="What went wrong?"
        hint="It is six months from now and the initiative failed. Why?"
        name="risk"
        value={risk}
        onChange={(e) => setRisk(e.target.value)}
        required
        error={fieldErrors.risk}
      />
      <div className="form-row">
        <LevelFields
          likelihood={likelihood}
          impact={impact}
          onLikelihood={setLikelihood}
          onImpact={setImpact}
          errors={fieldErrors}
        />
      </div>
      <TextField
        label="Early-warning sign (optional)"
        hint={
          <>
            A check the engine can watch, e.g. <code>metrics.support_backlog.latest &gt; 200</code>
          </>
        }
        value={warning}
        onChange={(e) => setWarning(e.target.value)}
        error={fieldErrors.early_warning}
      />
      <TextArea
        label="Mitigation (optional)"
        value={mitigation}
        onChange={(e) => setMitigation(e.target.value)}
        error={fieldErrors.mitigation}
      />
      <FormMessage error={formError} success={done} />
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Adding…" : "Add risk anonymously"}
      </button>
    </form>
  );
}

function VoteForm({ secret, item }: { secret: string; item: PremortemItem }) {
  const api = useApiClient();
  const participate = useParticipation(secret);
  const [likelihood, setLikelihood] = useState<Level>(item.likelihood);
  const [impact, setImpact] = useState<Level>(item.impact);
  const [done, setDone] = useState<string | null>(null);
  const { submit, pending, fieldErrors, formError } = useSubmit(
    async () => api.voteOnRisk(secret, await participate(), item.id, { likelihood, impact }),
    ["likelihood", "impact"],
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (await submit()) setDone("Your vote is counted. Voting again counts your new vote instead.");
  };
  return (
    <form className="vote-row" onSubmit={onSubmit} noValidate aria-label={`Your vote on: ${item.risk}`}>
      <LevelFields
        likelihood={likelihood}
        impact={impact}
        onLikelihood={setLikelihood}
        onImpact={setImpact}
        errors={fieldErrors}
      />
      <button type="submit" className="button button--secondary" disabled={pending}>
        {pending ? "Voting…" : "Vote"}
      </button>
      <FormMessage error={formError} success={done} />
    </form>
  );
}

function Items({ items }: { items: PremortemItem[] }) {
  const shown = items.filter((i) => !i.merged_into);
  if (shown.length === 0)
    return <EmptyState title="No risks yet">Be the first: nobody will know it was you.</EmptyState>;
  return (
    <ul className="premortem-items">
      {shown.map((item) => (
        <li key={item.id}>
          {item.risk}{" "}
          <span className="muted small">
            {humanize(item.likelihood)} likelihood, {humanize(item.impact)} impact ·{" "}
            {formatDate(item.submitted_on)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function PremortemSharePage() {
  const secret = useParams().secret ?? "";
  const view = useApi(`share:${secret}`, (api, s) => api.sharedPremortem(secret, s));
  return (
    <main id="main" className="public">
      <p className="brand">Plumbline</p>
      <Async state={view} label="the pre-mortem">
        {({ session, items }) => (
          <>
            <h1>{session.title}</h1>
            <p className="callout">
              <strong>Anonymous.</strong> You need no account. What you write is stored with the day only: no
              name, no account, nothing that traces back to you, not even for an admin.
            </p>
            <div className="two-column">
              {session.state === "collecting" ? (
                <RiskForm secret={secret} onSubmitted={view.reload} />
              ) : session.state === "voting" ? (
                <section aria-labelledby="vote-heading">
                  <h2 id="vote-heading">Vote</h2>
                  <p className="muted">
                    How likely is each risk, and how bad would it be? Your votes count anonymously; the
                    group’s totals are shown once the pre-mortem closes.
                  </p>
                  <ul className="premortem-votes">
                    {items
                      .filter((i) => !i.merged_into)
                      .map((item) => (
                        <li key={item.id}>
                          <p>{item.risk}</p>
                          <VoteForm secret={secret} item={item} />
                        </li>
                      ))}
                  </ul>
                </section>
              ) : (
                <EmptyState title="This pre-mortem is no longer collecting risks">It is closed.</EmptyState>
              )}
              <section aria-labelledby="raised-heading">
                <h2 id="raised-heading">Raised so far</h2>
                <Items items={items} />
              </section>
            </div>
          </>
        )}
      </Async>
    </main>
  );
}
