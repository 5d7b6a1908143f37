// One clock: the demo is laid out relative to the real today, and a reset starts it over.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEMO_ORG, loadDemo } from "../../src/demo/load-demo.ts";
import { demoDate } from "../../src/demo/relative-dates.ts";
import { loadInitiative } from "../../src/store/initiative-repository.ts";
import { listSignals } from "../../src/use-cases/list-signals.ts";
import { backends, servicesFor, settle } from "../support/databases.ts";

const DEMO_FILE = fileURLToPath(new URL("../../src/demo/data/01-orbit-launch.yaml", import.meta.url));

describe.each(backends())("the demo on $name", (backend) => {
  it("lays its history out relative to today, evaluates as of today, and resets", async () => {
    const store = await backend.open();
    try {
      const today = "2026-12-02";
      const services = servicesFor(store, new Date(`${today}T09:00:00Z`));
      await loadDemo(services);
      const orbit = (await loadInitiative(store.db, DEMO_ORG.id, "orbit-launch"))!;
      expect(orbit.initiative.asOf).toBeNull();
      const latest = orbit.reports
        .map((r) => r.date)
        .sort()
        .at(-1)!;
      expect(latest <= today).toBe(true);
      const written = parse(readFileSync(DEMO_FILE, "utf8")) as { reports: Array<{ date: string }> };
      expect(latest).toBe(
        demoDate(
          written.reports
            .map((r) => String(r.date))
            .sort()
            .at(-1)!,
          today,
        ),
      );
      expect(orbit.gates.flatMap((g) => g.votes).every((v) => v.date === null || v.date <= today)).toBe(true);
      await settle(services);
      expect((await listSignals(services, DEMO_ORG.id, "orbit-launch")).asOf).toBe(today);

      // A reset replaces the demo's history (which no import may rewrite) by starting each initiative over.
      await loadDemo(services, { reset: true });
      const again = (await loadInitiative(store.db, DEMO_ORG.id, "orbit-launch"))!;
      expect(again.reports.length).toBe(orbit.reports.length);
    } finally {
      await store.close();
    }
  });
});
