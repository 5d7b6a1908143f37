// Adding metric points: appended in one statement; a point on a date that has one corrects it (the later is
// in force, the earlier stays in history). Costs what the points cost, not what the metric holds.
import { actorKind, type Actor } from "../../domain/actor.ts";
import { AppError } from "../../domain/app-error.ts";
import { isIsoDate } from "../../domain/primitives.ts";
import { provenanceOf } from "../../domain/provenance.ts";
import { findMetric, insertMetricPoints, type Scope } from "../../store/record-repository.ts";
import { writeRecord } from "../records/write-record.ts";
import type { Services } from "../services.ts";

export interface AddMetricPoints extends Scope {
  actor: Actor;
  metricId: string;
  points: Array<[string, number]>;
}

export async function addMetricPoints(
  services: Services,
  input: AddMetricPoints,
): Promise<{ points: Array<[string, number]> }> {
  const problems = input.points.flatMap(([date, value], n) => [
    ...(isIsoDate(date)
      ? []
      : [{ path: `points.${n}.0`, message: "must be a real calendar date written as YYYY-MM-DD" }]),
    ...(Number.isFinite(value) ? [] : [{ path: `points.${n}.1`, message: "must be a finite number" }]),
  ]);
  if (problems.length > 0) throw AppError.invalid("some points are invalid", problems);
  return writeRecord(
    services,
    input,
    async ({ db, claim, publish }) => {
      if (!(await findMetric(db, input, input.metricId))) throw AppError.notFound("metric", input.metricId);
      // Within one request, the last point given for a date is the one that counts.
      const byDate = new Map(input.points.map(([date, value]) => [date, value]));
      const points = [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b));
      await claim();
      await insertMetricPoints(
        db,
        {
          ...input,
          recordedBy: input.actor.personId ?? input.actor.tokenId,
          // Typed by a person (or at the command line), or sent by an automation token.
          provenance: provenanceOf(
            actorKind(input.actor) === "automation" ? "api" : "manual",
            null,
            services.clock(),
          ),
        },
        points.map(([date, value]) => ({ date, value })),
      );
      await publish("metric_points.added", { metric: input.metricId, count: points.length });
      return { points };
      // Points on one date are ordered by their ids: writes to one initiative need not take turns.
    },
    { lock: "shared" },
  );
}
