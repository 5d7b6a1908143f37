// New initiative: from scratch (the few fields a file requires), or from an initiative file uploaded or pasted,
// whose problems are shown at their lines beside the text. Either way nothing is created until all is well.
import { useState, type ChangeEvent, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { FormMessage, SelectField, TextArea, TextField } from "../../components/ui/field.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { useApiClient } from "../../lib/api-context.tsx";
import type { FieldError } from "../../lib/api-types.ts";
import { useApi } from "../../lib/use-api.ts";
import { useSubmit } from "../../lib/use-submit.ts";
import { can, useUser } from "../auth/session.tsx";
import { placeProblems, positionOf, problemText } from "./file-problems.ts";

const FIELDS = ["initiative", "id", "owner", "summary"] as const;

function FromScratchForm() {
  const api = useApiClient();
  const user = useUser();
  const navigate = useNavigate();
  const people = useApi("people", (client, signal) => client.people(signal));
  const [name, setName] = useState("");
  const [id, setId] = useState("");
  const [owner, setOwner] = useState(user.person ?? "");
  const [summary, setSummary] = useState("");
  const { submit, pending, fieldErrors, formError } = useSubmit(async () => {
    const created = await api.createInitiative({
      initiative: name.trim(),
      ...(id.trim() ? { id: id.trim() } : {}),
      owner,
      ...(summary.trim() ? { summary: summary.trim() } : {}),
    });
    void navigate(`/initiatives/${encodeURIComponent(created.id)}/plan`);
  }, FIELDS);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const options = [
    ...(owner ? [] : [{ value: "", label: "Choose the owner" }]),
    ...(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];
  return (
    <form className="form-card" onSubmit={onSubmit} noValidate aria-label="Start from scratch">
      <h2>Start from scratch</h2>
      <p className="muted">An initiative needs a name and an owner; add its plan on the next page.</p>
      <TextField
        label="Name"
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fieldErrors.initiative}
      />
      <TextField
        label="Id"
        hint="In its address; defaults to the name in lower case, words joined by -"
        value={id}
        onChange={(e) => setId(e.target.value)}
        error={fieldErrors.id}
      />
      <SelectField
        label="Owner"
        hint="Accountable for the whole outcome"
        required
        value={owner}
        onChange={(e) => setOwner(e.target.value)}
        options={options}
        error={fieldErrors.owner}
      />
      <TextArea
        label="Summary"
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        error={fieldErrors.summary}
      />
      <FormMessage error={formError} />
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Creating…" : "Create initiative"}
      </button>
    </form>
  );
}

/** The text with its lines numbered, each problem under the line it is on. */
function ProblemsInText({ text, problems }: { text: string; problems: readonly FieldError[] }) {
  const { lines, unplaced } = placeProblems(text, problems);
  return (
    <div
      className="file-problems"
      role="region"
      aria-label="The file, with its problems at their lines"
      tabIndex={0}
    >
      {unplaced.length > 0 ? (
        <ul className="file-problems__unplaced">
          {unplaced.map((p, i) => (
            <li key={i}>{problemText(p)}</li>
          ))}
        </ul>
      ) : null}
      <ol className="file-lines">
        {lines.map((line) => (
          <li
            key={line.number}
            className={line.problems.length > 0 ? "file-line file-line--problem" : "file-line"}
            data-line={line.number}
          >
            <span className="file-line__number" aria-hidden="true">
              {line.number}
            </span>
            <code className="file-line__text">{line.text || " "}</code>
            {line.problems.map((p, i) => (
              <p key={i} className="file-line__problem">
                <span aria-hidden="true">⚠ </span>
                {positionOf(p)}: {problemText(p)}
              </p>
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}

function FromFileForm() {
  const api = useApiClient();
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const [checked, setChecked] = useState<{ text: string; problems: readonly FieldError[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setText(await file.text());
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    setChecked(null);
    try {
      const created = await api.createInitiativeFromFile(text);
      void navigate(`/initiatives/${encodeURIComponent(created.id)}`);
    } catch (e) {
      if (e instanceof ApiError && e.problems.length > 0) {
        setChecked({ text, problems: e.problems });
        setError(
          `Nothing was created: ${e.message}. ${e.problems.length} problem${e.problems.length === 1 ? "" : "s"}, shown at their lines beside the text.`,
        );
      } else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <form className="form-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Import a file">
      <h2>From an initiative file</h2>
      <p className="muted">
        A YAML or JSON initiative file, as <code>plumb check</code> reads it: upload it, or paste it below.
      </p>
      <div className="field">
        <label htmlFor="initiative-file">File</label>
        <input
          id="initiative-file"
          type="file"
          accept=".yaml,.yml,.json,application/json,text/yaml"
          onChange={(e) => void onFile(e)}
        />
      </div>
      <div className={checked ? "file-check file-check--problems" : "file-check"}>
        <TextArea
          label="The file's text"
          rows={checked ? 16 : 12}
          className="code-input"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {checked ? <ProblemsInText text={checked.text} problems={checked.problems} /> : null}
      </div>
      <FormMessage error={error} />
      <button type="submit" className="button button--primary" disabled={pending || text.trim() === ""}>
        {pending ? "Checking…" : "Check and create"}
      </button>
    </form>
  );
}

export function NewInitiativePage() {
  const user = useUser();
  if (!can(user, "plan")) {
    return (
      <div className="state state--page" role="alert">
        <p className="state__title">Not allowed</p>
        <p>Creating an initiative is for leads and admins; your role is {user.role}.</p>
      </div>
    );
  }
  return (
    <>
      <div className="page-heading">
        <h1>New initiative</h1>
      </div>
      <div className="new-initiative">
        <FromScratchForm />
        <FromFileForm />
      </div>
    </>
  );
}
