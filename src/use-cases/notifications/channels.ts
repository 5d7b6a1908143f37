// How a delivery is sent, per channel: a generic webhook (JSON, signed with HMAC-SHA256) or a Slack incoming
// webhook (Block Kit). Redirects are not followed (a redirect could lead to a private address), and errors
// are worded without the URL, the secret or the response body, since they are stored.
import nodemailer from "nodemailer";
import { signWebhook } from "../../domain/webhook-signature.ts";
import type { Delivery, Endpoint } from "../../store/notification-repository.ts";
import { checkWebhookUrl } from "./webhook-url.ts";

export interface SendOptions {
  allowPrivateWebhooks: boolean;
  now: Date;
  timeoutMs?: number;
}

/** What every notification carries, whatever the channel. */
export interface Notice {
  kind: string;
  title: string;
  text: string;
  initiativeId: string | null;
  subject: string | null;
  /** Whom it is for, when it is for one person. */
  to: { id: string; name: string } | null;
}

/** The JSON body of a generic webhook. */
export function webhookBody(delivery: Delivery): string {
  return JSON.stringify({ id: String(delivery.id), org: delivery.orgId, ...delivery.payload });
}

/** A Slack incoming webhook's Block Kit message. */
export function slackBody(notice: Notice): string {
  const context = [
    notice.initiativeId ? `initiative \`${notice.initiativeId}\`` : null,
    notice.to ? `for ${notice.to.name}` : null,
  ].filter((part): part is string => part !== null);
  return JSON.stringify({
    text: notice.title,
    blocks: [
      { type: "header", text: { type: "plain_text", text: notice.title.slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: notice.text.slice(0, 3000) } },
      ...(context.length
        ? [{ type: "context", elements: [{ type: "mrkdwn", text: context.join(" · ") }] }]
        : []),
    ],
  });
}

async function post(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Plumbline", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name === "TimeoutError" ? "timed out" : "could not connect";
    throw new Error(`the endpoint ${name}`);
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`the endpoint answered HTTP ${response.status}`);
  }
}

/** Sends one delivery to its endpoint; throws (with a message safe to store) when it did not arrive. */
export async function sendToEndpoint(
  delivery: Delivery,
  endpoint: Endpoint,
  options: SendOptions,
): Promise<void> {
  const url = await checkWebhookUrl(endpoint.url, options.allowPrivateWebhooks).catch(() => {
    throw new Error("the endpoint's URL is refused (private address, or does not resolve)");
  });
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (endpoint.channel === "slack") {
    await post(url, slackBody(delivery.payload as unknown as Notice), {}, timeoutMs);
    return;
  }
  if (endpoint.channel === "webhook") {
    const body = webhookBody(delivery);
    const signature = endpoint.secret ? signWebhook(endpoint.secret, body, options.now) : {};
    await post(url, body, { ...signature, "plumbline-delivery": String(delivery.id) }, timeoutMs);
    return;
  }
  throw new Error(`no sender for channel ${endpoint.channel}`);
}

export interface MailOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://host:465`. */
  smtpUrl: string;
  from: string;
}

/** Sends one delivery by e-mail to `address`; throws (with a message safe to store) when the server refused. */
export async function sendEmail(delivery: Delivery, address: string, mail: MailOptions): Promise<void> {
  const notice = delivery.payload as unknown as Notice;
  const transport = nodemailer.createTransport(mail.smtpUrl);
  try {
    await transport.sendMail({
      from: mail.from,
      to: address,
      subject: notice.title,
      text: `${notice.text}\n\n-- \nPlumbline${notice.initiativeId ? ` · ${notice.initiativeId}` : ""}`,
      headers: { "X-Plumbline-Delivery": String(delivery.id) },
    });
  } catch (error) {
    const code =
      (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code;
    throw new Error(`the mail server did not take the message${code ? ` (${code})` : ""}`);
  } finally {
    transport.close();
  }
}
