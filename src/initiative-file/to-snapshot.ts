// Turns a valid initiative file into the domain snapshot the engine and the store work on.
import type { Comparator, Fact, InitiativeSnapshot, Person, SubjectRef, Team } from "../domain/model.ts";
import { COMPARATORS, SUBJECT_TYPES } from "../domain/model.ts";
import { slugify } from "../domain/primitives.ts";
import type { InitiativeFile } from "./schema.ts";

type FileFact = NonNullable<NonNullable<InitiativeFile["commitments"]>[string]["facts"]>[string];

/** Reads a fact's type from its value: strings written YYYY-MM-DD are dates. */
export function toFact(value: FileFact): Fact {
  if (typeof value === "number") return { type: "number", value };
  if (typeof value === "boolean") return { type: "boolean", value };
  if (Array.isArray(value)) return { type: "list", value };
  if (typeof value === "string") {
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? { type: "date", value } : { type: "string", value };
  }
  return value as Fact;
}

export function parseTarget(target: number | string): { comparator: Comparator | null; target: number } {
  if (typeof target === "number") return { comparator: null, target };
  const comparator = COMPARATORS.find((c) => target.trim().startsWith(c)) ?? null;
  const number = Number(
    target
      .trim()
      .slice(comparator?.length ?? 0)
      .replace(/[_,\s]/g, ""),
  );
  return { comparator, target: number };
}

/** Resolves a report's subject: `initiative`, `type:id`, a commitment id, or a team key (in that order). */
export function resolveSubject(
  subject: string,
  file: Pick<InitiativeFile, "commitments" | "teams">,
): SubjectRef | null {
  if (subject === "initiative") return { type: "initiative", id: subject };
  const colon = subject.indexOf(":");
  if (colon > 0) {
    const type = subject.slice(0, colon) as SubjectRef["type"];
    return SUBJECT_TYPES.includes(type) ? { type, id: subject.slice(colon + 1) } : null;
  }
  if (file.commitments && subject in file.commitments) return { type: "commitment", id: subject };
  if (file.teams && subject in file.teams) return { type: "team", id: subject };
  return null;
}

/** Ids for list items without one: the given id, else `prefix-N` (or a slug of the name), unique in the list. */
export function assignIds<T extends { id?: string | undefined }>(
  items: readonly T[],
  fallback: (item: T, index: number) => string,
): string[] {
  const taken = new Set(items.flatMap((item) => (item.id ? [item.id] : [])));
  return items.map((item, index) => {
    if (item.id) return item.id;
    let id = fallback(item, index);
    for (let n = 2; taken.has(id); n++) id = `${fallback(item, index)}-${n}`;
    taken.add(id);
    return id;
  });
}

