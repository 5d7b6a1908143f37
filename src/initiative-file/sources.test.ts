// The initiative file's `sources` and a commitment's `provenance`: parsed, checked by name, and written back
// by the export as they were read.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CheckCompiler } from "../checks/check-compiler.ts";
import { fromSnapshot } from "./from-snapshot.ts";
import { validateInitiativeDocument } from "./parse-initiative-file.ts";
import { parse } from "yaml";

const complete = () => parse(readFileSync("examples/complete.yaml", "utf8")) as Record<string, unknown>;
const validate = (doc: unknown) => validateInitiativeDocument(doc, { checks: new CheckCompiler() });

describe("sources.jira", () => {
  it("is read into the initiative and written back unchanged, with a commitment's provenance", () => {
    const result = validate(complete());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.snapshot.initiative.sources).toEqual({
      jira: {
        baseUrl: "https://example.atlassian.net",
        jql: "project in (SRE, SUP) AND labels = status-page ORDER BY key",
        teams: { SRE: "sre", SUP: "support", "Status page": "sre" },
        wontDo: ["Won't Do", "Duplicate"],
        people: { "5b10a2844c20165700ede21g": "amy" },
      },
      github: {
        repo: "acme/status-page",
        apiUrl: "https://api.github.com",
        labels: ["status-page"],
        teams: { "team:support": "support" },
        team: "sre",
        people: { "amy-laine": "amy" },
        dora: {
          environment: "live",
          incidentLabel: "outage",
          metrics: {
            deployment_frequency: "deploys",
            lead_time_for_changes: "lead_hours",
            change_failure_rate: "failed_deploys",
            time_to_restore: "restore_hours",
          },
        },
      },
    });
    const macros = result.snapshot.commitments.find((c) => c.id === "macros")!;
    expect(macros.provenance).toMatchObject({ kind: "jira", ref: "SUP-42" });
    const exported = fromSnapshot(result.snapshot);
    expect(exported.sources).toEqual(complete().sources);
    expect(exported.commitments!.macros!.provenance).toEqual(
      (complete().commitments as Record<string, { provenance: unknown }>).macros!.provenance,
    );
    const again = validate(JSON.parse(JSON.stringify(exported)));
    expect(again.ok && again.snapshot.initiative.sources).toEqual(result.snapshot.initiative.sources);
  });

  it.each([
    [{ base_url: "example.atlassian.net" }, "sources.jira.base_url", "must be the site's address"],
    [{ base_url: "https://x.atlassian.net?x=1" }, "sources.jira.base_url", "no query or fragment"],
    [{ jql: "" }, "sources.jira.jql", "must not be empty"],
    [{ teams: {} }, "sources.jira.teams", "must map at least one project or component"],
    [{ teams: { SRE: "nobody" } }, "sources.jira.teams.SRE", "unknown team 'nobody'"],
    [{ people: { abc: "zed" } }, "sources.jira.people.abc", "unknown person 'zed'"],
    [{ token: "secret" }, "sources.jira", "token"],
  ])("a bad %o names its field", (patch, path, message) => {
    const doc = complete();
    const sources = doc.sources as { jira: Record<string, unknown> };
    doc.sources = { jira: { ...sources.jira, ...patch } };
    const result = validate(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.path.join(".").startsWith(path));
    expect(problem, JSON.stringify(result.problems)).toBeDefined();
    expect(problem!.message).toContain(message);
  });
});

describe("sources.github", () => {
  it("needs only a repository and a team; what is left out is left out of the export too", () => {
    const doc = complete();
    doc.sources = { github: { repo: "acme/status-page", team: "sre" } };
    const result = validate(doc);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.snapshot.initiative.sources).toEqual({
      github: { repo: "acme/status-page", apiUrl: null, labels: [], teams: {}, team: "sre", people: {} },
    });
    expect(fromSnapshot(result.snapshot).sources).toEqual(doc.sources);
  });

  it.each([
    [{ repo: "status-page" }, "sources.github.repo", "must be a repository as owner/repo"],
    [{ api_url: "api.github.com" }, "sources.github.api_url", "must be the site's address"],
    [{ team: undefined, teams: {} }, "sources.github.teams", "must name a team"],
    [{ teams: { bug: "nobody" } }, "sources.github.teams.bug", "unknown team 'nobody'"],
    [{ team: "nobody" }, "sources.github.team", "unknown team 'nobody'"],
    [{ people: { octocat: "zed" } }, "sources.github.people.octocat", "unknown person 'zed'"],
    [{ token: "ghp_secret" }, "sources.github", "token"],
    [{ labels: [""] }, "sources.github.labels.0", ""],
  ])("a bad %o names its field", (patch, path, message) => {
    const doc = complete();
    const sources = doc.sources as { github: Record<string, unknown> };
    doc.sources = { github: { ...sources.github, ...patch } };
    const result = validate(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.path.join(".").startsWith(path));
    expect(problem, JSON.stringify(result.problems)).toBeDefined();
    expect(problem!.message).toContain(message);
  });
});

describe("sources.github.dora", () => {
  const withDora = (dora: unknown, metrics: Record<string, unknown> = {}) => {
    const doc = complete();
    doc.sources = { github: { repo: "acme/status-page", team: "sre", dora } };
    doc.metrics = { ...(doc.metrics as object), ...metrics };
    return doc;
  };
  const ALL_FOUR = {
    deployment_frequency: { unit: "deployments/week" },
    lead_time_for_changes: { unit: "hours", direction: "down" },
    change_failure_rate: { unit: "percent", direction: "down" },
    time_to_restore: { unit: "hours", direction: "down" },
  };

  it("at its defaults: production, the incident label, all four series in the metrics named as they are", () => {
    const doc = withDora({}, ALL_FOUR);
    const result = validate(doc);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.snapshot.initiative.sources?.github?.dora).toEqual({
      environment: "production",
      incidentLabel: "incident",
      metrics: null,
    });
    expect(fromSnapshot(result.snapshot).sources).toEqual(doc.sources);
  });

  it.each([
    [
      {},
      {},
      "sources.github.dora",
      "deployment_frequency is kept in metric 'deployment_frequency', which is not in metrics: add it (unit deployments/week, direction up)",
    ],
    [
      { metrics: { lead_time_for_changes: "lead" } },
      {},
      "sources.github.dora.metrics.lead_time_for_changes",
      "which is not in metrics",
    ],
    [
      { metrics: { lead_time_for_changes: "lead" } },
      { lead: { unit: "hours" } },
      "metrics.lead.direction",
      "metric 'lead' keeps lead_time_for_changes, where lower is better: its direction must be down",
    ],
    [{ metrics: { mean_time: "x" } }, {}, "sources.github.dora.metrics", "mean_time"],
    [{ environment: "" }, {}, "sources.github.dora.environment", ""],
    [{ incident_label: " " }, {}, "sources.github.dora.incident_label", ""],
    [{ token: "x" }, {}, "sources.github.dora", "token"],
  ])("a bad %o (metrics %o) names its field", (dora, metrics, path, message) => {
    const result = validate(withDora(dora, metrics));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.path.join(".").startsWith(path));
    expect(problem, JSON.stringify(result.problems)).toBeDefined();
    expect(problem!.message).toContain(message);
  });

  it("names only the series it writes: one metric named, the other three need none", () => {
    const result = validate(
      withDora({ metrics: { change_failure_rate: "cfr" } }, { cfr: { unit: "percent", direction: "down" } }),
    );
    expect(result.ok, result.ok ? "" : JSON.stringify(result.problems)).toBe(true);
  });
});
