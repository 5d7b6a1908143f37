// My work: what the signed-in person must act on across the org, each item linking to where they act.
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Async } from "../../components/ui/state-views.tsx";
import { GateStateTag, SeverityTag } from "../../components/ui/tags.tsx";
import type { MyWork, SubjectRef } from "../../lib/api-types.ts";
import { formatDate, humanize } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";

const initiativeHref = (id: string, page = "") =>
  `/initiatives/${encodeURIComponent(id)}${page ? `/${page}` : ""}`;

/** The report form's subject for a subject reference: `initiative`, `team:key` or a commitment id. */
function reportSubject(subject: SubjectRef): string {
  if (subject.type === "initiative") return "initiative";
  if (subject.type === "team") return `team:${subject.id}`;
  return subject.id;
}

function WorkSection({
  id,
  title,
  empty,
  count,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title} <span className="muted small">({count})</span>
      </h2>
      {count === 0 ? <p className="muted">{empty}</p> : <ul className="work-list">{children}</ul>}
    </section>
  );
}

function Work({ work }: { work: MyWork }) {
  return (
    <div className="my-work">
      <WorkSection
        id="reports-due"
        title="Reports you owe"
        empty="No report is due from you: every subject you own was reported on within its cadence."
        count={work.reports_due.length}
      >
        {work.reports_due.map((r) => (
          <li key={`${r.initiative.id}:${r.subject.type}:${r.subject.id}`}>
            <Link
              to={`${initiativeHref(r.initiative.id)}?report=${encodeURIComponent(reportSubject(r.subject))}`}
            >
              Report on {r.name}
            </Link>
            <span className="muted small">
              {" "}
              · {r.initiative.name} · every {r.cadence_days} days · {r.overdue ? "overdue since" : "due"}{" "}
              {formatDate(r.due_on)}
            </span>
          </li>
        ))}
      </WorkSection>
      <WorkSection
        id="votes-awaiting"
        title="Gate votes awaiting you"
        empty="No gate waits for your vote."
        count={work.votes_awaiting.length}
      >
        {work.votes_awaiting.map((v) => (
          <li key={`${v.initiative.id}:${v.gate.id}:${v.role}`}>
            <Link to={initiativeHref(v.initiative.id, "gates")}>
              Vote on {v.gate.name} as {humanize(v.role)}
            </Link>{" "}
            <GateStateTag state={v.state} />
            <span className="muted small">
              {" "}
              · {v.initiative.name}
              {v.gate.date ? ` · gate on ${formatDate(v.gate.date)}` : ""}
            </span>
          </li>
        ))}
      </WorkSection>
      <WorkSection
        id="signals-mine"
        title="Signals where you must act"
        empty="No open signal names you."
        count={work.signals.length}
      >
        {work.signals.map((s) => (
          <li key={`${s.initiative.id}:${s.fingerprint}`}>
            <SeverityTag severity={s.severity} />{" "}
            <Link to={`${initiativeHref(s.initiative.id, "signals")}?mine=1`}>{s.title}</Link>
            <span className="muted small"> · {s.initiative.name}</span>
          </li>
        ))}
      </WorkSection>
      <WorkSection
        id="decisions-requested"
        title="Decisions requested of you"
        empty="No invalidated assumption waits for your decision."
        count={work.decisions_requested.length}
      >
        {work.decisions_requested.map((d) => (
          <li key={`${d.initiative.id}:${d.id}`}>
            <Link to={initiativeHref(d.initiative.id, "milestones")}>
              Decide on “{d.statement}” at {d.milestone.name}
            </Link>
            <span className="muted small">
              {" "}
              · {d.initiative.name} · waiting since {formatDate(d.opened_on)}
            </span>
          </li>
        ))}
      </WorkSection>
      <WorkSection
        id="premortems-open"
        title="Pre-mortems open to you"
        empty="No pre-mortem is collecting risks, and none you facilitate is open."
        count={work.premortems.length}
      >
        {work.premortems.map((p) => (
          <li key={`${p.initiative.id}:${p.id}`}>
            <Link to={initiativeHref(p.initiative.id, "risks")}>{p.title}</Link>
            <span className="muted small">
              {" "}
              · {p.initiative.name} · {humanize(p.state)}
              {p.facilitator ? " · you facilitate it" : ""}
            </span>
          </li>
        ))}
      </WorkSection>
      <WorkSection
        id="pulses-open"
        title="Pulses open to your teams"
        empty="No pulse is open for a team of yours."
        count={work.pulses.length}
      >
        {work.pulses.map((p) => (
          <li key={p.id}>
            <Link to="/pulses">{p.team.name}</Link>
            <span className="muted small">
              {" "}
              · opened {formatDate(p.opened_on)} · answer it through the link you were sent
            </span>
          </li>
        ))}
      </WorkSection>
    </div>
  );
}

export function MyWorkPage() {
  const work = useApi("me:work", (api, s) => api.myWork(s), { live: "*" });
  return (
    <>
      <div className="page-heading">
        <h1>My work</h1>
        <p className="muted">What waits for you across the org, each with a link to where you act.</p>
      </div>
      <Async state={work} label="your work">
        {(w) => <Work work={w} />}
      </Async>
    </>
  );
}
