// Promotes a "worse than expected" truth to the risk register: its author, if named, is the risk's raiser.
import { AppError } from "../domain/app-error.ts";
import type { Level } from "../domain/primitives.ts";
import type { Actor } from "./audit.ts";
import { changeInitiative } from "./change-initiative.ts";
import type { Services } from "./services.ts";

export async function promoteTruth(
  services: Services,
  input: {
    orgId: string;
    initiativeId: string;
    reviewId: string;
    truthId: string;
    ownerId: string;
    likelihood: Level;
    impact: Level;
    actor: Actor;
  },
): Promise<{ riskId: string }> {
  const riskId = `risk-${input.reviewId}-${input.truthId}`.slice(0, 80);
  await changeInitiative(
    services,
    input.orgId,
    input.initiativeId,
    {
      apply(document, current) {
        const review = current.reviews.find((r) => r.id === input.reviewId);
        if (!review) throw AppError.notFound("review", input.reviewId);
        const truth = review.truths.find((t) => t.id === input.truthId);
        if (!truth) throw AppError.notFound("truth", input.truthId);
        if (!truth.worse)
          throw AppError.invalid("only a worse-than-expected truth becomes a risk", [
            { path: "truth", message: "has no 'worse'" },
          ]);
        if (current.risks.some((r) => r.id === riskId))
          throw new AppError("conflict", `already promoted as '${riskId}'`);
        document.risks = [
          ...(document.risks ?? []),
          {
            id: riskId,
            risk: truth.worse,
            likelihood: input.likelihood,
            impact: input.impact,
            owner: input.ownerId,
            ...(truth.authorId ? { by: truth.authorId } : {}),
            raised_on: review.date,
          },
        ];
      },
      at: (document) => ["risks", (document.risks ?? []).length - 1],
      audit: {
        action: "truth.promote",
        targetType: "risk",
        targetId: riskId,
        details: { review: input.reviewId },
      },
    },
    input.actor,
  );
  return { riskId };
}
