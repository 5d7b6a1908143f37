// useSubmit: runs a form's write, and keeps the server's verdict: pending, field errors, or a form error.
import { useCallback, useState } from "react";
import { ApiError } from "./api-client.ts";

export interface Submission<A extends unknown[]> {
  submit: (...args: A) => Promise<boolean>;
  pending: boolean;
  /** The server's message for each field it rejected, keyed by the field's API name. */
  fieldErrors: Readonly<Record<string, string>>;
  /** What went wrong beyond single fields (not allowed, not found, offline…). */
  formError: string | null;
}

/** `fields` names the fields the form shows; errors on any other field are reported for the whole form. */
export function useSubmit<A extends unknown[]>(
  action: (...args: A) => Promise<unknown>,
  fields: readonly string[],
): Submission<A> {
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = useCallback(
    async (...args: A) => {
      setPending(true);
      try {
        await action(...args);
        setFieldErrors({});
        setFormError(null);
        return true;
      } catch (error) {
        const byField = error instanceof ApiError ? error.fieldErrors : {};
        const shown = Object.fromEntries(Object.entries(byField).filter(([field]) => fields.includes(field)));
        const others = Object.entries(byField).filter(([field]) => !fields.includes(field));
        setFieldErrors(shown);
        setFormError(
          others.length > 0
            ? others.map(([field, message]) => `${field}: ${message}`).join("; ")
            : Object.keys(shown).length > 0
              ? null
              : (error as Error).message,
        );
        return false;
      } finally {
        setPending(false);
      }
    },
    [action, fields],
  );
  return { submit, pending, fieldErrors, formError };
}
