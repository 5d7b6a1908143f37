// Writes a snapshot back as an initiative file, the inverse of toSnapshot: import → export → import round-trips.
import type { Fact, InitiativeSnapshot, SubjectRef } from "../domain/model.ts";
import { slugify } from "../domain/primitives.ts";
import type { InitiativeFile } from "./schema.ts";

type FileFact = NonNullable<NonNullable<InitiativeFile["commitments"]>[string]["facts"]>[string];

function fromFact(fact: Fact): FileFact {
  // A string that looks like a date must say it is a string, or it would come back as a date.
  if (fact.type === "string" && /^\d{4}-\d{2}-\d{2}$/.test(fact.value))
    return { type: "string", value: fact.value };
  return fact.value;
}

/** Drops keys whose value is undefined, so the written file stays minimal. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
const nonEmpty = <T>(items: T[]): T[] | undefined => (items.length > 0 ? items : undefined);

function subjectText(subject: SubjectRef, snapshot: InitiativeSnapshot): string {
  if (subject.type === "initiative") return "initiative";
  const isCommitment = snapshot.commitments.some((c) => c.id === subject.id);
  if (subject.type === "commitment") return subject.id;
  if (subject.type === "team" && !isCommitment) return subject.id;
  return `${subject.type}:${subject.id}`;
}

export function fromSnapshot(snapshot: InitiativeSnapshot): InitiativeFile {
  const { initiative } = snapshot;
  const idFor = (id: string, fallback: string) => (id === fallback ? undefined : id);
  return compact({
    version: 1 as const,
    initiative: initiative.name,
    id: idFor(initiative.id, slugify(initiative.name)),
    owner: initiative.ownerId,
    as_of: orUndefined(initiative.asOf),
    summary: orUndefined(initiative.summary),
    cadence_days: initiative.cadenceDays === 14 ? undefined : initiative.cadenceDays,
    sources: fileSources(initiative.sources),
    people: snapshot.people.map((p) =>
      compact({
        id: p.id,
        name: p.name,
        title: orUndefined(p.title),
        manager: orUndefined(p.managerId),
        email: orUndefined(p.email),
        left: orUndefined(p.leftOn),
      }),
    ),
    teams: Object.fromEntries(
      snapshot.teams.map((t) => [
        t.id,
        compact({
          name: t.name === t.id ? undefined : t.name,
          lead: orUndefined(t.leadId),
          members: nonEmpty(t.members),
          wip_limit: orUndefined(t.wipLimit),
        }),
      ]),
    ),
    descriptions:
      snapshot.descriptions.length > 0
        ? Object.fromEntries(snapshot.descriptions.map((d) => [d.teamId, d.text]))
        : undefined,
    outcomes: nonEmpty(
      snapshot.outcomes.map((o) =>
        compact({
          id: idFor(o.id, o.metricId),
          metric: o.metricId,
          target: `${o.comparator} ${o.target}`,
          by: o.by,
          owner: orUndefined(o.ownerId),
        }),
      ),
    ),
    metrics:
      snapshot.metrics.length > 0
        ? Object.fromEntries(
            snapshot.metrics.map((m) => [
              m.id,
              compact({
                unit: m.unit,
                direction: m.direction === "up" ? undefined : m.direction,
                points: m.points.map((p): [string, number] => [p.date, p.value]),
              }),
            ]),
          )
        : undefined,
    investment: initiative.investment
      ? {
          unit: initiative.investment.unit,
          points: initiative.investment.points.map((p): [string, number] => [p.date, p.value]),
        }
      : undefined,
    commitments:
      snapshot.commitments.length > 0
        ? Object.fromEntries(
            snapshot.commitments.map((c) => [
              c.id,
              compact({
                team: c.teamId,
                owner: orUndefined(c.ownerId),
                title: c.title,
                due: orUndefined(c.due),
                due_history: nonEmpty(c.dueHistory),
                done: orUndefined(c.done),
                provenance: orUndefined(c.provenance ?? null),
                facts:
                  Object.keys(c.facts).length > 0
                    ? Object.fromEntries(
                        Object.entries(c.facts).map(([name, fact]) => [name, fromFact(fact)]),
                      )
                    : undefined,
              }),
            ]),
          )
        : undefined,
    links: nonEmpty(
      snapshot.links.map((l, i) =>
        compact({
          id: idFor(l.id, `link-${i + 1}`),
          kind: l.kind,
          between: l.directed ? undefined : ([l.fromId, l.toId] as [string, string]),
          from: l.directed ? l.fromId : undefined,
          to: l.directed ? l.toId : undefined,
          statement: l.statement,
          check: orUndefined(l.check),
          due: orUndefined(l.due),
          owner: orUndefined(l.ownerId),
          state: l.kind === "handoff" && l.state !== "proposed" ? orUndefined(l.state) : undefined,
        }),
      ),
    ),
    requirements:
      snapshot.requirements.length > 0
        ? Object.fromEntries(
            snapshot.requirements.map((r) => {
              const claims = Object.fromEntries(r.claims.map((c) => [c.teamId, c.text]));
              return [r.id, r.title ? { title: r.title, claims } : claims];
            }),
          )
        : undefined,
    reports: nonEmpty(
      snapshot.reports.map((r, i) =>
        compact({
          id: idFor(r.id, `report-${i + 1}`),
          subject: subjectText(r.subject, snapshot),
          by: r.authorId,
          date: r.date,
          health: r.health,
          note: orUndefined(r.narrative),
          confidence: orUndefined(r.confidence),
          cites: nonEmpty(r.cites),
          greener_reason: orUndefined(r.greenerReason ?? null),
        }),
      ),
    ),
    milestones: nonEmpty(
      snapshot.milestones.map((m) =>
        compact({
          id: idFor(m.id, slugify(m.name)),
          name: m.name,
          date: m.date,
          gate: orUndefined(m.gateId ?? null),
          assumptions: nonEmpty(
            m.assumptions.map((a) =>
              a.killCriteria ? { statement: a.statement, kill_criteria: a.killCriteria } : a.statement,
            ),
          ),
          tests: nonEmpty(
            m.tests.map((t) =>
              compact({
                assumption: Math.max(
                  0,
                  m.assumptions.findIndex((a) => a.id === t.assumptionId),
                ),
                verdict: t.verdict,
                evidence: orUndefined(t.evidence),
                date: orUndefined(t.date),
              }),
            ),
          ),
        }),
      ),
    ),
    decisions: nonEmpty(
      snapshot.decisions.map((d, i) =>
        compact({
          id: idFor(d.id, `decision-${i + 1}`),
          date: d.date,
          kind: d.kind,
          by: d.byId,
          responds_to: orUndefined(d.respondsTo),
          rationale: d.rationale,
        }),
      ),
    ),
    gates: nonEmpty(
      snapshot.gates.map((g) =>
        compact({
          id: idFor(g.id, slugify(g.name)),
          name: g.name,
          date: orUndefined(g.date),
          authorities: Object.fromEntries(g.authorities.map((a) => [a.role, a.personId])),
          votes: nonEmpty(
            g.votes.map((v) =>
              compact({
                by: v.personId,
                // Implied only when the voter holds exactly this one role now.
                role:
                  g.authorities.filter((a) => a.personId === v.personId).length === 1 &&
                  g.authorities.some((a) => a.personId === v.personId && a.role === v.role)
                    ? undefined
                    : v.role,
                vote: v.vote,
                reason: orUndefined(v.reason),
                date: orUndefined(v.date),
              }),
            ),
          ),
        }),
      ),
    ),
    risks: nonEmpty(
      snapshot.risks.map((r, i) =>
        compact({
          id: idFor(r.id, `risk-${i + 1}`),
          risk: r.title,
          likelihood: r.likelihood,
          impact: r.impact,
          early_warning: orUndefined(r.earlyWarning),
          mitigation: orUndefined(r.mitigation),
          owner: orUndefined(r.ownerId),
          by: orUndefined(r.raisedBy),
          raised_on: orUndefined(r.raisedOn),
        }),
      ),
    ),
    reviews: nonEmpty(
      snapshot.reviews.map((r) =>
        compact({
          id: idFor(r.id, slugify(r.name)),
          name: r.name,
          date: r.date,
          anonymous: r.anonymous ? true : undefined,
          truths: nonEmpty(
            r.truths.map((t) =>
              compact({
                by: orUndefined(t.authorId),
                better: orUndefined(t.better),
                as_expected: orUndefined(t.asExpected),
                worse: orUndefined(t.worse),
              }),
            ),
          ),
        }),
      ),
    ),
    recognitions: nonEmpty(
      snapshot.recognitions.map((r, i) =>
        compact({
          id: idFor(r.id, `recognition-${i + 1}`),
          person: r.personId,
          by: r.byId,
          date: r.date,
          reason: r.reason,
        }),
      ),
    ),
  });
}

const nonEmptyMap = <T extends object>(value: T): T | undefined =>
  Object.keys(value).length > 0 ? value : undefined;

/** The sources as the file spells them, leaving out what is at its default. */
function fileSources(sources: InitiativeSnapshot["initiative"]["sources"]): InitiativeFile["sources"] {
  const { jira, github } = sources ?? {};
  if (!jira && !github) return undefined;
  return compact({
    jira: jira
      ? compact({
          base_url: jira.baseUrl,
          jql: jira.jql,
          teams: jira.teams,
          wont_do: orUndefined(jira.wontDo),
          people: nonEmptyMap(jira.people),
        })
      : undefined,
    github: github
      ? compact({
          repo: github.repo,
          api_url: orUndefined(github.apiUrl),
          labels: nonEmpty(github.labels),
          teams: nonEmptyMap(github.teams),
          team: orUndefined(github.team),
          people: nonEmptyMap(github.people),
          dora: github.dora
            ? {
                ...(github.dora.environment !== "production" ? { environment: github.dora.environment } : {}),
                ...(github.dora.incidentLabel !== "incident"
                  ? { incident_label: github.dora.incidentLabel }
                  : {}),
                ...(github.dora.metrics ? { metrics: github.dora.metrics } : {}),
              }
            : undefined,
        })
      : undefined,
  });
}
