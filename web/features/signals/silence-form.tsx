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
      <SilenceFields
        mode={mode}
        reason={{ value: reason, set: setReason, error: fieldErrors.reason }}
        until={{ value: until, set: setUntil, error: fieldErrors.until }}
        reasonLabel="Reason"
        reasonHint={
          mode === "acknowledge"
            ? "What you know, and what is being done (3 characters or more)."
            : "Why it need not show as open until then."
        }
        submitLabel={verb}
        formError={formError}
        pending={pending}
        onCancel={onCancel}
      />
    </form>
  );
}

interface Field {
  value: string;
  set: (value: string) => void;
  error: string | undefined;
}

/** What a silence asks, for one signal or many: a reason, an end for a suppression, and submit or cancel. */
export function SilenceFields({
  mode,
  reason,
  until,
  reasonLabel,
  reasonHint,
  submitLabel,
  formError,
  pending,
  onCancel,
}: {
  mode: SilenceMode;
  reason: Field;
  until: Field;
  reasonLabel: string;
  reasonHint: string;
  submitLabel: string;
  formError: string | null | undefined;
  pending: boolean;
  onCancel: () => void;
}) {
  const verb = mode === "acknowledge" ? "Acknowledge" : "Suppress";
  return (
    <>
      <TextArea
        label={reasonLabel}
        hint={reasonHint}
        value={reason.value}
        onChange={(e) => reason.set(e.target.value)}
        required
        autoFocus
        error={reason.error}
      />
      {mode === "suppress" ? (
        <TextField
          label="Until"
          type="date"
          hint="At most 180 days away."
          value={until.value}
          onChange={(e) => until.set(e.target.value)}
          required
          error={until.error}
        />
      ) : null}
      <FormMessage error={formError} />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? `${verb.replace(/e$/, "")}ing…` : submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
