// The initiative's plan, kind by kind: every item listed, and for those the server lets plan, added and edited
// in place with the one item editor.
import { useState, type ReactNode } from "react";
import { FormMessage } from "../../components/ui/field.tsx";
import { Async } from "../../components/ui/state-views.tsx";
import type { PlanItem } from "../../lib/api-types.ts";
import { useApi } from "../../lib/use-api.ts";
import { can, useUser } from "../auth/session.tsx";
import { useInitiative } from "../initiative/initiative-context.ts";
import { ItemEditor, type Choices } from "./item-editor.tsx";
import { aKind, PLAN_KINDS, type PlanKind } from "./plan-kinds.ts";

type Lists = Record<string, PlanItem[]>;

/** Which editor is open: one per page, so that a person works on one thing at a time. */
type Open = { collection: string; itemId?: string } | null;

function KindSection({
  kind,
  items,
  mayPlan,
  open,
  setOpen,
  editor,
}: {
  kind: PlanKind;
  items: PlanItem[];
  mayPlan: boolean;
  open: Open;
  setOpen: (open: Open) => void;
  editor: (itemId?: string) => ReactNode;
}) {
  const headingId = `plan-${kind.collection}`;
  const adding = open?.collection === kind.collection && open.itemId === undefined;
  return (
    <section className="plan-kind" aria-labelledby={headingId}>
      <h2 id={headingId}>{kind.title}</h2>
      {items.length === 0 ? <p className="muted">None yet.</p> : null}
      <ul className="plan-items">
        {items.map((item) => {
          const label = kind.label(item);
          const editing = open?.collection === kind.collection && open.itemId === item.id;
          return (
            <li key={item.id} className="plan-item">
              <span className="plan-item__label">{label}</span>
              <code className="muted small">{item.id}</code>
              {mayPlan && !editing ? (
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Edit ${kind.singular}: ${label}`}
                  onClick={() => setOpen({ collection: kind.collection, itemId: item.id })}
                >
                  Edit
                </button>
              ) : null}
              {editing ? <div className="plan-item__editor">{editor(item.id)}</div> : null}
            </li>
          );
        })}
      </ul>
      {mayPlan && !adding ? (
        <button type="button" className="button" onClick={() => setOpen({ collection: kind.collection })}>
          Add {aKind(kind)}
        </button>
      ) : null}
      {adding ? editor() : null}
    </section>
  );
}

export function PlanSection() {
  const { id, reload } = useInitiative();
  const mayPlan = can(useUser(), "plan");
  const [open, setOpen] = useState<Open>(null);
  const [message, setMessage] = useState<string | null>(null);
  const state = useApi(
    `plan:${id}`,
    async (api, signal) => {
      const [people, teams, ...lists] = await Promise.all([
        api.people(signal),
        api.teams(signal),
        ...PLAN_KINDS.map((kind) => api.items(id, kind.collection, signal)),
      ]);
      const byKind: Lists = Object.fromEntries(
        PLAN_KINDS.map((kind, i) => [kind.collection, lists[i]!.items]),
      );
      return { people: people.items, teams: teams.items, lists: byKind };
    },
    { live: id },
  );
  return (
    <section className="panel" aria-labelledby="plan-heading">
      <h2 id="plan-heading" className="visually-hidden">
        Plan
      </h2>
      {mayPlan ? null : (
        <p className="muted">The plan is changed by leads and admins; you can read it here.</p>
      )}
      <FormMessage success={message} />
      <Async state={state} label="the plan">
        {({ people, teams, lists }) => {
          const choices: Choices = {
            people: people.map((p) => ({ value: p.id, label: p.name })),
            teams: teams.map((t) => ({ value: t.id, label: t.name })),
            commitments: (lists.commitments ?? []).map((c) => ({
              value: c.id,
              label: `${String(c.title ?? c.id)} (${c.id})`,
            })),
            gates: (lists.gates ?? []).map((g) => ({ value: g.id, label: String(g.name ?? g.id) })),
            metrics: (lists.metrics ?? []).map((m) => ({ value: m.id, label: m.id })),
          };
          return PLAN_KINDS.map((kind) => (
            <KindSection
              key={kind.collection}
              kind={kind}
              items={lists[kind.collection] ?? []}
              mayPlan={mayPlan}
              open={open}
              setOpen={(next) => {
                setMessage(null);
                setOpen(next);
              }}
              editor={(itemId) => (
                <ItemEditor
                  key={`${kind.collection}:${itemId ?? "(new)"}`}
                  initiativeId={id}
                  kind={kind}
                  {...(itemId ? { itemId } : {})}
                  choices={choices}
                  onCancel={() => setOpen(null)}
                  onSaved={(saved) => {
                    setOpen(null);
                    setMessage(saved);
                    state.reload();
                    reload();
                  }}
                />
              )}
            />
          ));
        }}
      </Async>
    </section>
  );
}
