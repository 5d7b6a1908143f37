// What happened stays as it was recorded: the records of two versions of an initiative compared, so that an
// import can add records but never change or remove one, and the choices made before a record stay made.
import type {
  AssumptionTest,
  Decision,
  InitiativeSnapshot,
  Recognition,
  SeriesPoint,
  StatusReport,
  Truth,
  Vote,
} from "./model.ts";

/** Records new in a snapshot, each with where it sits in the initiative file. */
export interface RecordSet {
  reports: StatusReport[];
  decisions: Decision[];
  recognitions: Recognition[];
  votes: Array<{ gateId: string; vote: Vote }>;
  tests: Array<{ milestoneId: string; test: AssumptionTest }>;
  points: Array<{ metricId: string; point: SeriesPoint }>;
  truths: Array<{ reviewId: string; truth: Truth }>;
}

export interface RecordProblem {
  path: Array<string | number>;
  message: string;
}

export const emptyRecordSet = (): RecordSet => ({
  reports: [],
  decisions: [],
  recognitions: [],
  votes: [],
  tests: [],
  points: [],
  truths: [],
});

export function recordCount(records: RecordSet): number {
  return Object.values(records).reduce((sum, list: unknown[]) => sum + list.length, 0);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const CORRECT = {
  reports: "post a correction (POST …/reports/{id}/corrections) that says why",
  votes: "its holder casts a new vote (POST …/gates/{id}/votes)",
  other: "record a new one that says what changed",
};

/**
 * Compares `next` with what is `stored`: records only in `next` are added; a stored record that `next`
 * changes or leaves out is a problem, named at its place in `next` (or at its list when it is missing).
 */
export function diffRecords(
  stored: InitiativeSnapshot | null,
  next: InitiativeSnapshot,
): { added: RecordSet; problems: RecordProblem[] } {
  const added = emptyRecordSet();
  const problems: RecordProblem[] = [];
  const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((x) => [x.id, x]));

  const compareList = <T extends { id: string }>(
    key: "reports" | "decisions" | "recognitions",
    describe: (item: T) => string,
    sink: T[],
  ) => {
    const before = byId((stored?.[key] ?? []) as unknown as T[]);
    const items = next[key] as unknown as T[];
    items.forEach((item, i) => {
      const old = before.get(item.id);
      before.delete(item.id);
      if (!old) sink.push(item);
      else if (!same(old, item)) {
        problems.push({
          path: [key, i],
          message: `${describe(old)} is recorded and cannot change: ${key === "reports" ? CORRECT.reports : CORRECT.other}`,
        });
      }
    });
    for (const old of before.values()) {
      problems.push({ path: [key], message: `${describe(old)} is recorded and cannot be removed` });
    }
  };
  compareList<StatusReport>(
    "reports",
    (r) => `the report '${r.id}' (${r.authorId} on ${r.date})`,
    added.reports,
  );
  compareList<Decision>(
    "decisions",
    (d) => `the decision '${d.id}' (${d.byId} on ${d.date})`,
    added.decisions,
  );
  compareList<Recognition>(
    "recognitions",
    (r) => `the recognition '${r.id}' (${r.byId} on ${r.date})`,
    added.recognitions,
  );

  // Votes: the vote in force per role. A different one is a new vote; none where one was is a removal.
  const storedGates = byId(stored?.gates ?? []);
  next.gates.forEach((gate, g) => {
    const before = new Map((storedGates.get(gate.id)?.votes ?? []).map((v) => [v.role, v]));
    storedGates.delete(gate.id);
    gate.votes.forEach((vote, v) => {
      const old = before.get(vote.role);
      before.delete(vote.role);
      const fields = (x: Vote) => [x.personId, x.vote, x.reason, x.date];
      if (!old || !same(fields(old), fields(vote))) added.votes.push({ gateId: gate.id, vote });
      void v;
    });
    for (const old of before.values()) {
      problems.push({
        path: ["gates", g, "votes"],
        message: `the '${old.role}' vote (${old.personId}, ${old.vote}) is recorded and cannot be removed: ${CORRECT.votes}`,
      });
    }
  });
  for (const gate of storedGates.values()) {
    if (gate.votes.length > 0) {
      problems.push({
        path: ["gates"],
        message: `the gate '${gate.id}' has recorded votes and cannot be removed`,
      });
    }
  }

  const nested = <P extends { id: string }, C extends { id: string }>(
    list: "milestones" | "reviews",
    field: "tests" | "truths",
    children: (parent: P) => readonly C[],
    push: (parentId: string, child: C) => void,
    noun: string,
  ) => {
    const before = byId((stored?.[list] ?? []) as unknown as P[]);
    (next[list] as unknown as P[]).forEach((parent, p) => {
      const old = byId(before.has(parent.id) ? children(before.get(parent.id)!) : []);
      before.delete(parent.id);
      children(parent).forEach((child, c) => {
        const was = old.get(child.id);
        old.delete(child.id);
        if (!was) push(parent.id, child);
        else if (!same(was, child)) {
          problems.push({
            path: [list, p, field, c],
            message: `this ${noun} is recorded and cannot change: ${CORRECT.other}`,
          });
        }
      });
      for (const was of old.values()) {
        problems.push({
          path: [list, p, field],
          message: `the ${noun} '${was.id}' is recorded and cannot be removed`,
        });
      }
    });
    for (const parent of before.values()) {
      if (children(parent).length > 0) {
        problems.push({
          path: [list],
          message: `'${parent.id}' has recorded ${field} and cannot be removed`,
        });
      }
    }
  };
  nested<InitiativeSnapshot["milestones"][number], AssumptionTest>(
    "milestones",
    "tests",
    (m) => m.tests,
    (milestoneId, test) => added.tests.push({ milestoneId, test }),
    "assumption test",
  );
  nested<InitiativeSnapshot["reviews"][number], Truth>(
    "reviews",
    "truths",
    (r) => r.truths,
    (reviewId, truth) => added.truths.push({ reviewId, truth }),
    "truth",
  );

  // Points: one per metric and date; a recorded one keeps its value.
  const storedMetrics = byId(stored?.metrics ?? []);
  next.metrics.forEach((metric) => {
    const before = new Map((storedMetrics.get(metric.id)?.points ?? []).map((p) => [p.date, p.value]));
    storedMetrics.delete(metric.id);
    metric.points.forEach((point, k) => {
      const value = before.get(point.date);
      before.delete(point.date);
      if (value === undefined) added.points.push({ metricId: metric.id, point });
      else if (value !== point.value) {
        problems.push({
          path: ["metrics", metric.id, "points", k],
          message: `the point of ${point.date} is recorded as ${value}: a correction is posted to the metric's points`,
        });
      }
    });
    if (before.size > 0) {
      problems.push({
        path: ["metrics", metric.id, "points"],
        message: `recorded points cannot be removed (${[...before.keys()].slice(0, 3).join(", ")}${before.size > 3 ? ", …" : ""})`,
      });
    }
  });
  for (const metric of storedMetrics.values()) {
    if (metric.points.length > 0) {
      problems.push({
        path: ["metrics"],
        message: `the metric '${metric.id}' has recorded points and cannot be removed`,
      });
    }
  }
  return { added, problems };
}

