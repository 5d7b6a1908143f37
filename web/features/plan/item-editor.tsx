// One editor for every kind of plan item, driven by the kind's field description: adds (POST) or changes (PATCH
// with If-Match, so a change made meanwhile is never overwritten), with the server's field errors at the fields.
import { useEffect, useState, type FormEvent } from "react";
import { FormMessage, SelectField, TextArea, TextField } from "../../components/ui/field.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { useApiClient } from "../../lib/api-context.tsx";
import type { PlanItem } from "../../lib/api-types.ts";
import {
  aKind,
  bodyOf,
  explainRefusal,
  keepingDetail,
  valuesOf,
  type FieldSpec,
  type FormValues,
  type PlanKind,
  type Refused,
} from "./plan-kinds.ts";

export type Choices = Record<string, ReadonlyArray<{ value: string; label: string }>>;

interface Loaded {
  /** The item as read (null when adding). */
  item: PlanItem | null;
  values: FormValues;
  original: FormValues;
  etag: string;
}

/** Any failure as the server's refusal (a network failure has no status or fields). */
function refusedOf(error: unknown): Refused {
  if (error instanceof ApiError)
    return { status: error.status, message: error.message, problems: error.problems };
  return { status: 0, message: error instanceof Error ? error.message : String(error), problems: [] };
}

function FieldInput({
  field,
  value,
  error,
  choices,
  onChange,
}: {
  field: FieldSpec;
  value: string;
  error: string | undefined;
  choices: Choices;
  onChange: (value: string) => void;
}) {
  const common = {
    label: field.label,
    hint: field.hint,
    error,
    required: field.required,
    value,
  };
  switch (field.type) {
    case "select": {
      const listed = typeof field.choices === "string" ? (choices[field.choices] ?? []) : field.choices;
      const options = listed.map((c) => (typeof c === "string" ? { value: c, label: c } : c));
      const known = options.some((o) => o.value === value);
      return (
        <SelectField
          {...common}
          onChange={(e) => onChange(e.target.value)}
          options={[
            { value: "", label: field.required ? "Choose…" : "None" },
            ...(value && !known ? [{ value, label: value }] : []),
            ...options,
          ]}
        />
      );
    }
    case "textarea":
    case "lines":
    case "pairs":
      // Text of several lines takes the whole row.
      return (
        <div className="form-row__wide">
          <TextArea
            {...common}
            rows={field.type === "textarea" ? 2 : 3}
            onChange={(e) => onChange(e.target.value)}
          />
        </div>
      );
    default:
      return (
        <TextField
          {...common}
          type={field.type === "date" ? "date" : "text"}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}

export function ItemEditor({
  initiativeId,
  kind,
  itemId,
  choices,
  onSaved,
  onCancel,
}: {
  initiativeId: string;
  kind: PlanKind;
  /** The item to change; absent to add one. */
  itemId?: string;
  choices: Choices;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const api = useApiClient();
  const [loaded, setLoaded] = useState<Loaded | null>(
    itemId ? null : { item: null, values: valuesOf(kind, null), original: {}, etag: "" },
  );
  const [attempt, setAttempt] = useState(0);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<{ message: string; stale: boolean } | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!itemId) return;
    const controller = new AbortController();
    api.item(initiativeId, kind.collection, itemId, controller.signal).then(
      ({ data, etag }) => {
        const values = valuesOf(kind, data);
        setLoaded({ item: data, values, original: values, etag: etag ?? "*" });
        setFormError(null);
        setFieldErrors({});
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const { formError, stale } = explainRefusal(kind, [], refusedOf(error));
        setFormError({ message: formError ?? "", stale });
      },
    );
    return () => controller.abort();
  }, [api, initiativeId, kind, itemId, attempt]);

  const title = itemId ? `Edit ${kind.singular}: ${itemId}` : `Add ${aKind(kind)}`;
  const fields = kind.fields.filter((field) => !(itemId && field.addOnly));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!loaded) return;
    const result = bodyOf(kind, loaded.values, itemId ? loaded.original : undefined);
    if (!result.ok) {
      setFieldErrors(result.fieldErrors);
      setFormError(null);
      return;
    }
    if (itemId && Object.keys(result.body).length === 0) {
      onSaved(`Nothing changed in ${kind.singular} ${itemId}.`);
      return;
    }
    setPending(true);
    try {
      const saved = itemId
        ? (
            await api.changeItem(
              initiativeId,
              kind.collection,
              itemId,
              loaded.item ? keepingDetail(kind, result.body, loaded.item) : result.body,
              loaded.etag,
            )
          ).data
        : await api.addItem(initiativeId, kind.collection, result.body);
      setFieldErrors({});
      setFormError(null);
      onSaved(itemId ? `Saved ${kind.singular} ${saved.id}.` : `Added ${kind.singular} ${saved.id}.`);
    } catch (error) {
      const explained = explainRefusal(
        kind,
        fields.map((f) => f.name),
        refusedOf(error),
      );
      setFieldErrors(explained.fieldErrors);
      setFormError(explained.formError ? { message: explained.formError, stale: explained.stale } : null);
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="form-card plan-editor" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={title}>
      <h3>{title}</h3>
      {loaded ? (
        <div className="form-row">
          {fields.map((field) => (
            <FieldInput
              key={field.name}
              field={field}
              value={loaded.values[field.name] ?? ""}
              error={fieldErrors[field.name]}
              choices={choices}
              onChange={(value) =>
                setLoaded((current) =>
                  current ? { ...current, values: { ...current.values, [field.name]: value } } : current,
                )
              }
            />
          ))}
        </div>
      ) : formError ? null : (
        <p role="status">Loading…</p>
      )}
      <FormMessage error={formError?.message ?? null} />
      <div className="button-row">
        {formError?.stale ? (
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            Reload {kind.singular}
          </button>
        ) : null}
        <button type="submit" className="button button--primary" disabled={pending || !loaded}>
          {pending ? "Saving…" : itemId ? "Save changes" : `Add ${kind.singular}`}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
