// Raise a risk: what might go wrong, how likely and how bad, named or anonymous.
import { useState, type FormEvent } from "react";
import { FormMessage, TextArea } from "../../components/ui/field.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Level } from "../../lib/api-types.ts";
import { useSubmit } from "../../lib/use-submit.ts";
import { useUser } from "../auth/session.tsx";
import { LevelFields } from "./level-fields.tsx";

const FIELDS = ["risk", "likelihood", "impact", "mitigation"] as const;

export function RaiseRiskForm({ initiativeId, onRaised }: { initiativeId: string; onRaised: () => void }) {
  const api = useApiClient();
  const user = useUser();
  const [risk, setRisk] = useState("");
  const [likelihood, setLikelihood] = useState<Level>("medium");
  const [impact, setImpact] = useState<Level>("medium");
  const [mitigation, setMitigation] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { submit, pending, fieldErrors, formError } = useSubmit(
    () =>
      api.raiseRisk(initiativeId, {
        risk: risk.trim(),
        likelihood,
        impact,
        ...(mitigation.trim() ? { mitigation: mitigation.trim() } : {}),
        ...(anonymous ? {} : { by: user.person }),
      }),
    FIELDS,
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (await submit()) {
      setDone(anonymous ? "Raised anonymously." : "Raised, in your name.");
      setRisk("");
      setMitigation("");
      onRaised();
    }
  };
  return (
    <form className="form-card" onSubmit={onSubmit} noValidate aria-label="Raise a risk">
      <h3>Raise a risk</h3>
      <TextArea
        label="Risk"
        hint="What might go wrong"
        required
        value={risk}
        onChange={(e) => setRisk(e.target.value)}
        error={fieldErrors.risk}
      />
      <div className="form-row">
        <LevelFields
          likelihood={likelihood}
          impact={impact}
          onLikelihood={setLikelihood}
          onImpact={setImpact}
          errors={fieldErrors}
        />
      </div>
      <TextArea
        label="Mitigation"
        value={mitigation}
        onChange={(e) => setMitigation(e.target.value)}
        error={fieldErrors.mitigation}
      />
      <label className="choice">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> Raise
        anonymously (your name is not recorded)
      </label>
      <FormMessage error={formError} success={done} />
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Raising…" : "Raise risk"}
      </button>
    </form>
  );
}
