// schedule-conflict: a commitment due before what it depends on can arrive (demand before capacity).
import type { Commitment, InitiativeSnapshot, Link, Signal, SubjectRef } from "../../domain/model.ts";
import { daysBetween, type IsoDate, type Severity } from "../../domain/primitives.ts";
import { signal, type Detector } from "../detector.ts";
import { count, whoActs } from "../evidence-health.ts";
import { firstById } from "../memo.ts";
import { isOpen } from "./work-in-progress.ts";

/** A receiver left waiting two weeks or more (a whole default reporting cycle) is critical. */
export const CRITICAL_GAP_DAYS = 14;

function severityForGap(gapDays: number): Severity {
  return gapDays >= CRITICAL_GAP_DAYS ? "critical" : "warning";
}

/** The day the provider's part arrives: when it was (or is planned to be) delivered, else when it is due. */
function arrival(provider: Commitment): IsoDate | null {
  return provider.done ?? provider.due;
}

const describe = (c: Commitment) => `"${c.title}" (${c.teamId})`;

interface Parties {
  link: Link;
  provider: Commitment;
  receiver: Commitment;
  receiverDue: IsoDate;
}

/** What arrives after the receiver is due: the provider's part, or the link's own delivery. */
interface Lateness {
  date: IsoDate;
  what: string;
  subject: SubjectRef;
  identity: "provider-due" | "link-due";
}

function conflictSignal(
  snapshot: InitiativeSnapshot,
  { link, provider, receiver, receiverDue }: Parties,
  late: Lateness,
): Signal {
  const gap = daysBetween(receiverDue, late.date);
  const subject = { type: "link" as const, id: link.id };
  return signal({
    kind: "schedule-conflict",
    severity: severityForGap(gap),
    subject,
    title: `Schedule conflict: "${link.statement}"`,
    explanation:
      `${describe(receiver)} is due ${receiverDue} but depends on ${describe(provider)} through this ${link.kind}, ` +
      `and ${late.what} ${late.date}: ${count(gap, "day")} after the receiver is due. Move one of the dates, or record why it holds.`,
    evidence: [
      {
        text: `receiver ${describe(receiver)} due ${receiverDue}`,
        subject: { type: "commitment", id: receiver.id },
        value: receiverDue,
      },
      {
        text: `${late.what} ${late.date}`,
        subject: late.subject,
        value: late.date,
      },
      { text: `gap: ${count(gap, "day")}`, value: gap },
    ],
    owner: whoActs(snapshot, link.ownerId),
    identity: [late.identity],
  });
}

/** A directed link whose dates are missing cannot be checked: say so rather than pass it. */
function undatedSignal(snapshot: InitiativeSnapshot, link: Link, missing: string): Signal {
  const subject = { type: "link" as const, id: link.id };
  return signal({
    kind: "schedule-conflict",
    severity: "info",
    subject,
    title: `Schedule cannot be checked: "${link.statement}"`,
    explanation: `The ${link.kind} ${link.fromId} → ${link.toId} cannot be checked for a schedule conflict: ${missing}.`,
    evidence: [{ text: missing, subject }],
    owner: whoActs(snapshot, link.ownerId),
    identity: ["undated"],
  });
}

function linkSignals(snapshot: InitiativeSnapshot, link: Link, today: IsoDate): Signal[] {
  // An undirected link names no receiver; a delivered handoff has nothing left to wait for.
  if (!link.directed || link.state === "delivered") return [];
  const commitments = firstById(snapshot.commitments);
  const provider = commitments.get(link.fromId);
  const receiver = commitments.get(link.toId);
  if (!provider || !receiver)
    return [undatedSignal(snapshot, link, `commitment ${provider ? link.toId : link.fromId} does not exist`)];
  // A receiver already delivered is history, not a schedule.
  if (!isOpen(receiver, today)) return [];
  const providerArrives = arrival(provider);
  const receiverDue = receiver.due;
  // A delivered provider leaves nothing to wait for: a receiver with no date cannot be late for it.
  if (!receiverDue && !isOpen(provider, today)) return [];
  if (!receiverDue) return [undatedSignal(snapshot, link, `${describe(receiver)} has no due date`)];
  if (!providerArrives) return [undatedSignal(snapshot, link, `${describe(provider)} has no due date`)];
  const late: Lateness[] = [];
  if (providerArrives > receiverDue) {
    late.push({
      date: providerArrives,
      what: isOpen(provider, today)
        ? `${describe(provider)} is due`
        : `${describe(provider)} was delivered on`,
      subject: { type: "commitment", id: provider.id },
      identity: "provider-due",
    });
  }
  const carriesItsOwnDate = link.kind === "handoff" || link.kind === "dependency";
  if (carriesItsOwnDate && link.due && link.due > receiverDue) {
    late.push({
      date: link.due,
      what: `the ${link.kind} itself is due`,
      subject: { type: "link", id: link.id },
      identity: "link-due",
    });
  }
  return late.map((lateness) =>
    conflictSignal(snapshot, { link, provider, receiver, receiverDue }, lateness),
  );
}

export const scheduleConflict: Detector = {
  kinds: ["schedule-conflict"],
  reads: ["links", "commitments", "initiative"],
  detect(snapshot, { today }) {
    return snapshot.links.flatMap((link) => linkSignals(snapshot, link, today));
  },
};
