// Signals that share a cause, as one item: how many, who must act, and the members when expanded.
import { useState } from "react";
import { SeverityTag } from "../../components/ui/tags.tsx";
import type { Signal } from "../../lib/api-types.ts";
import { humanize } from "../../lib/format.ts";
import { useInitiative } from "../initiative/initiative-context.ts";
import { SignalItem } from "./signal-item.tsx";
import type { SignalGroup } from "./signal-triage.ts";

export interface Selection {
  isSelected: (signal: Signal) => boolean;
  onSelect: (signals: readonly Signal[], selected: boolean) => void;
}

export function SignalCause({
  group,
  label,
  selection,
  isSelectable,
}: {
  group: SignalGroup;
  /** The subject in words. */
  label: string;
  selection: Selection | null;
  isSelectable: (signal: Signal) => boolean;
}) {
  const { name } = useInitiative();
  const [expanded, setExpanded] = useState(false);
  const { signals } = group;
  const headingId = `cause-${group.key.replace(/[^\w-]/g, "-")}`;
  const membersId = `${headingId}-members`;
  const titles = new Set(signals.map((s) => s.title));
  const title = titles.size === 1 ? signals[0]!.title : `${humanize(group.kind)}: ${label}`;
  const owners = [...new Set(signals.map((s) => s.owner).filter(Boolean))].map((o) => name(o));
  const open = signals.filter((s) => s.status === "open").length;
  const selectable = signals.filter(isSelectable);
  const selectedCount = selection ? selectable.filter(selection.isSelected).length : 0;
  return (
    <li
      className={`signal signal-cause signal--${group.severity}${open === 0 ? " signal--acknowledged" : ""}`}
    >
      <article aria-labelledby={headingId}>
        <p className="signal__meta">
          {selection && selectable.length > 0 ? (
            <label className="signal__select">
              <input
                type="checkbox"
                checked={selectedCount === selectable.length}
                ref={(input) => {
                  if (input) input.indeterminate = selectedCount > 0 && selectedCount < selectable.length;
                }}
                onChange={(e) => selection.onSelect(selectable, e.target.checked)}
              />
              <span className="visually-hidden">Select the whole group “{title}”</span>
            </label>
          ) : null}
          <SeverityTag severity={group.severity} /> <span className="kind">{humanize(group.kind)}</span>
          <span className="badge">{signals.length} signals</span>
        </p>
        <h4 id={headingId}>{title}</h4>
        <p className="muted small">
          Same kind, same subject ({label}) · {owners.length > 0 ? owners.join(", ") : "Nobody"} must act ·{" "}
          {open} open
          {selectedCount > 0 ? ` · ${selectedCount} selected` : ""}
        </p>
        <button
          type="button"
          className="link-button"
          aria-expanded={expanded}
          aria-controls={membersId}
          onClick={() => setExpanded((e) => !e)}
        >
          {expanded ? `Hide the ${signals.length} signals` : `Show the ${signals.length} signals`}
        </button>
        <ul className="signals signal-cause__members" id={membersId} hidden={!expanded}>
          {signals.map((signal) => (
            <SignalItem
              key={signal.fingerprint}
              signal={signal}
              {...(selection && isSelectable(signal)
                ? {
                    selected: selection.isSelected(signal),
                    onSelect: (on: boolean) => selection.onSelect([signal], on),
                  }
                : {})}
            />
          ))}
        </ul>
      </article>
    </li>
  );
}
