// useRadiator: every initiative's card in one request per page, read again when the live stream announces a
// change (the server stores each evaluation, so a read costs what the page holds, not what the engine does).
import { useMemo, useState, useEffect } from "react";
import type { RadiatorCard } from "../../lib/api-types.ts";
import { useApi, type ApiState } from "../../lib/use-api.ts";
import { byDivergence, cardData, type CardData } from "./card-data.ts";

export type CardSlot = { id: string; name: string } & (
  { status: "loading" } | { status: "error"; error: Error } | { status: "ready"; data: CardData }
);

export interface Radiator {
  list: ApiState<{ items: RadiatorCard[] }>;
  /** Cards by divergence. */
  slots: CardSlot[];
  updatedAt: Date | undefined;
  /** Reads every card again (what a new day changes needs no write, so no event announces it). */
  reloadAll: () => void;
}

export function useRadiator(): Radiator {
  const radiator = useApi("radiator", (client, signal) => client.radiator(signal), { live: "*" });
  const [updatedAt, setUpdatedAt] = useState<Date>();
  useEffect(() => {
    if (radiator.data) setUpdatedAt(new Date());
  }, [radiator.data]);

  const slots = useMemo(
    () =>
      (radiator.data ?? [])
        .map((card) => ({ id: card.id, name: card.name, status: "ready" as const, data: cardData(card) }))
        .sort((a, b) => byDivergence(a.data, b.data)),
    [radiator.data],
  );
  const list = useMemo(
    () => ({ ...radiator, data: radiator.data ? { items: radiator.data } : undefined }),
    [radiator],
  );
  return { list, slots, updatedAt, reloadAll: radiator.reload };
}
