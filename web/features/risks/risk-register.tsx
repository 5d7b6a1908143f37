// The risk register: each risk with likelihood, impact, its early-warning sign (and whether it fired), mitigation and owner.
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import type { Level, Risk } from "../../lib/api-types.ts";
import { formatDate, humanize } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { useInitiative } from "../initiative/initiative-context.ts";
import { ScrollRegion } from "../../components/ui/scroll-region.tsx";
import { useState } from "react";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Person } from "../../lib/api-types.ts";
import { ApiError } from "../../lib/api-client.ts";
import { can, useUser } from "../auth/session.tsx";
import { RaiseRiskForm } from "./raise-risk-form.tsx";

/** The risk's owner, changed in place: PATCH …/risks/{id} with the new owner. */
function OwnerSelect({
  initiativeId,
  risk,
  people,
  onChanged,
}: {
  initiativeId: string;
  risk: Risk;
  people: Person[];
  onChanged: () => void;
}) {
  const api = useApiClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const change = async (owner: string) => {
    setPending(true);
    setError(null);
    try {
      await api.setRiskOwner(initiativeId, risk.id, owner);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? (Object.values(e.fieldErrors)[0] ?? e.message) : String(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <select
        aria-label={`Owner of: ${risk.risk}`}
        value={risk.owner ?? ""}
        disabled={pending}
        onChange={(e) => void change(e.target.value)}
      >
        {risk.owner ? null : <option value="">Unowned</option>}
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

const LEVEL_RANK: Record<Level, number> = { low: 0, medium: 1, high: 2 };
const exposure = (r: Risk) => LEVEL_RANK[r.likelihood] + LEVEL_RANK[r.impact];

function LevelTag({ level }: { level: Level }) {
  return <span className={`badge level level--${level}`}>{humanize(level)}</span>;
}

export function RiskRegister() {
  const { id, doc, signals, name } = useInitiative();
  const mayContribute = can(useUser(), "contribute");
  const risks = useApi(`risks:${id}`, (api, s) => api.risks(id, s), { live: id });
  const fired = new Set(
    signals.signals
      .filter((s) => s.kind === "early-warning-triggered" && s.severity !== "info")
      .map((s) => s.subject.id),
  );
  return (
    <section className="panel" aria-labelledby="risks-heading">
      <h2 id="risks-heading">Risk register</h2>
      <Async state={risks} label="risks">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No risks recorded">
              Run a pre-mortem below: imagine the initiative failed, and write down why.
            </EmptyState>
          ) : (
            <ScrollRegion label="Risks, highest exposure first">
              <table className="table">
                <caption className="visually-hidden">Risks, highest exposure first</caption>
                <thead>
                  <tr>
                    <th scope="col">Risk</th>
                    <th scope="col">Likelihood</th>
                    <th scope="col">Impact</th>
                    <th scope="col">Early warning</th>
                    <th scope="col">Mitigation</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Raised</th>
                  </tr>
                </thead>
                <tbody>
                  {[...page.items]
                    .sort((a, b) => exposure(b) - exposure(a))
                    .map((risk) => (
                      <tr key={risk.id} className={fired.has(risk.id) ? "is-alert" : undefined}>
                        <td>{risk.risk}</td>
                        <td>
                          <LevelTag level={risk.likelihood} />
                        </td>
                        <td>
                          <LevelTag level={risk.impact} />
                        </td>
                        <td>
                          {risk.early_warning ? (
                            <code>{risk.early_warning}</code>
                          ) : (
                            <span className="muted">None</span>
                          )}
                          {fired.has(risk.id) ? (
                            <span className="badge severity severity--critical">Fired</span>
                          ) : null}
                        </td>
                        <td>{risk.mitigation ?? <span className="muted">None</span>}</td>
                        <td className={risk.owner ? undefined : "flag flag--bad"}>
                          {mayContribute ? (
                            <OwnerSelect
                              initiativeId={id}
                              risk={risk}
                              people={doc.people ?? []}
                              onChanged={risks.reload}
                            />
                          ) : risk.owner ? (
                            name(risk.owner)
                          ) : (
                            "Unowned"
                          )}
                        </td>
                        <td>
                          {risk.by ? name(risk.by) : "Anonymous"}
                          <span className="muted small"> {formatDate(risk.raised_on)}</span>
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </ScrollRegion>
          )
        }
      </Async>
      {mayContribute ? <RaiseRiskForm initiativeId={id} onRaised={risks.reload} /> : null}
    </section>
  );
}
