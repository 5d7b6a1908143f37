// Pre-mortems: open one and hand out its share link (shown once); add risks, and, as the facilitator, move the
// session to voting, close it and promote its top items to the risk register. Kept live by the stream.
import { useState, type FormEvent } from "react";
import { InvitationHandout } from "../../components/ui/invitation-handout.tsx";
import { FormMessage, SelectField, TextArea, TextField } from "../../components/ui/field.tsx";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Level, PremortemItem, PremortemSession } from "../../lib/api-types.ts";
import { formatDate, humanize } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { useSubmit } from "../../lib/use-submit.ts";
import { can, useUser } from "../auth/session.tsx";
import { useInitiative } from "../initiative/initiative-context.ts";
import { LEVELS, LevelFields } from "./level-fields.tsx";

/** The page a participant opens: /p/{secret}, from the API's /share/premortems/{secret}. */
export function shareUrl(sharePath: string): string {
  return `${window.location.origin}/p/${sharePath.split("/").pop() ?? ""}`;
}

function OpenPremortem({ onOpened }: { onOpened: () => void }) {
  const { id } = useInitiative();
  const api = useApiClient();
  const [title, setTitle] = useState("");
  const [opened, setOpened] = useState<{ id: string; link: string; k: number } | null>(null);
  const { submit, pending, fieldErrors, formError } = useSubmit(async () => {
    const session = await api.openPremortem(id, { title });
    setOpened({ id: session.id, link: shareUrl(session.share_path), k: session.min_group_size });
  }, ["title"]);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setOpened(null);
    if (await submit()) {
      setTitle("");
      onOpened();
    }
  };
  return (
    <>
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
      </form>
      {opened ? (
        <InvitationHandout
          initialCount={opened.k}
          hint="One personal link each, good for one participation: risks and votes. Only invited people's votes make the group's tally, once at least k have voted."
          goodFor="one participation"
          issue={async (count) =>
            (await api.invitePremortem(id, opened.id, count)).invitations.map(
              (invitation) => `${opened.link}#invitation=${invitation}`,
            )
          }
        >
          <div className="share-link" role="status">
            <p>
              <strong>Share this link, or invite people.</strong> It is shown only now; anyone with it can add
              risks, with no account and no name, but votes through it never make a tally (it cannot tell
              people apart). Once someone has used it, no invitations can be issued.
            </p>
            <p>
              <a href={opened.link} className="share-link__url">
                {opened.link}
              </a>
            </p>
          </div>
        </InvitationHandout>
      ) : null}
    </>
  );
}

const RANK: Record<Level, number> = { low: 1, medium: 2, high: 3 };

/** The group's weight on an item: its votes once shown, else what its author gave. Higher is more pressing. */
function weight(item: PremortemItem): number {
  if ("voters" in item.votes) {
    const { voters, likelihood, impact } = item.votes;
    const mean = (tally: Record<Level, number>) =>
      LEVELS.reduce((sum, l) => sum + RANK[l] * (tally[l] ?? 0), 0) / Math.max(1, voters);
    return mean(likelihood) * mean(impact);
  }
  return RANK[item.likelihood] * RANK[item.impact];
}

function votesLine(item: PremortemItem): string {
  if (!("voters" in item.votes)) return `Votes ${item.votes.withheld}`;
  const { voters, likelihood, impact } = item.votes;
  const tally = (t: Record<Level, number>) => LEVELS.map((l) => `${t[l] ?? 0} ${l}`).join(", ");
  return `${voters} voted · likelihood ${tally(likelihood)} · impact ${tally(impact)}`;
}

/** A signed-in person adds a risk while the session collects: named, or anonymous (sealed, stored with no name). */
function AddItem({ session, onAdded }: { session: PremortemSession; onAdded: () => void }) {
  const { id } = useInitiative();
  const api = useApiClient();
  const [risk, setRisk] = useState("");
  const [likelihood, setLikelihood] = useState<Level>("medium");
  const [impact, setImpact] = useState<Level>("medium");
  const [anonymous, setAnonymous] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { submit, pending, fieldErrors, formError } = useSubmit(
    () => api.addPremortemItem(id, session.id, { risk, likelihood, impact, anonymous }),
    ITEM_FIELDS,
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (await submit()) {
      setDone(
        anonymous
          ? "Added anonymously: it joins the list with others, shuffled, once a few are in."
          : "Added under your name.",
      );
      setRisk("");
      onAdded();
    }
  };
  return (
    <form className="form-card" onSubmit={onSubmit} noValidate aria-label={`Add a risk to: ${session.title}`}>
      <TextArea
        label="What went wrong?"
        value={risk}
        onChange={(e) => setRisk(e.target.value)}
        required
        error={fieldErrors.risk}
      />
      <div className="form-row">
        <LevelFields
          likelihood={likelihood}
          impact={impact}
          onLikelihood={setLikelihood}
          onImpact={setImpact}
          errors={fieldErrors}
        />
      </div>
      {session.allow_anonymous ? (
        <label className="choice">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> Add
          anonymously (your name is stored nowhere)
        </label>
      ) : null}
      <FormMessage error={formError} success={done} />
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Adding…" : "Add risk"}
      </button>
    </form>
  );
}
const ITEM_FIELDS = ["risk", "likelihood", "impact"] as const;

