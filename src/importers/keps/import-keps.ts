// Kubernetes enhancement proposals into the store, as the project's real-data example: the KEP data read from a
// directory (read-keps.ts), one initiative per owning SIG (to-model.ts), each imported through the import path
// like any initiative file, so that a second run of the same data adds nothing.
import { isIsoDate, toIsoDate, type IsoDate } from "../../domain/primitives.ts";
import type { Actor } from "../../use-cases/audit.ts";
import { importInitiative } from "../../use-cases/import-initiative.ts";
import type { Services } from "../../use-cases/services.ts";
import { readKeps } from "./read-keps.ts";
import { convertKeps, type Conversion, type ConversionProblem, type KepData } from "./to-model.ts";

export interface KepImportOptions {
  orgId: string;
  /** The directory that holds `keps.jsonl`, `kep_status_history.jsonl` and `k8s_sigs.jsonl`. */
  dir: string;
  /** The day the initiatives are evaluated as of; by default the data's last day. */
  asOf?: IsoDate;
  actor?: Actor;
  /** Told after each SIG's initiative is imported. */
  onProgress?: (done: number, total: number, initiativeId: string) => void;
}

export interface KepImportReport {
  asOf: IsoDate;
  initiatives: Array<{ id: string; created: boolean; added: number }>;
  counts: Conversion["counts"];
  /** What in the data could not be used, and what was done instead. */
  problems: ConversionProblem[];
}

export async function importKeps(services: Services, options: KepImportOptions): Promise<KepImportReport> {
  const { data, problems: readProblems } = readKeps(options.dir);
  const asOf = options.asOf ?? lastDay(data) ?? toIsoDate(services.clock());
  const conversion = convertKeps(data, { asOf });
  const initiatives: KepImportReport["initiatives"] = [];
  for (const { sig, file } of conversion.initiatives) {
    const result = await importInitiative(services, options.orgId, file, { actor: options.actor });
    initiatives.push({ id: sig, created: result.created, added: result.added });
    options.onProgress?.(initiatives.length, conversion.initiatives.length, sig);
  }
  return {
    asOf,
    initiatives,
    counts: conversion.counts,
    problems: [...readProblems, ...conversion.problems],
  };
}

/** The newest day in the KEPs' history: what the data knows of, and no later. */
function lastDay(data: KepData): IsoDate | null {
  let last: IsoDate | null = null;
  for (const row of data.history) {
    const day = typeof row.date === "string" ? row.date.slice(0, 10) : "";
    if (isIsoDate(day) && (last === null || day > last)) last = day as IsoDate;
  }
  return last;
}
