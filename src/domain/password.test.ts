import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, PASSWORD_COST, UNMATCHABLE_HASH, verifyPassword } from "./password.ts";

describe("passwords", () => {
  it("hash at OWASP's scrypt cost by default, with the parameters in the hash", async () => {
    expect(PASSWORD_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterz", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it("still verify a hash made at the earlier, lower cost, and ask for it to be made again", async () => {
    const old = await hashPassword("correct horse battery", { N: 2 ** 15, r: 8, p: 1 });
    expect(old).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it("verify nothing against a hash that is malformed or asks for more memory than allowed", async () => {
    const stored = await hashPassword("pw-pw-pw-pw", { N: 2 ** 10, r: 8, p: 1 });
    const [, , , , salt, key] = stored.split("$");
    expect(await verifyPassword("pw-pw-pw-pw", `scrypt$${2 ** 24}$8$1$${salt}$${key}`)).toBe(false);
    expect(await verifyPassword("pw-pw-pw-pw", `bcrypt$10$8$1$${salt}$${key}`)).toBe(false);
    expect(await verifyPassword("pw-pw-pw-pw", "scrypt$x$8$1$$")).toBe(false);
    expect(await verifyPassword("anything", UNMATCHABLE_HASH)).toBe(false);
    expect(UNMATCHABLE_HASH.startsWith("scrypt$131072$8$1$")).toBe(true);
  });
});
