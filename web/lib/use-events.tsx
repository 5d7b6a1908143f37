// The live stream: one EventSource on /api/v1/events per page, fanned out to whoever watches an initiative.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import type { ChangeEvent } from "./api-types.ts";

export type LiveStatus = "connecting" | "live" | "offline";

/** What a watcher hears: a change to one initiative, or "resync" after a gap it cannot replay. */
export type LiveMessage = ChangeEvent | { type: "resync" };

type Listener = (message: LiveMessage) => void;

interface LiveEvents {
  status: LiveStatus;
  subscribe(listener: Listener): () => void;
}

const EVENT_TYPES = ["initiative.changed", "signals.changed", "gate.changed", "premortem.changed"] as const;
const MAX_RETRY_MS = 15_000;

const LiveContext = createContext<LiveEvents>({ status: "offline", subscribe: () => () => {} });

/**
 * Opens the stream while mounted, and reopens it whenever it fails, resuming after the last event id seen
 * (the server's Last-Event-ID resume, passed as ?last_event_id because an EventSource cannot set headers).
 * Only when no id was ever known is a gap unknowable; then every watcher reads again ("resync").
 */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [status, setStatus] = useState<LiveStatus>("connecting");

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let lastId: string | null = null;
    let failures = 0;
    const emit = (message: LiveMessage) => listeners.current.forEach((listener) => listener(message));

    const connect = () => {
      const resumeFrom = lastId;
      source = new EventSource(resumeFrom ? `/api/v1/events?last_event_id=${resumeFrom}` : "/api/v1/events");
      source.onopen = () => {
        setStatus("live");
        if (failures > 0 && !resumeFrom) emit({ type: "resync" });
        failures = 0;
      };
      source.onerror = () => {
        source?.close();
        failures += 1;
        setStatus(failures > 3 ? "offline" : "connecting");
        retry = setTimeout(connect, Math.min(MAX_RETRY_MS, 500 * 2 ** failures));
      };
      // The server names where this stream starts, so that a reconnect can resume from there.
      source.addEventListener("ready", (event) => {
        lastId ??= String((JSON.parse(event.data) as { last_event_id: number }).last_event_id);
      });
      for (const type of EVENT_TYPES) {
        source.addEventListener(type, (event) => {
          lastId = event.lastEventId || lastId;
          emit({ ...(JSON.parse(event.data) as Omit<ChangeEvent, "type">), type });
        });
      }
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, []);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const value = useMemo(() => ({ status, subscribe }), [status, subscribe]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLiveStatus(): LiveStatus {
  return useContext(LiveContext).status;
}

/** Which initiatives changed in a burst of events; "all" after a resync. */
export type Changed = ReadonlySet<string> | "all";

/**
 * Calls `onChange` (once per burst of events) when the stream announces a change to `initiative`, to any
 * initiative when `initiative` is "*", or a resync. Does nothing when `initiative` is undefined.
 */
export function useEvents(initiative: string | undefined, onChange: (changed: Changed) => void): void {
  const { subscribe } = useContext(LiveContext);
  const callback = useRef(onChange);
  callback.current = onChange;

  useEffect(() => {
    if (initiative === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let changed: Set<string> | "all" = new Set();
    const unsubscribe = subscribe((message) => {
      if (message.type === "resync") changed = "all";
      else if (initiative === "*" || message.initiative === initiative) {
        if (changed !== "all") changed.add(message.initiative);
      } else return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const burst = changed;
        changed = new Set();
        callback.current(burst);
      }, 100);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [initiative, subscribe]);
}
