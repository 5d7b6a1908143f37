// Who may do what in an org: roles and the actions each allows, as one declarative table.
import { z } from "zod";

export const ROLES = ["viewer", "member", "lead", "admin"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ACTIONS = [
  /** Read anything in the org. */
  "read",
  /** Contribute: status reports, risks, truths, recognitions, metric points. */
  "contribute",
  /** Plan: initiatives, commitments, links, requirements, outcomes, milestones, gates, decisions. */
  "plan",
  /** Run the org: people, teams, API tokens. */
  "administer",
] as const;
export type Action = (typeof ACTIONS)[number];

const ALLOWED: Record<Role, readonly Action[]> = {
  viewer: ["read"],
  member: ["read", "contribute"],
  lead: ["read", "contribute", "plan"],
  admin: ["read", "contribute", "plan", "administer"],
};

export function can(role: Role, action: Action): boolean {
  return ALLOWED[role].includes(action);
}
