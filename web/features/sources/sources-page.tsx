// The initiative's sources and its sync history: what each source reads, and each sync that changed the
// initiative (when, what came in, and what could not be taken in and why).
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import type { SyncRecord } from "../../lib/api-types.ts";
import { useApi } from "../../lib/use-api.ts";
import { useInitiative } from "../initiative/initiative-context.ts";
import { describeSources, SOURCE_NAME, syncSummary } from "./sync-history.ts";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

function SyncEntry({ sync, title }: { sync: SyncRecord; title: (id: string) => string }) {
  const changed = [
    ["Created", sync.created],
    ["Updated", sync.updated],
    ["Removed", sync.removed],
  ] as const;
  return (
    <li className="sync">
      <p>
        <strong>{SOURCE_NAME[sync.source] ?? sync.source}</strong> ·{" "}
        <time dateTime={sync.synced_at}>{when.format(new Date(sync.synced_at))}</time>
      </p>
      <p>{syncSummary(sync)}</p>
      {changed.map(([label, ids]) =>
        ids.length > 0 ? (
          <p key={label} className="small">
            {label}: {ids.map(title).join(", ")}
          </p>
        ) : null,
      )}
      {sync.failures.length > 0 ? (
        <ul className="callout callout--bad" aria-label="Not taken in">
          {sync.failures.map((f) => (
            <li key={f.ref}>
              {f.ref}: {f.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function SourcesPage() {
  const { id, doc } = useInitiative();
  const syncs = useApi(`syncs:${id}`, (api, s) => api.syncs(id, s), { live: id });
  const sources = describeSources(doc.sources);
  // A commitment by its title where it is still there ("Dunning e-mails (gh_42)"); a removed one by its id.
  const title = (commitment: string) => {
    const named = doc.commitments?.[commitment]?.title;
    return named ? `${named} (${commitment})` : commitment;
  };
  return (
    <section className="panel" aria-labelledby="sources-heading">
      <h2 id="sources-heading">Sources</h2>
      {sources.length === 0 ? (
        <EmptyState title="No source">
          This initiative's commitments are written here, not read from Jira or GitHub. Name a source under{" "}
          <code>sources</code> in its file and run <code>plumb sync {id}</code> (see docs/connectors.md).
        </EmptyState>
      ) : (
        <ul className="sources">
          {sources.map((source) => (
            <li key={source.key}>
              <strong>{source.name}</strong>: {source.reads}
            </li>
          ))}
        </ul>
      )}
      <h3>Sync history</h3>
      <Async state={syncs} label="the sync history">
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">No sync has changed this initiative yet.</p>
          ) : (
            <ol className="syncs" aria-label="Syncs, latest first">
              {page.items.map((sync) => (
                <SyncEntry key={sync.id} sync={sync} title={title} />
              ))}
            </ol>
          )
        }
      </Async>
    </section>
  );
}
