// The plan's item kinds as data: each kind's fields, and how a form's text becomes the body the server takes.
// One generic editor reads these; the server's rules, not these, decide what is valid.

/** Where a select's choices come from. */
export type ChoiceSource = "people" | "teams" | "commitments" | "gates" | "metrics";

export type FieldSpec = {
  /** The field's name in the API (and the initiative file). */
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** Shown only when adding: an id is chosen once. */
  addOnly?: boolean;
} & (
  | { type: "text" | "textarea" | "date" }
  /** A number when the text is one (a target of 2000), else the text (">= 2000"). */
  | { type: "number-or-text" }
  | { type: "select"; choices: ChoiceSource | readonly string[] }
  /** One item a line. */
  | { type: "lines" }
  /** `key: value`, one a line, into a mapping; `typed` reads numbers, booleans and lists as such (facts). */
  | { type: "pairs"; typed?: boolean }
);

export interface PlanKind {
  /** The collection's URL segment. */
  collection: string;
  singular: string;
  title: string;
  /** What an item is listed by. */
  label: (item: Record<string, unknown>) => string;
  fields: readonly FieldSpec[];
}

const id = (hint: string, required = false): FieldSpec => ({
  name: "id",
  label: "Id",
  type: "text",
  hint,
  required,
  addOnly: true,
});
const owner: FieldSpec = { name: "owner", label: "Owner", type: "select", choices: "people" };

export const PLAN_KINDS: readonly PlanKind[] = [
  {
    collection: "commitments",
    singular: "commitment",
    title: "Commitments",
    label: (item) => String(item.title ?? item.id),
    fields: [
      id("Letters, digits and _, used in checks (capacity.ready)", true),
      { name: "title", label: "Title", type: "text", required: true },
      { name: "team", label: "Team", type: "select", choices: "teams", required: true },
      owner,
      { name: "due", label: "Due", type: "date" },
      { name: "done", label: "Done on", type: "date", hint: "Leave empty while open" },
      {
        name: "facts",
        label: "Facts",
        type: "pairs",
        typed: true,
        hint: "What other teams rely on, one a line: ready: 2026-03-01, per_week: 1500",
      },
    ],
  },
  {
    collection: "milestones",
    singular: "milestone",
    title: "Milestones",
    label: (item) => String(item.name ?? item.id),
    fields: [
      id("Defaults to a slug of the name"),
      { name: "name", label: "Name", type: "text", required: true },
      { name: "date", label: "Date", type: "date", required: true },
      { name: "gate", label: "Waits for gate", type: "select", choices: "gates" },
      { name: "assumptions", label: "Assumptions", type: "lines", hint: "One a line" },
    ],
  },
  {
    collection: "links",
    singular: "link",
    title: "Links",
    label: (item) => String(item.statement ?? item.id),
    fields: [
      id("Defaults to link-N"),
      {
        name: "kind",
        label: "Kind",
        type: "select",
        choices: ["assumption", "handoff", "dependency", "expectation"],
        required: true,
      },
      { name: "from", label: "From (delivers)", type: "select", choices: "commitments", required: true },
      { name: "to", label: "To (depends on it)", type: "select", choices: "commitments", required: true },
      { name: "statement", label: "Statement", type: "textarea", required: true },
      {
        name: "check",
        label: "Check",
        type: "text",
        hint: "A CEL expression over facts and metrics, e.g. capacity.ready <= campaign.start",
      },
      { name: "due", label: "Due", type: "date" },
      owner,
    ],
  },
  {
    collection: "gates",
    singular: "gate",
    title: "Gates",
    label: (item) => String(item.name ?? item.id),
    fields: [
      id("Defaults to a slug of the name"),
      { name: "name", label: "Name", type: "text", required: true },
      { name: "date", label: "Date", type: "date" },
      {
        name: "authorities",
        label: "Authorities",
        type: "pairs",
        required: true,
        hint: "Each role and the person who holds its vote, one a line: engineering: lee",
      },
    ],
  },
  {
    collection: "outcomes",
    singular: "outcome",
    title: "Outcomes",
    label: (item) => `${String(item.metric)} ${String(item.target)} by ${String(item.by)}`,
    fields: [
      id("Defaults to the metric's name"),
      { name: "metric", label: "Metric", type: "select", choices: "metrics", required: true },
      { name: "target", label: "Target", type: "number-or-text", required: true, hint: "2000, or >= 2000" },
      { name: "by", label: "By", type: "date", required: true },
      owner,
    ],
  },
  {
    collection: "metrics",
    singular: "metric",
    title: "Metrics",
    label: (item) => String(item.id),
    fields: [
      id("A name checks use: metrics.<name>", true),
      { name: "unit", label: "Unit", type: "text" },
      { name: "direction", label: "Better when it goes", type: "select", choices: ["up", "down"] },
    ],
  },
  {
    collection: "requirements",
    singular: "requirement",
    title: "Requirements and claims",
    label: (item) => String(item.title ?? item.id),
    fields: [
      id("A short key, e.g. concurrent_users", true),
      { name: "title", label: "Title", type: "text" },
      {
        name: "claims",
        label: "Claims",
        type: "pairs",
        required: true,
        hint: "Each function's claim in its own words, one a line: engineering: about 1,000 at once",
      },
    ],
  },
];

