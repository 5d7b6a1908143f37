// plumb audit verify|list: the org's audit log, and a check that its hash chain is unbroken.
import type { Config } from "../../config/config.ts";
import { verifyChain } from "../../domain/audit.ts";
import { readAudit } from "../../use-cases/reads/read-audit.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { resolveOrg } from "../resolve-org.ts";

export async function runAuditVerify(options: { org?: string }, config: Config, io: CliIo): Promise<number> {
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    const events = await readAudit(services, orgId);
    const problem = verifyChain(events);
    if (!problem) {
      io.stdout(
        `The audit log of '${orgId}' is intact: ${events.length} events, each chained to the one before.\n`,
      );
      return EXIT.ok;
    }
    io.stdout(
      `The audit log of '${orgId}' is broken at event ${problem.seq} (${problem.problem}): ${problem.detail}.\n`,
    );
    return EXIT.signals;
  });
}

export async function runAuditList(
  options: { org?: string; limit: number },
  config: Config,
  io: CliIo,
): Promise<number> {
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    const events = await readAudit(services, orgId);
    for (const e of events.slice(-options.limit)) {
      io.stdout(
        `${String(e.seq).padStart(5)}  ${e.at.toISOString()}  ${e.actor.padEnd(24)} ${e.action.padEnd(20)} ${e.targetType}:${e.targetId}  ${e.outcome}\n`,
      );
    }
    return EXIT.ok;
  });
}
