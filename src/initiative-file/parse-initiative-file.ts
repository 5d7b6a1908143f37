// Reads an initiative file's text into a snapshot, or every problem in it at once with line and column.
import { isAlias, visit, type Alias, type Node } from "yaml";
import { load } from "js-yaml";
import type { z } from "zod";
import type { FieldProblem } from "../domain/app-error.ts";
import type { InitiativeSnapshot } from "../domain/model.ts";
import { findTextFaults } from "../domain/storable-text.ts";
import type { CheckCompiler } from "../checks/check-compiler.ts";
import { checkReferences, type KnownNames } from "./check-references.ts";
import { YAML_CORE_SCHEMA } from "./core-schema.ts";
import { locate, parseSource, type PathSegment, type SourceDocument } from "./locate.ts";
import { InitiativeFileSchema, type InitiativeFile } from "./schema.ts";
import { toSnapshot } from "./to-snapshot.ts";

export interface FileProblem extends FieldProblem {
  file: string;
  line: number;
  column: number;
}

export type ParseResult =
  { ok: true; file: InitiativeFile; snapshot: InitiativeSnapshot } | { ok: false; problems: FileProblem[] };

export interface ParseOptions {
  /** The file's name, for problems. */
  fileName: string;
  checks: CheckCompiler;
  /** Names that exist outside the file, such as the people of the org it is imported into. */
  known?: KnownNames;
}

