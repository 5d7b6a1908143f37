// Reads the alignment index (per initiative and for the org), decision requests and the truth board: load → pure core.
import {
  alignmentIndex,
  orgAlignment,
  type AlignmentIndex,
  type OrgAlignment,
  type TeamPulse,
} from "../readings/alignment-index.ts";
import { decisionRequests, type DecisionRequest } from "../readings/decision-requests.ts";
import type { InitiativeSnapshot, SignalRecord } from "../domain/model.ts";
import { toIsoDate, type IsoDate } from "../domain/primitives.ts";
import { boardRecognitions, surfacedTruths, truthBoard, type TruthBoard } from "../readings/truth-bonus.ts";
import { evaluationDay } from "../engine/evaluate.ts";
import { firstImportDays, listSignalRecords } from "../store/alignment-repository.ts";
import { listInitiatives, loadInitiative } from "../store/initiative-repository.ts";
import { loadInitiativeOrThrow } from "./read-initiative.ts";
import type { Services } from "./services.ts";

/** Today's pulse of one team: null when it has none, or it is withheld below k. */
export type PulseProvider = (
  orgId: string,
  teamId: string,
) => Promise<{ mean: number; respondents: number } | null>;

export interface AlignmentOptions {
  /**
   * Where team pulses come from. None by default: psychological safety then falls back to the concern-share
   * measure alone. A pulse below k (MIN_GROUP_SIZE, default DEFAULT_GROUP_SIZE) is never used.
   */
  pulse?: PulseProvider;
}

const PAGE = 100;

/** Every initiative of the org, loaded whole, in id order. */
async function loadAll(services: Services, orgId: string): Promise<InitiativeSnapshot[]> {
  const db = services.store.db;
  const snapshots: InitiativeSnapshot[] = [];
  let page = await listInitiatives(db, orgId, { limit: PAGE });
  while (page.length > 0) {
    for (const initiative of page) {
      const snapshot = await loadInitiative(db, orgId, initiative.id);
      if (snapshot) snapshots.push(snapshot);
    }
    page =
      page.length < PAGE ? [] : await listInitiatives(db, orgId, { after: page.at(-1)!.id, limit: PAGE });
  }
  return snapshots;
}

/** Asks the provider once per team (teams are shared across initiatives). */
function pulseReader(orgId: string, provider: PulseProvider | undefined) {
  const asked = new Map<string, Promise<TeamPulse>>();
  return async (snapshot: InitiativeSnapshot): Promise<TeamPulse[]> => {
    if (!provider) return [];
    return Promise.all(
      snapshot.teams.map((team) => {
        if (!asked.has(team.id)) {
          asked.set(
            team.id,
            provider(orgId, team.id).then((aggregate) => ({ teamId: team.id, aggregate })),
          );
        }
        return asked.get(team.id)!;
      }),
    );
  };
}

const today = (services: Services, snapshot: InitiativeSnapshot) =>
  evaluationDay(snapshot, { clock: services.clock });

/** The baseline day: the first import, else the first signal ever recorded. */
function recordedSince(imported: IsoDate | undefined, signals: readonly SignalRecord[]): IsoDate | null {
  return imported ?? signals[0]?.firstSeen ?? null;
}

export async function readInitiativeAlignment(
  services: Services,
  orgId: string,
  initiativeId: string,
  options: AlignmentOptions = {},
): Promise<AlignmentIndex> {
  const snapshot = await loadInitiativeOrThrow(services, orgId, initiativeId);
  const db = services.store.db;
  const [signals, imports] = await Promise.all([
    listSignalRecords(db, orgId, initiativeId),
    firstImportDays(db, orgId, initiativeId),
  ]);
  const records = signals.get(initiativeId) ?? [];
  return alignmentIndex({
    snapshot,
    signals: records,
    pulses: await pulseReader(orgId, options.pulse)(snapshot),
    today: today(services, snapshot),
    recordedSince: recordedSince(imports.get(initiativeId), records),
  });
}

/** The org's day: the latest of its initiatives' days (each may be evaluated as of its own), else the clock's. */
function orgDay(services: Services, snapshots: readonly InitiativeSnapshot[]): IsoDate {
  const days = snapshots.map((s) => today(services, s));
  return days.length > 0 ? days.reduce((a, b) => (a > b ? a : b)) : toIsoDate(services.clock());
}

export async function readOrgAlignment(
  services: Services,
  orgId: string,
  options: AlignmentOptions = {},
): Promise<OrgAlignment> {
  const snapshots = await loadAll(services, orgId);
  const db = services.store.db;
  const [signals, imports] = await Promise.all([listSignalRecords(db, orgId), firstImportDays(db, orgId)]);
  const pulsesOf = pulseReader(orgId, options.pulse);
  const indexes: AlignmentIndex[] = [];
  for (const snapshot of snapshots) {
    const id = snapshot.initiative.id;
    const records = signals.get(id) ?? [];
    indexes.push(
      alignmentIndex({
        snapshot,
        signals: records,
        pulses: await pulsesOf(snapshot),
        today: today(services, snapshot),
        recordedSince: recordedSince(imports.get(id), records),
      }),
    );
  }
  return orgAlignment(indexes, orgDay(services, snapshots));
}

export async function readDecisionRequests(
  services: Services,
  orgId: string,
  initiativeId: string,
): Promise<{ asOf: IsoDate; requests: DecisionRequest[] }> {
  const snapshot = await loadInitiativeOrThrow(services, orgId, initiativeId);
  const asOf = today(services, snapshot);
  return { asOf, requests: decisionRequests(snapshot, asOf) };
}

/** The org's truth board: every initiative's surfaced truths and recognitions, each read as of its own day. */
export async function readTruthBoard(
  services: Services,
  orgId: string,
): Promise<TruthBoard & { asOf: IsoDate }> {
  const snapshots = await loadAll(services, orgId);
  const signals = await listSignalRecords(services.store.db, orgId);
  const truths = snapshots.flatMap((s) =>
    surfacedTruths(s, signals.get(s.initiative.id) ?? [], today(services, s)),
  );
  const recognitions = snapshots.flatMap((s) => boardRecognitions(s, today(services, s)));
  return { asOf: orgDay(services, snapshots), ...truthBoard(truths, recognitions) };
}
