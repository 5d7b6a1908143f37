// A three-truths review: better, as expected and worse, side by side, a form to give your own, and a worse truth
// promoted to the risk register with an owner.
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { FormMessage, SelectField, TextArea } from "../../components/ui/field.tsx";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Level, Review, ReviewClosure, Truth } from "../../lib/api-types.ts";
import { formatDate } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { useSubmit } from "../../lib/use-submit.ts";
import { can, useUser } from "../auth/session.tsx";
import { CloseRitual } from "../../components/ui/close-ritual.tsx";
import { useInitiative } from "../initiative/initiative-context.ts";
import { LevelFields } from "../risks/level-fields.tsx";

const COLUMNS = [
  ["better", "Better than expected"],
  ["as_expected", "As expected"],
  ["worse", "Worse than expected"],
] as const;

function TruthForm({ review, onGiven }: { review: Review; onGiven: () => void }) {
  const { id } = useInitiative();
  const api = useApiClient();
  const [truth, setTruth] = useState<Required<Omit<Truth, "by">>>({ better: "", as_expected: "", worse: "" });
  const [done, setDone] = useState<string | null>(null);
  const body = Object.fromEntries(Object.entries(truth).filter(([, v]) => v.trim())) as Truth;
  const { submit, pending, fieldErrors, formError } = useSubmit(
    () => api.addTruths(id, review.id, body),
    ["better", "as_expected", "worse"],
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (await submit()) {
      setTruth({ better: "", as_expected: "", worse: "" });
      setDone(
        review.anonymous
          ? "Your truths were added, with no name. They are sealed until at least three people’s are in, then shown with them in no telling order."
          : "Your truths were added.",
      );
      onGiven();
    }
  };
  return (
    <form className="form-card" onSubmit={onSubmit} noValidate aria-labelledby="truth-form-heading">
      <h2 id="truth-form-heading">Your three truths</h2>
      <p className="muted small">
        {review.anonymous
          ? "This review is anonymous: your name is stored nowhere."
          : "Your name is shown with your truths."}
      </p>
      {COLUMNS.map(([key, label]) => (
        <TextArea
          key={key}
          label={label}
          value={truth[key]}
          onChange={(e) => setTruth({ ...truth, [key]: e.target.value })}
          error={fieldErrors[key]}
        />
      ))}
      <FormMessage error={formError} success={done} />
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Adding…" : "Add my truths"}
      </button>
    </form>
  );
}

/** The id the server gives a truth (its place in the review) and the risk a promotion of it becomes. */
const truthId = (index: number) => `truth-${index + 1}`;
const riskIdOf = (reviewId: string, index: number) => `risk-${reviewId}-${truthId(index)}`.slice(0, 80);

function PromoteTruth({
  review,
  index,
  worse,
  onPromoted,
}: {
  review: Review;
  index: number;
  worse: string;
  onPromoted: () => void;
}) {
  const { id, doc } = useInitiative();
  const api = useApiClient();
  const people = doc.people ?? [];
  const [owner, setOwner] = useState(people[0]?.id ?? "");
  const [likelihood, setLikelihood] = useState<Level>("medium");
  const [impact, setImpact] = useState<Level>("medium");
  const { submit, pending, fieldErrors, formError } = useSubmit(
    () => api.promoteTruth(id, review.id, truthId(index), { owner, likelihood, impact }),
    ["owner", "likelihood", "impact"],
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit()) onPromoted();
  };
  return (
    <form className="form-card" onSubmit={onSubmit} noValidate aria-label={`Promote to a risk: ${worse}`}>
      <SelectField
        label="Owner"
        value={owner}
        onChange={(e) => setOwner(e.target.value)}
        options={people.map((p) => ({ value: p.id, label: p.name }))}
        error={fieldErrors.owner}
      />
      <LevelFields
        likelihood={likelihood}
        impact={impact}
        onLikelihood={setLikelihood}
        onImpact={setImpact}
        errors={fieldErrors}
      />
      <FormMessage error={formError} />
      <button type="submit" className="button button--secondary" disabled={pending}>
        {pending ? "Promoting…" : "Promote to a risk"}
      </button>
    </form>
  );
}

