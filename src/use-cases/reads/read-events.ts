// Reading the change feed for the live stream: what came after an id, and where it stands now.
import { eventsAfter, latestEventId, type ChangeEvent } from "../../store/event-repository.ts";
import type { Services } from "../services.ts";

export type { ChangeEvent };
export const readEventsAfter = (services: Services, orgId: string, afterId: number, limit?: number) =>
  eventsAfter(services.store.db, orgId, afterId, limit);
export const readLatestEventId = (services: Services, orgId: string) =>
  latestEventId(services.store.db, orgId);
