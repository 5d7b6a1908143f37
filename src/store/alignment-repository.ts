// Reads the alignment index needs that other repositories lack: signal history by day, and when each initiative was first imported.
import { and, asc, eq, min } from "drizzle-orm";
import type { SignalRecord, SubjectRef } from "../domain/model.ts";
import { toIsoDate, type IsoDate, type Severity } from "../domain/primitives.ts";
import type { Database } from "./open-store.ts";
import * as t from "./schema.ts";

/** Every signal occurrence, open and resolved, of one initiative or all of an org's, grouped by initiative. */
export async function listSignalRecords(
  db: Database,
  orgId: string,
  initiativeId?: string,
): Promise<Map<string, SignalRecord[]>> {
  const rows = await db
    .select({
      initiativeId: t.signals.initiativeId,
      kind: t.signals.kind,
      severity: t.signals.severity,
      subjectType: t.signals.subjectType,
      subjectId: t.signals.subjectId,
      firstSeen: t.signals.firstSeen,
      resolvedAt: t.signals.resolvedAt,
    })
    .from(t.signals)
    .where(
      and(eq(t.signals.orgId, orgId), initiativeId ? eq(t.signals.initiativeId, initiativeId) : undefined),
    )
    .orderBy(asc(t.signals.firstSeen), asc(t.signals.id));
  const byInitiative = new Map<string, SignalRecord[]>();
  for (const row of rows) {
    const record: SignalRecord = {
      kind: row.kind,
      severity: row.severity as Severity,
      subject: { type: row.subjectType as SubjectRef["type"], id: row.subjectId },
      firstSeen: toIsoDate(row.firstSeen),
      resolvedAt: row.resolvedAt ? toIsoDate(row.resolvedAt) : null,
    };
    byInitiative.set(row.initiativeId, [...(byInitiative.get(row.initiativeId) ?? []), record]);
  }
  return byInitiative;
}

/**
 * The day each initiative was first imported, from the audit log (written on the injected clock, in the
 * same transaction as the first evaluation): the signals first seen then are the index's baseline.
 */
export async function firstImportDays(
  db: Database,
  orgId: string,
  initiativeId?: string,
): Promise<Map<string, IsoDate>> {
  const rows = await db
    .select({ id: t.auditEvents.targetId, at: min(t.auditEvents.at) })
    .from(t.auditEvents)
    .where(
      and(
        eq(t.auditEvents.orgId, orgId),
        eq(t.auditEvents.action, "initiative.import"),
        eq(t.auditEvents.targetType, "initiative"),
        initiativeId ? eq(t.auditEvents.targetId, initiativeId) : undefined,
      ),
    )
    .groupBy(t.auditEvents.targetId);
  return new Map(rows.flatMap((r) => (r.at ? [[r.id, toIsoDate(new Date(r.at))] as const] : [])));
}
