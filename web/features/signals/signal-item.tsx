// One signal: what the engine found and why, who must act, its silence if any, and the actions on it.
import { useState } from "react";
import { SeverityTag } from "../../components/ui/tags.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Signal } from "../../lib/api-types.ts";
import { formatDate, humanize } from "../../lib/format.ts";
import { can, useUser } from "../auth/session.tsx";
import { useInitiative } from "../initiative/initiative-context.ts";
import { SilenceForm, type SilenceMode } from "./silence-form.tsx";

function SilenceNote({ signal }: { signal: Signal }) {
  const { name } = useInitiative();
  const { silence } = signal;
  if (!silence) return null;
  return (
    <p className="silence-note">
      <strong>
        {silence.mode === "acknowledged"
          ? "Acknowledged"
          : `Suppressed until ${formatDate(silence.expires_at)}`}
      </strong>{" "}
      by {name(silence.by)} on {formatDate(silence.created_at)}: “{silence.reason}”
    </p>
  );
}

export function SignalItem({
  signal,
  selected,
  onSelect,
}: {
  signal: Signal;
  /** Given with `onSelect` where signals can be silenced together: whether this one is chosen. */
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
}) {
  const { id, name, reload } = useInitiative();
  const api = useApiClient();
  const user = useUser();
  const [mode, setMode] = useState<SilenceMode | null>(null);
  const [liftError, setLiftError] = useState<string | null>(null);
  const headingId = `signal-${signal.fingerprint}`;
  const lift = () => {
    setLiftError(null);
    api.unsilence(id, signal.fingerprint).then(reload, (error: Error) => setLiftError(error.message));
  };
  return (
    <li className={`signal signal--${signal.severity} signal--${signal.status}`}>
      <article aria-labelledby={headingId}>
        <p className="signal__meta">
          {onSelect ? (
            <label className="signal__select">
              <input
                type="checkbox"
                checked={selected ?? false}
                onChange={(e) => onSelect(e.target.checked)}
              />
              <span className="visually-hidden">Select “{signal.title}”</span>
            </label>
          ) : null}
          <SeverityTag severity={signal.severity} /> <span className="kind">{humanize(signal.kind)}</span>
          {signal.status !== "open" ? <span className="badge status">{humanize(signal.status)}</span> : null}
        </p>
        <h4 id={headingId}>{signal.title}</h4>
        <details>
          <summary>Why, and the evidence ({signal.evidence.length})</summary>
          <p>{signal.explanation}</p>
          <ul className="evidence">
            {signal.evidence.map((e, i) => (
              <li key={i}>{e.text}</li>
            ))}
          </ul>
        </details>
        <p className="muted small">
          {name(signal.owner)} must act
          {signal.first_seen ? ` · first seen ${formatDate(signal.first_seen)}` : ""}
        </p>
        <SilenceNote signal={signal} />
        {mode ? (
          <SilenceForm
            initiativeId={id}
            signal={signal}
            mode={mode}
            onCancel={() => setMode(null)}
            onDone={() => {
              setMode(null);
              reload();
            }}
          />
        ) : (
          <div className="button-row">
            {signal.status === "open" && can(user, "contribute") ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setMode("acknowledge")}
                aria-describedby={headingId}
              >
                Acknowledge
              </button>
            ) : null}
            {signal.status === "open" && can(user, "plan") ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setMode("suppress")}
                aria-describedby={headingId}
              >
                Suppress
              </button>
            ) : null}
            {signal.status !== "open" && can(user, "contribute") ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={lift}
                aria-describedby={headingId}
              >
                Lift {signal.status === "acknowledged" ? "acknowledgement" : "suppression"}
              </button>
            ) : null}
          </div>
        )}
        {liftError ? (
          <p className="form-message form-message--error" role="alert">
            {liftError}
          </p>
        ) : null}
      </article>
    </li>
  );
}
