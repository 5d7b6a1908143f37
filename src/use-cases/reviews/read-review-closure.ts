// Whether a review is closed and, once it is, how many anonymous truths stayed sealed at its close. Before the
// close no count is given: one that grew with each sealed truth would date it.
import { AppError } from "../../domain/app-error.ts";
import { findReview, findReviewClosure, type Scope } from "../../store/record-repository.ts";
import * as sealed from "../../store/sealed-repository.ts";
import type { Services } from "../services.ts";
import { truthsRitual } from "./add-truth.ts";
import type { ReviewClosure } from "./close-review.ts";

export async function readReviewClosure(
  services: Services,
  scope: Scope,
  reviewId: string,
): Promise<ReviewClosure> {
  const db = services.store.db;
  if (!(await findReview(db, scope, reviewId))) throw AppError.notFound("review", reviewId);
  const closedOn = await findReviewClosure(db, scope, reviewId);
  return {
    review: reviewId,
    closed_on: closedOn,
    sealed: closedOn ? await sealed.countSealed(db, truthsRitual(scope, reviewId)) : null,
  };
}
