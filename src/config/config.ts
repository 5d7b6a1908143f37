// The one place that reads the environment: a zod schema with defaults, validated at start-up.
import { z } from "zod";
import { AppError } from "../domain/app-error.ts";

/** The default limit on a request body, 1 MiB: an initiative document of a few thousand items fits. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The default limit on a bulk ingest of metric points, 64 MiB: about a million CSV rows. */
export const DEFAULT_MAX_INGEST_BYTES = 64 * 1024 * 1024;

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PLUMBLINE_DATA_DIR: z.string().min(1).default(".plumbline"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  PLUMBLINE_ORG: z.string().optional(),
  PLUMBLINE_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_MAX_BODY_BYTES),
  PLUMBLINE_AUDIT_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64,}$/, { message: "must be at least 64 hexadecimal characters (32 random bytes)" })
    .optional(),
  PLUMBLINE_MAX_INGEST_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_MAX_INGEST_BYTES),
  PLUMBLINE_ANONYMITY_KEY: z
    .string()
    .min(32, { message: "must be at least 32 characters (e.g. `openssl rand -hex 32`)" })
    .optional(),
  PLUMBLINE_ESCALATE_AFTER_HOURS: z.coerce.number().positive().default(48),
  PLUMBLINE_ALLOW_PRIVATE_WEBHOOKS: z.enum(["true", "false"]).default("false"),
  PLUMBLINE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: "must be an smtp:// or smtps:// URL" })
    .optional(),
  PLUMBLINE_MAIL_FROM: z.string().min(3).default("Plumbline <plumbline@localhost>"),
  PLUMBLINE_JIRA_EMAIL: z.email({ message: "must be the e-mail address of the Jira account" }).optional(),
  PLUMBLINE_JIRA_TOKEN: z.string().min(1).optional(),
  PLUMBLINE_GITHUB_TOKEN: z.string().min(1).optional(),
  PLUMBLINE_GITHUB_WEBHOOK_SECRETS: z
    .string()
    .transform((text, ctx) => {
      try {
        const parsed = z.record(z.string().min(1), z.string().min(16)).parse(JSON.parse(text));
        return parsed;
      } catch {
        ctx.addIssue({
          code: "custom",
          message:
            'must be a JSON object of repository → secret of 16 characters or more, such as {"acme/billing": "…", "*": "…"}',
        });
        return z.NEVER;
      }
    })
    .optional(),
  PLUMBLINE_SYNC_EVERY_MINUTES: z.coerce
    .number()
    .int({ message: "must be a whole number of minutes (0: no scheduled syncs)" })
    .min(0, { message: "must be a whole number of minutes (0: no scheduled syncs)" })
    .default(60),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  org: string | null;
  /** The largest request body the API takes; share links and sign-in take at most 16 KiB. */
  maxBodyBytes: number;
  /**
   * The key the audit log is signed with, kept outside the database; when unset, `audit.key` in the data
   * directory (created on first use). Servers that share one database must share it.
   */
  auditKey: Uint8Array | null;
  /** The largest bulk ingest of metric points (CSV or JSON lines, over HTTP or `plumb import-csv`). */
  maxIngestBytes: number;
  /**
   * The key of the keyed hashes that prove participation without naming anyone; kept outside the database.
   * Null: `anonymity.key` in the data directory, created on first use (every server on one PostgreSQL then
   * needs the same file, or this variable).
   */
  anonymityKey: string | null;
  /** How long a critical signal may stay unacknowledged before its owner's manager is told. */
  escalateAfterHours: number;
  /** Whether webhooks may point at private, loopback or link-local addresses (off: that would be SSRF). */
  allowPrivateWebhooks: boolean;
  /** Where e-mail is sent through (`smtp://user:pass@host:587`); null: no e-mail. */
  smtpUrl: string | null;
  /** The From of every e-mail. */
  mailFrom: string;
  /** The Jira account `plumb sync` reads as: its e-mail and API token (never printed); null when unset. */
  jira: { email: string; token: string } | null;
  /** The token `plumb sync` reads GitHub with (never printed); null when unset. */
  githubToken: string | null;
  /** Each repository's (`owner/repo`, or `*` for any) webhook secret, which signs its deliveries. */
  githubWebhookSecrets: Record<string, string>;
  /** How often `plumb serve` syncs every initiative with a Jira or GitHub source (with its credentials); 0: never. */
  syncEveryMinutes: number;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw AppError.invalid(
      "invalid environment",
      parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    );
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: c.PLUMBLINE_DATA_DIR,
    databaseUrl: c.DATABASE_URL ?? null,
    org: c.PLUMBLINE_ORG ?? null,
    maxBodyBytes: c.PLUMBLINE_MAX_BODY_BYTES,
    auditKey: c.PLUMBLINE_AUDIT_KEY ? Buffer.from(c.PLUMBLINE_AUDIT_KEY, "hex") : null,
    maxIngestBytes: c.PLUMBLINE_MAX_INGEST_BYTES,
    anonymityKey: c.PLUMBLINE_ANONYMITY_KEY ?? null,
    escalateAfterHours: c.PLUMBLINE_ESCALATE_AFTER_HOURS,
    allowPrivateWebhooks: c.PLUMBLINE_ALLOW_PRIVATE_WEBHOOKS === "true",
    smtpUrl: c.PLUMBLINE_SMTP_URL ?? null,
    mailFrom: c.PLUMBLINE_MAIL_FROM,
    jira:
      c.PLUMBLINE_JIRA_EMAIL && c.PLUMBLINE_JIRA_TOKEN
        ? { email: c.PLUMBLINE_JIRA_EMAIL, token: c.PLUMBLINE_JIRA_TOKEN }
        : null,
    githubToken: c.PLUMBLINE_GITHUB_TOKEN ?? null,
    githubWebhookSecrets: c.PLUMBLINE_GITHUB_WEBHOOK_SECRETS ?? {},
    syncEveryMinutes: c.PLUMBLINE_SYNC_EVERY_MINUTES,
  };
}
