// Zod's issues in words a person can act on: "Note: write at most 5000 characters", not "Too big: expected
// string to have <=5000 characters". Every client reads these in the problem responses' `errors`.
import type { z } from "zod";

type Issue = z.core.$ZodIssue;

/** "greener_reason" → "Greener reason"; a position in a list reads as "item 2". */
export function fieldLabel(path: PropertyKey[]): string {
  const names = path.filter((p): p is string => typeof p === "string");
  const last = names.at(-1);
  const index = path.at(-1);
  const label = last ? last.replace(/[_-]+/g, " ").replace(/^./, (c) => c.toUpperCase()) : "The request";
  return typeof index === "number" ? `${label}, item ${index + 1}` : label;
}

const plural = (n: number | bigint, one: string) => `${n} ${one}${Number(n) === 1 ? "" : "s"}`;

function unit(origin: string | undefined, n: number | bigint): string {
  if (origin === "string") return plural(n, "character");
  if (origin === "array" || origin === "set") return plural(n, "item");
  return String(n);
}

function expected(type: string): string {
  switch (type) {
    case "string":
      return "text";
    case "number":
    case "int":
      return "a number";
    case "boolean":
      return "yes or no (true or false)";
    case "array":
      return "a list";
    case "object":
      return "an object";
    default:
      return type;
  }
}

/** What to do about one issue, without the field's name. */
export function issueAdvice(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      // Issues carry their input only when asked to; zod's own message says what it received.
      return ("input" in issue ? issue.input === undefined : /received undefined$/.test(issue.message))
        ? "is required: fill it in"
        : `give ${expected(issue.expected)}`;
    case "too_small": {
      const n = issue.minimum;
      if (issue.origin === "string" || issue.origin === "array" || issue.origin === "set")
        return Number(n) === 1 && issue.origin === "string"
          ? "fill it in"
          : `write at least ${unit(issue.origin, n)}`;
      return `give a number of at least ${String(n)}${issue.inclusive === false ? " (exclusive)" : ""}`;
    }
    case "too_big": {
      const n = issue.maximum;
      if (issue.origin === "string" || issue.origin === "array" || issue.origin === "set")
        return `write at most ${unit(issue.origin, n)}`;
      return `give a number of at most ${String(n)}${issue.inclusive === false ? " (exclusive)" : ""}`;
    }
    case "invalid_value":
      return `choose one of ${issue.values.map((v) => `'${String(v)}'`).join(", ")}`;
    case "invalid_format":
      // A custom message written for the field says it best (the subject's pattern, a date's form).
      if (issue.message && !/^Invalid/.test(issue.message)) return issue.message;
      if (issue.format === "date") return "give a date as YYYY-MM-DD";
      if (issue.format === "email") return "give an email address";
      if (issue.format === "regex") return "is not in the form this field takes";
      return `give a valid ${issue.format}`;
    case "unrecognized_keys":
      return `remove ${issue.keys.map((k) => `'${k}'`).join(", ")}: the request does not take ${issue.keys.length === 1 ? "that key" : "those keys"}`;
    case "not_multiple_of":
      return `give a multiple of ${String(issue.divisor)}`;
    case "invalid_union":
      return "give a value of one of the accepted forms";
    default:
      return issue.message;
  }
}

/** One issue as a sentence that names the field and says what to do. */
export function fieldMessage(issue: Issue): string {
  return `${fieldLabel(issue.path)}: ${issueAdvice(issue)}`;
}
