// Sign-in throttling against password guessing: failures are counted per account (the e-mail given) and per
// client address; past a threshold each is locked, for longer each time it is locked again (1 minute,
// doubling, at most an hour). The counters live in this process's memory: a restart clears them, and each
// server process counts its own.
import { createHmac, randomBytes } from "node:crypto";
import { RateLimiterMemory } from "rate-limiter-flexible";

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
  private readonly failures: RateLimiterMemory;
  private readonly locks = new RateLimiterMemory({
    points: Number.MAX_SAFE_INTEGER,
    duration: LOCKS_REMEMBERED_SECONDS,
  });

  constructor(private readonly rule: ThrottleRule) {
    this.failures = new RateLimiterMemory({ points: rule.failures, duration: rule.windowSeconds });
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

  constructor(options: LoginThrottleOptions = {}) {
    this.accounts = new Counter(options.account ?? ACCOUNT_RULE);
    this.addresses = new Counter(options.address ?? ADDRESS_RULE);
    this.log = options.log ?? ((line) => console.warn(line));
  }

  /** Seconds until a sign-in to `email` from `address` may be tried; 0 when it may be now. */
  async retryAfter(email: string, address: string): Promise<number> {
    const [account, client] = await Promise.all([
      this.accounts.lockedFor(accountKey(email)),
      this.addresses.lockedFor(address),
    ]);
    return Math.max(account, client);
  }

  async failed(email: string, address: string): Promise<void> {
    const account = await this.accounts.fail(accountKey(email));
    const client = await this.addresses.fail(address);
    if (account > 0)
      this.log(`[plumbline] sign-in locked for ${account} s: account ${this.fingerprint(email)}`);
    if (client > 0)
      this.log(`[plumbline] sign-in locked for ${client} s: address ${this.fingerprint(address)}`);
  }

  async succeeded(email: string): Promise<void> {
    await this.accounts.forget(accountKey(email));
  }

  private fingerprint(value: string): string {
    return createHmac("sha256", this.fingerprintKey).update(value).digest("hex").slice(0, 12);
  }
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}
