// The signal list: every current signal, most severe first, grouped by cause, filtered and searched through
// the page's address, with signals silenced one by one or together.
import { useState } from "react";
import { useSearchParams } from "react-router";
import { FormMessage, SelectField, TextField } from "../../components/ui/field.tsx";
import { EmptyState } from "../../components/ui/state-views.tsx";
import type { Severity, Signal, SignalStatus } from "../../lib/api-types.ts";
import { formatDate, humanize, SEVERITY_LABEL } from "../../lib/format.ts";
import { can, useUser } from "../auth/session.tsx";
import { useInitiative } from "../initiative/initiative-context.ts";
import { BulkSilenceForm } from "./bulk-silence-form.tsx";
import { SignalCause, type Selection } from "./signal-cause.tsx";
import { SignalItem } from "./signal-item.tsx";
import type { SilenceMode } from "./silence-form.tsx";
import {
  distinct,
  filtersFrom,
  groupByCause,
  matchesFilters,
  paramsFrom,
  subjectKey,
  subjectLabel,
  type SignalFilters,
} from "./signal-triage.ts";

const SEVERITIES: readonly Severity[] = ["critical", "warning", "info"];
const STATUS_OPTIONS = [
  { value: "open", label: "Open" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "suppressed", label: "Suppressed" },
  { value: "all", label: "All" },
];
const SEVERITY_OPTIONS = [
  { value: "", label: "Any severity" },
  { value: "warning", label: "Warning or critical" },
  { value: "critical", label: "Critical only" },
];

const isSelectable = (signal: Signal) => signal.status === "open";

