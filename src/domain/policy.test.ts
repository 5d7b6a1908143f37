import { describe, expect, it } from "vitest";
import { ACTIONS, can, ROLES, type Action, type Role } from "./policy.ts";

const expected: Record<Role, Action[]> = {
  viewer: ["read"],
  member: ["read", "contribute"],
  lead: ["read", "contribute", "plan"],
  admin: ["read", "contribute", "plan", "administer"],
};

describe("policy", () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const allowed = expected[role].includes(action);
      it(`${role} ${allowed ? "may" : "may not"} ${action}`, () => expect(can(role, action)).toBe(allowed));
    }
  }
});
