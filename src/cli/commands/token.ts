// plumb token create|list|revoke: API tokens from the command line (the secret is printed once).
import type { Config } from "../../config/config.ts";
import type { Role } from "../../domain/policy.ts";
import { createToken, listOrgTokens, revokeOrgToken } from "../../use-cases/manage-tokens.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { resolveOrg } from "../resolve-org.ts";

export async function runTokenCreate(
  options: { org?: string; name: string; role: Role; expiresInDays: number | null; person?: string },
  config: Config,
  io: CliIo,
): Promise<number> {
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    const { token, secret } = await createToken(services, {
      orgId,
      name: options.name,
      role: options.role,
      expiresInDays: options.expiresInDays,
      personId: options.person ?? null,
    });
    io.stdout(`${secret}\n`);
    io.stderr(
      `Created ${token.role} token ${token.id} ('${token.name}') for org '${orgId}'${token.expiresAt ? `, expires ${token.expiresAt.toISOString().slice(0, 10)}` : ", never expires"}.\nThe secret above is shown once; store it now.\n`,
    );
    return EXIT.ok;
  });
}

export async function runTokenList(options: { org?: string }, config: Config, io: CliIo): Promise<number> {
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    const tokens = await listOrgTokens(services, orgId);
    if (tokens.length === 0) io.stdout(`No tokens in org '${orgId}'.\n`);
    for (const t of tokens) {
      const state = t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt <= io.clock() ? "expired" : "live";
      io.stdout(
        `${t.id}  ${t.prefix}…  ${t.role.padEnd(6)}  ${state.padEnd(7)}  ${t.name}  (expires ${t.expiresAt?.toISOString().slice(0, 10) ?? "never"}, last used ${t.lastUsedOn ?? "never"})\n`,
      );
    }
    return EXIT.ok;
  });
}

export async function runTokenRevoke(
  id: string,
  options: { org?: string },
  config: Config,
  io: CliIo,
): Promise<number> {
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    await revokeOrgToken(services, orgId, id);
    io.stdout(`Revoked ${id}.\n`);
    return EXIT.ok;
  });
}
