// Giving three truths (better than expected, as expected, worse than expected) in a review. In a named review a
// person gives their own; in an anonymous one no author is stored, whoever asks.
import type { Actor } from "../../domain/actor.ts";
import { AppError } from "../../domain/app-error.ts";
import { authorOf } from "../../domain/record-policy.ts";
import { findReview, insertTruth, type Scope } from "../../store/record-repository.ts";
import { writeRecord } from "../records/write-record.ts";
import { requireAuthorPerson } from "../status-reports/add-status-report.ts";
import type { Services } from "../services.ts";

export interface TruthInput {
  by?: string | undefined;
  better?: string | undefined;
  as_expected?: string | undefined;
  worse?: string | undefined;
}

export interface AddTruth extends Scope {
  actor: Actor;
  reviewId: string;
  truth: TruthInput;
}

export async function addTruth(services: Services, input: AddTruth): Promise<TruthInput> {
  const { truth } = input;
  if (![truth.better, truth.as_expected, truth.worse].some((x) => x?.trim())) {
    throw AppError.invalid("a truth needs at least one of better, as_expected or worse", [
      { path: "(body)", message: "give at least one of better, as_expected or worse" },
    ]);
  }
  return writeRecord(services, input, async ({ db, claim, publish }) => {
    const review = await findReview(db, input, input.reviewId);
    if (!review) throw AppError.notFound("review", input.reviewId);
    let authorId: string | null = null;
    if (review.anonymous) {
      if (truth.by !== undefined) {
        throw AppError.invalid("this review is anonymous", [
          { path: "by", message: "this review is anonymous: truths carry no author" },
        ]);
      }
    } else {
      authorId = authorOf(input.actor, truth.by);
      await requireAuthorPerson(db, input.orgId, authorId);
    }
    await claim();
    await insertTruth(db, {
      orgId: input.orgId,
      initiativeId: input.initiativeId,
      reviewId: input.reviewId,
      authorId,
      better: truth.better ?? null,
      asExpected: truth.as_expected ?? null,
      worse: truth.worse ?? null,
    });
    // An anonymous truth publishes no event: its time would date it.
    if (!review.anonymous) await publish("truth.added", { review: input.reviewId });
    const { by: _by, ...words } = truth;
    return authorId ? { by: authorId, ...words } : words;
  });
}
