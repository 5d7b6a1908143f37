// The pulse page a share link opens: no account, no name; rate seven statements once, anonymously.
import { useState, type FormEvent } from "react";
import { useParams } from "react-router";
import { FormMessage } from "../../components/ui/field.tsx";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import type { SharedPulse } from "../../lib/api-types.ts";
import { useApi } from "../../lib/use-api.ts";
import { useSubmit } from "../../lib/use-submit.ts";

const RATINGS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * A personal invitation, when the link carries one in its fragment (`#invitation=piv_…`): the fragment never
 * reaches a server's logs. An invitation-only pulse needs it to join; joined
 * again with it before answering, it is the same participation.
 */
function invitationOfLink(): string | undefined {
  return new URLSearchParams(window.location.hash.slice(1)).get("invitation") ?? undefined;
}

/**
 * One participation token per link and tab, kept if an answer fails so that trying again needs no join (an
 * invitation joined again yields the same token anyway); and whether this tab has answered, so the form is not
 * offered twice.
 */
function useParticipation(secret: string) {
  const api = useApiClient();
  const tokenKey = `plumbline:pulse-participation:${secret}`;
  const answeredKey = `plumbline:pulse-answered:${secret}`;
  return {
    token: async () => {
      const known = sessionStorage.getItem(tokenKey);
      if (known) return known;
      const { participation_token } = await api.joinPulse(secret, invitationOfLink());
      sessionStorage.setItem(tokenKey, participation_token);
      return participation_token;
    },
    answered: () => sessionStorage.getItem(answeredKey) === "yes",
    markAnswered: () => {
      sessionStorage.removeItem(tokenKey);
      sessionStorage.setItem(answeredKey, "yes");
    },
  };
}

function AnswerForm({ secret, pulse }: { secret: string; pulse: SharedPulse }) {
  const api = useApiClient();
  const participation = useParticipation(secret);
  const [ratings, setRatings] = useState<Array<number | null>>(pulse.items.map(() => null));
  const [missing, setMissing] = useState<number[]>([]);
  const [answered, setAnswered] = useState(participation.answered);
  const { submit, pending, fieldErrors, formError } = useSubmit(
    async () => api.answerPulse(secret, await participation.token(), ratings as number[]),
    ["answers"],
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const unrated = ratings.flatMap((r, i) => (r === null ? [i] : []));
    setMissing(unrated);
    if (unrated.length > 0) return;
    if (await submit()) {
      participation.markAnswered();
      setAnswered(true);
    }
  };
  if (answered)
    return (
      <div className="share-link" role="status">
        <p>
          <strong>Thank you: your answer is in.</strong> It is sealed, stored with the day only and no name,
          and counted with the others. The team sees the result only once the pulse is closed, and only if
          enough people answered.
        </p>
      </div>
    );
  return (
    <form className="form-card pulse-form" onSubmit={onSubmit} noValidate aria-labelledby="answer-heading">
      <h2 id="answer-heading">How true is each statement of your team?</h2>
      <p className="muted">{pulse.scale}.</p>
      {pulse.items.map((statement, i) => {
        const isMissing = missing.includes(i);
        return (
          <fieldset
            key={statement}
            className={`choice pulse-statement${isMissing ? " field--invalid" : ""}`}
            aria-describedby={isMissing ? `statement-${i}-error` : undefined}
          >
            <legend>
              {i + 1}. {statement}
            </legend>
            {RATINGS.map((rating) => (
              <label key={rating}>
                <input
                  type="radio"
                  name={`statement-${i}`}
                  value={rating}
                  checked={ratings[i] === rating}
                  onChange={() => {
                    setRatings(ratings.map((r, j) => (j === i ? rating : r)));
                    setMissing(missing.filter((m) => m !== i));
                  }}
                />
                {rating}
                {rating === 1 ? " (strongly disagree)" : rating === 7 ? " (strongly agree)" : ""}
              </label>
            ))}
            {isMissing ? (
              <p className="field__error" id={`statement-${i}-error`}>
                <span aria-hidden="true">⚠ </span>Choose a rating from 1 to 7 for this statement.
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <FormMessage
        error={
          missing.length > 0
            ? `Rate every statement: ${missing.length} still ${missing.length === 1 ? "needs" : "need"} a rating.`
            : (fieldErrors.answers ?? formError)
        }
      />
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Sending…" : "Send my answer anonymously"}
      </button>
    </form>
  );
}

export function PulseSharePage() {
  const secret = useParams().secret ?? "";
  const view = useApi(`pulse-share:${secret}`, (api, s) => api.sharedPulse(secret, s));
  return (
    <main id="main" className="public">
      <p className="brand">Plumbline</p>
      <Async state={view} label="the pulse">
        {(pulse) => (
          <>
            <h1>Psychological-safety pulse: {pulse.team}</h1>
            <p className="callout">
              <strong>Anonymous.</strong> You need no account. Your ratings are stored with the day only: no
              name, no account, nothing that traces back to you, not even for an admin. Results are shown only
              for the whole group, once the pulse is closed, and only if enough people answered.
            </p>
            {pulse.open ? (
              <AnswerForm secret={secret} pulse={pulse} />
            ) : (
              <EmptyState title="This pulse is closed">It takes no more answers.</EmptyState>
            )}
          </>
        )}
      </Async>
    </main>
  );
}
