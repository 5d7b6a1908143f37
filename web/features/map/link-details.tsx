// The details of one link: its check, the values the check reads, its owner, and the engine's findings.
import { useEffect, useRef } from "react";
import { SeverityTag } from "../../components/ui/tags.tsx";
import { formatDate, humanize } from "../../lib/format.ts";
import { useInitiative } from "../initiative/initiative-context.ts";
import { STATUS_LABEL, type LinkView } from "./link-views.ts";

export function LinkDetails({ view, onClose }: { view: LinkView; onClose: () => void }) {
  const { doc, name } = useInitiative();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [view.link.id]);
  const side = (commitmentId: string) => {
    const commitment = doc.commitments?.[commitmentId];
    const team = commitment ? doc.teams?.[commitment.team]?.name : undefined;
    return commitment ? `${commitment.title} (${team ?? commitment.team})` : commitmentId;
  };
  const { link } = view;
  return (
    <aside className="link-details" aria-labelledby="link-details-heading">
      <div className="link-details__top">
        <p className="eyebrow">{humanize(link.kind)}</p>
        <button type="button" className="button button--small button--secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <h3 id="link-details-heading" ref={heading} tabIndex={-1}>
        {link.statement}
      </h3>
      <dl className="facts">
        <dt>{view.directed ? "From → to" : "Between"}</dt>
        <dd>
          {side(view.from)} {view.directed ? "→" : "↔"} {side(view.to)}
        </dd>
        <dt>Owner</dt>
        <dd className={view.unowned ? "flag flag--bad" : undefined}>
          {view.unowned
            ? link.owner
              ? `${name(link.owner)}, who has left: unowned`
              : "Nobody: unowned"
            : name(link.owner)}
        </dd>
        <dt>Check</dt>
        <dd>
          {link.check ? (
            <code>{link.check}</code>
          ) : (
            <span className="muted">No check: nothing verifies it</span>
          )}
        </dd>
        <dt>Status</dt>
        <dd className={`flag flag--${view.status}`}>{STATUS_LABEL[view.status]}</dd>
        {link.due ? (
          <>
            <dt>Due</dt>
            <dd>{formatDate(link.due)}</dd>
          </>
        ) : null}
        {link.state ? (
          <>
            <dt>State</dt>
            <dd>{humanize(link.state)}</dd>
          </>
        ) : null}
      </dl>
      {view.values.length > 0 ? (
        <table className="values">
          <caption>Values the check reads</caption>
          <thead>
            <tr>
              <th scope="col">Reads</th>
              <th scope="col">Value now</th>
            </tr>
          </thead>
          <tbody>
            {view.values.map(({ ref, value }) => (
              <tr key={ref}>
                <td>
                  <code>{ref}</code>
                </td>
                <td className={value === "missing" ? "flag flag--unverifiable" : undefined}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {view.signals.length > 0 ? (
        <section aria-labelledby="link-signals-heading">
          <h4 id="link-signals-heading">What the engine found</h4>
          <ul className="link-signals">
            {view.signals.map((signal) => (
              <li key={signal.fingerprint}>
                <SeverityTag severity={signal.severity} /> <strong>{signal.title}</strong>
                <p>{signal.explanation}</p>
                <p className="muted small">{name(signal.owner)} must act.</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </aside>
  );
}
