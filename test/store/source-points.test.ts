// Points a connector computed, appended on every real database: keyed by metric, date and the source's reference,
// so that the same points again write nothing, a changed value is a new point beside the old (history kept), the
// latest written day is the source's own, and a metric the initiative lacks refuses everything.
import { and, eq } from "drizzle-orm";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ACTOR } from "../../src/domain/actor.ts";
import type { Store } from "../../src/store/open-store.ts";
import * as t from "../../src/store/schema.ts";
import { importInitiative } from "../../src/use-cases/import-initiative.ts";
import { appendSourcePoints, latestSourcePoint } from "../../src/use-cases/metrics/append-source-points.ts";
import type { Services } from "../../src/use-cases/services.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";

const initiativeId = "orbit-self-serve-launch";

describe.each(backends())("points from a source on $name", (backend) => {
  let store: Store;
  let services: Services;
  let org = "";

  beforeAll(async () => {
    store = await backend.open();
    services = servicesFor(store);
    org = await freshOrg(store);
    await importInitiative(services, org, parse(orbitText()), { actor: LOCAL_ACTOR, role: "admin" });
  });
  afterAll(() => store.close());

  const append = (points: Array<[string, number]>, metric = "weekly_activations") =>
    appendSourcePoints(services, {
      orgId: org,
      initiativeId,
      actor: LOCAL_ACTOR,
      kind: "github",
      source: "acme/billing",
      series: [{ metric, path: "sources.github.dora", points }],
    });
  const rows = () =>
    store.db
      .select({
        date: t.metricPoints.date,
        value: t.metricPoints.value,
        provenance: t.metricPoints.provenance,
      })
      .from(t.metricPoints)
      .where(
        and(
          eq(t.metricPoints.orgId, org),
          eq(t.metricPoints.metricId, "weekly_activations"),
          eq(t.metricPoints.source, "acme/billing"),
        ),
      )
      .orderBy(t.metricPoints.seq);

  it("appends once, writes nothing the second time, and keeps a changed week's earlier value", async () => {
    const scope = { orgId: org, initiativeId, metrics: ["weekly_activations"], source: "acme/billing" };
    expect(await latestSourcePoint(services, scope)).toBeNull();
    const first = await append([
      ["2026-02-02", 3],
      ["2026-02-09", 1],
    ]);
    expect(first.written).toEqual({ weekly_activations: 2 });
    expect(first.version).not.toBeNull();
    expect(await latestSourcePoint(services, scope)).toBe("2026-02-09");
    // Another source's points are not this one's cursor.
    expect(await latestSourcePoint(services, { ...scope, source: "warehouse" })).toBeNull();

    const again = await append([
      ["2026-02-02", 3],
      ["2026-02-09", 1],
    ]);
    expect(again).toEqual({ written: {}, unchanged: 2, version: null });

    const changed = await append([["2026-02-09", 2]]);
    expect(changed.written).toEqual({ weekly_activations: 1 });
    expect((await rows()).map((r) => [r.date, r.value])).toEqual([
      ["2026-02-02", 3],
      ["2026-02-09", 1],
      ["2026-02-09", 2],
    ]);
    expect((await rows())[0]!.provenance).toMatchObject({ kind: "github", ref: "acme/billing" });
  });

  it("refuses every point when a metric is not the initiative's, naming the key that named it", async () => {
    const before = await rows();
    const error = await append([["2026-02-16", 4]], "deployment_frequency").catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "invalid_input",
      problems: [
        {
          path: "sources.github.dora",
          message: "no metric 'deployment_frequency' in the initiative: add it to metrics",
        },
      ],
    });
    expect(await rows()).toEqual(before);
  });
});
