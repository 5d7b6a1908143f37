// Acknowledge ("seen, and here is why") or suppress ("not open until a day, for this reason") one signal.
import { useState, type FormEvent } from "react";
import { FormMessage, TextArea, TextField } from "../../components/ui/field.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Signal } from "../../lib/api-types.ts";
import { useSubmit } from "../../lib/use-submit.ts";

export type SilenceMode = "acknowledge" | "suppress";

export function SilenceForm({
  initiativeId,
  signal,
  mode,
  onDone,
  onCancel,
}: {
  initiativeId: string;
  signal: Signal;
  mode: SilenceMode;
  onDone: () => void;
  onCancel: () => void;
}) {
  const api = useApiClient();
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const { submit, pending, fieldErrors, formError } = useSubmit(
    () =>
      mode === "acknowledge"
        ? api.acknowledge(initiativeId, signal.fingerprint, { reason })
        : api.suppress(initiativeId, signal.fingerprint, { reason, until }),
    ["reason", "until"],
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit()) onDone();
  };
  const verb = mode === "acknowledge" ? "Acknowledge" : "Suppress";
  return (
    <form className="silence-form" onSubmit={onSubmit} noValidate aria-label={`${verb}: ${signal.title}`}>
      <TextArea
        label="Reason"
        hint={
          mode === "acknowledge"
            ? "What you know, and what is being done (3 characters or more)."
            : "Why it need not show as open until then."
        }
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        autoFocus
        error={fieldErrors.reason}
      />
      {mode === "suppress" ? (
        <TextField
          label="Until"
          type="date"
          hint="At most 180 days away."
          value={until}
          onChange={(e) => setUntil(e.target.value)}
          required
          error={fieldErrors.until}
        />
      ) : null}
      <FormMessage error={formError} />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? `${verb.replace(/e$/, "")}ing…` : verb}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
