// The values a check reads from a metric, however long its series.
import { describe, expect, it } from "vitest";
import type { Metric } from "../domain/model.ts";
import { metricBinding } from "./bindings.ts";

describe("metricBinding", () => {
  it("reads the largest and smallest of a series of 200,000 points without throwing", () => {
    const points = Array.from({ length: 200_000 }, (_, i) => ({
      date: new Date(Date.UTC(2000, 0, 1) + i * 3_600_000).toISOString().slice(0, 10),
      value: (i * 7919) % 200_003,
    }));
    const metric = { id: "m", name: "M", unit: "count", points } as unknown as Metric;
    const binding = metricBinding(metric);
    expect(binding.max).toBe(200_002);
    expect(binding.min).toBe(0);
    expect(binding.count).toBe(200_000);
  });
});
