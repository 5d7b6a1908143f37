// Drives the HTTP app in-process (no port): a tiny client that speaks JSON with a bearer token.
import { createApp, type AppOptions } from "../../src/server/create-app.ts";
import type { Role } from "../../src/domain/policy.ts";
import type { Store } from "../../src/store/open-store.ts";
import { importInitiative } from "../../src/use-cases/import-initiative.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { Evaluator } from "../../src/use-cases/evaluation/evaluator.ts";
import { servicesFor } from "./databases.ts";

export interface ApiResponse {
  status: number;
  body: unknown;
  contentType: string;
}

export function apiClient(store: Store, options: { settle?: boolean; app?: AppOptions } = {}) {
  const services = servicesFor(store);
  const app = createApp(services, options.app);
  // Signals are evaluated after each write commits; a test reads them once evaluation has caught up, as a
  // person would a moment later (`settle: false` to see the moment in between).
  const evaluator = new Evaluator(services);
  const settle = options.settle ?? true;
  async function call(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<ApiResponse> {
    if (settle) await evaluator.drain();
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await app.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const contentType = response.headers.get("content-type") ?? "";
    return {
      status: response.status,
      contentType,
      body: text && contentType.includes("json") ? JSON.parse(text) : text,
    };
  }
  return {
    app,
    call,
    services,
    evaluator,
    /**
     * Brings an initiative in as the local operator does (`plumb import`): its history as the file records it,
     * votes included, which no API caller but each vote's holder could record.
     */
    seed: (orgId: string, document: unknown) => importInitiative(services, orgId, document),
    token: async (orgId: string, role: Role) =>
      (await createToken(services, { orgId, name: `${role} test`, role, expiresInDays: 1 })).secret,
  };
}