export function planKind(collection: string): PlanKind {
  const kind = PLAN_KINDS.find((k) => k.collection === collection);
  if (!kind) throw new Error(`no plan kind '${collection}'`);
  return kind;
}

/** "a commitment", "an outcome". */
export function aKind(kind: PlanKind): string {
  return `${/^[aeiou]/.test(kind.singular) ? "an" : "a"} ${kind.singular}`;
}

/** A form's values: the text of each field, by name. */
export type FormValues = Record<string, string>;

/** A fact's value as typed: a number, a boolean, a list in [brackets], or text (dates stay text). */
export function typedValue(text: string): unknown {
  const value = text.trim();
  if (value === "true" || value === "false") return value === "true";
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value.startsWith("[") && value.endsWith("]")) {
    return value
      .slice(1, -1)
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "")
      .map((part) => {
        const typed = typedValue(part);
        return Array.isArray(typed) ? part : typed;
      });
  }
  return value;
}

function pairsOf(text: string, typed: boolean): Record<string, unknown> {
  const pairs: Record<string, unknown> = {};
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const colon = line.indexOf(":");
    // A line without a colon is a key with no value: the server names it.
    const key = (colon < 0 ? line : line.slice(0, colon)).trim();
    const value = colon < 0 ? "" : line.slice(colon + 1).trim();
    pairs[key] = typed ? typedValue(value) : value;
  }
  return pairs;
}

/** A field's text as the value the API takes, or undefined when the text is empty. */
export function fieldValue(field: FieldSpec, text: string): unknown {
  if (text.trim() === "") return undefined;
  switch (field.type) {
    case "number-or-text":
      return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text.trim();
    case "lines":
      return text
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "");
    case "pairs":
      return pairsOf(text, field.typed ?? false);
    default:
      return text.trim();
  }
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return `[${value.map(String).join(", ")}]`;
  if (typeof value === "object") {
    // A typed fact `{ type, value }` is shown by its value.
    const typed = value as { type?: unknown; value?: unknown };
    if ("type" in typed && "value" in typed) return textOf(typed.value);
    return JSON.stringify(value);
  }
  return String(value);
}

/** A stored item as a form's values: the inverse of `fieldValue`, field by field. */
export function valuesOf(kind: PlanKind, item: Record<string, unknown> | null): FormValues {
  const values: FormValues = {};
  for (const field of kind.fields) {
    const value = item?.[field.name];
    if (field.type === "lines" && Array.isArray(value)) {
      // An assumption written with kill criteria is edited by its statement.
      values[field.name] = value
        .map((entry) =>
          entry && typeof entry === "object"
            ? String((entry as { statement?: unknown }).statement)
            : textOf(entry),
        )
        .join("\n");
    } else if (field.type === "pairs" && value && typeof value === "object") {
      values[field.name] = Object.entries(value)
        .map(([key, entry]) => `${key}: ${textOf(entry)}`)
        .join("\n");
    } else values[field.name] = textOf(value);
  }
  return values;
}

