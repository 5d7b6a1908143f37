// The headers every answer carries (hono's secureHeaders): a Content Security Policy that lets the web app
// load only what the server itself serves, no framing by other sites, no sniffing, no referrer leaving with
// a share link's secret. The docs page's one inline style is let in by the request's nonce.
import type { Context, MiddlewareHandler } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";

export const securityHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", NONCE],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: "DENY",
  referrerPolicy: "no-referrer",
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
});

/** The nonce the policy allows inline styles by, on this request. */
export function styleNonce(c: Context): string {
  return (c.get("secureHeadersNonce" as never) as string | undefined) ?? "";
}
