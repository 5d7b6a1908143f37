// Go or No-Go, for the holder of a role on a gate: a No-Go needs a reason, and holds the gate.
import { useState, type FormEvent } from "react";
import { FormMessage, SelectField, TextArea } from "../../components/ui/field.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import { humanize } from "../../lib/format.ts";
import { useSubmit } from "../../lib/use-submit.ts";

const FIELDS = ["vote", "reason", "role"] as const;

export function VoteForm({
  initiativeId,
  gateId,
  roles,
  onVoted,
}: {
  initiativeId: string;
  gateId: string;
  roles: string[];
  onVoted: () => void;
}) {
  const api = useApiClient();
  const [vote, setVote] = useState<"go" | "no_go">("go");
  const [role, setRole] = useState(roles[0] ?? "");
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { submit, pending, fieldErrors, formError } = useSubmit(
    () =>
      api.vote(initiativeId, gateId, {
        vote,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(roles.length > 1 ? { role } : {}),
      }),
    FIELDS,
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const ok = await submit();
    if (ok) {
      setDone(`Your ${vote === "go" ? "Go" : "No-Go"} is recorded.`);
      setReason("");
      onVoted();
    }
  };
  return (
    <form className="form-card" onSubmit={onSubmit} noValidate aria-label={`Your vote on this gate`}>
      <fieldset className="choice">
        <legend>Your vote{roles.length === 1 ? ` as ${humanize(roles[0] ?? "")}` : ""}</legend>
        <label>
          <input
            type="radio"
            name={`vote-${gateId}`}
            value="go"
            checked={vote === "go"}
            onChange={() => setVote("go")}
          />{" "}
          Go
        </label>
        <label>
          <input
            type="radio"
            name={`vote-${gateId}`}
            value="no_go"
            checked={vote === "no_go"}
            onChange={() => setVote("no_go")}
          />{" "}
          No-Go
        </label>
        {fieldErrors.vote ? <p className="field__error">{fieldErrors.vote}</p> : null}
      </fieldset>
      {roles.length > 1 ? (
        <SelectField
          label="As"
          value={role}
          onChange={(e) => setRole(e.target.value)}
          options={roles.map((r) => ({ value: r, label: humanize(r) }))}
          error={fieldErrors.role}
        />
      ) : null}
      <TextArea
        label="Reason"
        hint={
          vote === "no_go" ? "Required for a No-Go: say what must change for a Go." : "Optional for a Go."
        }
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={fieldErrors.reason}
      />
      <FormMessage error={formError} success={done} />
      <button
        type="submit"
        className={`button ${vote === "no_go" ? "button--danger" : "button--primary"}`}
        disabled={pending}
      >
        {pending ? "Voting…" : vote === "no_go" ? "Vote No-Go" : "Vote Go"}
      </button>
    </form>
  );
}
