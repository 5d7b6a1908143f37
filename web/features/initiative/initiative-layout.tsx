// An initiative's page: its header (reported beside evidence health) and the sections, each at its own address.
import { useMemo } from "react";
import { NavLink, Outlet, useParams } from "react-router";
import { HealthBadge } from "../../components/ui/health-badge.tsx";
import { Async } from "../../components/ui/state-views.tsx";
import { formatDate, peopleOf } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { InitiativeContext, type InitiativeData } from "./initiative-context.ts";

const SECTIONS = [
  ["", "Overview"],
  ["plan", "Plan"],
  ["map", "Map"],
  ["thermocline", "Thermocline"],
  ["milestones", "Milestones & decisions"],
  ["gates", "Gates"],
  ["risks", "Risks"],
  ["requirements", "Requirements"],
  ["signals", "Signals"],
  ["reviews", "Reviews"],
  ["sources", "Sources"],
] as const;

export function InitiativeLayout() {
  const id = useParams().id ?? "";
  const state = useApi(
    `initiative:${id}`,
    async (api, signal) => {
      const [doc, signals, health] = await Promise.all([
        api.initiative(id, signal),
        api.signals(id, signal),
        api.health(id, signal),
      ]);
      return { doc, signals, health };
    },
    { live: id },
  );
  const value = useMemo<InitiativeData | undefined>(
    () => state.data && { id, ...state.data, name: peopleOf(state.data.doc), reload: state.reload },
    [id, state.data, state.reload],
  );
  return (
    <Async state={state} label="the initiative">
      {() => (value ? <InitiativeView value={value} /> : null)}
    </Async>
  );
}

function InitiativeView({ value }: { value: InitiativeData }) {
  const { doc, health, signals, name } = value;
  const overall = health.items.find((item) => item.subject.type === "initiative");
  const open = signals.signals.filter((s) => s.status === "open").length;
  return (
    <InitiativeContext.Provider value={value}>
      <div className="page-heading initiative-heading">
        <h1>{doc.initiative}</h1>
        <p className="muted">
          Owner {name(doc.owner)} · as of {formatDate(doc.as_of)} · {open} open signal{open === 1 ? "" : "s"}
        </p>
        <div className="health-inline">
          <HealthBadge health={overall?.reported?.health} prefix="Reported:" />
          <HealthBadge health={overall?.evidence.health} prefix="Evidence:" />
        </div>
        {doc.summary ? <p className="summary">{doc.summary}</p> : null}
      </div>
      <nav className="tabs" aria-label="Initiative sections">
        <ul>
          {SECTIONS.map(([path, label]) => (
            <li key={path}>
              <NavLink to={`/initiatives/${value.id}${path ? `/${path}` : ""}`} end={path === ""}>
                {label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </InitiativeContext.Provider>
  );
}
