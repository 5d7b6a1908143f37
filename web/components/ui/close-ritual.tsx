// The button that closes a ritual (a review, a pulse), with what closing means beside it and the server's refusal
// under it.
import type { ReactNode } from "react";
import { useSubmit } from "../../lib/use-submit.ts";
import { FormMessage } from "./field.tsx";

export function CloseRitual({
  label,
  close,
  onClosed,
  children,
}: {
  label: string;
  close: () => Promise<unknown>;
  onClosed: () => void;
  /** What closing does, in a sentence or two. */
  children: ReactNode;
}) {
  const { submit, pending, formError } = useSubmit(close, []);
  return (
    <div className="premortem-advance">
      <button
        type="button"
        className="button button--secondary"
        disabled={pending}
        onClick={async () => {
          if (await submit()) onClosed();
        }}
      >
        {label}
      </button>
      <span className="muted small"> {children}</span>
      <FormMessage error={formError} />
    </div>
  );
}
