// The rules a file must meet beyond its shape: every reference resolves, every check compiles, nothing is ambiguous.
import { RESERVED_NAMES, describeCompileError, type CheckCompiler } from "../checks/check-compiler.ts";
import type { PathSegment } from "./locate.ts";
import { DORA_METRICS, DORA_UNITS } from "../domain/dora.ts";
import { slugify } from "../domain/primitives.ts";
import { assignIds, resolveSubject } from "./to-snapshot.ts";
import type { InitiativeFile } from "./schema.ts";

export interface RawProblem {
  path: PathSegment[];
  message: string;
}

/** People and teams that exist outside the file (in the org it is imported into). */
export interface KnownNames {
  people?: ReadonlySet<string>;
  teams?: ReadonlySet<string>;
  metrics?: ReadonlySet<string>;
}

/** The lists whose items carry ids (given, or defaulted from their position or name). */
const LISTS_WITH_IDS = [
  "outcomes",
  "links",
  "reports",
  "milestones",
  "decisions",
  "gates",
  "risks",
  "reviews",
  "recognitions",
] as const;

/** The ids a report's `type:id` subject may name, for the types that live in lists or records. */
function subjectIds(file: Partial<InitiativeFile>, type: string): Set<string> {
  const fromList = <T extends { id?: string }>(
    items: T[] | undefined,
    fallback: (item: T, i: number) => string,
  ) => new Set(assignIds(items ?? [], fallback));
  switch (type) {
    case "link":
      return fromList(file.links, (_, i) => `link-${i + 1}`);
    case "outcome":
      return fromList(file.outcomes, (o) => o.metric);
    case "milestone":
      return fromList(file.milestones, (m) => slugify(m.name));
    case "gate":
      return fromList(file.gates, (g) => slugify(g.name));
    case "risk":
      return fromList(file.risks, (_, i) => `risk-${i + 1}`);
    case "requirement":
      return new Set(Object.keys(file.requirements ?? {}));
    default:
      return new Set();
  }
}

