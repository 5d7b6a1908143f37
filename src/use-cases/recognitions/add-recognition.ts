// Recognising someone, for bad news brought early above all: by its giver, dated no later than today.
import { randomUUID } from "node:crypto";
import type { Actor } from "../../domain/actor.ts";
import type { Recognition } from "../../domain/model.ts";
import { authorOf } from "../../domain/record-policy.ts";
import { insertRecognition, type Scope } from "../../store/record-repository.ts";
import { recordDate, writeRecord } from "../records/write-record.ts";
import { requireAuthorPerson } from "../status-reports/add-status-report.ts";
import type { Services } from "../services.ts";

export interface AddRecognition extends Scope {
  actor: Actor;
  recognition: {
    id?: string | undefined;
    person: string;
    by?: string | undefined;
    date?: string | undefined;
    reason: string;
  };
}

export async function addRecognition(services: Services, input: AddRecognition): Promise<Recognition> {
  const given = input.recognition;
  return writeRecord(services, input, async ({ db, today, claim, publish }) => {
    const byId = authorOf(input.actor, given.by);
    await requireAuthorPerson(db, input.orgId, byId);
    await requireAuthorPerson(db, input.orgId, given.person, "person");
    const recognition: Recognition = {
      id: given.id ?? `recognition-${randomUUID()}`,
      personId: given.person,
      byId,
      date: recordDate(given.date, today),
      reason: given.reason,
    };
    await claim();
    await insertRecognition(db, {
      orgId: input.orgId,
      initiativeId: input.initiativeId,
      ...recognition,
      recordedBy: input.actor.personId ?? input.actor.tokenId,
    });
    await publish("recognition.added", { id: recognition.id });
    return recognition;
  });
}
