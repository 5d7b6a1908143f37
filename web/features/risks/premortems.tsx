// Pre-mortems: open one and hand out its share link (shown once), and read what has come in.
import { useState, type FormEvent } from "react";
import { FormMessage, TextField } from "../../components/ui/field.tsx";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import type { PremortemSession } from "../../lib/api-types.ts";
import { formatDate, humanize } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { useSubmit } from "../../lib/use-submit.ts";
import { can, useUser } from "../auth/session.tsx";
import { useInitiative } from "../initiative/initiative-context.ts";

/** The page a participant opens: /p/{secret}, from the API's /share/premortems/{secret}. */
export function shareUrl(sharePath: string): string {
  return `${window.location.origin}/p/${sharePath.split("/").pop() ?? ""}`;
}

function OpenPremortem({ onOpened }: { onOpened: () => void }) {
  const { id } = useInitiative();
  const api = useApiClient();
  const [title, setTitle] = useState("");
  const [link, setLink] = useState<string | null>(null);
  const { submit, pending, fieldErrors, formError } = useSubmit(async () => {
    const opened = await api.openPremortem(id, { title });
    setLink(shareUrl(opened.share_path));
  }, ["title"]);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setLink(null);
    if (await submit()) {
      setTitle("");
      onOpened();
    }
  };
  return (
    <form className="form-card" onSubmit={onSubmit} noValidate aria-labelledby="open-premortem-heading">
      <h3 id="open-premortem-heading">Open a pre-mortem</h3>
      <TextField
        label="Question"
        hint="Imagine it failed. What went wrong?"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        error={fieldErrors.title}
      />
      <FormMessage error={formError} />
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Opening…" : "Open pre-mortem"}
      </button>
      {link ? (
        <div className="share-link" role="status">
          <p>
            <strong>Share this link.</strong> It is shown only now; anyone with it can add risks, with no
            account and no name.
          </p>
          <p>
            <a href={link} className="share-link__url">
              {link}
            </a>
          </p>
        </div>
      ) : null}
    </form>
  );
}

function SessionItems({ session }: { session: PremortemSession }) {
  const { id } = useInitiative();
  const view = useApi(`premortem:${id}:${session.id}`, (api, s) => api.premortem(id, session.id, s), {
    live: id,
  });
  return (
    <Async state={view} label="the risks raised">
      {({ items }) =>
        items.length === 0 ? (
          <p className="muted">No risks raised yet.</p>
        ) : (
          <ul className="premortem-items">
            {items
              .filter((i) => !i.merged_into)
              .map((item) => (
                <li key={item.id}>
                  {item.risk}{" "}
                  <span className="muted small">
                    {humanize(item.likelihood)} likelihood, {humanize(item.impact)} impact ·{" "}
                    {item.raised_by ?? "Anonymous"} · {formatDate(item.submitted_on)}
                  </span>
                </li>
              ))}
          </ul>
        )
      }
    </Async>
  );
}

export function Premortems() {
  const { id } = useInitiative();
  const user = useUser();
  const sessions = useApi(`premortems:${id}`, (api, s) => api.premortems(id, s), { live: id });
  return (
    <section className="panel" aria-labelledby="premortems-heading">
      <h2 id="premortems-heading">Pre-mortems</h2>
      <div className="two-column">
        <Async state={sessions} label="pre-mortems">
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState title="No pre-mortems yet">
                Open one and share its link: people add risks anonymously.
              </EmptyState>
            ) : (
              <ul className="premortems">
                {page.items.map((session) => (
                  <li key={session.id}>
                    <h3>{session.title}</h3>
                    <p className="muted small">
                      {humanize(session.state)} · opened {formatDate(session.opened_on)}
                    </p>
                    <SessionItems session={session} />
                  </li>
                ))}
              </ul>
            )
          }
        </Async>
        {can(user, "plan") ? <OpenPremortem onOpened={sessions.reload} /> : null}
      </div>
    </section>
  );
}