export function toSnapshot(file: InitiativeFile, today?: string): InitiativeSnapshot {
  const people: Person[] = file.people.map((p) => ({
    id: p.id,
    name: p.name,
    title: p.title ?? null,
    managerId: p.manager ?? null,
    email: p.email ?? null,
    leftOn: p.left ?? null,
  }));
  const teams: Team[] = Object.entries(file.teams).map(([id, t]) => ({
    id,
    name: t.name ?? id,
    leadId: t.lead ?? null,
    members: t.members ?? [],
    wipLimit: t.wip_limit ?? null,
  }));
  const metrics = Object.entries(file.metrics ?? {}).map(([id, m]) => ({
    id,
    unit: m.unit ?? "count",
    direction: m.direction ?? ("up" as const),
    points: m.points.map(([date, value]) => ({ date, value })),
  }));
  const outcomes = file.outcomes ?? [];
  const outcomeIds = assignIds(outcomes, (o) => o.metric);
  const links = file.links ?? [];
  const linkIds = assignIds(links, (_, i) => `link-${i + 1}`);
  const reports = file.reports ?? [];
  const reportIds = assignIds(reports, (_, i) => `report-${i + 1}`);
  const milestones = file.milestones ?? [];
  const milestoneIds = assignIds(milestones, (m) => slugify(m.name));
  const decisions = file.decisions ?? [];
  const decisionIds = assignIds(decisions, (_, i) => `decision-${i + 1}`);
  const gates = file.gates ?? [];
  const gateIds = assignIds(gates, (g) => slugify(g.name));
  const risks = file.risks ?? [];
  const riskIds = assignIds(risks, (_, i) => `risk-${i + 1}`);
  const reviews = file.reviews ?? [];
  const reviewIds = assignIds(reviews, (r) => slugify(r.name));
  const recognitions = file.recognitions ?? [];
  const recognitionIds = assignIds(recognitions, (_, i) => `recognition-${i + 1}`);

  return {
    initiative: {
      id: file.id ?? slugify(file.initiative),
      name: file.initiative,
      ownerId: file.owner,
      asOf: file.as_of ?? today ?? null,
      summary: file.summary ?? null,
      cadenceDays: file.cadence_days ?? 14,
      investment: file.investment
        ? {
            unit: file.investment.unit,
            points: file.investment.points.map(([date, value]) => ({ date, value })),
          }
        : null,
      sources:
        file.sources?.jira || file.sources?.github
          ? {
              ...(file.sources.jira
                ? {
                    jira: {
                      baseUrl: file.sources.jira.base_url,
                      jql: file.sources.jira.jql,
                      teams: file.sources.jira.teams,
                      wontDo: file.sources.jira.wont_do ?? null,
                      people: file.sources.jira.people ?? {},
                    },
                  }
                : {}),
              ...(file.sources.github
                ? {
                    github: {
                      repo: file.sources.github.repo,
                      apiUrl: file.sources.github.api_url ?? null,
                      labels: file.sources.github.labels ?? [],
                      teams: file.sources.github.teams ?? {},
                      team: file.sources.github.team ?? null,
                      people: file.sources.github.people ?? {},
                      ...(file.sources.github.dora
                        ? {
                            dora: {
                              environment: file.sources.github.dora.environment ?? "production",
                              incidentLabel: file.sources.github.dora.incident_label ?? "incident",
                              metrics: file.sources.github.dora.metrics ?? null,
                            },
                          }
                        : {}),
                    },
                  }
                : {}),
            }
          : null,
    },
    people,
    teams,
    descriptions: Object.entries(file.descriptions ?? {}).map(([teamId, text]) => ({ teamId, text })),
    metrics,
    outcomes: outcomes.map((o, i) => {
      const metric = metrics.find((m) => m.id === o.metric);
      const { comparator, target } = parseTarget(o.target);
      return {
        id: outcomeIds[i]!,
        metricId: o.metric,
        comparator: comparator ?? (metric?.direction === "down" ? "<=" : ">="),
        target,
        by: o.by,
        ownerId: o.owner ?? null,
      };
    }),
    commitments: Object.entries(file.commitments ?? {}).map(([id, c]) => ({
      id,
      teamId: c.team,
      ownerId: c.owner ?? null,
      title: c.title,
      due: c.due ?? null,
      dueHistory: c.due_history ?? [],
      done: c.done ?? null,
      facts: Object.fromEntries(Object.entries(c.facts ?? {}).map(([name, value]) => [name, toFact(value)])),
      provenance: c.provenance ?? null,
    })),
    links: links.map((l, i) => {
      const [fromId, toId] = l.between ?? [l.from ?? "", l.to ?? ""];
      return {
        id: linkIds[i]!,
        kind: l.kind,
        fromId,
        toId,
        directed: !l.between,
        statement: l.statement,
        check: l.check ?? null,
        due: l.due ?? null,
        ownerId: l.owner ?? null,
        state: l.kind === "handoff" ? (l.state ?? "proposed") : null,
      };
    }),
    requirements: Object.entries(file.requirements ?? {}).map(([id, r]) => {
      const form =
        "claims" in r && typeof r.claims === "object"
          ? (r as { title?: string; claims: Record<string, string> })
          : null;
      const claims = form ? form.claims : (r as Record<string, string>);
      return {
        id,
        title: form?.title ?? null,
        claims: Object.entries(claims).map(([teamId, text]) => ({ teamId, text })),
      };
    }),
    reports: reports.map((r, i) => ({
      id: reportIds[i]!,
      subject: resolveSubject(r.subject, file) ?? { type: "initiative", id: "initiative" },
      authorId: r.by,
      date: r.date,
      health: r.health,
      narrative: r.note ?? null,
      confidence: r.confidence ?? null,
      cites: (r.cites ?? []).map((cite) =>
        typeof cite === "number" ? (reportIds[cite] ?? String(cite)) : cite,
      ),
      ...(r.greener_reason ? { greenerReason: r.greener_reason } : {}),
    })),
    milestones: milestones.map((m, i) => {
      const assumptions = (m.assumptions ?? []).map((a, n) => ({
        id: `assumption-${n + 1}`,
        statement: typeof a === "string" ? a : a.statement,
        killCriteria: typeof a === "string" ? null : (a.kill_criteria ?? null),
      }));
      return {
        id: milestoneIds[i]!,
        name: m.name,
        date: m.date,
        gateId: m.gate ?? null,
        assumptions,
        tests: (m.tests ?? []).map((t, n) => ({
          id: `test-${n + 1}`,
          assumptionId: assumptions[t.assumption]?.id ?? `assumption-${t.assumption + 1}`,
          verdict: t.verdict,
          evidence: t.evidence ?? null,
          date: t.date ?? null,
        })),
      };
    }),
    decisions: decisions.map((d, i) => ({
      id: decisionIds[i]!,
      date: d.date,
      kind: d.kind,
      byId: d.by,
      respondsTo: d.responds_to ?? null,
      rationale: d.rationale,
    })),
    gates: gates.map((g, i) => {
      const authorities = Object.entries(g.authorities).map(([role, personId]) => ({ role, personId }));
      return {
        id: gateIds[i]!,
        name: g.name,
        date: g.date ?? null,
        authorities,
        votes: (g.votes ?? []).map((v, n) => ({
          id: `vote-${n + 1}`,
          role: v.role ?? authorities.find((a) => a.personId === v.by)?.role ?? "unknown",
          personId: v.by,
          vote: v.vote,
          reason: v.reason ?? null,
          date: v.date ?? null,
        })),
      };
    }),
    risks: risks.map((r, i) => ({
      id: riskIds[i]!,
      title: r.risk,
      likelihood: r.likelihood,
      impact: r.impact,
      earlyWarning: r.early_warning ?? null,
      mitigation: r.mitigation ?? null,
      ownerId: r.owner ?? null,
      raisedBy: r.by ?? null,
      raisedOn: r.raised_on ?? null,
    })),
    reviews: reviews.map((r, i) => ({
      id: reviewIds[i]!,
      name: r.name,
      date: r.date,
      anonymous: r.anonymous ?? false,
      truths: (r.truths ?? []).map((t, n) => ({
        id: `truth-${n + 1}`,
        authorId: t.by ?? null,
        better: t.better ?? null,
        asExpected: t.as_expected ?? null,
        worse: t.worse ?? null,
      })),
    })),
    recognitions: recognitions.map((r, i) => ({
      id: recognitionIds[i]!,
      personId: r.person,
      byId: r.by,
      date: r.date,
      reason: r.reason,
    })),
  };
}
