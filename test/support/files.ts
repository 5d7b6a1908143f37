// Initiative files for tests: the shared Orbit example, and small documents built in code.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SHARED_ORBIT = fileURLToPath(
  new URL("../../../shared/examples/orbit-launch.yaml", import.meta.url),
);
export const REPO_ORBIT = fileURLToPath(new URL("../../examples/orbit-launch.yaml", import.meta.url));

/** The Orbit example: the shared original when present (as in CI), else the repository's copy. */
export function orbitText(): string {
  return readFileSync(existsSync(SHARED_ORBIT) ? SHARED_ORBIT : REPO_ORBIT, "utf8");
}

/** A small valid initiative document; `patch` overrides top-level keys. */
export function smallDocument(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    initiative: "Small launch",
    owner: "dana",
    as_of: "2026-02-10",
    people: [
      { id: "dana", name: "Dana Reyes", title: "VP Product" },
      { id: "mia", name: "Mia Chen", manager: "dana" },
      { id: "omar", name: "Omar Haddad", manager: "dana" },
    ],
    teams: { marketing: { lead: "mia" }, operations: { lead: "omar" } },
    commitments: {
      campaign: {
        team: "marketing",
        owner: "mia",
        title: "Campaign",
        due: "2026-02-01",
        facts: { start: "2026-02-01", signups: 5000 },
      },
      capacity: {
        team: "operations",
        owner: "omar",
        title: "Capacity",
        due: "2026-03-01",
        facts: { ready: "2026-03-01", per_week: 1500 },
      },
    },
    links: [
      {
        kind: "assumption",
        between: ["campaign", "capacity"],
        statement: "Capacity is ready first",
        check: "capacity.ready <= campaign.start",
      },
    ],
    ...patch,
  };
}
