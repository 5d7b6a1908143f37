// A risk's likelihood and impact, asked for the same way wherever a risk is raised, added or voted on.
import { SelectField } from "../../components/ui/field.tsx";
import type { Level } from "../../lib/api-types.ts";
import { humanize } from "../../lib/format.ts";

export const LEVELS: readonly Level[] = ["low", "medium", "high"];
const OPTIONS = LEVELS.map((level) => ({ value: level, label: humanize(level) }));

export function LevelFields(props: {
  likelihood: Level;
  impact: Level;
  onLikelihood: (level: Level) => void;
  onImpact: (level: Level) => void;
  errors: Readonly<Record<string, string>>;
}) {
  return (
    <>
      <SelectField
        label="Likelihood"
        value={props.likelihood}
        onChange={(e) => props.onLikelihood(e.target.value as Level)}
        options={OPTIONS}
        error={props.errors.likelihood}
      />
      <SelectField
        label="Impact"
        value={props.impact}
        onChange={(e) => props.onImpact(e.target.value as Level)}
        options={OPTIONS}
        error={props.errors.impact}
      />
    </>
  );
}
