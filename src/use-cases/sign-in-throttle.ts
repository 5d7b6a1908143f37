// Sign-in throttling against password guessing: failures are counted per account (the e-mail given) and per
// client address; past a threshold each is locked, for longer each time it is locked again (1 minute,
// doubling, at most an hour). The counters are in the database (store/throttle-repository.ts), so every server
// on it counts the same failures and a restart forgets none; they are keyed by a keyed hash of the e-mail or
// address (under a key derived from the audit key, which every server shares), never by either itself.
import { createHmac, randomBytes } from "node:crypto";
import { sharedLimiter, type SharedLimiter } from "../store/throttle-repository.ts";
import type { Services } from "./services.ts";

export interface ThrottleRule {
  /** Failures within the window that lock the key. */
  failures: number;
  windowSeconds: number;
}

export const ACCOUNT_RULE: ThrottleRule = { failures: 10, windowSeconds: 15 * 60 };
export const ADDRESS_RULE: ThrottleRule = { failures: 50, windowSeconds: 15 * 60 };
const FIRST_LOCK_SECONDS = 60;
const LONGEST_LOCK_SECONDS = 60 * 60;
/** How long a lock is remembered for the next one to be longer. */
const LOCKS_REMEMBERED_SECONDS = 24 * 60 * 60;

/** One kind of key (accounts, or addresses): its failures, and how often it was locked lately. */
class Counter {
  private readonly failures: SharedLimiter;
  private readonly locks: SharedLimiter;

  constructor(
    services: Services,
    kind: string,
    private readonly rule: ThrottleRule,
  ) {
    const db = services.store.db;
    this.failures = sharedLimiter(db, {
      keyPrefix: `${kind}-failures`,
      points: rule.failures,
      duration: rule.windowSeconds,
    });
    this.locks = sharedLimiter(db, {
      keyPrefix: `${kind}-locks`,
      points: Number.MAX_SAFE_INTEGER,
      duration: LOCKS_REMEMBERED_SECONDS,
    });
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  async lockedFor(key: string): Promise<number> {
    const state = await this.failures.get(key);
    return state && state.consumedPoints > this.rule.failures ? Math.ceil(state.msBeforeNext / 1000) : 0;
  }

  /** Counts a failure; the seconds of the lock it causes, or 0. */
  async fail(key: string): Promise<number> {
    const state = await this.failures.penalty(key);
    if (state.consumedPoints < this.rule.failures) return 0;
    const locks = (await this.locks.penalty(key)).consumedPoints;
    const seconds = Math.min(FIRST_LOCK_SECONDS * 2 ** (locks - 1), LONGEST_LOCK_SECONDS);
    await this.failures.block(key, seconds);
    return seconds;
  }

  async forget(key: string): Promise<void> {
    await this.failures.delete(key);
  }
}

export interface LoginThrottleOptions {
  account?: ThrottleRule;
  address?: ThrottleRule;
  /** Where a lock is reported; by default the server's log. */
  log?: (line: string) => void;
}

export class LoginThrottle {
  private readonly accounts: Counter;
  private readonly addresses: Counter;
  private readonly log: (line: string) => void;
  /** Names accounts and addresses in the log without writing them there (keyed per process). */
  private readonly fingerprintKey = randomBytes(32);
  /** Keys the counters: the same on every server that shares the audit key. */
  private readonly counterKey: Buffer;

  constructor(services: Services, options: LoginThrottleOptions = {}) {
    this.accounts = new Counter(services, "account", options.account ?? ACCOUNT_RULE);
    this.addresses = new Counter(services, "address", options.address ?? ADDRESS_RULE);
    this.log = options.log ?? ((line) => console.warn(line));
    this.counterKey = createHmac("sha256", services.auditKey).update("plumbline sign-in throttle").digest();
  }

  /** Seconds until a sign-in to `email` from `address` may be tried; 0 when it may be now. */
  async retryAfter(email: string, address: string): Promise<number> {
    const account = await this.accounts.lockedFor(this.accountKey(email));
    const client = await this.addresses.lockedFor(this.keyed(address));
    return Math.max(account, client);
  }

  async failed(email: string, address: string): Promise<void> {
    const account = await this.accounts.fail(this.accountKey(email));
    const client = await this.addresses.fail(this.keyed(address));
    if (account > 0)
      this.log(`[plumbline] sign-in locked for ${account} s: account ${this.fingerprint(email)}`);
    if (client > 0)
      this.log(`[plumbline] sign-in locked for ${client} s: address ${this.fingerprint(address)}`);
  }

  async succeeded(email: string): Promise<void> {
    await this.accounts.forget(this.accountKey(email));
  }

  private accountKey(email: string): string {
    return this.keyed(email.trim().toLowerCase());
  }

  private keyed(value: string): string {
    return createHmac("sha256", this.counterKey).update(value).digest("base64url");
  }

  private fingerprint(value: string): string {
    return createHmac("sha256", this.fingerprintKey).update(value).digest("hex").slice(0, 12);
  }
}