/** The facilitator moves the session on: collecting → voting → closed. */
function Advance({ session, onMoved }: { session: PremortemSession; onMoved: () => void }) {
  const { id } = useInitiative();
  const api = useApiClient();
  const next = session.state === "collecting" ? "voting" : "closed";
  const { submit, pending, formError } = useSubmit(() => api.setPremortemState(id, session.id, next), []);
  if (session.state === "closed") return null;
  return (
    <div className="premortem-advance">
      <button
        type="button"
        className="button button--secondary"
        disabled={pending}
        onClick={async () => {
          if (await submit()) onMoved();
        }}
      >
        {next === "voting" ? "Move to voting" : "Close the pre-mortem"}
      </button>
      <span className="muted small">
        {next === "voting"
          ? " Stops new risks and releases the sealed ones; participants vote through the share link."
          : " Ends the voting; the group’s votes show where enough people voted."}
      </span>
      <FormMessage error={formError} />
    </div>
  );
}

/** The facilitator promotes an item to the risk register, naming who owns it. */
function Promote({
  session,
  item,
  onPromoted,
}: {
  session: PremortemSession;
  item: PremortemItem;
  onPromoted: () => void;
}) {
  const { id, doc } = useInitiative();
  const api = useApiClient();
  const people = doc.people ?? [];
  const [owner, setOwner] = useState(people[0]?.id ?? "");
  const { submit, pending, fieldErrors, formError } = useSubmit(
    () => api.promotePremortemItem(id, session.id, item.id, owner),
    ["owner"],
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit()) onPromoted();
  };
  return (
    <form className="vote-row" onSubmit={onSubmit} noValidate aria-label={`Promote to a risk: ${item.risk}`}>
      <SelectField
        label="Owner"
        value={owner}
        onChange={(e) => setOwner(e.target.value)}
        options={people.map((p) => ({ value: p.id, label: p.name }))}
        error={fieldErrors.owner}
      />
      <button type="submit" className="button button--secondary" disabled={pending}>
        {pending ? "Promoting…" : "Promote to a risk"}
      </button>
      <FormMessage error={formError} />
    </form>
  );
}

function Session({ session, onChanged }: { session: PremortemSession; onChanged: () => void }) {
  const { id, name, reload } = useInitiative();
  const user = useUser();
  const view = useApi(`premortem:${id}:${session.id}`, (api, s) => api.premortem(id, session.id, s), {
    live: id,
  });
  const facilitator = session.facilitator === user.person;
  const changed = () => {
    view.reload();
    onChanged();
  };
  return (
    <>
      <h3>{session.title}</h3>
      <p className="muted small">
        {humanize(session.state)} · opened {formatDate(session.opened_on)} · facilitated by{" "}
        {facilitator ? "you" : name(session.facilitator)}
      </p>
      {facilitator ? (
        <Advance session={session} onMoved={changed} />
      ) : session.state === "voting" ? (
        <p className="small">Participants vote now, anonymously, through the pre-mortem’s share link.</p>
      ) : null}
      <Async state={view} label="the risks raised">
        {({ items }) => {
          const shown = items.filter((i) => !i.merged_into).sort((a, b) => weight(b) - weight(a));
          return shown.length === 0 ? (
            <p className="muted">No risks raised yet.</p>
          ) : (
            <ul className="premortem-items" aria-label={`Risks raised in: ${session.title}`}>
              {shown.map((item) => (
                <li key={item.id}>
                  {item.risk}{" "}
                  <span className="muted small">
                    {humanize(item.likelihood)} likelihood, {humanize(item.impact)} impact ·{" "}
                    {item.raised_by ? name(item.raised_by) : "Anonymous"} · {formatDate(item.submitted_on)}
                  </span>
                  {session.state === "closed" ? <p className="muted small">{votesLine(item)}</p> : null}
                  {item.promoted_risk ? (
                    <p className="small">
                      <strong>In the register</strong> as {item.promoted_risk}.
                    </p>
                  ) : facilitator && session.state === "closed" ? (
                    <Promote
                      session={session}
                      item={item}
                      onPromoted={() => {
                        changed();
                        reload();
                      }}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          );
        }}
      </Async>
      {session.state === "collecting" && can(user, "contribute") ? (
        <AddItem session={session} onAdded={view.reload} />
      ) : null}
    </>
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
                    <Session session={session} onChanged={sessions.reload} />
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
