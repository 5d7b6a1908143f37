// CEL checks over commitments' facts and metrics: compiled once, evaluated to pass, fail or unverifiable.
import { celEnv, isCelError, parse, plan, type CelResult } from "@bufbuild/cel";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { Commitment, Fact, InitiativeSnapshot, Metric } from "../domain/model.ts";

type Program = ReturnType<typeof plan>;

export interface CompiledCheck {
  source: string;
  program: Program;
  /** Top-level names the expression reads (commitment ids, `metrics`). */
  identifiers: string[];
  /** The dotted paths it reads, such as `capacity.capacity_ready`, for evidence. */
  paths: string[];
}

export type CompileResult = { ok: true; check: CompiledCheck } | { ok: false; error: string };

export type CheckOutcome =
  | { status: "pass"; values: Record<string, unknown> }
  | { status: "fail"; values: Record<string, unknown> }
  | { status: "unverifiable"; reason: string; values: Record<string, unknown> };

/** Names a check can never use as a commitment id: CEL's reserved words and the `metrics` binding. */
export const RESERVED_NAMES = new Set([
  "metrics",
  "true",
  "false",
  "null",
  "in",
  "as",
  "break",
  "const",
  "continue",
  "else",
  "for",
  "function",
  "if",
  "import",
  "let",
  "loop",
  "package",
  "namespace",
  "return",
  "var",
  "void",
  "while",
]);

interface AstNode {
  exprKind?: { case?: string; value?: unknown };
}

function walk(node: unknown, visit: (expr: AstNode) => boolean | void): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  const expr = node as AstNode & Record<string, unknown>;
  if (expr.exprKind && visit(expr) === false) return;
  for (const [key, value] of Object.entries(expr)) if (key !== "$typeName") walk(value, visit);
}

/** Renders a select chain rooted at an identifier (`metrics.support_backlog.latest`), or null. */
function selectPath(expr: AstNode): string | null {
  const kind = expr.exprKind;
  if (kind?.case === "identExpr") return (kind.value as { name: string }).name;
  if (kind?.case === "selectExpr") {
    const select = kind.value as { operand: AstNode; field: string; testOnly: boolean };
    if (select.testOnly) return null;
    const base = selectPath(select.operand);
    return base === null ? null : `${base}.${select.field}`;
  }
  return null;
}

function analyse(parsed: ReturnType<typeof parse>): { identifiers: string[]; paths: string[] } {
  const identifiers = new Set<string>();
  const paths = new Set<string>();
  const loopVariables = new Set<string>();
  walk(parsed.expr, (expr) => {
    if (expr.exprKind?.case === "comprehensionExpr") {
      const comprehension = expr.exprKind.value as { iterVar: string; iterVar2: string; accuVar: string };
      for (const name of [comprehension.iterVar, comprehension.iterVar2, comprehension.accuVar]) {
        if (name) loopVariables.add(name);
      }
    }
  });
  walk(parsed.expr, (expr) => {
    const path = selectPath(expr);
    if (path === null) return;
    const root = path.split(".")[0] ?? path;
    if (loopVariables.has(root)) return false;
    identifiers.add(root);
    if (path.includes(".")) paths.add(path);
    return false;
  });
  return { identifiers: [...identifiers], paths: [...paths] };
}

function celValue(fact: Fact): unknown {
  if (fact.type === "date") return timestampFromDate(new Date(`${fact.value}T00:00:00Z`));
  return fact.value;
}

function commitmentBinding(commitment: Commitment): Record<string, unknown> {
  const binding: Record<string, unknown> = {};
  if (commitment.due) binding.due = celValue({ type: "date", value: commitment.due });
  if (commitment.done) binding.done = celValue({ type: "date", value: commitment.done });
  for (const [name, fact] of Object.entries(commitment.facts)) binding[name] = celValue(fact);
  return binding;
}

