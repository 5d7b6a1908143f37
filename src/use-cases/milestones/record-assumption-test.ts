// Recording an assumption test's verdict at a milestone: validated, invalidated or inconclusive, with its
// evidence. Appended and audited; the assumption's kill criteria are fixed from then on.
import type { Actor } from "../../domain/actor.ts";
import { AppError } from "../../domain/app-error.ts";
import type { AssumptionTest } from "../../domain/model.ts";
import { findMilestone, insertAssumptionTest, type Scope } from "../../store/record-repository.ts";
import { audit } from "../audit.ts";
import { recordDate, writeRecord } from "../records/write-record.ts";
import type { Services } from "../services.ts";

export interface RecordAssumptionTest extends Scope {
  actor: Actor;
  milestoneId: string;
  test: {
    /** The assumption's position in the milestone's list, from 0. */
    assumption: number;
    verdict: AssumptionTest["verdict"];
    evidence?: string | undefined;
    date?: string | undefined;
  };
}

export async function recordAssumptionTest(
  services: Services,
  input: RecordAssumptionTest,
): Promise<{ assumption: number; verdict: AssumptionTest["verdict"]; evidence?: string; date: string }> {
  return writeRecord(services, input, async ({ db, today, claim, publish }) => {
    const milestone = await findMilestone(db, input, input.milestoneId);
    if (!milestone) throw AppError.notFound("milestone", input.milestoneId);
    const assumption = milestone.assumptions[input.test.assumption];
    if (!assumption) {
      throw AppError.invalid("no such assumption", [
        {
          path: "assumption",
          message: `the milestone has ${milestone.assumptions.length} assumption(s): give a position from 0 to ${milestone.assumptions.length - 1}`,
        },
      ]);
    }
    const date = recordDate(input.test.date, today);
    await claim();
    const row = await insertAssumptionTest(db, {
      orgId: input.orgId,
      initiativeId: input.initiativeId,
      milestoneId: input.milestoneId,
      assumptionId: assumption.id,
      verdict: input.test.verdict,
      evidence: input.test.evidence ?? null,
      date,
      recordedBy: input.actor.personId ?? input.actor.tokenId,
    });
    await publish("assumption_test.recorded", { milestone: input.milestoneId, id: row.id });
    const recorded = {
      assumption: input.test.assumption,
      verdict: input.test.verdict,
      ...(input.test.evidence !== undefined ? { evidence: input.test.evidence } : {}),
      date,
    };
    await audit(db, services, input.orgId, input.actor, {
      action: "verdict.record",
      targetType: "milestone",
      targetId: input.milestoneId,
      details: { initiative: input.initiativeId, added: recorded },
    });
    return recorded;
  });
}
