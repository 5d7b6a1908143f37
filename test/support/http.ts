// Drives the HTTP app in-process (no port): a tiny client that speaks JSON with a bearer token.
import { createApp } from "../../src/server/create-app.ts";
import type { Role } from "../../src/domain/policy.ts";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { servicesFor } from "./databases.ts";

export interface ApiResponse {
  status: number;
  body: unknown;
  contentType: string;
}

export function apiClient(store: Store) {
  const services = servicesFor(store);
  const app = createApp(services);
  async function call(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<ApiResponse> {
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
    token: async (orgId: string, role: Role) =>
      (await createToken(services, { orgId, name: `${role} test`, role, expiresInDays: 1 })).secret,
  };
}
