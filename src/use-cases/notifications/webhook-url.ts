// Webhook URLs are set by admins but reached by the server: a URL naming a private, loopback or link-local
// address would let whoever sets it probe the server's own network (SSRF). Such addresses are refused unless
// PLUMBLINE_ALLOW_PRIVATE_WEBHOOKS=true, both when the URL is set and again before each request (a name may
// resolve elsewhere later).
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { AppError } from "../../domain/app-error.ts";

/** Whether an IPv4 or IPv6 address is private, loopback, link-local, unique-local, multicast or unspecified. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a, b] = address.split(".").map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPrivateAddress(mapped[1]!);
  return (
    lower === "::" ||
    lower === "::1" ||
    lower.startsWith("fc") ||
    lower.startsWith("fd") ||
    /^fe[89ab]/.test(lower) ||
    lower.startsWith("ff")
  );
}

/** Refuses a webhook URL that is not http(s), carries credentials, or reaches a private address. */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw AppError.invalid("the webhook URL is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw AppError.invalid("a webhook URL must be http or https");
  }
  if (url.username || url.password) throw AppError.invalid("a webhook URL may not carry credentials");
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (found) => found.map((a) => a.address),
        () => {
          throw AppError.invalid("the webhook's host does not resolve");
        },
      );
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw AppError.invalid(
      "a webhook may not reach a private, loopback or link-local address (PLUMBLINE_ALLOW_PRIVATE_WEBHOOKS)",
    );
  }
  return url;
}
