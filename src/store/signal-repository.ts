// Signal history and silences: occurrences opened, kept current and closed; acknowledgements and suppressions.
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Signal } from "../domain/model.ts";
import { canonicalJson, sameJson } from "./canonical-json.ts";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

export type SignalOccurrence = typeof t.signals.$inferSelect;
/** A silence with its lift, if it was lifted (the lift is a record of its own). */
export type SignalSilence = typeof t.signalSilences.$inferSelect & {
  liftedAt: Date | null;
  liftedBy: string | null;
};

const scope = (table: typeof t.signals | typeof t.signalSilences, orgId: string, initiativeId: string) =>
  and(eq(table.orgId, orgId), eq(table.initiativeId, initiativeId));

export async function openOccurrences(
  db: Database,
  orgId: string,
  initiativeId: string,
): Promise<SignalOccurrence[]> {
  return db
    .select()
    .from(t.signals)
    .where(and(scope(t.signals, orgId, initiativeId), isNull(t.signals.resolvedAt)));
}

/**
 * Brings the history in line with the signals of an evaluation at `now`: new fingerprints open an
 * occurrence, present ones are brought up to date, and open ones no longer found are resolved.
 */
/** How stale `last_seen` may get before an evaluation that sees the signal again writes it. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** What is stored of an open signal, as the last recording left it: a cache the evaluator keeps. */
export interface RecordedSignal {
  id: string;
  lastSeen: Date;
  /** The signal last written, compared by identity first (the engine hands back unchanged signals as they were). */
  signal: Signal | null;
  /** Its stored content, for a signal read from the store. */
  stored: SignalOccurrence | null;
}

export async function recordSignals(
  db: Database,
  orgId: string,
  initiativeId: string,
  current: Signal[],
  now: Date,
  /** What the caller knows is stored from its last recording; read from the store when not given. */
  known?: Map<string, RecordedSignal>,
): Promise<{ opened: number; resolved: number; recorded: Map<string, RecordedSignal> }> {
  const open =
    known ??
    new Map(
      (await openOccurrences(db, orgId, initiativeId)).map((o): [string, RecordedSignal] => [
        o.fingerprint,
        { id: o.id, lastSeen: o.lastSeen, signal: null, stored: o },
      ]),
    );
  const content = (s: Signal) => ({
    kind: s.kind,
    severity: s.severity,
    subjectType: s.subject.type,
    subjectId: s.subject.id,
    title: s.title,
    explanation: s.explanation,
    evidence: s.evidence,
    owner: s.owner,
  });
  const same = (was: RecordedSignal, s: Signal) => {
    if (was.signal) return was.signal === s || sameJson(content(was.signal), content(s));
    const o = was.stored!;
    return (
      o.kind === s.kind &&
      o.severity === s.severity &&
      o.subjectType === s.subject.type &&
      o.subjectId === s.subject.id &&
      o.title === s.title &&
      o.explanation === s.explanation &&
      o.owner === s.owner &&
      canonicalJson(o.evidence) === canonicalJson(s.evidence)
    );
  };
  const recorded = new Map<string, RecordedSignal>();
  const inserts = [];
  const seenAgain: string[] = [];
  const remaining = new Map(open);
  for (const s of current) {
    const existing = remaining.get(s.fingerprint);
    if (existing) {
      remaining.delete(s.fingerprint);
      let lastSeen = existing.lastSeen;
      if (now.getTime() - lastSeen.getTime() >= LAST_SEEN_RESOLUTION_MS) {
        seenAgain.push(existing.id);
        lastSeen = now;
      }
      // Only a signal whose wording or evidence moved is written; the rest are only seen again (below).
      if (!same(existing, s)) {
        await db
          .update(t.signals)
          .set({ ...content(s), lastSeen: now })
          .where(and(scope(t.signals, orgId, initiativeId), eq(t.signals.id, existing.id)));
        lastSeen = now;
      }
      recorded.set(s.fingerprint, { id: existing.id, lastSeen, signal: s, stored: null });
    } else {
      const id = `sig_${randomBytes(8).toString("hex")}`;
      inserts.push({
        orgId,
        initiativeId,
        id,
        fingerprint: s.fingerprint,
        firstSeen: now,
        lastSeen: now,
        ...content(s),
      });
      recorded.set(s.fingerprint, { id, lastSeen: now, signal: s, stored: null });
    }
  }
  const gone = [...remaining.values()].map((o) => o.id);
  for (let i = 0; i < gone.length; i += 500) {
    await db
      .update(t.signals)
      .set({ resolvedAt: now })
      .where(and(scope(t.signals, orgId, initiativeId), inArray(t.signals.id, gone.slice(i, i + 500))));
  }
  for (let i = 0; i < seenAgain.length; i += 500) {
    await db
      .update(t.signals)
      .set({ lastSeen: now })
      .where(and(scope(t.signals, orgId, initiativeId), inArray(t.signals.id, seenAgain.slice(i, i + 500))));
  }
  for (let i = 0; i < inserts.length; i += 500) await db.insert(t.signals).values(inserts.slice(i, i + 500));
  return { opened: inserts.length, resolved: gone.length, recorded };
}

