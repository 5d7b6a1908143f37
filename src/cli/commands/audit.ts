// plumb audit verify|checkpoint|list: the org's audit log, a check that nobody rewrote it, and signed
// checkpoints to keep outside the database and hold it against later.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Config } from "../../config/config.ts";
import { AppError } from "../../domain/app-error.ts";
import { AuditCheckpointSchema, type AuditCheckpoint } from "../../domain/audit.ts";
import { readAudit } from "../../use-cases/reads/read-audit.ts";
import { exportAuditCheckpoint, verifyAuditLog } from "../../use-cases/verify-audit-log.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { resolveOrg } from "../resolve-org.ts";

function readCheckpoint(fileName: string, io: CliIo): AuditCheckpoint {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, fileName), "utf8");
  } catch (error) {
    throw AppError.invalid(`cannot read the checkpoint ${fileName}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw AppError.invalid(`${fileName} is not a checkpoint: it is not JSON`);
  }
  const parsed = AuditCheckpointSchema.safeParse(json);
  if (!parsed.success) {
    throw AppError.invalid(
      `${fileName} is not a checkpoint written by plumb audit checkpoint`,
      parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    );
  }
  return parsed.data;
}

export async function runAuditVerify(
  options: { org?: string; against?: string },
  config: Config,
  io: CliIo,
): Promise<number> {
  const against = options.against ? readCheckpoint(options.against, io) : undefined;
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    const verdict = await verifyAuditLog(services, orgId, against);
    const { problem } = verdict;
    if (!problem) {
      const anchored = against ? `, and it holds checkpoint ${against.seq} of ${against.at}` : "";
      const legacy = verdict.unsigned ? ` (${verdict.unsigned} written before the log was signed)` : "";
      io.stdout(
        `The audit log of '${orgId}' is intact: ${verdict.events} events${legacy}, each chained to the one before and signed${anchored}.\n`,
      );
      return EXIT.ok;
    }
    io.stdout(
      `The audit log of '${orgId}' was tampered with at event ${problem.seq} (${problem.problem}): ${problem.detail}.\n`,
    );
    return EXIT.signals;
  });
}

export async function runAuditCheckpoint(
  options: { org?: string; output?: string },
  config: Config,
  io: CliIo,
): Promise<number> {
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    const checkpoint = await exportAuditCheckpoint(services, orgId);
    const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
    if (!options.output) {
      io.stdout(text);
      return EXIT.ok;
    }
    writeFileSync(resolve(io.cwd, options.output), text, { mode: 0o600 });
    io.stderr(
      `Wrote checkpoint ${checkpoint.seq} of '${orgId}' to ${options.output}; keep it away from the database and verify with --against.\n`,
    );
    return EXIT.ok;
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
