// One person's work across the org, from what is stored: the open signals they must act on (as the evaluator
// last stored them; nothing is evaluated here), the reports they owe at each initiative's cadence (the one
// rule reminders also read, engine/detectors/stale-status.ts), the gate votes still awaited from them, the
// decisions requested of them, and the pre-mortems and pulses open to them.
import { gateStatus } from "../../domain/gate.ts";
import type { InitiativeSnapshot, SubjectRef } from "../../domain/model.ts";
import type { IsoDate, Severity } from "../../domain/primitives.ts";
import { isDue, isOverdue, reportSchedule } from "../../engine/detectors/stale-status.ts";
import { evaluationContext } from "../../engine/evaluate.ts";
import { decisionRequests } from "../../readings/decision-requests.ts";
import { listInitiatives, loadInitiative } from "../../store/initiative-repository.ts";
import { findPerson, findTeam } from "../../store/org-repository.ts";
import { listSessions } from "../../store/premortem-repository.ts";
import { listSurveys } from "../../store/pulse-repository.ts";
import { listSilences, openOccurrences } from "../../store/signal-repository.ts";
import { signalViews } from "../list-signals.ts";
import type { Services } from "../services.ts";

interface InitiativeRef {
  id: string;
  name: string;
}

export interface MyWork {
  person: { id: string; name: string };
  /** Open, unsilenced signals that name this person as the one who must act. */
  signals: Array<{
    initiative: InitiativeRef;
    fingerprint: string;
    kind: string;
    severity: Severity;
    title: string;
    subject: SubjectRef;
    firstSeen: Date | null;
  }>;
  /** Reports this person owes: due today or before at the initiative's cadence. */
  reportsDue: Array<{
    initiative: InitiativeRef;
    subject: SubjectRef;
    name: string;
    cadenceDays: number;
    since: IsoDate;
    dueOn: IsoDate;
    overdue: boolean;
  }>;
  /** Gates where this person holds an authority whose vote is not in. */
  votesAwaiting: Array<{
    initiative: InitiativeRef;
    gate: { id: string; name: string; date: string | null };
    role: string;
    state: "pending" | "held" | "go";
  }>;
  /** Open decision requests (invalidated assumptions no decision answers) on initiatives this person owns. */
  decisionsRequested: Array<{
    initiative: InitiativeRef;
    id: string;
    milestone: { id: string; name: string };
    statement: string;
    openedOn: IsoDate;
    daysOpen: number | null;
    killCriteria: string | null;
  }>;
  /** Pre-mortems still collecting (anyone may add a risk), and those this person facilitates until closed. */
  premortems: Array<{
    initiative: InitiativeRef;
    id: string;
    title: string;
    state: "collecting" | "voting";
    facilitator: boolean;
    openedOn: string;
  }>;
  /** Open pulses of the teams this person belongs to or leads (answered through the link the team was sent). */
  pulses: Array<{ id: string; team: { id: string; name: string }; openedOn: string }>;
}

const PAGE = 100;

async function* initiativesOf(services: Services, orgId: string): AsyncGenerator<InitiativeSnapshot> {
  for (let after: string | undefined; ;) {
    const page = await listInitiatives(services.store.db, orgId, {
      ...(after ? { after } : {}),
      limit: PAGE,
    });
    if (page.length === 0) return;
    after = page[page.length - 1]!.id;
    for (const initiative of page) {
      const snapshot = await loadInitiative(services.store.db, orgId, initiative.id);
      if (snapshot) yield snapshot;
    }
  }
}

export async function readMyWork(services: Services, orgId: string, personId: string): Promise<MyWork> {
  const db = services.store.db;
  const now = services.clock();
  const person = await findPerson(db, orgId, personId);
  const work: MyWork = {
    person: { id: personId, name: person?.name ?? personId },
    signals: [],
    reportsDue: [],
    votesAwaiting: [],
    decisionsRequested: [],
    premortems: [],
    pulses: [],
  };
  for await (const snapshot of initiativesOf(services, orgId)) {
    const initiative = { id: snapshot.initiative.id, name: snapshot.initiative.name };

    const [occurrences, silences, sessions] = await Promise.all([
      openOccurrences(db, orgId, initiative.id),
      listSilences(db, orgId, initiative.id),
      listSessions(db, orgId, initiative.id),
    ]);
    for (const s of signalViews(occurrences, silences, now)) {
      if (s.owner !== personId || s.status !== "open") continue;
      work.signals.push({
        initiative,
        fingerprint: s.fingerprint,
        kind: s.kind,
        severity: s.severity,
        title: s.title,
        subject: s.subject,
        firstSeen: s.firstSeen,
      });
    }

    const context = evaluationContext(snapshot, { clock: services.clock, checks: services.checks });
    for (const due of reportSchedule(snapshot, context).filter(isDue)) {
      if (due.watched.owner !== personId) continue;
      work.reportsDue.push({
        initiative,
        subject: due.watched.ref,
        name: due.watched.name,
        cadenceDays: due.cadence,
        since: due.since,
        dueOn: due.dueOn,
        overdue: isOverdue(due),
      });
    }

    for (const gate of snapshot.gates) {
      const status = gateStatus(gate, snapshot.milestones);
      for (const authority of gate.authorities) {
        if (authority.personId !== personId || !status.pending.includes(authority.role)) continue;
        work.votesAwaiting.push({
          initiative,
          gate: { id: gate.id, name: gate.name, date: gate.date },
          role: authority.role,
          state: status.state,
        });
      }
    }

    if (snapshot.initiative.ownerId === personId) {
      for (const request of decisionRequests(snapshot, context.today)) {
        if (request.state !== "open") continue;
        work.decisionsRequested.push({
          initiative,
          id: request.id,
          milestone: { id: request.milestoneId, name: request.milestoneName },
          statement: request.statement,
          openedOn: request.openedOn,
          daysOpen: request.daysOpen,
          killCriteria: request.killCriteria,
        });
      }
    }

    for (const session of sessions) {
      const facilitator = session.facilitatorId === personId;
      if (session.state === "closed" || (session.state === "voting" && !facilitator)) continue;
      work.premortems.push({
        initiative,
        id: session.id,
        title: session.title,
        state: session.state,
        facilitator,
        openedOn: session.openedOn,
      });
    }
  }

  for (const survey of await listSurveys(db, orgId)) {
    if (survey.closedOn !== null) continue;
    const team = await findTeam(db, orgId, survey.teamId);
    if (!team || (team.leadId !== personId && !team.members.includes(personId))) continue;
    work.pulses.push({ id: survey.id, team: { id: team.id, name: team.name }, openedOn: survey.openedOn });
  }
  return work;
}
