// The labels file and the join: precision per kind with a partly as half, orphan rows, and rows that cannot be read.
import { describe, expect, it } from "vitest";
import type { Signal } from "../../src/domain/model.ts";
import { parseLabels } from "../../quality/labels.ts";
import { meetsTarget, measure } from "../../quality/measure.ts";

const header = "initiative,fingerprint,kind,subject,verdict,reason";
const fired = (kind: string, fingerprint: string): Signal => ({
  kind,
  severity: "warning",
  subject: { type: "commitment", id: fingerprint },
  title: kind,
  explanation: "x".repeat(fingerprint.length),
  evidence: [],
  owner: null,
  fingerprint,
});

describe("labels and precision", () => {
  it("joins labels by initiative and fingerprint, counts a partly as half, and lists what is left over", () => {
    const { labels, problems } = parseLabels(
      [
        header,
        'sig-a,f1,stale-status,commitment:f1,true,"Silent since 2021, open: true"',
        "sig-a,f2,stale-status,commitment:f2,partly,Silent for 200 days",
        "sig-a,f3,stale-status,commitment:f3,false,The SIG as a whole",
        "sig-b,f1,stale-status,commitment:f1,false,Same fingerprint in another initiative",
        "sig-a,gone,watermelon,commitment:gone,true,No longer fires",
      ].join("\n"),
    );
    expect(problems).toEqual([]);
    const quality = measure(
      [
        {
          initiative: "sig-a",
          signals: [
            fired("stale-status", "f1"),
            fired("stale-status", "f2"),
            fired("stale-status", "f3"),
            fired("stale-status", "f4"),
          ],
        },
      ],
      labels,
    );
    expect(quality.kinds).toEqual([
      {
        kind: "stale-status",
        fired: 4,
        labelled: 3,
        true: 1,
        false: 1,
        partly: 1,
        precision: 0.5,
        longestExplanation: 2,
      },
    ]);
    expect(quality.unlabelled.map((s) => s.fingerprint)).toEqual(["f4"]);
    expect(quality.orphanLabels.map((l) => `${l.initiative}/${l.fingerprint}`)).toEqual([
      "sig-b/f1",
      "sig-a/gone",
    ]);
  });

  it("reports each row it cannot use, with its line, and keeps the rest", () => {
    const { labels, problems } = parseLabels(
      [
        header,
        "sig-a,f1,stale-status,commitment:f1,maybe,Unsure",
        "sig-a,f2,stale-status,commitment:f2,true,",
        "sig-a,f3,stale-status,commitment:f3,true,A reason, with a comma unquoted",
        "sig-a,f4,stale-status,commitment:f4,true,Fine",
        "sig-a,f4,stale-status,commitment:f4,false,Twice",
      ].join("\r\n"),
    );
    expect(labels.map((l) => l.fingerprint)).toEqual(["f4"]);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 6]);
    expect(parseLabels("fingerprint,verdict\n").problems[0]!.message).toContain("header");
  });

  it("holds a kind to the target only once it has ten labelled signals", () => {
    expect(meetsTarget({ labelled: 9, precision: 0.5 })).toBeNull();
    expect(meetsTarget({ labelled: 10, precision: 0.9 })).toBe(true);
    expect(meetsTarget({ labelled: 10, precision: 0.89 })).toBe(false);
  });
});