export async function listOccurrences(
  db: Database,
  orgId: string,
  initiativeId: string,
  page: { offset: number; limit: number },
): Promise<SignalOccurrence[]> {
  return db
    .select()
    .from(t.signals)
    .where(scope(t.signals, orgId, initiativeId))
    .orderBy(desc(t.signals.firstSeen), asc(t.signals.id))
    .offset(page.offset)
    .limit(page.limit);
}

export async function listSilences(
  db: Database,
  orgId: string,
  initiativeId: string,
): Promise<SignalSilence[]> {
  return silencesWhere(db, scope(t.signalSilences, orgId, initiativeId));
}

/** Silences matching `where`, each with its lift (a record of its own), oldest first. */
export async function silencesWhere(db: Database, where: SQL | undefined): Promise<SignalSilence[]> {
  const rows = await db
    .select({ silence: t.signalSilences, lift: t.signalSilenceLifts })
    .from(t.signalSilences)
    .leftJoin(
      t.signalSilenceLifts,
      and(
        eq(t.signalSilenceLifts.orgId, t.signalSilences.orgId),
        eq(t.signalSilenceLifts.initiativeId, t.signalSilences.initiativeId),
        eq(t.signalSilenceLifts.silenceId, t.signalSilences.id),
      ),
    )
    .where(where)
    .orderBy(asc(t.signalSilences.createdAt), asc(t.signalSilences.id));
  return rows.map(({ silence, lift }) => ({
    ...silence,
    liftedAt: lift?.liftedAt ?? null,
    liftedBy: lift?.liftedBy ?? null,
  }));
}

/** Writes many silences in one insert, in their order. */
export async function insertSilences(
  db: Database,
  silences: ReadonlyArray<Omit<SignalSilence, "id" | "liftedAt" | "liftedBy">>,
): Promise<SignalSilence[]> {
  if (silences.length === 0) return [];
  const ids = silences.map(() => `sil_${randomBytes(8).toString("hex")}`);
  const rows = await db
    .insert(t.signalSilences)
    .values(silences.map((silence, i) => ({ ...silence, id: ids[i]! })))
    .returning();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => ({ ...byId.get(id)!, liftedAt: null, liftedBy: null }));
}

/** Records the lift of every silence on `fingerprint` not lifted yet; returns how many. */
export async function liftSilences(
  db: Database,
  orgId: string,
  initiativeId: string,
  fingerprint: string,
  by: string,
  now: Date,
  byToken: string | null = null,
): Promise<number> {
  const open = (await listSilences(db, orgId, initiativeId)).filter(
    (s) => s.fingerprint === fingerprint && s.liftedAt === null,
  );
  if (open.length === 0) return 0;
  await db
    .insert(t.signalSilenceLifts)
    .values(
      open.map((s) => ({ orgId, initiativeId, silenceId: s.id, liftedAt: now, liftedBy: by, byToken })),
    );
  return open.length;
}

/** The open occurrence of a signal, by fingerprint, as last evaluated; null when none is open. */
export async function findOpenSignal(
  db: Database,
  orgId: string,
  initiativeId: string,
  fingerprint: string,
): Promise<SignalOccurrence | null> {
  const [row] = await db
    .select()
    .from(t.signals)
    .where(
      and(
        scope(t.signals, orgId, initiativeId),
        eq(t.signals.fingerprint, fingerprint),
        isNull(t.signals.resolvedAt),
      ),
    );
  return row ?? null;
}
