// plumb gate status: a gate's votes for people and pipelines; with --require go, exits 0 only when all voted go.
import type { Config } from "../../config/config.ts";
import { AppError } from "../../domain/app-error.ts";
import { gateStatus } from "../../domain/gate.ts";
import { loadInitiativeOrThrow } from "../../use-cases/read-initiative.ts";
import { EXIT, type CliIo } from "../io.ts";
import { withServices } from "../open-configured-store.ts";
import { resolveOrg } from "../resolve-org.ts";

export async function runGateStatus(
  gateId: string,
  options: { initiative: string; org?: string; require?: "go"; format: "text" | "json" },
  config: Config,
  io: CliIo,
): Promise<number> {
  return withServices(config, io, async (services) => {
    const orgId = await resolveOrg(services, options.org ?? config.org);
    const snapshot = await loadInitiativeOrThrow(services, orgId, options.initiative);
    const gate = snapshot.gates.find((g) => g.id === gateId || g.name === gateId);
    if (!gate) {
      throw AppError.invalid(`no gate '${gateId}' in '${options.initiative}'`, [
        { path: "GATE", message: `known gates: ${snapshot.gates.map((g) => g.id).join(", ") || "none"}` },
      ]);
    }
    const status = gateStatus(gate, snapshot.milestones);
    if (options.format === "json") {
      io.stdout(
        `${JSON.stringify({ gate: gate.id, state: status.state, go: status.go, no_go: status.noGo, pending: status.pending, paused_milestones: status.pausedMilestones }, null, 2)}\n`,
      );
    } else {
      io.stdout(`Gate '${gate.name}' (${gate.id}): ${status.state.toUpperCase()}\n`);
      for (const a of gate.authorities) {
        const noGo = status.noGo.find((n) => n.role === a.role);
        const mark = status.go.includes(a.role) ? "go" : noGo ? `NO-GO: ${noGo.reason ?? ""}` : "not voted";
        io.stdout(`  ${a.role.padEnd(12)} ${a.personId.padEnd(12)} ${mark}\n`);
      }
      if (status.pausedMilestones.length > 0)
        io.stdout(`  paused milestones: ${status.pausedMilestones.join(", ")}\n`);
    }
    if (options.require === "go" && status.state !== "go") {
      io.stderr(`plumb: gate '${gate.id}' is ${status.state}, not go\n`);
      return EXIT.signals;
    }
    return EXIT.ok;
  });
}
