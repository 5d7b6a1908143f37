// useApi: read from the server into a component, with loading and error states, kept fresh by the live stream.
import { useCallback, useEffect, useState } from "react";
import type { ApiClient } from "./api-client.ts";
import { useApiClient } from "./api-context.tsx";
import { useEvents } from "./use-events.tsx";

export interface ApiState<T> {
  /** The latest answer; kept while a refresh is under way or fails, so a radiator never blanks. */
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

interface Loaded<T> {
  key: string;
  data?: T;
  error?: Error;
  loading: boolean;
}

/**
 * Calls `load` when `key` changes (name every input of `load` in it), again on `reload()`, and again when
 * the live stream announces a change to the initiative named by `live` ("*" for any initiative).
 */
export function useApi<T>(
  key: string,
  load: (api: ApiClient, signal: AbortSignal) => Promise<T>,
  options: { live?: string } = {},
): ApiState<T> {
  const api = useApiClient();
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<Loaded<T>>({ key, loading: true });
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEvents(options.live, reload);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.key === key ? { ...s, loading: true } : { key, loading: true }));
    load(api, controller.signal).then(
      (data) => controller.signal.aborted || setState({ key, data, loading: false }),
      (error: Error) => controller.signal.aborted || setState((s) => ({ ...s, key, error, loading: false })),
    );
    return () => controller.abort();
    // `key` names every input of `load`, so `load` itself is left out on purpose.
  }, [api, key, version]);

  const current = state.key === key ? state : { key, loading: true };
  return { data: current.data, error: current.error, loading: current.loading, reload };
}
