// CEL checks over commitments' facts and metrics: compiled once within limits, evaluated to pass, fail or unverifiable.
import { celEnv, isCelError, parse, plan, type CelResult } from "@bufbuild/cel";
import {
  DEFAULT_CHECK_LIMITS,
  meterLoops,
  shapeProblem,
  sizeProblem,
  StepMeter,
  type CheckLimits,
} from "./limits.ts";

type Program = ReturnType<typeof plan>;

export interface CompiledCheck {
  source: string;
  program: Program;
  /** Top-level names the expression reads (commitment ids, `metrics`). */
  identifiers: string[];
  /** The dotted paths it reads, such as `capacity.capacity_ready`, for evidence. */
  paths: string[];
  /**
   * Every name evaluating it may look up in the bindings: each name chain in the expression and all its
   * dotted prefixes, since CEL resolves `a.b.c` by trying the variables `a.b.c`, `a.b` and `a` (inside
   * comprehensions too, and for `has()`). A superset: nothing else in the bindings can change the outcome.
   */
  lookups: string[];
  /** Set when the check is one comparison of two facts, which can be decided without running CEL. */
  comparison: FactComparison | null;
  /** Set when the check is a name chain compared with a decimal number (`metrics.backlog.latest <= 400.0`). */
  threshold: Threshold | null;
}

export type CompileResult =
  | { ok: true; check: CompiledCheck }
  /** `refused`: it is longer or nests deeper than a check may (see CheckLimits), whether or not it parses. */
  | { ok: false; error: string; refused: boolean };

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

/** A chain of selects rooted at an identifier, presence tests included (`has(a.b.c)` → `a.b.c`), or null. */
function nameChain(expr: AstNode): string | null {
  const kind = expr.exprKind;
  if (kind?.case === "identExpr") return (kind.value as { name: string }).name;
  if (kind?.case === "selectExpr") {
    const select = kind.value as { operand: AstNode; field: string };
    const base = nameChain(select.operand);
    return base === null ? null : `${base}.${select.field}`;
  }
  return null;
}

function lookupNames(parsed: ReturnType<typeof parse>): string[] {
  const names = new Set<string>();
  // Every select or identifier node is visited, so each chain's prefixes are collected from its operands.
  walk(parsed.expr, (expr) => {
    const chain = nameChain(expr);
    if (chain !== null) names.add(chain);
  });
  return [...names];
}

type Comparison = "<" | "<=" | ">" | ">=" | "==" | "!=";

const COMPARISONS: ReadonlyMap<string, Comparison> = new Map([
  ["_<_", "<"],
  ["_<=_", "<="],
  ["_>_", ">"],
  ["_>=_", ">="],
  ["_==_", "=="],
  ["_!=_", "!="],
]);

/** A fact a check reads, `commitment.fact`, with the dotted name CEL tries as a variable first. */
interface FactRef {
  name: string;
  field: string;
  dotted: string;
}

/** A check that is nothing but `a.f op b.g`, the commonest kind (`capacity.ready <= campaign.start`). */
export interface FactComparison {
  op: Comparison;
  left: FactRef;
  right: FactRef;
}

function factRef(expr: AstNode): FactRef | null {
  if (expr.exprKind?.case !== "selectExpr") return null;
  const select = expr.exprKind.value as { operand: AstNode; field: string; testOnly: boolean };
  if (select.testOnly || select.operand.exprKind?.case !== "identExpr") return null;
  const { name } = select.operand.exprKind.value as { name: string };
  return { name, field: select.field, dotted: `${name}.${select.field}` };
}

function factComparison(parsed: ReturnType<typeof parse>): FactComparison | null {
  const kind = (parsed.expr as AstNode | undefined)?.exprKind;
  if (kind?.case !== "callExpr") return null;
  const call = kind.value as { target?: AstNode; function: string; args: AstNode[] };
  const op = COMPARISONS.get(call.function);
  if (!op || call.target !== undefined || call.args.length !== 2) return null;
  const left = factRef(call.args[0]!);
  const right = factRef(call.args[1]!);
  return left && right ? { op, left, right } : null;
}

/** A check that is nothing but `a.b.c op 1.5`: a name chain against a double literal, the commonest metric check. */
export interface Threshold {
  op: Comparison;
  /** The chain's names, root first. */
  path: string[];
  value: number;
}

