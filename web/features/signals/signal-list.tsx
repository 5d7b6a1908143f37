// The signal list: every current signal, most severe first, filtered by status, with acknowledge and suppress.
import { useState } from "react";
import { SelectField } from "../../components/ui/field.tsx";
import { EmptyState } from "../../components/ui/state-views.tsx";
import type { Severity, SignalStatus } from "../../lib/api-types.ts";
import { formatDate, SEVERITY_LABEL } from "../../lib/format.ts";
import { useInitiative } from "../initiative/initiative-context.ts";
import { SignalItem } from "./signal-item.tsx";

type Filter = SignalStatus | "all";
const SEVERITIES: readonly Severity[] = ["critical", "warning", "info"];
const FILTERS: ReadonlyArray<{ value: Filter; label: string }> = [
  { value: "open", label: "Open" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "suppressed", label: "Suppressed" },
  { value: "all", label: "All" },
];

export function SignalList() {
  const { signals } = useInitiative();
  const [filter, setFilter] = useState<Filter>("open");
  const shown = signals.signals.filter((s) => filter === "all" || s.status === filter);
  const count = (status: SignalStatus) => signals.signals.filter((s) => s.status === status).length;
  return (
    <section className="panel" aria-labelledby="signals-heading">
      <div className="panel__heading">
        <h2 id="signals-heading">Signals</h2>
        <p className="muted">
          As of {formatDate(signals.as_of)}: {count("open")} open, {count("acknowledged")} acknowledged,{" "}
          {count("suppressed")} suppressed.
        </p>
        <SelectField
          label="Show"
          value={filter}
          onChange={(e) => setFilter(e.target.value as Filter)}
          options={FILTERS}
        />
      </div>
      {shown.length === 0 ? (
        <EmptyState title={filter === "open" ? "No open signals" : "Nothing here"}>
          {filter === "open"
            ? "The evidence and the reports agree, and every link has an owner and a passing check."
            : null}
        </EmptyState>
      ) : (
        SEVERITIES.map((severity) => {
          const group = shown.filter((s) => s.severity === severity);
          return group.length === 0 ? null : (
            <section key={severity} className="signal-group" aria-labelledby={`severity-${severity}`}>
              <h3 id={`severity-${severity}`}>
                {SEVERITY_LABEL[severity]} <span className="muted">({group.length})</span>
              </h3>
              <ul className="signals">
                {group.map((signal) => (
                  <SignalItem key={signal.fingerprint} signal={signal} />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </section>
  );
}
