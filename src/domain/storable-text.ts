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

/** A value still to be looked at, with how it was reached: its path is spelled out only for a fault. */
interface Pending {
  value: unknown;
  key: string | number | null;
  parent: Pending | null;
}

function pathOf(entry: Pending): Array<string | number> {
  const path: Array<string | number> = [];
  for (let at: Pending | null = entry; at !== null && at.key !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Every string in plain data (parsed JSON or YAML), keys included, that cannot be stored; at most `limit` of
 * them. Walks with its own stack, so deeply nested input cannot exhaust the call stack, and builds a path only
 * for what it reports, so a large document costs one small record per value.
 */
export function findTextFaults(value: unknown, limit = 20): TextFault[] {
  const faults: TextFault[] = [];
  const pending: Pending[] = [{ value, key: null, parent: null }];
  while (pending.length > 0 && faults.length < limit) {
    const entry = pending.pop()!;
    const current = entry.value;
    if (typeof current === "string") {
      const message = textFault(current);
      if (message) faults.push({ path: pathOf(entry), atKey: false, message });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        pending.push({ value: current[i], key: i, parent: entry });
    } else if (current !== null && typeof current === "object") {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const child: Pending = { value: (current as Record<string, unknown>)[key], key, parent: entry };
        const message = textFault(key);
        if (message) faults.push({ path: pathOf(child), atKey: true, message: `has a key that ${message}` });
        else pending.push(child);
      }
    }
  }
  return faults.slice(0, limit);
}
