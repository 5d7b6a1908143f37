// Personal single-use invitations for a ritual, issued while its share link is known (only on the page that
// opened it: the server keeps a hash). Each link is shown once; nothing records which went to whom.
import { useState, type FormEvent, type ReactNode } from "react";
import { useSubmit } from "../../lib/use-submit.ts";
import { FormMessage, TextField } from "./field.tsx";

export function InvitationHandout({
  initialCount,
  hint,
  goodFor,
  issue,
  onIssued,
  children,
}: {
  initialCount: number;
  /** What an invitation is for, under the field. */
  hint: string;
  /** What one link is good for ("one answer"). */
  goodFor: string;
  /** Issues `count` invitations and gives the link for each. */
  issue: (count: number) => Promise<string[]>;
  onIssued?: () => void;
  /** Shown until invitations are issued: the open link, and what it cannot do. */
  children?: ReactNode;
}) {
  const [count, setCount] = useState(String(initialCount));
  const [links, setLinks] = useState<string[]>([]);
  const { submit, pending, fieldErrors, formError } = useSubmit(async () => {
    setLinks(await issue(Number(count)));
  }, ["count"]);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setLinks([]);
    if (await submit()) onIssued?.();
  };
  return (
    <div className="pulse-handout">
      <form className="form-card" onSubmit={onSubmit} noValidate aria-label="Issue invitations">
        <TextField
          label="People to invite"
          hint={hint}
          type="number"
          inputMode="numeric"
          value={count}
          onChange={(e) => setCount(e.target.value)}
          error={fieldErrors.count}
        />
        <FormMessage error={formError} />
        <button type="submit" className="button button--secondary" disabled={pending}>
          {pending ? "Issuing…" : "Issue invitations"}
        </button>
      </form>
      {links.length > 0 ? (
        <div className="share-link" role="status">
          <p>
            <strong>Hand one link to each person.</strong> They are shown only now; each is good for {goodFor}
            , and nothing records which link went to whom.
          </p>
          <ol className="invitation-links" aria-label="Invitation links">
            {links.map((link) => (
              <li key={link}>
                <a href={link}>{link}</a>
              </li>
            ))}
          </ol>
        </div>
      ) : (
        children
      )}
    </div>
  );
}
