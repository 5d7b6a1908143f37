// Acknowledge or suppress the selected signals with one reason: the server does all of them or none.
import { useState, type FormEvent } from "react";
import { ApiError } from "../../lib/api-client.ts";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Signal } from "../../lib/api-types.ts";
import { useSubmit } from "../../lib/use-submit.ts";
import { SilenceFields, type SilenceMode } from "./silence-form.tsx";

/**
 * The server names a refused signal as `fingerprints.<index>` with its fingerprint and a person's id; this
 * says which signal by its title, and who by name.
 */
function inWords(error: unknown, chosen: readonly Signal[], name: (id: string) => string): unknown {
  if (!(error instanceof ApiError)) return error;
  const refused = Object.entries(error.fieldErrors).filter(([field]) => field.startsWith("fingerprints."));
  if (refused.length === 0) return error;
  const lines = refused.map(([field, message]) => {
    const signal = chosen[Number(field.split(".")[1])];
    const why = message
      .replace(/^'[0-9a-f]{16}':? ?/, "")
      .replace(
        "is not a current signal of this initiative",
        "is no longer a current signal (it may have resolved)",
      )
      .replace(/'([^']+)'/g, (_, id: string) => name(id));
    return `“${signal?.title ?? field}” ${why.startsWith("is ") ? why : `— ${why}`}`;
  });
  return new Error(`Nothing was changed. ${lines.join(". ")}.`);
}

export function BulkSilenceForm({
  initiativeId,
  chosen,
  mode,
  name,
  onDone,
  onCancel,
}: {
  initiativeId: string;
  chosen: readonly Signal[];
  mode: SilenceMode;
  name: (id: string) => string;
  onDone: (count: number) => void;
  onCancel: () => void;
}) {
  const api = useApiClient();
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const { submit, pending, fieldErrors, formError } = useSubmit(
    () =>
      api
        .silenceSignals(initiativeId, {
          action: mode,
          fingerprints: chosen.map((s) => s.fingerprint),
          reason,
          ...(mode === "suppress" ? { until } : {}),
        })
        .catch((error: unknown) => {
          throw inWords(error, chosen, name);
        }),
    ["reason", "until"],
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit()) onDone(chosen.length);
  };
  const verb = mode === "acknowledge" ? "Acknowledge" : "Suppress";
  const what = `${chosen.length} signal${chosen.length === 1 ? "" : "s"}`;
  return (
    <form
      className="silence-form bulk-silence-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={`${verb} ${what}`}
    >
      <SilenceFields
        mode={mode}
        reason={{ value: reason, set: setReason, error: fieldErrors.reason }}
        until={{ value: until, set: setUntil, error: fieldErrors.until }}
        reasonLabel={`Reason, for all ${what}`}
        reasonHint={
          mode === "acknowledge"
            ? "What you know, and what is being done (3 characters or more). Recorded on each signal."
            : "Why they need not show as open until then. Recorded on each signal."
        }
        submitLabel={`${verb} ${what}`}
        formError={formError}
        pending={pending}
        onCancel={onCancel}
      />
    </form>
  );
}
