// Giving three truths (better than expected, as expected, worse than expected) in a review. In a named review a
// person gives their own; in an anonymous one no author is stored, whoever asks, and the truth is sealed like a
// pre-mortem's anonymous risk: released with others in a shuffled batch (docs/anonymity.md).
import { randomUUID } from "node:crypto";
import type { Actor } from "../../domain/actor.ts";
import { RELEASE_BATCH, shuffled } from "../../domain/anonymity.ts";
import { AppError } from "../../domain/app-error.ts";
import { toIsoDate } from "../../domain/primitives.ts";
import { authorOf } from "../../domain/record-policy.ts";
import { findReview, insertTruth, type Scope } from "../../store/record-repository.ts";
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
    await inTransaction(services, (db) =>
      sealed.insertSealed(db, anonymityKeyOf(services), {
        id: randomUUID(),
        ...ritualOf(input),
        initiativeId: input.initiativeId,
        payload: { ...words },
        sealedOn: toIsoDate(services.clock()),
      }),
    );
    await releaseTruths(services, input);
    const { by: _by, ...given } = truth;
    return given;
  }
  return writeRecord(services, input, async ({ db, claim, publish }) => {
    const authorId = authorOf(input.actor, truth.by);
    await requireAuthorPerson(db, input.orgId, authorId);
    await claim();
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

const ritualOf = (input: AddTruth) => ({
  orgId: input.orgId,
  kind: "review_truth" as const,
  ritualId: sealed.reviewRitualId(input.initiativeId, input.reviewId),
});

/**
 * Once a batch is waiting, moves the review's sealed truths into its truths: shuffled, in one transaction under
 * the initiative's write lock, with one change event for the whole batch (so evaluation sees them) that names
 * none of them. Positions and ids follow the shuffled order, so they say nothing about who came first.
 */
async function releaseTruths(services: Services, input: AddTruth) {
  const ritual = ritualOf(input);
  if ((await sealed.countSealed(services.store.db, ritual)) < RELEASE_BATCH) return;
  await writeRecord(services, input, async ({ db, claim, publish }) => {
    await claim();
    // Under the lock, again: a release that raced this one may have taken the batch.
    if ((await sealed.countSealed(db, ritual)) < RELEASE_BATCH) return;
    for (const waiting of shuffled(await sealed.takeSealed(db, anonymityKeyOf(services), ritual))) {
      await insertTruth(db, {
        orgId: input.orgId,
        initiativeId: input.initiativeId,
        reviewId: input.reviewId,
        authorId: null,
        ...(waiting.payload as unknown as SealedTruth),
      });
    }
    await publish("truths.released", { review: input.reviewId });
  });
}
