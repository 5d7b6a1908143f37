// A three-truths review: better, as expected and worse, side by side, and a form to give your own.
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { FormMessage, TextArea } from "../../components/ui/field.tsx";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Review, Truth } from "../../lib/api-types.ts";
import { formatDate } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { useSubmit } from "../../lib/use-submit.ts";
import { can, useUser } from "../auth/session.tsx";
import { useInitiative } from "../initiative/initiative-context.ts";

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
      setDone(review.anonymous ? "Your truths were added, with no name." : "Your truths were added.");
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

export function ReviewPage() {
  const { id, name } = useInitiative();
  const user = useUser();
  const reviewId = useParams().reviewId ?? "";
  const review = useApi(`review:${id}:${reviewId}`, (api, s) => api.review(id, reviewId, s), { live: id });
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
                const given = (r.truths ?? []).filter((t) => t[key]);
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
                        {given.map((t, i) => (
                          <li key={i}>
                            <p>{t[key]}</p>
                            <p className="muted small">{t.by ? name(t.by) : "Anonymous"}</p>
                          </li>
                        ))}
                      </ul>
                    )}
                  </section>
                );
              })}
            </div>
            {can(user, "contribute") ? (
              <TruthForm review={r} onGiven={review.reload} />
            ) : (
              <EmptyState title="Members give truths" />
            )}
          </>
        )}
      </Async>
    </section>
  );
}
