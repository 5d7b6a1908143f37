// The initiative's gates: go/no-go points where any named authority's No-Go holds the gate.
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { useApi } from "../../lib/use-api.ts";
import { useInitiative } from "../initiative/initiative-context.ts";
import { GateCard } from "./gate-card.tsx";

export function Gates() {
  const { id } = useInitiative();
  const gates = useApi(`gates:${id}`, (api, s) => api.gates(id, s), { live: id });
  return (
    <section className="panel" aria-labelledby="gates-heading">
      <h2 id="gates-heading">Gates</h2>
      <p className="muted">
        Any No-Go holds a gate; seniority cannot override it, and only its voter (or the role's next holder)
        lifts it.
      </p>
      <Async state={gates} label="gates">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No gates yet">A gate names the authorities who must all say Go.</EmptyState>
          ) : (
            <div className="gates">
              {page.items.map((gate) => (
                <GateCard key={gate.id} gate={gate} onVoted={gates.reload} />
              ))}
            </div>
          )
        }
      </Async>
    </section>
  );
}
