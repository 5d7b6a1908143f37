// Closing a three-truths review: from then on it takes no truths, and an anonymous review's last one or two
// sealed truths stay sealed for good, since released alone they could be told apart (docs/anonymity.md).
import type { Actor } from "../../domain/actor.ts";
import { AppError } from "../../domain/app-error.ts";
import type { Role } from "../../domain/policy.ts";
import { finalBatchAtClose, mayCloseReview } from "../../domain/review-closing.ts";
import {
  findReview,
  findReviewClosure,
  insertReviewClosure,
  type Scope,
} from "../../store/record-repository.ts";
import * as sealed from "../../store/sealed-repository.ts";
import { audit } from "../audit.ts";
import { writeRecord } from "../records/write-record.ts";
import type { Services } from "../services.ts";
import { releaseSealedTruths, truthsRitual } from "./add-truth.ts";

export interface CloseReview extends Scope {
  actor: Actor;
  role: Role;
  reviewId: string;
}

/** A review's closure as the API shows it: `sealed` is how many truths stayed sealed, known once closed. */
export interface ReviewClosure {
  review: string;
  closed_on: string | null;
  sealed: number | null;
}

export async function closeReview(services: Services, input: CloseReview): Promise<ReviewClosure> {
  if (!mayCloseReview(input.role))
    throw new AppError("forbidden", `the '${input.role}' role may not close a review: whoever may plan does`);
  const review = await findReview(services.store.db, input, input.reviewId);
  if (!review) throw AppError.notFound("review", input.reviewId);
  return writeRecord(services, input, async ({ db, claim, publish, today }) => {
    await claim();
    const closedOn = await findReviewClosure(db, input, input.reviewId);
    if (closedOn) throw new AppError("conflict", `this review was closed on ${closedOn}`);
    // Exclusive: a truth being sealed now is sealed before this counts, or refused after it commits.
    const ritual = truthsRitual(input, input.reviewId);
    await sealed.lockRitual(db, ritual, "exclusive");
    const final = finalBatchAtClose(await sealed.countSealed(db, ritual));
    if (final.release) await releaseSealedTruths(db, services, input, input.reviewId);
    await insertReviewClosure(db, input, input.reviewId, today);
    await audit(db, services, input.orgId, input.actor, {
      action: "review.close",
      targetType: "review",
      targetId: input.reviewId,
      details: { initiative: input.initiativeId },
    });
    await publish("review.closed", { review: input.reviewId });
    return { review: input.reviewId, closed_on: today, sealed: final.staySealed };
  });
}
