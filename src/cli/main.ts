// The `plumb` command line: parses arguments, runs one command, and maps errors to exit codes (the only exit).
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { loadConfig, type Config } from "../config/config.ts";
import { isAppError } from "../domain/app-error.ts";
import { ROLES, type Role } from "../domain/policy.ts";
import { SEVERITIES } from "../domain/primitives.ts";
import { SYNC_SOURCES, type SyncSource } from "../domain/sources.ts";
import type { CheckOptions } from "./commands/check.ts";
import { EXIT, type CliIo } from "./io.ts";
import { loggableError } from "../domain/loggable-error.ts";

// Each command's module is imported when it runs, so `plumb --help` loads none of the store, server or engine.
const STORE_HELP = `
Store: PGlite in $PLUMBLINE_DATA_DIR (default .plumbline/), or the PostgreSQL server in $DATABASE_URL.
Exit codes: 0 done, 1 signals at or above --fail-on (check), 2 invalid input, 3 failure.`;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number of 1 or more");
  return n;
}

export function buildProgram(io: CliIo, config: () => Config, setExit: (code: number) => void): Command {
  const program = new Command("plumb")
    .description(
      "Plumbline: hold every health call against the evidence, and give every connection an owner.",
    )
    .version("0.1.0")
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .addHelpText("after", STORE_HELP);
  const done = (code: number) => setExit(code);

  program
    .command("check")
    .description("Validate an initiative file and print its signals")
    .argument("<file>", "an initiative file (YAML or JSON)")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json", "summary"]).default("text"),
    )
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when a signal is at least this severe")
        .choices([...SEVERITIES])
        .default("warning"),
    )
    .option("--as-of <date>", "evaluate as of this day (YYYY-MM-DD); default: the file's as_of, else today")
    .option(
      "--kind <kinds>",
      "only signals of these kinds (comma-separated, or repeat the option)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--severity <severity>", "only signals at least this severe (info, warning, critical)")
    .option("--subject <id>", "only signals on this subject: its id, or type:id (commitment:campaign)")
    .option("--owner <person>", "only signals this person must act on (none: where nobody is named)")
    .addHelpText(
      "after",
      "\nThe filters decide what is shown and what counts for --fail-on.\n\nExamples:\n  plumb check examples/orbit-launch.yaml\n  plumb check launch.yaml --format json --fail-on critical\n  plumb check examples/orbit-launch.yaml --kind filtered-rollup,watermelon --severity warning\n  plumb check examples/orbit-launch.yaml --owner dana --subject commitment:self-serve-release\n  plumb check big-programme.yaml --format summary   # one line per kind",
    )
    .action(async (file: string, o: CheckOptions) =>
      done(await (await import("./commands/check.ts")).runCheck(file, o, io)),
    );

  program
    .command("import")
    .description(
      "Import an initiative file into the store (creates it, or replaces the initiative with its id)",
    )
    .argument("<file>", "an initiative file (YAML or JSON)")
    .option("--org <id>", "the org (default: $PLUMBLINE_ORG, else the store's only org)")
    .addHelpText("after", STORE_HELP)
    .action(async (file: string, o: { org?: string }) =>
      done(await (await import("./commands/import.ts")).runImport(file, o, config(), io)),
    );

  program
    .command("import-csv")
    .description(
      "Add metric points from a CSV file (columns metric, date, value, source): any invalid row writes " +
        "nothing unless --partial; points already stored (same metric, date and source) are left unchanged",
    )
    .argument("<initiative>", "the initiative's id")
    .argument("<file>", "a CSV file whose first line names its columns")
    .option("--metric <name>", "the metric of rows that name none (then the file may omit the metric column)")
    .option("--partial", "write the valid rows and report the invalid ones (exit 2 if any)")
    .option("--org <id>", "the org (default: $PLUMBLINE_ORG, else the store's only org)")
    .addHelpText(
      "after",
      "\nExample:\n  plumb import examples/orbit-launch.yaml\n" +
        "  plumb import-csv orbit-self-serve-launch examples/csv/orbit-metrics.csv\n" +
        "\nFormat, columns and errors: docs/csv-import.md" +
        STORE_HELP,
    )
    .action(async (id: string, file: string, o: { org?: string; metric?: string; partial?: boolean }) =>
      done(await (await import("./commands/import-csv.ts")).runImportCsv(id, file, o, config(), io)),
    );

  program
    .command("import-keps")
    .description(
      "Import the Kubernetes enhancement proposals (KEPs) as one initiative per owning SIG, evaluate them, " +
        "and sum up what Plumbline finds: the real-data example (docs/real-data.md)",
    )
    .argument("<dir>", "a directory with keps.jsonl, kep_status_history.jsonl and k8s_sigs.jsonl")
    .option("--as-of <date>", "the day the initiatives are evaluated as of (default: the data's last day)")
    .option("--top <n>", "how many findings to print as examples, the most severe of each kind first", "10")
    .option("--org <id>", "the org (default: $PLUMBLINE_ORG, else the store's only org)")
    .addHelpText(
      "after",
      "\nExample:\n  plumb org create k8s --name Kubernetes\n  plumb import-keps quality/data/keps --org k8s\n" +
        "\nRunning it again adds nothing that is already there. Progress goes to stderr (a bar on a terminal, a" +
        " line per initiative otherwise), the summary to stdout." +
        STORE_HELP,
    )
    .action(async (dir: string, o: { org?: string; asOf?: string; top?: string }) =>
      done(await (await import("./commands/import-keps.ts")).runImportKeps(dir, o, config(), io)),
    );

  program
    .command("sync")
    .description(
      "Read the initiative's commitments from where work happens (its file's `sources`: Jira, GitHub) and apply " +
        "what changed; after the first run only issues updated since the last sync are read",
    )
    .argument("<initiative>", "the initiative's id")
    .addOption(
      new Option("--source <source>", "the one source to read (default: every one the file names)").choices([
        ...SYNC_SOURCES,
      ]),
    )
    .option("--full", "read every issue the source finds, not only those updated since the last sync")
    .option("--org <id>", "the org (default: $PLUMBLINE_ORG, else the store's only org)")
    .addHelpText(
      "after",
      "\nExamples:\n  PLUMBLINE_JIRA_EMAIL=ana@example.com PLUMBLINE_JIRA_TOKEN=… plumb sync billing-migration\n" +
        "  PLUMBLINE_GITHUB_TOKEN=github_pat_… plumb sync billing-migration --source github\n" +
        "\nJira credentials: $PLUMBLINE_JIRA_EMAIL and $PLUMBLINE_JIRA_TOKEN (an API token; never printed).\n" +
        "GitHub: $PLUMBLINE_GITHUB_TOKEN (a token that may read the repository's issues; never printed).\n" +
        "Progress goes to stderr (a bar on a terminal, a line per page otherwise), the summary to stdout;\n" +
        "exit 2 when an issue could not be taken in.\n" +
        "Configuration and what maps to what: docs/connectors.md" +
        STORE_HELP,
    )
    .action(async (id: string, o: { org?: string; source?: SyncSource; full?: boolean }) =>
      done(await (await import("./commands/sync.ts")).runSync(id, o, config(), io)),
    );

  program
    .command("export")
    .description("Print a stored initiative as an initiative file")
    .argument("<initiative>", "the initiative's id")
    .option("--org <id>", "the org (default: $PLUMBLINE_ORG, else the store's only org)")
    .addOption(new Option("--format <format>", "file format").choices(["yaml", "json"]).default("yaml"))
    .option("-o, --output <file>", "write to a file instead of standard output")
    .addHelpText("after", STORE_HELP)
    .action(async (id: string, o: { org?: string; format: "yaml" | "json"; output?: string }) =>
      done(await (await import("./commands/export.ts")).runExport(id, o, config(), io)),
    );

  program
    .command("serve")
    .description("Serve the HTTP API (PORT, default 3000; HOST, default 127.0.0.1)")
    .addHelpText(
      "after",
      "\nBeside the API it evaluates after each write, sends notifications (docs/notifications.md) and, with\n" +
        "PLUMBLINE_JIRA_EMAIL and PLUMBLINE_JIRA_TOKEN set, syncs every initiative with a Jira source every\n" +
        "PLUMBLINE_SYNC_EVERY_MINUTES (default 60; 0: never; docs/connectors.md), and with PLUMBLINE_GITHUB_TOKEN\n" +
        "set every one with a GitHub source. POST /api/v1/webhooks/github takes GitHub's issue events, signed with\n" +
        "the repository's secret in PLUMBLINE_GITHUB_WEBHOOK_SECRETS (a JSON object: owner/repo or * → secret)." +
        STORE_HELP,
    )
    .action(async () => done(await (await import("./commands/serve.ts")).runServe(config(), io)));

  program
    .command("demo")
    .description("Load the demo org, print an admin token, and serve it (what `npm start` runs)")
    .option("--no-serve", "load the demo and print the token, then exit")
    .option("--reset", "reload the demo initiatives, discarding changes made to them")
    .addHelpText("after", STORE_HELP)
    .action(async (o: { serve: boolean; reset?: boolean }) =>
      done(await (await import("./commands/demo.ts")).runDemo(o, config(), io)),
    );

  const token = program.command("token").description("Manage API tokens");
  token
    .command("create")
    .description("Create an API token; prints the secret once")
    .requiredOption("--name <name>", "what the token is for")
    .addOption(new Option("--role <role>", "the token's role").choices([...ROLES]).default("viewer"))
    .option("--expires-in-days <days>", "days until it expires", positiveInt, 90)
    .option("--no-expiry", "never expires")
    .option("--person <id>", "the person the token acts as (needed to vote or acknowledge as them)")
    .option("--org <id>", "the org (default: $PLUMBLINE_ORG, else the store's only org)")
    .action(
      async (o: {
        name: string;
        role: Role;
        expiresInDays: number;
        expiry: boolean;
        org?: string;
        person?: string;
      }) =>
        done(
          await (
            await import("./commands/token.ts")
          ).runTokenCreate({ ...o, expiresInDays: o.expiry ? o.expiresInDays : null }, config(), io),
        ),
    );
  token
    .command("list")
    .description("List API tokens (never their secrets)")
    .option("--org <id>", "the org")
    .action(async (o: { org?: string }) =>
      done(await (await import("./commands/token.ts")).runTokenList(o, config(), io)),
    );
  token
    .command("revoke")
    .description("Revoke an API token")
    .argument("<id>", "the token's id (tok_…)")
    .option("--org <id>", "the org")
    .action(async (id: string, o: { org?: string }) =>
      done(await (await import("./commands/token.ts")).runTokenRevoke(id, o, config(), io)),
    );

  const gate = program.command("gate").description("Go/No-Go gates");
  gate
    .command("status")
    .description(
      "Show a gate's votes; with --require go, exit 0 only when every authority voted go (for CI/CD)",
    )
    .argument("<gate>", "the gate's id or name")
    .requiredOption("--initiative <id>", "the initiative the gate belongs to")
    .option("--org <id>", "the org (default: $PLUMBLINE_ORG, else the store's only org)")
    .addOption(new Option("--require <state>", "exit 1 unless the gate is in this state").choices(["go"]))
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText(
      "after",
      `\nExample (block a deploy past a No-Go):\n  plumb gate status launch --initiative orbit-launch --require go${STORE_HELP}`,
    )
    .action(
      async (id: string, o: { initiative: string; org?: string; require?: "go"; format: "text" | "json" }) =>
        done(await (await import("./commands/gate.ts")).runGateStatus(id, o, config(), io)),
    );

  const auditCommand = program.command("audit").description("The audit log");
  auditCommand
    .command("verify")
    .description(
      "Check the log: its hash chain, every event's signature and its signed head; names the first event " +
        "modified, deleted, inserted, reordered or recomputed, and events removed from the end (exit 1)",
    )
    .option("--org <id>", "the org")
    .option("--against <file>", "also hold the log against a checkpoint written by `plumb audit checkpoint`")
    .addHelpText(
      "after",
      `\nThe log is signed with PLUMBLINE_AUDIT_KEY, else with audit.key in the data directory: keep a copy of\nthe key apart from the database, and servers sharing a database must share it.\n\nExample:\n  plumb audit checkpoint -o audit-checkpoint.json   # now, kept somewhere else\n  plumb audit verify --against audit-checkpoint.json # later${STORE_HELP}`,
    )
    .action(async (o: { org?: string; against?: string }) =>
      done(await (await import("./commands/audit.ts")).runAuditVerify(o, config(), io)),
    );
  auditCommand
    .command("checkpoint")
    .description(
      "Print (or write) a signed checkpoint of where the log stands, to keep outside the database and verify against later",
    )
    .option("--org <id>", "the org")
    .option("-o, --output <file>", "write it to a file (mode 0600) instead of stdout")
    .action(async (o: { org?: string; output?: string }) =>
      done(await (await import("./commands/audit.ts")).runAuditCheckpoint(o, config(), io)),
    );
  auditCommand
    .command("list")
    .description("Print the latest audit events")
    .option("--org <id>", "the org")
    .option("--limit <n>", "how many", positiveInt, 50)
    .action(async (o: { org?: string; limit: number }) =>
      done(await (await import("./commands/audit.ts")).runAuditList(o, config(), io)),
    );

  program
    .command("index")
    .description(
      "The alignment index: five measured dimensions with their trend, per initiative and for the org",
    )
    .option(
      "--initiative <id>",
      "one initiative, with each dimension's measures (default: every initiative and the org)",
    )
    .option("--org <id>", "the org (default: $PLUMBLINE_ORG, else the store's only org)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", STORE_HELP)
    .action(async (o: { initiative?: string; org?: string; format: "text" | "json" }) =>
      done(await (await import("./commands/alignment-index.ts")).runIndex(o, config(), io)),
    );

  const org = program.command("org").description("Manage orgs (tenants)");
  org
    .command("create")
    .description("Create an org")
    .argument("<id>", "the org's id")
    .option("--name <name>", "its display name")
    .action(async (id: string, o: { name?: string }) =>
      done(await (await import("./commands/org.ts")).runOrgCreate(id, o, config(), io)),
    );
  org
    .command("list")
    .description("List orgs")
    .action(async () => done(await (await import("./commands/org.ts")).runOrgList(config(), io)));

  return program;
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(
    io,
    () => loadConfig(io.env),
    (code) => (exitCode = code),
  );
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.exitCode === 0
        ? EXIT.ok
        : EXIT.invalid;
    }
    if (isAppError(error)) {
      io.stderr(`plumb: ${error.message}\n`);
      for (const p of error.problems) {
        const where =
          p.line !== undefined ? `${(p as { file?: string }).file ?? ""}:${p.line}:${p.column} ` : "";
        io.stderr(`  ${where}${p.path}: ${p.message}\n`);
      }
      return error.code === "invalid_input" ||
        error.code === "malformed_input" ||
        error.code === "too_large" ||
        error.code === "not_found" ||
        error.code === "conflict"
        ? EXIT.invalid
        : EXIT.failure;
    }
    io.stderr(`plumb: ${loggableError(error, { stack: false })}\n`);
    return EXIT.failure;
  }
}