function metricBinding(metric: Metric): Record<string, unknown> {
  const points = [...metric.points].sort((a, b) => a.date.localeCompare(b.date));
  const binding: Record<string, unknown> = {
    unit: metric.unit,
    count: points.length,
    values: points.map((point) => point.value),
  };
  const latest = points.at(-1);
  const previous = points.at(-2);
  if (latest) {
    binding.latest = latest.value;
    binding.latest_date = celValue({ type: "date", value: latest.date });
    binding.max = Math.max(...points.map((point) => point.value));
    binding.min = Math.min(...points.map((point) => point.value));
  }
  if (previous && latest) {
    binding.previous = previous.value;
    binding.change = latest.value - previous.value;
  }
  return binding;
}

/** The variables a check sees: each commitment by id (its facts plus `due`/`done`) and `metrics`. */
export function checkBindings(snapshot: Pick<InitiativeSnapshot, "commitments" | "metrics">) {
  const bindings: Record<string, unknown> = {};
  for (const commitment of snapshot.commitments) bindings[commitment.id] = commitmentBinding(commitment);
  bindings.metrics = Object.fromEntries(snapshot.metrics.map((metric) => [metric.id, metricBinding(metric)]));
  return bindings;
}

function display(value: unknown): unknown {
  if (value && typeof value === "object" && "seconds" in value && "nanos" in value) {
    const seconds = Number((value as { seconds: bigint }).seconds);
    return new Date(seconds * 1000).toISOString().slice(0, 10);
  }
  return value;
}

function lookup(bindings: Record<string, unknown>, path: string): unknown {
  let current: unknown = bindings;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object" || !(part in current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return display(current);
}

export class CheckCompiler {
  private readonly env = celEnv();
  private readonly cache = new Map<string, CompileResult>();

  compile(source: string): CompileResult {
    const cached = this.cache.get(source);
    if (cached) return cached;
    let result: CompileResult;
    try {
      const parsed = parse(source);
      result = { ok: true, check: { source, program: plan(this.env, parsed), ...analyse(parsed) } };
    } catch (error) {
      result = {
        ok: false,
        error: error instanceof Error ? error.message.replace(/^<input>:/, "") : String(error),
      };
    }
    this.cache.set(source, result);
    return result;
  }

  evaluate(source: string, bindings: Record<string, unknown>): CheckOutcome {
    const compiled = this.compile(source);
    if (!compiled.ok)
      return { status: "unverifiable", reason: `the check does not compile: ${compiled.error}`, values: {} };
    const { check } = compiled;
    const values: Record<string, unknown> = {};
    for (const path of check.paths) values[path] = lookup(bindings, path);
    const missing = check.identifiers.filter((name) => !(name in bindings));
    if (missing.length > 0) {
      return {
        status: "unverifiable",
        reason: `the check names unknown ${missing.map((m) => `'${m}'`).join(", ")}`,
        values,
      };
    }
    // A missing value is left to CEL: it is an error (so unverifiable) unless the check guards it with has().
    const absent = check.paths.filter((path) => values[path] === undefined);
    const describeFailure = (message: string) => {
      const hints = [
        absent.length > 0 ? `no value for ${absent.join(", ")}` : null,
        /\(double, int\)|\(int, double\)/.test(message)
          ? "numbers in checks are doubles: write 60.0 rather than 60 in arithmetic"
          : null,
      ].filter(Boolean);
      return `evaluation failed: ${message}${hints.length > 0 ? ` (${hints.join("; ")})` : ""}`;
    };
    let result: CelResult;
    try {
      result = check.program(bindings as never);
    } catch (error) {
      return { status: "unverifiable", reason: describeFailure(String(error)), values };
    }
    if (isCelError(result))
      return { status: "unverifiable", reason: describeFailure(result.message), values };
    if (typeof result !== "boolean") {
      return {
        status: "unverifiable",
        reason: `the check gave ${String(result)}, not true or false`,
        values,
      };
    }
    return result ? { status: "pass", values } : { status: "fail", values };
  }
}
