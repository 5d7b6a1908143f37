// Closing a three-truths review: it then takes no more truths, and what becomes of an anonymous review's truths
// still sealed at the close (docs/anonymity.md).
import { RELEASE_BATCH } from "./anonymity.ts";
import { can, type Role } from "./policy.ts";

/** Who may close a review: whoever may facilitate the initiative's rituals, that is whoever may plan. */
export function mayCloseReview(role: Role): boolean {
  return can(role, "plan");
}

/**
 * What the close does with the anonymous truths still waiting for their batch. A whole batch is released, as
 * any batch is; fewer stay sealed for good: released alone, one or two truths given after the last batch
 * would be told apart by whoever knows who gave a truth late.
 */
export function finalBatchAtClose(waiting: number): { release: boolean; staySealed: number } {
  return waiting >= RELEASE_BATCH
    ? { release: true, staySealed: 0 }
    : { release: false, staySealed: waiting };
}