/**
 * Choices made before the fact stay made: an assumption's kill criteria, once it has been tested, and a
 * review's anonymity, once truths were given under it.
 */
export function recordedChoiceProblems(
  stored: InitiativeSnapshot,
  next: InitiativeSnapshot,
): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const storedMilestones = new Map(stored.milestones.map((m) => [m.id, m]));
  next.milestones.forEach((milestone, m) => {
    const before = storedMilestones.get(milestone.id);
    if (!before) return;
    const tested = new Set(before.tests.map((t) => t.assumptionId));
    milestone.assumptions.forEach((assumption, a) => {
      const was = before.assumptions.find((x) => x.id === assumption.id);
      if (was && tested.has(was.id) && was.killCriteria !== assumption.killCriteria) {
        problems.push({
          path: ["milestones", m, "assumptions", a],
          message: `this assumption has been tested: its kill criteria were recorded before the test and stay as they were`,
        });
      }
    });
    for (const id of tested) {
      if (!milestone.assumptions.some((x) => x.id === id)) {
        problems.push({
          path: ["milestones", m, "assumptions"],
          message: `the assumption '${id}' has been tested and cannot be removed`,
        });
      }
    }
  });
  const storedReviews = new Map(stored.reviews.map((r) => [r.id, r]));
  next.reviews.forEach((review, r) => {
    const before = storedReviews.get(review.id);
    if (before && before.truths.length > 0 && before.anonymous !== review.anonymous) {
      problems.push({
        path: ["reviews", r, "anonymous"],
        message: "truths were given under this review's anonymity choice; it cannot change now",
      });
    }
  });
  return problems;
}