function describeIssue(issue: z.core.$ZodIssue): { path: PathSegment[]; message: string; atKey?: boolean } {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
  switch (issue.code) {
    case "unrecognized_keys":
      return {
        path: [...path, issue.keys[0] ?? ""],
        atKey: true,
        message: `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}`,
      };
    case "invalid_union":
      return { path, message: "does not match any of the allowed forms" };
    case "invalid_type":
      return {
        path,
        message:
          issue.input === undefined
            ? "is required"
            : `must be ${issue.expected === "tuple" ? "a [date, value] pair" : `a ${issue.expected}`}`,
      };
    case "invalid_value":
      return { path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}` };
    case "invalid_key": {
      // The key itself is at fault (a commitment's id, say): named, with what a key must be.
      const key = issue.path.at(-1);
      const why = issue.issues[0]?.message ?? "is not a valid key";
      return { path, atKey: true, message: `the key '${String(key)}' ${why}` };
    }
    default:
      return { path, message: issue.message };
  }
}

/** The fields of `item` that are well-formed on their own, when `schema` is an object schema. */
function salvage(schema: z.ZodType, item: unknown): unknown {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape || item === null || typeof item !== "object") return undefined;
  return Object.fromEntries(
    Object.entries(item).flatMap(([key, value]) => {
      const field = shape[key]?.safeParse(value);
      return field?.success ? [[key, field.data]] : [];
    }),
  );
}

/**
 * The well-formed parts of a file that failed its schema: whole sections where they parse, else each item's
 * well-formed fields, so that reference checks still report everything they can.
 */
function wellFormedParts(raw: unknown): Partial<InitiativeFile> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return {};
  const shape = InitiativeFileSchema.shape;
  const parts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const schema = shape[key as keyof typeof shape];
    if (!schema) continue;
    const whole = schema.safeParse(value);
    if (whole.success) {
      parts[key] = whole.data;
      continue;
    }
    const inner = (schema as unknown as { unwrap?: () => z.ZodType }).unwrap?.() ?? schema;
    if (Array.isArray(value) && "element" in inner) {
      const element = (inner as unknown as { element: z.ZodType }).element;
      parts[key] = value.map((item) => salvage(element, item) ?? {});
    } else if (value && typeof value === "object" && "valueType" in inner) {
      const valueType = (inner as unknown as { valueType: z.ZodType }).valueType;
      parts[key] = Object.fromEntries(
        Object.entries(value).map(([k, item]) => [k, salvage(valueType, item) ?? {}]),
      );
    }
  }
  return parts as Partial<InitiativeFile>;
}

function located(
  source: SourceDocument,
  fileName: string,
  problem: { path: PathSegment[]; message: string; atKey?: boolean },
): FileProblem {
  const { path, message } = problem;
  const position = locate(source, path, { atKey: problem.atKey ?? false });
  return { file: fileName, ...position, path: path.join(".") || "(file)", message };
}

export type DocumentResult =
  | { ok: true; file: InitiativeFile; snapshot: InitiativeSnapshot }
  | { ok: false; problems: Array<{ path: PathSegment[]; message: string; atKey?: boolean }> };

/** Validates an initiative document already parsed into plain data (from YAML, JSON, or an API body). */
export function validateInitiativeDocument(
  raw: unknown,
  options: Omit<ParseOptions, "fileName">,
): DocumentResult {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return {
      ok: false,
      problems: [
        { path: [], message: "an initiative file is a mapping with at least `initiative` and `owner`" },
      ],
    };
  }
  // Text the store cannot keep is refused first, by where it is (a key is named by its mapping).
  const textFaults = findTextFaults(raw);
  if (textFaults.length > 0) {
    return {
      ok: false,
      problems: textFaults.map((f) => ({ path: f.atKey ? f.path.slice(0, -1) : f.path, message: f.message })),
    };
  }
  const parsed = InitiativeFileSchema.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map(describeIssue)),
    ...checkReferences(parsed.success ? parsed.data : wellFormedParts(raw), options.checks, options.known),
  ];
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, file: parsed.data, snapshot: toSnapshot(parsed.data) };
}

/**
 * How many times aliases may be expanded, weighted by the aliases inside what they expand (`yaml`'s own
 * measure): enough for any file written by hand, and a refusal for an alias bomb ("billion laughs"), whose
 * nested aliases would otherwise expand to millions of nodes.
 */
export const MAX_ALIAS_COUNT = 100;

/** The alias at fault when aliases cannot be expanded: one whose anchor is not set before it, else the first
 * whose anchor itself holds aliases (what makes expansion grow by multiplication). */
function faultyAlias(
  document: SourceDocument["document"],
): { alias: Alias; unresolved: boolean } | undefined {
  const anchors = new Map<string, Node>();
  let nested: Alias | undefined;
  let unresolved: Alias | undefined;
  visit(document, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (!target) unresolved ??= node;
        else if (!nested && holdsAlias(target)) nested = node;
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  if (unresolved) return { alias: unresolved, unresolved: true };
  return nested ? { alias: nested, unresolved: false } : undefined;
}

function holdsAlias(node: Node): boolean {
  let found = false;
  visit(node, { Alias: () => ((found = true), visit.BREAK) });
  return found;
}

/** The file's data with its aliases expanded, or a problem at the alias that cannot be expanded. */
function expand(
  source: SourceDocument,
  fileName: string,
): { ok: true; value: unknown } | { ok: false; problem: FileProblem } {
  try {
    return { ok: true, value: source.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    // `yaml` throws a ReferenceError for an alias it cannot expand; anything else is a real failure.
    if (!(error instanceof ReferenceError)) throw error;
    const fault = faultyAlias(source.document);
    const position = source.lines.linePos(fault?.alias.range?.[0] ?? 0);
    const message = fault?.unresolved
      ? `alias *${fault.alias.source} names no anchor set before it`
      : `aliases expand too far (more than ${MAX_ALIAS_COUNT} expansions): refused, as an alias bomb would exhaust memory`;
    return {
      ok: false,
      problem: { file: fileName, line: position.line, column: position.col, path: "(file)", message },
    };
  }
}

/**
 * The file's data read the fast way, for the common case of a valid file: `js-yaml`, which keeps no positions,
 * reads a large file several times faster than the document with every node's position that problems need.
 * Null when the text holds anything the two readers might read differently, or that the careful reader must
 * judge: a directive (`%YAML 1.1`), a tag, an anchor or alias (and so an alias bomb), or a syntax error.
 */
export function quickRead(text: string): unknown {
  if (/^%|(^|[\s[{,])[!&*]/m.test(text)) return null;
  try {
    // YAML 1.2's core schema, as `yaml` reads it: no timestamps, no merge keys (and no aliases get this far).
    return load(text, { schema: YAML_CORE_SCHEMA });
  } catch {
    return null;
  }
}

export function parseInitiativeFile(text: string, options: ParseOptions): ParseResult {
  const { fileName } = options;
  // A valid file needs no positions: only a file with problems is read again, with them.
  const quick = quickRead(text);
  if (quick !== null && quick !== undefined) {
    const result = validateInitiativeDocument(quick, options);
    if (result.ok) return result;
  }
  const source = parseSource(text);
  const syntax = [...source.document.errors];
  if (syntax.length > 0) {
    return {
      ok: false,
      problems: syntax.map((error) => ({
        file: fileName,
        ...(() => {
          const position = source.lines.linePos(error.pos[0]);
          return { line: position.line, column: position.col };
        })(),
        path: "(file)",
        message: error.message.split("\n")[0] ?? error.message,
      })),
    };
  }
  const data = expand(source, fileName);
  if (!data.ok) return { ok: false, problems: [data.problem] };
  const result = validateInitiativeDocument(data.value, options);
  if (result.ok) return result;
  const unique = new Map<string, FileProblem>();
  for (const problem of result.problems) {
    const p = located(source, fileName, problem);
    unique.set(`${p.path}\u0000${p.message}`, p);
  }
  return { ok: false, problems: [...unique.values()].sort((a, b) => a.line - b.line || a.column - b.column) };
}
