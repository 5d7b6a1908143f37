// The initiative's three-truths reviews: each one's tally, and a form to start one.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { FormMessage, TextField } from "../../components/ui/field.tsx";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Review } from "../../lib/api-types.ts";
import { formatDate, today } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { useSubmit } from "../../lib/use-submit.ts";
import { can, useUser } from "../auth/session.tsx";
import { useInitiative } from "../initiative/initiative-context.ts";

const tally = (review: Review, key: "better" | "as_expected" | "worse") =>
  (review.truths ?? []).filter((t) => t[key]).length;

function StartReview({ onStarted }: { onStarted: () => void }) {
  const { id } = useInitiative();
  const api = useApiClient();
  const [name, setName] = useState("");
  const [date, setDate] = useState(today);
  const [anonymous, setAnonymous] = useState(false);
  const { submit, pending, fieldErrors, formError } = useSubmit(
    () => api.addReview(id, { name, date, anonymous }),
    ["name", "date", "anonymous"],
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit()) {
      setName("");
      onStarted();
    }
  };
  return (
    <form className="form-card" onSubmit={onSubmit} noValidate aria-labelledby="start-review-heading">
      <h3 id="start-review-heading">Start a review</h3>
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        error={fieldErrors.name}
      />
      <TextField
        label="Date"
        type="date"
        value={date}
        onChange={(e) => setDate(e.target.value)}
        required
        error={fieldErrors.date}
      />
      <label className="checkbox">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />{" "}
        Anonymous: truths carry no name (cannot be changed later)
      </label>
      <FormMessage error={formError} />
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Starting…" : "Start review"}
      </button>
    </form>
  );
}

export function ReviewsSection() {
  const { id } = useInitiative();
  const user = useUser();
  const reviews = useApi(`reviews:${id}`, (api, s) => api.reviews(id, s), { live: id });
  return (
    <section className="panel" aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">Three-truths reviews</h2>
      <p className="muted">
        What went better than expected, as expected, and worse than expected: everyone's, side by side.
      </p>
      <div className="two-column">
        <Async state={reviews} label="reviews">
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState title="No reviews yet">Start one after a sprint or a launch week.</EmptyState>
            ) : (
              <ul className="review-list">
                {[...page.items]
                  .sort((a, b) => b.date.localeCompare(a.date))
                  .map((review) => (
                    <li key={review.id}>
                      <Link to={`/initiatives/${id}/reviews/${review.id}`}>{review.name}</Link>
                      <span className="muted small">
                        {" "}
                        {formatDate(review.date)}
                        {review.anonymous ? " · anonymous" : ""} · {tally(review, "better")} better,{" "}
                        {tally(review, "as_expected")} as expected, {tally(review, "worse")} worse
                      </span>
                    </li>
                  ))}
              </ul>
            )
          }
        </Async>
        {can(user, "plan") ? <StartReview onStarted={reviews.reload} /> : null}
      </div>
    </section>
  );
}
