// Who may do what, one cell per action × role × relation, each through the HTTP API as a person would try it.
// A cell names the rule it stands on: remove the rule and the cell fails.
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import type { Role } from "../../src/domain/policy.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

const base = "/api/v1/initiatives/orbit-self-serve-launch";

/**
 * The people of the Orbit example, by their relation to what they act on: lee authored report-1 and leads
 * engineering; pat holds the gate's technical role, owns the release and authored report-2; mia leads
 * marketing; dana is the admin who owns the initiative; omar held the security role and has left.
 */
const PEOPLE: Array<[string, Role]> = [
  ["lee", "member"],
  ["pat", "lead"],
  ["mia", "lead"],
  ["dana", "admin"],
  ["sam", "member"],
  ["omar", "member"],
];

interface Cell {
  action: string;
  who: string;
  relation: string;
  rule: string;
  request: [method: string, path: string, body?: unknown];
  /** A body that is not JSON (a CSV of points), sent with its own content type. */
  raw?: { contentType: string; text: string };
  status: number;
}

const points = { contentType: "text/csv", text: "metric,date,value\nsupport_backlog,2026-02-09,41\n" };

const report = (by?: string) => ({
  subject: "release",
  date: "2026-02-10",
  health: "at_risk",
  ...(by ? { by } : {}),
});
const correction = { reason: "A second load test on production hardware", health: "at_risk" };
const vote = (extra: Record<string, unknown> = {}) => ({ vote: "go", ...extra });