export function SignalList() {
  const { id, doc, signals, name, reload } = useInitiative();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const setFilters = (change: Partial<SignalFilters>) =>
    setParams(paramsFrom({ ...filters, ...change }), { replace: true });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [mode, setMode] = useState<SilenceMode | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const all = signals.signals;
  const shown = all.filter((s) => matchesFilters(s, filters, user.person));
  const groups = groupByCause(shown);
  // Only what is shown and still open can be chosen: a filter change or a live update never silences unseen.
  const chosen = shown.filter((s) => selected.has(s.fingerprint) && isSelectable(s));
  const mayAct = can(user, "contribute");
  const select = (fingerprints: readonly string[], on: boolean) => {
    setDone(null);
    setSelected((current) => {
      const next = new Set(current);
      for (const fingerprint of fingerprints) {
        if (on) next.add(fingerprint);
        else next.delete(fingerprint);
      }
      return next;
    });
  };
  const selection: Selection | null = mayAct
    ? {
        isSelected: (s: Signal) => selected.has(s.fingerprint),
        onSelect: (s: readonly Signal[], on: boolean) =>
          select(
            s.filter(isSelectable).map((x) => x.fingerprint),
            on,
          ),
      }
    : null;
  const count = (status: SignalStatus) => all.filter((s) => s.status === status).length;
  const subjects = distinct(
    all.map((s) => s.subject),
    subjectKey,
  ).map((subject) => ({
    value: subjectKey(subject),
    label: `${humanize(subject.type)}: ${subjectLabel(doc, subject, name)}`,
  }));
  const owners = distinct(all.map((s) => s.owner).filter(Boolean), (owner) => owner).map((owner) => ({
    value: owner,
    label: name(owner),
  }));
  const kinds = distinct(
    all.map((s) => s.kind),
    (kind) => kind,
  ).sort();
  const filtered = paramsFrom({ ...filters, status: "open" }).toString() !== "";
  const openShown = shown.filter(isSelectable);

  return (
    <section className="panel" aria-labelledby="signals-heading">
      <div className="panel__heading">
        <h2 id="signals-heading">Signals</h2>
        <p className="muted">
          As of {formatDate(signals.as_of)}: {count("open")} open, {count("acknowledged")} acknowledged,{" "}
          {count("suppressed")} suppressed.
        </p>
      </div>
      <form
        className="signal-filters"
        role="search"
        aria-label="Filter signals"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="form-row">
          <TextField
            label="Search"
            type="search"
            hint="Words in the title or the explanation."
            value={filters.q}
            onChange={(e) => setFilters({ q: e.target.value })}
          />
          <SelectField
            label="Show"
            value={filters.status}
            onChange={(e) => setFilters({ status: e.target.value as SignalFilters["status"] })}
            options={STATUS_OPTIONS}
          />
          <SelectField
            label="Kind"
            value={filters.kind}
            onChange={(e) => setFilters({ kind: e.target.value })}
            options={[
              { value: "", label: "Every kind" },
              ...kinds.map((k) => ({ value: k, label: humanize(k) })),
            ]}
          />
          <SelectField
            label="Severity"
            value={filters.severity}
            onChange={(e) => setFilters({ severity: e.target.value as SignalFilters["severity"] })}
            options={SEVERITY_OPTIONS}
          />
          <SelectField
            label="Who must act"
            value={filters.mine ? user.person : filters.owner}
            disabled={filters.mine}
            onChange={(e) => setFilters({ owner: e.target.value })}
            options={[
              { value: "", label: "Anyone" },
              ...(filters.mine && !owners.some((o) => o.value === user.person)
                ? [{ value: user.person, label: user.name }]
                : []),
              ...owners,
              { value: "none", label: "Nobody named" },
            ]}
          />
          <SelectField
            label="Subject"
            value={filters.subject}
            onChange={(e) => setFilters({ subject: e.target.value })}
            options={[{ value: "", label: "Every subject" }, ...subjects]}
          />
        </div>
        <div className="button-row signal-filters__row">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={filters.mine}
              onChange={(e) => setFilters({ mine: e.target.checked })}
            />
            Mine: only what I must act on
          </label>
          {filtered ? (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() =>
                setParams(paramsFrom({ ...filtersFrom(new URLSearchParams()), status: filters.status }))
              }
            >
              Clear filters
            </button>
          ) : null}
        </div>
      </form>
      <p className="muted small" role="status" aria-live="polite">
        {shown.length === all.length
          ? `${all.length} signals`
          : `Showing ${shown.length} of ${all.length} signals`}
        {groups.length < shown.length
          ? `, in ${groups.length} group${groups.length === 1 ? "" : "s"} by cause`
          : ""}
        .
      </p>
      {selection && openShown.length > 0 ? (
        <div className="bulk-bar" aria-label="Selected signals" role="group">
          <p className="bulk-bar__count">
            <strong>{chosen.length}</strong> selected
          </p>
          {mode === null ? (
            <div className="button-row">
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() =>
                  select(
                    openShown.map((s) => s.fingerprint),
                    chosen.length < openShown.length,
                  )
                }
              >
                {chosen.length < openShown.length
                  ? `Select all ${openShown.length} open shown`
                  : "Clear selection"}
              </button>
              <button
                type="button"
                className="button button--primary button--small"
                disabled={chosen.length === 0}
                onClick={() => setMode("acknowledge")}
              >
                Acknowledge selected
              </button>
              {can(user, "plan") ? (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={chosen.length === 0}
                  onClick={() => setMode("suppress")}
                >
                  Suppress selected
                </button>
              ) : null}
            </div>
          ) : (
            <BulkSilenceForm
              initiativeId={id}
              chosen={chosen}
              mode={mode}
              name={name}
              onCancel={() => setMode(null)}
              onDone={(n) => {
                setDone(
                  `${mode === "acknowledge" ? "Acknowledged" : "Suppressed"} ${n} signal${n === 1 ? "" : "s"}.`,
                );
                setMode(null);
                setSelected(new Set());
                reload();
              }}
            />
          )}
        </div>
      ) : null}
      <FormMessage success={done} />
      {shown.length === 0 ? (
        <EmptyState
          title={
            filtered
              ? "No signals match these filters"
              : filters.status === "open"
                ? "No open signals"
                : "Nothing here"
          }
        >
          {filtered
            ? "Clear a filter or the search to see more."
            : filters.status === "open"
              ? "The evidence and the reports agree, and every link has an owner and a passing check."
              : null}
        </EmptyState>
      ) : (
        SEVERITIES.map((severity) => {
          const section = groups.filter((g) => g.severity === severity);
          const n = section.reduce((sum, g) => sum + g.signals.length, 0);
          return section.length === 0 ? null : (
            <section key={severity} className="signal-group" aria-labelledby={`severity-${severity}`}>
              <h3 id={`severity-${severity}`}>
                {SEVERITY_LABEL[severity]} <span className="muted">({n})</span>
              </h3>
              <ul className="signals">
                {section.map((group) =>
                  group.signals.length === 1 ? (
                    <SignalItem
                      key={group.key}
                      signal={group.signals[0]!}
                      {...(selection && isSelectable(group.signals[0]!)
                        ? {
                            selected: selection.isSelected(group.signals[0]!),
                            onSelect: (on: boolean) => selection.onSelect(group.signals, on),
                          }
                        : {})}
                    />
                  ) : (
                    <SignalCause
                      key={group.key}
                      group={group}
                      label={subjectLabel(doc, group.subject, name)}
                      selection={selection}
                      isSelectable={isSelectable}
                    />
                  ),
                )}
              </ul>
            </section>
          );
        })
      )}
    </section>
  );
}