export type BodyResult =
  | { ok: true; body: Record<string, unknown> }
  /** Problems the form can tell before asking the server: only what it cannot send at all. */
  | { ok: false; fieldErrors: Record<string, string> };

/**
 * The body of a POST (every field given) or a PATCH (only the fields changed since `original`). An edit cannot
 * empty a field the server holds (a PATCH replaces the fields it is given), so that is said at the field.
 */
export function bodyOf(kind: PlanKind, values: FormValues, original?: FormValues): BodyResult {
  const body: Record<string, unknown> = {};
  const fieldErrors: Record<string, string> = {};
  for (const field of kind.fields) {
    if (original && field.addOnly) continue;
    const text = values[field.name] ?? "";
    if (original) {
      if (text === (original[field.name] ?? "")) continue;
      if (text.trim() === "") {
        fieldErrors[field.name] = "An edit cannot empty this field: give it a value, or leave it as it was";
        continue;
      }
    }
    const value = fieldValue(field, text);
    if (value !== undefined) body[field.name] = value;
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, body };
}

/**
 * A list item the form shows by its text alone (an assumption with kill criteria, shown by its statement) is
 * sent back whole while its text is unchanged, so an edit of the list never drops what the form does not show.
 */
export function keepingDetail(
  kind: PlanKind,
  body: Record<string, unknown>,
  item: Record<string, unknown>,
): Record<string, unknown> {
  const kept = { ...body };
  for (const field of kind.fields) {
    const sent = kept[field.name];
    const stored = item[field.name];
    if (field.type !== "lines" || !Array.isArray(sent) || !Array.isArray(stored)) continue;
    kept[field.name] = sent.map(
      (line) =>
        stored.find(
          (entry): entry is { statement: string } =>
            entry !== null &&
            typeof entry === "object" &&
            (entry as { statement?: unknown }).statement === line,
        ) ?? line,
    );
  }
  return kept;
}

/** The form field a server's field error belongs to: the first segment of its path ("facts.ready" → facts). */
export function fieldOf(kind: PlanKind, path: string): string | undefined {
  const head = path.split(".")[0] ?? "";
  return kind.fields.some((field) => field.name === head) ? head : undefined;
}

/** A refused write, as the server answered it (an ApiError's parts). */
export interface Refused {
  status: number;
  message: string;
  problems: ReadonlyArray<{ field: string; message: string }>;
}

export interface Explained {
  /** The server's messages at the form's own fields. */
  fieldErrors: Record<string, string>;
  /** What the form says as a whole, or null when the fields say it all. */
  formError: string | null;
  /** Someone changed the item since it was read: offer to reload it. */
  stale: boolean;
}

/** Where each part of a refusal is shown: at its field when the form has it, else for the form as a whole. */
export function explainRefusal(kind: PlanKind, shown: readonly string[], refused: Refused): Explained {
  if (refused.status === 412) {
    return {
      fieldErrors: {},
      formError: `Someone else changed this ${kind.singular} since you opened it, so your change was not saved. Reload it to see theirs, then make yours again.`,
      stale: true,
    };
  }
  const fieldErrors: Record<string, string> = {};
  const others: string[] = [];
  for (const problem of refused.problems) {
    const field = fieldOf(kind, problem.field);
    if (field && shown.includes(field)) {
      fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]}; ${problem.message}` : problem.message;
    } else others.push(`${problem.field}: ${problem.message}`);
  }
  const whole =
    refused.status === 403 ? `Your role may not change the plan: ${refused.message}.` : refused.message;
  return {
    fieldErrors,
    formError: others.length > 0 ? others.join("; ") : Object.keys(fieldErrors).length > 0 ? null : whole,
    stale: false,
  };
}