const CELLS: Cell[] = [
  // Silences: a suppression is a planning call, lifted by a lead, an admin or whoever made it.
  {
    action: "lift a suppression",
    who: "lee",
    relation: "member, not its author",
    rule: "mayLift: suppressions are planning calls",
    request: ["POST", `${base}/signals/{suppressed}/unsilence`, {}],
    status: 403,
  },
  {
    action: "acknowledge a suppressed signal",
    who: "lee",
    relation: "member, not the suppression's author",
    rule: "silenceRefusal: replaces only what one may lift",
    request: ["POST", `${base}/signals/{suppressed}/acknowledge`, { reason: "Seen it" }],
    status: 403,
  },
  {
    action: "acknowledge signals in bulk, one of them suppressed",
    who: "lee",
    relation: "member, not the suppression's author",
    rule: "silenceRefusal: the same rule for each",
    request: [
      "POST",
      `${base}/signals/silence`,
      { action: "acknowledge", fingerprints: ["{acknowledged}", "{suppressed}"], reason: "Seen them" },
    ],
    status: 403,
  },
  {
    action: "acknowledge a suppressed signal",
    who: "pat",
    relation: "lead",
    rule: "silenceRefusal: a lead may lift any suppression",
    request: ["POST", `${base}/signals/{suppressed}/acknowledge`, { reason: "Seen; on it" }],
    status: 201,
  },
  {
    action: "lift an acknowledgement",
    who: "sam",
    relation: "member",
    rule: "mayLift: acknowledgements by contributors",
    request: ["POST", `${base}/signals/{acknowledged}/unsilence`, {}],
    status: 200,
  },
  // Status reports: a person speaks for themself; automation records others' words.
  {
    action: "post a report",
    who: "lee",
    relation: "author",
    rule: "authorOf: own words",
    request: ["POST", `${base}/reports`, report()],
    status: 201,
  },
  {
    action: "post a report",
    who: "lee",
    relation: "for another person",
    rule: "authorOf: not another's",
    request: ["POST", `${base}/reports`, report("pat")],
    status: 403,
  },
  {
    action: "post a report",
    who: "viewer",
    relation: "viewer",
    rule: "role: contribute",
    request: ["POST", `${base}/reports`, report("lee")],
    status: 403,
  },
  {
    action: "post a report",
    who: "automation",
    relation: "automation naming the author",
    rule: "authorOf: automation says whose",
    request: ["POST", `${base}/reports`, report("lee")],
    status: 201,
  },
  {
    action: "post a report",
    who: "automation",
    relation: "automation naming no author",
    rule: "authorOf: automation must say whose",
    request: ["POST", `${base}/reports`, report()],
    status: 422,
  },
  {
    action: "change a report",
    who: "dana",
    relation: "admin",
    rule: "records are never changed",
    request: ["PATCH", `${base}/reports/report-2`, { health: "on_track" }],
    status: 409,
  },
  {
    action: "remove a report",
    who: "dana",
    relation: "admin",
    rule: "records are never removed",
    request: ["DELETE", `${base}/reports/report-2`],
    status: 409,
  },
  {
    action: "correct a report",
    who: "pat",
    relation: "not its author (report-1 is lee's)",
    rule: "corrections by the author",
    request: ["POST", `${base}/reports/report-1/corrections`, correction],
    status: 403,
  },
  {
    action: "correct a report",
    who: "dana",
    relation: "admin, not its author",
    rule: "corrections by the author, whatever the role",
    request: ["POST", `${base}/reports/report-1/corrections`, correction],
    status: 403,
  },
  {
    action: "correct a report",
    who: "lee",
    relation: "lead of the team, its author",
    rule: "corrections by the author",
    request: ["POST", `${base}/reports/report-1/corrections`, correction],
    status: 201,
  },
  // Gate votes: only the role's holder, never an admin or the owner, never someone who has left.
  {
    action: "cast a vote",
    who: "pat",
    relation: "authority holder",
    rule: "canCastVote: holder",
    request: ["POST", `${base}/gates/launch/votes`, vote()],
    status: 201,
  },
  {
    action: "cast a vote",
    who: "dana",
    relation: "admin and initiative owner, no role",
    rule: "canCastVote: no role, no vote",
    request: ["POST", `${base}/gates/launch/votes`, vote()],
    status: 403,
  },
  {
    action: "cast a vote",
    who: "mia",
    relation: "holder of ux, voting for technical",
    rule: "canCastVote: only one's own role",
    request: ["POST", `${base}/gates/launch/votes`, vote({ role: "technical" })],
    status: 403,
  },
  {
    action: "cast a vote",
    who: "automation",
    relation: "automation",
    rule: "votes need a person",
    request: ["POST", `${base}/gates/launch/votes`, vote()],
    status: 403,
  },
  {
    action: "cast a vote",
    who: "omar",
    relation: "someone who has left",
    rule: "leaving revokes tokens",
    request: ["POST", `${base}/gates/launch/votes`, vote()],
    status: 401,
  },
  {
    action: "change a gate's votes",
    who: "mia",
    relation: "lead (may plan)",
    rule: "records only through their own routes",
    request: ["PATCH", `${base}/gates/launch`, { votes: [{ by: "pat", role: "technical", vote: "go" }] }],
    status: 409,
  },
  // Plan: leads and admins plan; members contribute.
  {
    action: "change a commitment",
    who: "pat",
    relation: "owner, lead",
    rule: "role: plan",
    request: ["PATCH", `${base}/commitments/release`, { title: "Self-serve release (GA)" }],
    status: 200,
  },
  {
    action: "change a commitment",
    who: "lee",
    relation: "member, lead of engineering",
    rule: "role: plan",
    request: ["PATCH", `${base}/commitments/release`, { title: "Renamed" }],
    status: 403,
  },
  {
    action: "record a decision",
    who: "sam",
    relation: "member",
    rule: "role: plan",
    request: [
      "POST",
      `${base}/decisions`,
      { date: "2026-02-10", kind: "delay", rationale: "Wait for the load test" },
    ],
    status: 403,
  },
  {
    action: "record a decision",
    who: "mia",
    relation: "lead, as another",
    rule: "authorOf: the decider is the caller",
    request: [
      "POST",
      `${base}/decisions`,
      { date: "2026-02-10", kind: "delay", by: "dana", rationale: "Wait" },
    ],
    status: 403,
  },
  // The directory is the admins'.
  {
    action: "change a person",
    who: "mia",
    relation: "lead",
    rule: "role: administer",
    request: ["PUT", "/api/v1/people/lee", { name: "Lee Park", manager: "mia" }],
    status: 403,
  },
  {
    action: "change a person",
    who: "dana",
    relation: "admin",
    rule: "role: administer",
    request: ["PUT", "/api/v1/people/sam", { name: "Sam Ortiz", title: "Sales director", manager: "dana" }],
    status: 200,
  },
  // Tokens: for oneself; for another only by an admin with a reason; automation only by an admin.
  {
    action: "create a token",
    who: "lee",
    relation: "for themself",
    rule: "checkTokenRequest: own token",
    request: ["POST", "/api/v1/tokens", { name: "cli", role: "member", person: "lee" }],
    status: 201,
  },
  {
    action: "create a token",
    who: "lee",
    relation: "for themself, a higher role",
    rule: "checkTokenRequest: no more than one's role",
    request: ["POST", "/api/v1/tokens", { name: "cli", role: "admin", person: "lee" }],
    status: 403,
  },
  {
    action: "create a token",
    who: "mia",
    relation: "lead, for another person",
    rule: "checkTokenRequest: others only by admins",
    request: ["POST", "/api/v1/tokens", { name: "x", role: "member", person: "lee" }],
    status: 403,
  },
  {
    action: "create a token",
    who: "dana",
    relation: "admin, for another, no reason",
    rule: "checkTokenRequest: a reason",
    request: ["POST", "/api/v1/tokens", { name: "x", role: "member", person: "lee" }],
    status: 422,
  },
  {
    action: "create a token",
    who: "dana",
    relation: "admin, for another, with a reason",
    rule: "checkTokenRequest: admin with reason",
    request: [
      "POST",
      "/api/v1/tokens",
      { name: "x", role: "member", person: "lee", reason: "Lee's laptop was lost; a temporary token" },
    ],
    status: 201,
  },
  {
    action: "create a token",
    who: "mia",
    relation: "lead, automation",
    rule: "checkTokenRequest: automation by admins",
    request: ["POST", "/api/v1/tokens", { name: "ci", role: "member" }],
    status: 403,
  },
  // The audit log and the org's notification endpoints: administration only.
  {
    action: "take an audit checkpoint",
    who: "pat",
    relation: "lead",
    rule: "authorize(administer): the audit log",
    request: ["POST", "/api/v1/audit/checkpoints"],
    status: 403,
  },
  {
    action: "take an audit checkpoint",
    who: "dana",
    relation: "admin",
    rule: "authorize(administer): the audit log",
    request: ["POST", "/api/v1/audit/checkpoints"],
    status: 201,
  },
  {
    action: "verify the audit log",
    who: "lee",
    relation: "member",
    rule: "authorize(administer): the audit log",
    request: ["GET", "/api/v1/audit/verify"],
    status: 403,
  },
  {
    action: "list notification endpoints",
    who: "mia",
    relation: "lead",
    rule: "authorize(administer): where notices are sent",
    request: ["GET", "/api/v1/notifications/endpoints"],
    status: 403,
  },
  // Evidence in bulk: whoever contributes, never a reader.
  {
    action: "ingest metric points",
    who: "viewer",
    relation: "viewer",
    rule: "authorize(contribute): evidence",
    request: ["POST", `${base}/metric-points`],
    raw: points,
    status: 403,
  },
  {
    action: "ingest metric points",
    who: "lee",
    relation: "member",
    rule: "authorize(contribute): evidence",
    request: ["POST", `${base}/metric-points`],
    raw: points,
    status: 200,
  },
  // Invitations: a pre-mortem's by its facilitator, a pulse's by whoever may plan.
  {
    action: "invite to a pre-mortem",
    who: "lee",
    relation: "member, not its facilitator",
    rule: "facilitated: the facilitator's session",
    request: ["POST", `${base}/premortems/{session}/invitations`, { count: 2 }],
    status: 403,
  },
  {
    action: "invite to a pre-mortem",
    who: "pat",
    relation: "its facilitator",
    rule: "facilitated: the facilitator's session",
    request: ["POST", `${base}/premortems/{session}/invitations`, { count: 2 }],
    status: 201,
  },
  {
    action: "invite to a pulse",
    who: "sam",
    relation: "member",
    rule: "authorize(plan): pulses",
    request: ["POST", "/api/v1/pulses/{pulse}/invitations", { count: 2 }],
    status: 403,
  },
  {
    action: "invite to a pulse",
    who: "mia",
    relation: "lead",
    rule: "authorize(plan): pulses",
    request: ["POST", "/api/v1/pulses/{pulse}/invitations", { count: 2 }],
    status: 201,
  },
  // Closing a review: whoever may plan facilitates it.
  {
    action: "close a review",
    who: "lee",
    relation: "member",
    rule: "mayCloseReview: whoever may plan",
    request: ["POST", `${base}/reviews/{review}/close`],
    status: 403,
  },
  {
    action: "close a review",
    who: "pat",
    relation: "lead",
    rule: "mayCloseReview: whoever may plan",
    request: ["POST", `${base}/reviews/{review}/close`],
    status: 200,
  },
  // Following: a person follows for themself; a token that is nobody cannot.
  {
    action: "follow an initiative",
    who: "automation",
    relation: "automation, no person",
    rule: "me: preferences and follows belong to a person",
    request: ["POST", `${base}/follow`],
    status: 422,
  },
  {
    action: "follow an initiative",
    who: "sam",
    relation: "member",
    rule: "authorize(read): anyone who reads it",
    request: ["POST", `${base}/follow`],
    status: 200,
  },
  // My work: read by anyone who is a person; a token that acts for nobody has no work of its own.
  {
    action: "read my work",
    who: "lee",
    relation: "member, themself",
    rule: "authorize(read)",
    request: ["GET", "/api/v1/me/work"],
    status: 200,
  },
  {
    action: "read my work",
    who: "automation",
    relation: "admin token acting for no person",
    rule: "my work belongs to a person",
    request: ["GET", "/api/v1/me/work"],
    status: 403,
  },
];

