// Text that can be stored as given: PostgreSQL's text refuses the NUL character, and UTF-8 has no form for an
// unpaired surrogate (a driver would fail or silently replace it), so both are refused where input arrives.

/** A lone high surrogate, or a low surrogate with no high one before it. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function textFault(text: string): string | undefined {
  if (text.includes("\u0000")) return "must not contain the NUL character (U+0000)";
  if (UNPAIRED_SURROGATE.test(text)) return "must be valid Unicode text (it holds an unpaired surrogate)";
  return undefined;
}

export interface TextFault {
  path: Array<string | number>;
  /** True when the fault is in the key at `path` rather than in its value. */
  atKey: boolean;
  message: string;
}

/**
 * Every string in plain data (parsed JSON or YAML), keys included, that cannot be stored; at most `limit` of
 * them. Walks with its own stack, so deeply nested input cannot exhaust the call stack.
 */
export function findTextFaults(value: unknown, limit = 20): TextFault[] {
  const faults: TextFault[] = [];
  const pending: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (pending.length > 0 && faults.length < limit) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === "string") {
      const message = textFault(current);
      if (message) faults.push({ path, atKey: false, message });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) pending.push({ value: current[i], path: [...path, i] });
    } else if (current !== null && typeof current === "object") {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const message = textFault(key);
        if (message) faults.push({ path: [...path, key], atKey: true, message: `has a key that ${message}` });
        else pending.push({ value: child, path: [...path, key] });
      }
    }
  }
  return faults.slice(0, limit);
}