/** Checks the parts of `file` that are well-formed; each rule adds problems instead of throwing. */
export function checkReferences(
  file: Partial<InitiativeFile>,
  checks: CheckCompiler,
  known: KnownNames = {},
): RawProblem[] {
  const problems: RawProblem[] = [];
  const add = (path: PathSegment[], message: string) => problems.push({ path, message });

  const people = new Set([...(known.people ?? []), ...(file.people ?? []).map((p) => p.id)]);
  const teams = new Set([...(known.teams ?? []), ...Object.keys(file.teams ?? {})]);
  const metrics = new Set([...(known.metrics ?? []), ...Object.keys(file.metrics ?? {})]);
  const commitments = new Set(Object.keys(file.commitments ?? {}));

  const person = (id: string | undefined, path: PathSegment[]) => {
    if (id !== undefined && !people.has(id)) add(path, `unknown person '${id}' (not in people)`);
  };
  const team = (id: string | undefined, path: PathSegment[]) => {
    if (id !== undefined && !teams.has(id)) add(path, `unknown team '${id}' (not in teams)`);
  };
  const commitment = (id: string | undefined, path: PathSegment[]) => {
    if (id !== undefined && !commitments.has(id))
      add(path, `unknown commitment '${id}' (not in commitments)`);
  };
  const expression = (source: string | undefined, path: PathSegment[]) => {
    if (source === undefined) return;
    const compiled = checks.compile(source);
    if (!compiled.ok) return add(path, describeCompileError(compiled));
    for (const name of compiled.check.identifiers) {
      if (name !== "metrics" && !commitments.has(name)) {
        add(path, `the expression names '${name}', which is neither a commitment nor 'metrics'`);
      }
    }
    for (const reference of compiled.check.paths) {
      const [root, metric] = reference.split(".");
      if (root === "metrics" && metric !== undefined && !metrics.has(metric)) {
        add(path, `the expression reads unknown metric '${metric}' (not in metrics)`);
      }
    }
  };

  person(file.owner, ["owner"]);
  const jira = file.sources?.jira;
  for (const [key, id] of Object.entries(jira?.teams ?? {})) team(id, ["sources", "jira", "teams", key]);
  for (const [key, id] of Object.entries(jira?.people ?? {})) person(id, ["sources", "jira", "people", key]);
  const github = file.sources?.github;
  for (const [key, id] of Object.entries(github?.teams ?? {})) team(id, ["sources", "github", "teams", key]);
  if (github?.team) team(github.team, ["sources", "github", "team"]);
  for (const [key, id] of Object.entries(github?.people ?? {}))
    person(id, ["sources", "github", "people", key]);
  if (github?.dora) {
    // The sync appends points to the metrics it names: they are the file's, with the direction the series has.
    const named = github.dora.metrics;
    for (const series of DORA_METRICS) {
      if (named && !named[series]) continue;
      const id = named?.[series] ?? series;
      const path: PathSegment[] = ["sources", "github", "dora", ...(named ? ["metrics", series] : [])];
      const { unit, direction } = DORA_UNITS[series];
      const declared = file.metrics?.[id];
      if (!declared && !metrics.has(id))
        add(
          path,
          `${series} is kept in metric '${id}', which is not in metrics: add it (unit ${unit}, direction ${direction})`,
        );
      else if (declared && (declared.direction ?? "up") !== direction)
        add(
          ["metrics", id, "direction"],
          `metric '${id}' keeps ${series}, where ${direction === "down" ? "lower" : "higher"} is better: its direction must be ${direction}`,
        );
    }
  }

  const seenPeople = new Set<string>();
  (file.people ?? []).forEach((p, i) => {
    if (seenPeople.has(p.id)) add(["people", i, "id"], `person '${p.id}' is listed twice`);
    seenPeople.add(p.id);
    person(p.manager, ["people", i, "manager"]);
    if (p.manager === p.id) add(["people", i, "manager"], "a person cannot be their own manager");
  });
  const managers = new Map((file.people ?? []).map((p) => [p.id, p.manager]));
  for (const [index, p] of (file.people ?? []).entries()) {
    const seen = new Set([p.id]);
    for (let m = p.manager; m !== undefined; m = managers.get(m)) {
      if (seen.has(m)) {
        if (m === p.id && p.manager !== p.id)
          add(["people", index, "manager"], `reporting lines form a cycle through '${p.id}'`);
        break;
      }
      seen.add(m);
    }
  }

  for (const [key, t] of Object.entries(file.teams ?? {})) {
    person(t.lead, ["teams", key, "lead"]);
    t.members?.forEach((m, i) => person(m, ["teams", key, "members", i]));
  }
  for (const key of Object.keys(file.descriptions ?? {})) team(key, ["descriptions", key]);

  (file.outcomes ?? []).forEach((o, i) => {
    if (o.metric !== undefined && !metrics.has(o.metric))
      add(["outcomes", i, "metric"], `unknown metric '${o.metric}' (not in metrics)`);
    person(o.owner, ["outcomes", i, "owner"]);
  });

  for (const [key, c] of Object.entries(file.commitments ?? {})) {
    if (RESERVED_NAMES.has(key))
      add(["commitments", key], `'${key}' is reserved in checks; choose another id`);
    team(c.team, ["commitments", key, "team"]);
    person(c.owner, ["commitments", key, "owner"]);
    for (const fact of ["due", "done"]) {
      if (c.facts && fact in c.facts) {
        add(
          ["commitments", key, "facts", fact],
          `'${fact}' is the commitment's own date in checks; name the fact otherwise`,
        );
      }
    }
  }

  for (const list of LISTS_WITH_IDS) {
    const seen = new Set<string>();
    (file[list] ?? []).forEach((item: { id?: string }, i: number) => {
      if (item.id === undefined) return;
      if (seen.has(item.id)) add([list, i, "id"], `id '${item.id}' is used twice in ${list}`);
      seen.add(item.id);
    });
  }

  (file.links ?? []).forEach((l, i) => {
    const at = (...rest: PathSegment[]) => ["links", i, ...rest];
    const directed = l.from !== undefined || l.to !== undefined;
    if (l.between && directed) add(at("between"), "give either `between` or `from` and `to`, not both");
    else if (!l.between && (l.from === undefined || l.to === undefined)) {
      add(at(), "a link needs `between: [a, b]` or both `from` and `to`");
    }
    if (l.between) {
      l.between.forEach((c, n) => commitment(c, at("between", n)));
      if (l.between[0] === l.between[1]) add(at("between"), "a link connects two different commitments");
    } else {
      commitment(l.from, at("from"));
      commitment(l.to, at("to"));
      if (l.from !== undefined && l.from === l.to) add(at("to"), "a link connects two different commitments");
    }
    if (l.state !== undefined && l.kind !== "handoff") add(at("state"), "only a handoff has a state");
    person(l.owner, at("owner"));
    expression(l.check, at("check"));
  });

  for (const [key, r] of Object.entries(file.requirements ?? {})) {
    const claims = "claims" in r && typeof r.claims === "object" ? r.claims : r;
    const base: PathSegment[] =
      "claims" in r && typeof r.claims === "object" ? ["requirements", key, "claims"] : ["requirements", key];
    for (const t of Object.keys(claims as object)) team(t, [...base, t]);
  }

  const reports = file.reports ?? [];
  const reportIds = assignIds(reports, (_, i) => `report-${i + 1}`);
  // Looked up once per cite and subject: a file may hold tens of thousands of reports.
  const knownReports = new Set(reportIds);
  const idsOf = new Map<string, Set<string>>();
  const idsOfType = (type: string) => idsOf.get(type) ?? idsOf.set(type, subjectIds(file, type)).get(type)!;
  reports.forEach((r, i) => {
    if (r.subject === undefined) return; // reported by the schema
    const subject = resolveSubject(r.subject, { commitments: file.commitments, teams: file.teams ?? {} });
    if (!subject)
      add(["reports", i, "subject"], `unknown subject '${r.subject}': not a commitment, team, or type:id`);
    else if (subject.type === "commitment") commitment(subject.id, ["reports", i, "subject"]);
    else if (subject.type === "team") team(subject.id, ["reports", i, "subject"]);
    else if (subject.type === "person") person(subject.id, ["reports", i, "subject"]);
    else if (subject.type !== "initiative") {
      const ids = idsOfType(subject.type);
      if (!ids.has(subject.id)) add(["reports", i, "subject"], `unknown ${subject.type} '${subject.id}'`);
    }
    person(r.by, ["reports", i, "by"]);
    (r.cites ?? []).forEach((cite, n) => {
      const ok =
        typeof cite === "number"
          ? cite < reports.length && cite !== i
          : knownReports.has(cite) && cite !== reportIds[i];
      if (!ok) add(["reports", i, "cites", n], `cites '${cite}', which is not another report in this file`);
    });
  });

  const gateIds = subjectIds(file, "gate");
  (file.milestones ?? []).forEach((m, i) => {
    if (m.gate !== undefined && !gateIds.has(m.gate))
      add(["milestones", i, "gate"], `unknown gate '${m.gate}'`);
    (m.tests ?? []).forEach((t, n) => {
      if (t.assumption !== undefined && t.assumption >= (m.assumptions ?? []).length) {
        add(
          ["milestones", i, "tests", n, "assumption"],
          `there is no assumption ${t.assumption} (counting from 0) in this milestone`,
        );
      }
    });
  });

  (file.decisions ?? []).forEach((d, i) => person(d.by, ["decisions", i, "by"]));

  (file.gates ?? []).forEach((g, i) => {
    const authorities = g.authorities ?? {};
    for (const [role, holder] of Object.entries(authorities))
      person(holder, ["gates", i, "authorities", role]);
    const voted = new Set<string>();
    (g.votes ?? []).forEach((v, n) => {
      const at: PathSegment[] = ["gates", i, "votes", n];
      if (v.by === undefined) return;
      // A vote names its role when its voter no longer holds it (the role passed on) or holds several.
      if (v.role !== undefined) {
        if (!(v.role in authorities)) return add([...at, "role"], `'${v.role}' is not a role on this gate`);
      } else {
        const roles = Object.entries(authorities)
          .filter(([, holder]) => holder === v.by)
          .map(([role]) => role);
        if (roles.length === 0) {
          return add(
            [...at, "by"],
            `'${v.by}' holds no role on this gate: name the role the vote was cast for`,
          );
        }
        if (roles.length > 1) {
          return add(
            [...at, "role"],
            `'${v.by}' holds several roles (${roles.join(", ")}): say which this vote is for`,
          );
        }
      }
      const role = v.role ?? Object.entries(authorities).find(([, holder]) => holder === v.by)![0];
      if (voted.has(role)) add(at, `the '${role}' role has already voted on this gate; one vote per role`);
      voted.add(role);
      if (v.vote === "no_go" && v.reason === undefined) add([...at, "reason"], "a No-Go needs a reason");
    });
  });

  (file.risks ?? []).forEach((r, i) => {
    person(r.owner, ["risks", i, "owner"]);
    person(r.by, ["risks", i, "by"]);
    expression(r.early_warning, ["risks", i, "early_warning"]);
  });

  (file.reviews ?? []).forEach((r, i) => {
    (r.truths ?? []).forEach((t, n) => {
      if (r.anonymous && t.by !== undefined)
        add(["reviews", i, "truths", n, "by"], "this review is anonymous: truths carry no author");
      person(t.by, ["reviews", i, "truths", n, "by"]);
      if (t.better === undefined && t.as_expected === undefined && t.worse === undefined) {
        add(["reviews", i, "truths", n], "a truth needs at least one of better, as_expected or worse");
      }
    });
  });

  (file.recognitions ?? []).forEach((r, i) => {
    person(r.person, ["recognitions", i, "person"]);
    person(r.by, ["recognitions", i, "by"]);
  });

  return problems;
}
