// Record a decision: a course correction and why, linked to what triggered it.
import { useState, type FormEvent } from "react";
import { FormMessage, SelectField, TextArea, TextField } from "../../components/ui/field.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import { DECISION_KINDS, type DecisionKind } from "../../lib/api-types.ts";
import { humanize, today } from "../../lib/format.ts";
import { useSubmit } from "../../lib/use-submit.ts";

const FIELDS = ["kind", "date", "responds_to", "rationale"] as const;

export function DecisionForm({
  initiativeId,
  triggers,
  onRecorded,
}: {
  initiativeId: string;
  triggers: string[];
  onRecorded: () => void;
}) {
  const api = useApiClient();
  const [kind, setKind] = useState<DecisionKind>("pivot");
  const [date, setDate] = useState(today);
  const [trigger, setTrigger] = useState("");
  const [rationale, setRationale] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { submit, pending, fieldErrors, formError } = useSubmit(
    () =>
      api.recordDecision(initiativeId, {
        kind,
        date,
        rationale,
        ...(trigger.trim() ? { responds_to: trigger.trim() } : {}),
      }),
    FIELDS,
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (await submit()) {
      setDone(`Recorded: ${humanize(kind)}.`);
      setRationale("");
      onRecorded();
    }
  };
  return (
    <form className="form-card" onSubmit={onSubmit} noValidate aria-labelledby="decision-form-heading">
      <h3 id="decision-form-heading">Record a decision</h3>
      <div className="form-row">
        <SelectField
          label="Decision"
          value={kind}
          onChange={(e) => setKind(e.target.value as DecisionKind)}
          options={DECISION_KINDS.map((k) => ({ value: k, label: humanize(k) }))}
          error={fieldErrors.kind}
        />
        <TextField
          label="Date"
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          required
          error={fieldErrors.date}
        />
      </div>
      <TextField
        label="Responds to"
        hint="The milestone, gate or risk that triggered it"
        list="decision-triggers"
        value={trigger}
        onChange={(e) => setTrigger(e.target.value)}
        error={fieldErrors.responds_to}
      />
      <datalist id="decision-triggers">
        {triggers.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <TextArea
        label="Rationale"
        required
        value={rationale}
        onChange={(e) => setRationale(e.target.value)}
        error={fieldErrors.rationale}
      />
      <FormMessage error={formError} success={done} />
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Recording…" : "Record decision"}
      </button>
    </form>
  );
}
