// Fans change events out to this process's live streams: one LISTEN per process, however many browsers.
import type { Store } from "../store/open-store.ts";
import { EVENTS_CHANNEL } from "../store/event-repository.ts";

type Listener = (eventId: number) => void;

export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private stop: (() => Promise<void>) | null = null;

  constructor(private readonly store: Store) {}

  /** Starts listening on the database, once; every server process on the same database hears every change. */
  async start(): Promise<void> {
    this.stop ??= await this.store.listen(EVENTS_CHANNEL, (payload) => {
      const colon = payload.lastIndexOf(":");
      const orgId = payload.slice(0, colon);
      const id = Number(payload.slice(colon + 1));
      for (const listener of this.listeners.get(orgId) ?? []) listener(id);
    });
  }

  subscribe(orgId: string, listener: Listener): () => void {
    const set = this.listeners.get(orgId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(orgId, set);
    // Safe to call more than once: a later call must not drop a set another subscriber has since created.
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(orgId) === set) this.listeners.delete(orgId);
    };
  }

  async close(): Promise<void> {
    await this.stop?.();
    this.stop = null;
  }
}
