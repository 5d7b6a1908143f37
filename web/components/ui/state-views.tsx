// The designed states every view has besides its data: loading, error (with a retry) and empty.
import type { ReactNode } from "react";
import { ApiError } from "../../lib/api-client.ts";
import type { ApiState } from "../../lib/use-api.ts";

export function Loading({ label, fullPage }: { label: string; fullPage?: boolean }) {
  return (
    <div className={`state state--loading${fullPage ? " state--page" : ""}`} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}…
    </div>
  );
}

/** What to say about a failure, and whether trying again could help (not for a 403 or a 404). */
function describe(error: Error): { title: string; detail: string; retryable: boolean } {
  if (!(error instanceof ApiError))
    return { title: "Cannot reach Plumbline", detail: error.message, retryable: true };
  if (error.status === 404) return { title: "Not found", detail: error.message, retryable: false };
  if (error.status === 403) return { title: "Not allowed", detail: error.message, retryable: false };
  return { title: "Something went wrong", detail: error.message, retryable: true };
}

export function ErrorState({
  error,
  onRetry,
  fullPage,
}: {
  error: Error;
  onRetry?: () => void;
  fullPage?: boolean;
}) {
  const { title, detail, retryable } = describe(error);
  return (
    <div className={`state state--error${fullPage ? " state--page" : ""}`} role="alert">
      <p className="state__title">{title}</p>
      <p>{detail}</p>
      {onRetry && retryable ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p className="state__title">{title}</p>
      {children}
    </div>
  );
}

/** Renders `children` with the data once there is some; the loading or error state until then. */
export function Async<T>({
  state,
  label,
  children,
}: {
  state: ApiState<T>;
  label: string;
  children: (data: T) => ReactNode;
}) {
  if (state.data !== undefined) {
    return (
      <>
        {state.error ? (
          <p className="stale-note" role="status">
            Showing what was last loaded: {state.error.message}
          </p>
        ) : null}
        {children(state.data)}
      </>
    );
  }
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  return <Loading label={`Loading ${label}`} />;
}
