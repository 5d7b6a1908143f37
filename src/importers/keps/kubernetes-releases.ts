// The day each Kubernetes minor release shipped: a KEP's target milestone becomes a due date through this table.
//
// Source: the `vX.Y.0` release tags of github.com/kubernetes/kubernetes and the release announcements on
// kubernetes.io/blog (v1.36 "Haru": 2026-04-22). Releases after the evaluation day are not yet known: their
// dates are planned, three releases a year (April, August, December), and marked so.

import type { IsoDate } from "../../domain/primitives.ts";

export interface Release {
  /** The release day of `vX.Y.0`. */
  date: IsoDate;
  /** True for a release that had not shipped by the data's last day: its date is the expected one. */
  planned: boolean;
}

const shipped: Record<string, IsoDate> = {
  "1.0": "2015-07-10",
  "1.1": "2015-11-09",
  "1.2": "2016-03-16",
  "1.3": "2016-07-01",
  "1.4": "2016-09-26",
  "1.5": "2016-12-12",
  "1.6": "2017-03-28",
  "1.7": "2017-06-29",
  "1.8": "2017-09-28",
  "1.9": "2017-12-15",
  "1.10": "2018-03-26",
  "1.11": "2018-06-27",
  "1.12": "2018-09-27",
  "1.13": "2018-12-03",
  "1.14": "2019-03-25",
  "1.15": "2019-06-19",
  "1.16": "2019-09-18",
  "1.17": "2019-12-09",
  "1.18": "2020-03-25",
  "1.19": "2020-08-26",
  "1.20": "2020-12-08",
  "1.21": "2021-04-08",
  "1.22": "2021-08-04",
  "1.23": "2021-12-07",
  "1.24": "2022-05-03",
  "1.25": "2022-08-23",
  "1.26": "2022-12-08",
  "1.27": "2023-04-11",
  "1.28": "2023-08-15",
  "1.29": "2023-12-13",
  "1.30": "2024-04-17",
  "1.31": "2024-08-13",
  "1.32": "2024-12-11",
  "1.33": "2025-04-23",
  "1.34": "2025-08-27",
  "1.35": "2025-12-17",
  "1.36": "2026-04-22",
};

const planned: Record<string, IsoDate> = {
  "1.37": "2026-08-19",
  "1.38": "2026-12-16",
  "1.39": "2027-04-21",
  "1.40": "2027-08-18",
  "1.41": "2027-12-15",
};

export const KUBERNETES_RELEASES: ReadonlyMap<string, Release> = new Map([
  ...Object.entries(shipped).map(([v, date]): [string, Release] => [v, { date, planned: false }]),
  ...Object.entries(planned).map(([v, date]): [string, Release] => [v, { date, planned: true }]),
]);

/** `v1.30`, `1.30` and ` v1.30 ` name the same release; anything else (`TBD`, `x.y`, `0.0`) names none. */
export function releaseVersion(raw: unknown): string | null {
  if (typeof raw !== "string" && typeof raw !== "number") return null;
  const match = /^\s*v?(1\.\d{1,2})(?:\.0)?\s*$/.exec(String(raw));
  return match ? match[1]! : null;
}

export function findRelease(raw: unknown): Release | null {
  const version = releaseVersion(raw);
  return version ? (KUBERNETES_RELEASES.get(version) ?? null) : null;
}