const CHAIN = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*`;
/**
 * The commonest checks, read without CEL's parser: a chain of plain names compared with another chain
 * (`capacity.ready <= campaign.start`) or with a decimal written with a point (a double in CEL; an integer
 * literal would be CEL's int). Anything else, a reserved word in a chain included, is parsed as usual. Every
 * text it matches is a valid CEL expression of that meaning.
 */
const SIMPLE = new RegExp(String.raw`^\s*(${CHAIN})\s*(<=|>=|==|!=|<|>)\s*(?:(${CHAIN})|(\d+\.\d+))\s*$`);
const CEL_RESERVED = new Set([...RESERVED_NAMES].filter((name) => name !== "metrics"));

interface SimpleCheck {
  reads: Pick<CompiledCheck, "identifiers" | "paths" | "lookups">;
  comparison: FactComparison | null;
  threshold: Threshold | null;
}

/** A chain's dotted prefixes, longest first (`a.b.c`, `a.b`, `a`): the names CEL may look up for it. */
const prefixes = (path: readonly string[]) => path.map((_, i) => path.slice(0, path.length - i).join("."));

/** What `analyse`, `lookupNames` and `factComparison` read from a simple check's parse, without the parse. */
function simpleCheck(source: string): SimpleCheck | null {
  const match = SIMPLE.exec(source);
  if (!match) return null;
  const op = match[2] as Comparison;
  const chains = [match[1]!, ...(match[3] ? [match[3]] : [])].map((chain) => chain.split("."));
  if (chains.some((chain) => chain.some((name) => CEL_RESERVED.has(name)))) return null;
  const reads = {
    identifiers: [...new Set(chains.map((chain) => chain[0]!))],
    paths: [...new Set(chains.filter((chain) => chain.length > 1).map((chain) => chain.join(".")))],
    lookups: [...new Set(chains.flatMap(prefixes))],
  };
  const ref = (chain: string[]): FactRef => ({ name: chain[0]!, field: chain[1]!, dotted: chain.join(".") });
  const facts = chains.length === 2 && chains.every((chain) => chain.length === 2);
  return {
    reads,
    comparison: facts ? { op, left: ref(chains[0]!), right: ref(chains[1]!) } : null,
    threshold: match[4] ? { op, path: chains[0]!, value: Number(match[4]) } : null,
  };
}

/**
 * The number CEL reads for the threshold's chain when every step is a plain binding object; undefined when
 * anything else could be going on (a variable named with a dot, a converted value, no such name).
 */
function plainValue(bindings: Record<string, unknown>, path: readonly string[]): unknown {
  for (let i = 2; i <= path.length; i++)
    if (Object.hasOwn(bindings, path.slice(0, i).join("."))) return undefined;
  let current: unknown = bindings;
  for (const name of path) {
    if (
      typeof current !== "object" ||
      current === null ||
      Object.getPrototypeOf(current) !== Object.prototype
    )
      return undefined;
    if (!Object.hasOwn(current, name)) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current;
}

interface Timestamp {
  $typeName: "google.protobuf.Timestamp";
  seconds: bigint;
  nanos: number;
}

const isTimestamp = (value: unknown): value is Timestamp =>
  typeof value === "object" &&
  value !== null &&
  (value as { $typeName?: unknown }).$typeName === "google.protobuf.Timestamp";

/**
 * The value CEL reads for `ref` when it is a fact of a commitment's plain binding; undefined when anything
 * else could be going on (CEL then decides). CEL resolves `a.f` by trying a variable named `a.f` first, then
 * the field `f` of the variable `a`, converted to a map of its own entries.
 */
function plainFact(bindings: Record<string, unknown>, ref: FactRef): unknown {
  if (bindings[ref.dotted] !== undefined || !Object.hasOwn(bindings, ref.name)) return undefined;
  const binding = bindings[ref.name];
  if (typeof binding !== "object" || binding === null || Object.getPrototypeOf(binding) !== Object.prototype)
    return undefined;
  return Object.hasOwn(binding, ref.field) ? (binding as Record<string, unknown>)[ref.field] : undefined;
}

/** As CEL's double overloads compute it (its `==` on two numbers is `===`). */
function compareNumbers(op: Comparison, left: number, right: number): boolean {
  switch (op) {
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
    case "==":
      return left === right;
    case "!=":
      return left !== right;
  }
}

/** A threshold over a plain number, as CEL's double overloads decide it; undefined for CEL to decide. */
function decideThreshold(t: Threshold, bindings: Record<string, unknown>): boolean | undefined {
  const value = plainValue(bindings, t.path);
  return typeof value === "number" ? compareNumbers(t.op, value, t.value) : undefined;
}

/** As CEL's timestamp overloads read `compareTimestamp`; equality is left to CEL. */
function ordered(op: Comparison, order: number): boolean | undefined {
  switch (op) {
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    default:
      return undefined;
  }
}

/**
 * The result CEL's standard overloads give for a comparison of two numbers (doubles: JavaScript's operators,
 * and `==` as `===`) or the ordering of two timestamps (seconds, then nanos); undefined for anything else,
 * which CEL evaluates as usual (mixed types, a missing fact, a variable named with a dot, timestamp equality).
 */
function decideComparison(
  comparison: FactComparison,
  bindings: Record<string, unknown>,
): boolean | undefined {
  const left = plainFact(bindings, comparison.left);
  const right = plainFact(bindings, comparison.right);
  if (typeof left === "number" && typeof right === "number")
    return compareNumbers(comparison.op, left, right);
  if (isTimestamp(left) && isTimestamp(right)) {
    const seconds = left.seconds - right.seconds;
    return ordered(comparison.op, seconds === 0n ? left.nanos - right.nanos : seconds < 0n ? -1 : 1);
  }
  return undefined;
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

/** Why a check could not be evaluated, with hints: the values it lacked, a double/int mix-up. */
function describeFailure(message: string, check: CompiledCheck, values: Record<string, unknown>): string {
  const absent = check.paths.filter((path) => values[path] === undefined);
  const hints = [
    absent.length > 0 ? `no value for ${absent.join(", ")}` : null,
    /\(double, int\)|\(int, double\)/.test(message)
      ? "numbers in checks are doubles: write 60.0 rather than 60 in arithmetic"
      : null,
  ].filter(Boolean);
  return `evaluation failed: ${message}${hints.length > 0 ? ` (${hints.join("; ")})` : ""}`;
}

/** What a compile error says to the check's author: a check that does not parse, or one refused by the limits. */
export function describeCompileError(result: Extract<CompileResult, { ok: false }>): string {
  return result.refused
    ? `the CEL expression is refused: ${result.error}`
    : `the CEL expression does not compile: ${result.error}`;
}

export class CheckCompiler {
  private readonly limits: CheckLimits;
  private readonly meter: StepMeter;
  private readonly env;
  private readonly cache = new Map<string, CompileResult>();

  constructor(limits: Partial<CheckLimits> = {}) {
    this.limits = { ...DEFAULT_CHECK_LIMITS, ...limits };
    this.meter = new StepMeter(this.limits.maxSteps);
    this.env = celEnv({ funcs: [...this.meter.funcs] });
  }

  compile(source: string): CompileResult {
    const cached = this.cache.get(source);
    if (cached) return cached;
    const result = this.compileUncached(source);
    this.cache.set(source, result);
    return result;
  }

  private compileUncached(source: string): CompileResult {
    const tooLong = sizeProblem(source, this.limits);
    if (tooLong) return { ok: false, error: tooLong, refused: true };
    // A simple comparison needs no parse to be known valid, and is mostly decided without CEL (two facts, or a
    // value against a decimal): its program is planned only if a run ever needs it.
    const simple = simpleCheck(source);
    if (simple) {
      let planned: Program | undefined;
      const program = ((activation: never) =>
        (planned ??= plan(this.env, meterLoops(parse(source))))(activation)) as Program;
      const { reads, comparison, threshold } = simple;
      return { ok: true, check: { source, program, ...reads, comparison, threshold } };
    }
    try {
      const parsed = parse(source);
      const tooDeep = shapeProblem(parsed, this.limits);
      if (tooDeep) return { ok: false, error: tooDeep, refused: true };
      const reads = {
        ...analyse(parsed),
        lookups: lookupNames(parsed),
        comparison: factComparison(parsed),
        threshold: null,
      };
      return { ok: true, check: { source, program: plan(this.env, meterLoops(parsed)), ...reads } };
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(/^<input>:/, "") : String(error);
      return { ok: false, error: message, refused: false };
    }
  }

  evaluate(source: string, bindings: Record<string, unknown>): CheckOutcome {
    return this.evaluateCompiled(this.compile(source), bindings);
  }

  /**
   * `evaluate` for a check already compiled. `activation`, when given, makes what the program reads instead of
   * `bindings`, only if it runs: the same bindings already converted to CEL values (see `celActivation`).
   */
  evaluateCompiled(
    compiled: CompileResult,
    bindings: Record<string, unknown>,
    activation: () => Record<string, unknown> = () => bindings,
  ): CheckOutcome {
    if (!compiled.ok) {
      const why = compiled.refused ? "the check is refused" : "the check does not compile";
      return { status: "unverifiable", reason: `${why}: ${compiled.error}`, values: {} };
    }
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
    // The commonest check, two facts compared, is decided directly when CEL's answer is plain to see.
    const decided = check.comparison
      ? decideComparison(check.comparison, bindings)
      : check.threshold
        ? decideThreshold(check.threshold, bindings)
        : undefined;
    if (decided !== undefined) return decided ? { status: "pass", values } : { status: "fail", values };
    let run: { result: CelResult; exhausted: boolean };
    try {
      run = this.meter.run(() => check.program(activation() as never));
    } catch (error) {
      return { status: "unverifiable", reason: describeFailure(String(error), check, values), values };
    }
    const { result, exhausted } = run;
    if (exhausted) return { status: "unverifiable", reason: this.meter.describe(), values };
    if (isCelError(result))
      return { status: "unverifiable", reason: describeFailure(result.message, check, values), values };
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
