// Counters in the database for rate limits that every server on it shares (sign-in throttling): the
// rate-limiter-flexible limiter over this store's Drizzle client and its table.
import { lt } from "drizzle-orm";
import { RateLimiterDrizzle } from "rate-limiter-flexible";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

export type SharedLimiter = RateLimiterDrizzle;

export function sharedLimiter(
  db: Database,
  options: { keyPrefix: string; points: number; duration: number },
): SharedLimiter {
  return new RateLimiterDrizzle({
    ...options,
    storeClient: db,
    schema: t.signInThrottle,
    // Expired rows are pruned by the hourly scan (`pruneExpiredThrottles`), not by a timer of each limiter.
    clearExpiredByTimeout: false,
  });
}

/** Removes counters that expired before `before`. */
export async function pruneExpiredThrottles(db: Database, before: Date): Promise<void> {
  await db.delete(t.signInThrottle).where(lt(t.signInThrottle.expire, before));
}
