// What admins set and read of notifications: the org's endpoints (webhook URLs checked against SSRF when set)
// and the record of every delivery.
import { AppError } from "../../domain/app-error.ts";
import {
  listDeliveries,
  listEndpoints,
  listFollowers,
  setFollowing,
  putEndpoint,
  putPreferences,
  readPreferences,
  type Delivery,
  type Endpoint,
  type Preference,
} from "../../store/notification-repository.ts";
import type { Services } from "../services.ts";
import { checkWebhookUrl } from "./webhook-url.ts";

export interface EndpointInput {
  channel: "webhook" | "slack";
  url: string;
  secret: string | null;
  kinds: string[];
}

/** Creates or replaces an endpoint; refuses a URL that reaches a private address (unless allowed). */
export async function putOrgEndpoint(
  services: Services,
  orgId: string,
  id: string,
  input: EndpointInput,
  allowPrivateWebhooks: boolean,
): Promise<Endpoint> {
  try {
    await checkWebhookUrl(input.url, allowPrivateWebhooks);
  } catch (error) {
    if (error instanceof AppError) {
      throw AppError.invalid("the webhook URL is refused", [{ path: "url", message: error.message }]);
    }
    throw error;
  }
  if (input.channel === "webhook" && !input.secret) {
    throw AppError.invalid("a generic webhook needs a secret", [
      { path: "secret", message: "is required: requests are signed with it" },
    ]);
  }
  const endpoint = { orgId, id, ...input, secret: input.channel === "slack" ? null : input.secret };
  await putEndpoint(services.store.db, endpoint);
  return { ...endpoint, createdAt: services.clock() };
}

export function listOrgEndpoints(services: Services, orgId: string): Promise<Endpoint[]> {
  return listEndpoints(services.store.db, orgId);
}

export function listOrgDeliveries(
  services: Services,
  orgId: string,
  page: { limit: number; before?: number },
): Promise<Delivery[]> {
  return listDeliveries(services.store.db, orgId, page);
}

export const NOTIFICATION_KINDS = ["reminder", "escalation", "digest"] as const;
export const PERSONAL_CHANNELS = ["email"] as const;

/** What a person gets: every kind on every personal channel, on unless they turned it off. */
export async function readMyPreferences(
  services: Services,
  orgId: string,
  personId: string,
): Promise<Preference[]> {
  const stored = await readPreferences(services.store.db, orgId, personId);
  return NOTIFICATION_KINDS.flatMap((kind) =>
    PERSONAL_CHANNELS.map((channel) => ({
      kind,
      channel,
      enabled: stored.find((p) => p.kind === kind && p.channel === channel)?.enabled ?? true,
    })),
  );
}

export async function putMyPreferences(
  services: Services,
  orgId: string,
  personId: string,
  preferences: readonly Preference[],
): Promise<Preference[]> {
  await putPreferences(services.store.db, orgId, personId, preferences);
  return readMyPreferences(services, orgId, personId);
}

/** Follows (or stops following) an initiative, for its digest; returns whether the person now follows it. */
export async function followInitiative(
  services: Services,
  scope: { orgId: string; initiativeId: string },
  personId: string,
  following: boolean,
): Promise<boolean> {
  await setFollowing(services.store.db, scope, personId, following);
  return (await listFollowers(services.store.db, scope)).includes(personId);
}