describe.each(backends())("the policy table on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  const tokens: Record<string, string> = {};
  const fingerprints: Record<string, string | undefined> = {};

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    const org = await freshOrg(store);
    await api.seed(org, parse(orbitText()));
    for (const [person, role] of PEOPLE) {
      tokens[person] = (
        await createToken(servicesFor(store), {
          orgId: org,
          name: person,
          role,
          personId: person,
          expiresInDays: 1,
        })
      ).secret;
    }
    tokens.viewer = await api.token(org, "viewer");
    tokens.automation = await api.token(org, "admin");
    // Omar leaves: his token stops working that day.
    const left = await api.call("PUT", "/api/v1/people/omar", tokens.dana!, {
      name: "Omar Haddad",
      title: "Operations lead",
      manager: "dana",
      left: "2026-02-10",
    });
    expect(left.status).toBe(200);
    const signals = (await api.call("GET", `${base}/signals`, tokens.dana!)).body as {
      signals: Array<{ fingerprint: string }>;
    };
    [fingerprints.suppressed, fingerprints.acknowledged] = signals.signals.map((s) => s.fingerprint);
    const suppress = await api.call(
      "POST",
      `${base}/signals/${fingerprints.suppressed}/suppress`,
      tokens.mia!,
      {
        reason: "Known and handled in the launch plan",
        until: "2026-02-20",
      },
    );
    expect(suppress.status).toBe(201);
    const ack = await api.call(
      "POST",
      `${base}/signals/${fingerprints.acknowledged}/acknowledge`,
      tokens.pat!,
      {
        reason: "Seen; the release owner is on it",
      },
    );
    expect(ack.status).toBe(201);
    const session = await api.call("POST", `${base}/premortems`, tokens.pat!, { title: "Invitations" });
    expect(session.status).toBe(201);
    fingerprints.session = (session.body as { id: string }).id;
    const pulse = await api.call("POST", "/api/v1/pulses", tokens.dana!, { team: "product" });
    expect(pulse.status).toBe(201);
    fingerprints.pulse = (pulse.body as { id: string }).id;
    const review = await api.call("POST", `${base}/reviews`, tokens.pat!, {
      id: "policy-retro",
      name: "Policy retro",
      date: "2026-02-09",
    });
    expect(review.status).toBe(201);
    fingerprints.review = "policy-retro";
  });
  afterAll(async () => store.close());

  it.each(CELLS)("$action — $who ($relation): $status by $rule", async (cell) => {
    const [method, template, body] = cell.request;
    const path = template.replace(/\{(\w+)\}/, (_, name: string) => fingerprints[name]!);
    // A body may name them too ("{suppressed}" as a whole string), as a bulk silence lists fingerprints.
    const filled: unknown =
      body === undefined
        ? undefined
        : JSON.parse(
            JSON.stringify(body).replace(/"\{(\w+)\}"/g, (whole, name: string) =>
              fingerprints[name] ? JSON.stringify(fingerprints[name]) : whole,
            ),
          );
    if (cell.raw) {
      const res = await api.app.request(path, {
        method,
        headers: { authorization: `Bearer ${tokens[cell.who]!}`, "content-type": cell.raw.contentType },
        body: cell.raw.text,
      });
      expect(res.status, await res.text()).toBe(cell.status);
      return;
    }
    const res = await api.call(method, path, tokens[cell.who]!, filled);
    expect(res.status, JSON.stringify(res.body)).toBe(cell.status);
  });
});
