// Recording a decision (pivot, persevere, stop, go, no-go…): by its decider, dated no later than today,
// appended and audited. A decision is history: it is never edited, a later one says what changed.
import { randomUUID } from "node:crypto";
import type { Actor } from "../../domain/actor.ts";
import { AppError } from "../../domain/app-error.ts";
import type { Decision } from "../../domain/model.ts";
import { authorOf } from "../../domain/record-policy.ts";
import { decisionExists, insertDecision, type Scope } from "../../store/record-repository.ts";
import { audit } from "../audit.ts";
import { recordDate, writeRecord } from "../records/write-record.ts";
import { requireAuthorPerson } from "../status-reports/add-status-report.ts";
import type { Services } from "../services.ts";

export interface RecordDecision extends Scope {
  actor: Actor;
  decision: {
    id?: string | undefined;
    date?: string | undefined;
    kind: Decision["kind"];
    by?: string | undefined;
    responds_to?: string | undefined;
    rationale: string;
  };
}

export async function recordDecision(services: Services, input: RecordDecision): Promise<Decision> {
  const given = input.decision;
  return writeRecord(services, input, async ({ db, today, claim, publish }) => {
    const byId = authorOf(input.actor, given.by);
    await requireAuthorPerson(db, input.orgId, byId);
    const id = given.id ?? `decision-${randomUUID()}`;
    if (given.id && (await decisionExists(db, input, given.id))) {
      throw new AppError("conflict", `a decision '${given.id}' already exists`);
    }
    const decision: Decision = {
      id,
      date: recordDate(given.date, today),
      kind: given.kind,
      byId,
      respondsTo: given.responds_to ?? null,
      rationale: given.rationale,
    };
    await claim();
    await insertDecision(db, {
      orgId: input.orgId,
      initiativeId: input.initiativeId,
      ...decision,
      recordedBy: input.actor.personId ?? input.actor.tokenId,
    });
    await publish("decision.recorded", { id });
    await audit(db, services, input.orgId, input.actor, {
      action: "decision.add",
      targetType: "decision",
      targetId: id,
      details: {
        initiative: input.initiativeId,
        kind: decision.kind,
        by: byId,
        responds_to: decision.respondsTo,
      },
    });
    return decision;
  });
}
