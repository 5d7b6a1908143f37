// The radiator's cards in divergence order, with the states a card can be in before it has data.
import { ErrorState, Loading } from "../../components/ui/state-views.tsx";
import { InitiativeCard } from "./initiative-card.tsx";
import type { CardSlot } from "./use-radiator.ts";

export function CardGrid({ slots, large }: { slots: CardSlot[]; large?: boolean }) {
  return (
    <ol
      className={`card-grid${large ? " card-grid--large" : ""}`}
      aria-label="Initiatives, widest gap between report and evidence first"
    >
      {slots.map((slot) => (
        <li key={slot.id}>
          {slot.status === "ready" ? (
            <InitiativeCard data={slot.data} large={large} />
          ) : (
            <article className="card" aria-label={slot.name}>
              <h2>{slot.name}</h2>
              {slot.status === "loading" ? (
                <Loading label="Reading the evidence" />
              ) : (
                <ErrorState error={slot.error} />
              )}
            </article>
          )}
        </li>
      ))}
    </ol>
  );
}
