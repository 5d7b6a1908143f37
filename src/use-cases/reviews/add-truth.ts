// Giving three truths (better than expected, as expected, worse than expected) in a review. In a named review a
// person gives their own; in an anonymous one no author is stored, whoever asks, and the truth is sealed like a
// pre-mortem's anonymous risk: released with others in a shuffled batch (docs/anonymity.md).
import { randomUUID } from "node:crypto";
import type { Actor } from "../../domain/actor.ts";
import { RELEASE_BATCH, shuffled } from "../../domain/anonymity.ts";
import { AppError } from "../../domain/app-error.ts";
import { toIsoDate } from "../../domain/primitives.ts";
import { authorOf } from "../../domain/record-policy.ts";
import type { Database } from "../../store/open-store.ts";
import { findReview, findReviewClosure, insertTruth, type Scope } from "../../store/record-repository.ts";
import * as sealed from "../../store/sealed-repository.ts";
import { writeRecord } from "../records/write-record.ts";
import { requireAuthorPerson } from "../status-reports/add-status-report.ts";
import { anonymityKeyOf, inTransaction, type Services } from "../services.ts";

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

interface SealedTruth {
  better: string | null;
  asExpected: string | null;
  worse: string | null;
}

export async function addTruth(services: Services, input: AddTruth): Promise<TruthInput> {
  const { truth } = input;
  if (![truth.better, truth.as_expected, truth.worse].some((x) => x?.trim())) {
    throw AppError.invalid("a truth needs at least one of better, as_expected or worse", [
      { path: "(body)", message: "give at least one of better, as_expected or worse" },
    ]);
  }
  const words: SealedTruth = {
    better: truth.better ?? null,
    asExpected: truth.as_expected ?? null,
    worse: truth.worse ?? null,
  };
  const review = await findReview(services.store.db, input, input.reviewId);
  if (!review) throw AppError.notFound("review", input.reviewId);
  if (review.anonymous) {
    if (truth.by !== undefined) {
      throw AppError.invalid("this review is anonymous", [
        { path: "by", message: "this review is anonymous: truths carry no author" },
      ]);
    }
    // Sealed in a transaction that writes nothing else: no write lock on the initiative, no version, no event.
    // It holds the review's ritual lock shared, which a close takes exclusively: sealed before the close, or
    // refused by it.
    const ritual = truthsRitual(input, input.reviewId);
    await inTransaction(services, async (db) => {
      await sealed.lockRitual(db, ritual, "shared");
      await refuseWhenClosed(db, input);
      await sealed.insertSealed(db, anonymityKeyOf(services), {
        id: randomUUID(),
        ...ritual,
        initiativeId: input.initiativeId,
        payload: { ...words },
        sealedOn: toIsoDate(services.clock()),
      });
    });
    await releaseTruths(services, input);
    const { by: _by, ...given } = truth;
    return given;
  }
  return writeRecord(services, input, async ({ db, claim, publish }) => {
    const authorId = authorOf(input.actor, truth.by);
    await requireAuthorPerson(db, input.orgId, authorId);
    await claim();
    // Under the initiative's lock, which a close takes too.
    await refuseWhenClosed(db, input);
    await insertTruth(db, {
      orgId: input.orgId,
      initiativeId: input.initiativeId,
      reviewId: input.reviewId,
      authorId,
      ...words,
    });
    await publish("truth.added", { review: input.reviewId });
    const { by: _by, ...given } = truth;
    return { by: authorId, ...given };
  });
}

async function refuseWhenClosed(db: Database, input: AddTruth) {
  const closedOn = await findReviewClosure(db, input, input.reviewId);
  if (closedOn)
    throw new AppError("conflict", `this review was closed on ${closedOn}: it takes no more truths`);
}

/** The ritual an anonymous review's sealed truths wait under: a review's id is a key within its initiative. */
export const truthsRitual = (scope: Scope, reviewId: string) => ({
  orgId: scope.orgId,
  kind: "review_truth" as const,
  ritualId: sealed.reviewRitualId(scope.initiativeId, reviewId),
});

/**
 * Once a batch is waiting, moves the review's sealed truths into its truths: shuffled, in one transaction under
 * the initiative's write lock, with one change event for the whole batch (so evaluation sees them) that names
 * none of them.
 */
async function releaseTruths(services: Services, input: AddTruth) {
  const ritual = truthsRitual(input, input.reviewId);
  if ((await sealed.countSealed(services.store.db, ritual)) < RELEASE_BATCH) return;
  await writeRecord(services, input, async ({ db, claim, publish }) => {
    await claim();
    // Under the lock, again: a release that raced this one may have taken the batch.
    if ((await sealed.countSealed(db, ritual)) < RELEASE_BATCH) return;
    await releaseSealedTruths(db, services, input, input.reviewId);
    await publish("truths.released", { review: input.reviewId });
  });
}

/**
 * Moves every sealed truth of the review into its truths, in the caller's transaction under the initiative's
 * lock: shuffled, so positions and ids follow the shuffled order and say nothing about who came first.
 */
export async function releaseSealedTruths(db: Database, services: Services, scope: Scope, reviewId: string) {
  const ritual = truthsRitual(scope, reviewId);
  for (const waiting of shuffled(await sealed.takeSealed(db, anonymityKeyOf(services), ritual))) {
    await insertTruth(db, {
      orgId: scope.orgId,
      initiativeId: scope.initiativeId,
      reviewId,
      authorId: null,
      ...(waiting.payload as unknown as SealedTruth),
    });
  }
}