/** Closing the review, for whoever may plan: it then takes no truths. */
function CloseReview({ review, onClosed }: { review: Review; onClosed: () => void }) {
  const { id } = useInitiative();
  const api = useApiClient();
  return (
    <CloseRitual label="Close the review" close={() => api.closeReview(id, review.id)} onClosed={onClosed}>
      Takes no more truths.
      {review.anonymous
        ? " Truths still sealed are shown only if three wait; one or two stay sealed for good."
        : ""}
    </CloseRitual>
  );
}

/** What a closed review says of itself, and why its last anonymous truths are not shown. */
function Closed({ closure }: { closure: ReviewClosure }) {
  const sealed = closure.sealed ?? 0;
  return (
    <div role="status" className="callout">
      <p>
        <strong>Closed on {formatDate(closure.closed_on ?? "")}.</strong> This review takes no more truths.
      </p>
      {sealed > 0 ? (
        <p>
          {sealed === 1 ? "One truth stays sealed" : `${sealed} truths stay sealed`}: fewer than three came in
          after the last batch was shown, and shown alone they could be told apart by whoever knows who gave a
          truth last.
        </p>
      ) : null}
    </div>
  );
}

export function ReviewPage() {
  const { id, name } = useInitiative();
  const user = useUser();
  const reviewId = useParams().reviewId ?? "";
  const review = useApi(`review:${id}:${reviewId}`, (api, s) => api.review(id, reviewId, s), { live: id });
  const risks = useApi(`risks:${id}`, (api, s) => api.risks(id, s), { live: id });
  const closure = useApi(`review-closure:${id}:${reviewId}`, (api, s) => api.reviewClosure(id, reviewId, s), {
    live: id,
  });
  const closed = closure.data?.closed_on ? closure.data : null;
  const promoted = new Set((risks.data?.items ?? []).map((risk) => risk.id));
  return (
    <section className="panel" aria-labelledby="review-heading">
      <p>
        <Link to={`/initiatives/${id}/reviews`}>← All reviews</Link>
      </p>
      <Async state={review} label="the review">
        {(r) => (
          <>
            <h2 id="review-heading">{r.name}</h2>
            <p className="muted">
              {formatDate(r.date)} · {(r.truths ?? []).length} people{r.anonymous ? " · anonymous" : ""}
            </p>
            <div className="truths">
              {COLUMNS.map(([key, label]) => {
                const given = (r.truths ?? []).flatMap((t, index) => (t[key] ? [{ ...t, index }] : []));
                return (
                  <section
                    key={key}
                    className={`truth-column truth-column--${key}`}
                    aria-labelledby={`col-${key}`}
                  >
                    <h3 id={`col-${key}`}>{label}</h3>
                    {given.length === 0 ? (
                      <p className="muted">Nothing yet.</p>
                    ) : (
                      <ul>
                        {given.map((t) => (
                          <li key={t.index}>
                            <p>{t[key]}</p>
                            <p className="muted small">{t.by ? name(t.by) : "Anonymous"}</p>
                            {key === "worse" && t.worse && risks.data ? (
                              promoted.has(riskIdOf(r.id, t.index)) ? (
                                <p className="small">In the risk register</p>
                              ) : can(user, "contribute") ? (
                                <PromoteTruth
                                  review={r}
                                  index={t.index}
                                  worse={t.worse}
                                  onPromoted={risks.reload}
                                />
                              ) : null
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </section>
                );
              })}
            </div>
            {closed ? (
              <Closed closure={closed} />
            ) : closure.data ? (
              <>
                {can(user, "contribute") ? (
                  <TruthForm review={r} onGiven={review.reload} />
                ) : (
                  <EmptyState title="Members give truths" />
                )}
                {can(user, "plan") ? (
                  <CloseReview
                    review={r}
                    onClosed={() => {
                      closure.reload();
                      review.reload();
                    }}
                  />
                ) : null}
              </>
            ) : null}
          </>
        )}
      </Async>
    </section>
  );
}
