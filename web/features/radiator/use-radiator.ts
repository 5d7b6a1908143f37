// useRadiator: every initiative's card, each reloaded only when the live stream says it changed.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useApiClient } from "../../lib/api-context.tsx";
import type { InitiativeSummary, Page } from "../../lib/api-types.ts";
import { useApi, type ApiState } from "../../lib/use-api.ts";
import { useEvents, type Changed } from "../../lib/use-events.tsx";
import { byDivergence, loadCard, type CardData } from "./card-data.ts";

export type CardSlot = { id: string; name: string } & (
  { status: "loading" } | { status: "error"; error: Error } | { status: "ready"; data: CardData }
);

export interface Radiator {
  list: ApiState<Page<InitiativeSummary>>;
  /** Ready cards by divergence, then the ones still loading or failed. */
  slots: CardSlot[];
  updatedAt: Date | undefined;
  /** Reads every card again (what a new day changes needs no write, so no event announces it). */
  reloadAll: () => void;
}

export function useRadiator(): Radiator {
  const api = useApiClient();
  const list = useApi("initiatives", (client, signal) => client.initiatives(signal), { live: "*" });
  /** Each card's latest data, and the error of its latest read when that failed (the data stays shown). */
  const [cards, setCards] = useState<Record<string, { data?: CardData; error?: Error }>>({});
  const [updatedAt, setUpdatedAt] = useState<Date>();

  const load = useCallback(
    (ids: readonly string[]) =>
      ids.forEach((id) =>
        loadCard(api, id)
          .then(
            (data) => setCards((all) => ({ ...all, [id]: { data } })),
            (error: Error) => setCards((all) => ({ ...all, [id]: { ...all[id], error } })),
          )
          .finally(() => setUpdatedAt(new Date())),
      ),
    [api],
  );

  const ids = useMemo(() => list.data?.items.map((i) => i.id) ?? [], [list.data]);
  const requested = useRef(new Set<string>());
  useEffect(() => {
    const fresh = ids.filter((id) => !requested.current.has(id));
    requested.current = new Set(ids);
    load(fresh);
    setCards((all) => Object.fromEntries(Object.entries(all).filter(([id]) => ids.includes(id))));
  }, [ids, load]);

  useEvents("*", (changed: Changed) => load(changed === "all" ? ids : ids.filter((id) => changed.has(id))));
  const reloadAll = useCallback(() => load(ids), [load, ids]);

  const slots = useMemo(() => {
    const all: CardSlot[] = (list.data?.items ?? []).map((item) => {
      const card = cards[item.id];
      const base = { id: item.id, name: item.name };
      if (card?.data) return { ...base, status: "ready", data: card.data };
      if (card?.error) return { ...base, status: "error", error: card.error };
      return { ...base, status: "loading" };
    });
    const ready = all.filter((s): s is CardSlot & { status: "ready" } => s.status === "ready");
    return [
      ...ready.sort((a, b) => byDivergence(a.data, b.data)),
      ...all.filter((s) => s.status !== "ready"),
    ];
  }, [list.data, cards]);

  return { list, slots, updatedAt, reloadAll };
}
