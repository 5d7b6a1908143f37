// The bounds a check runs within: its size and nesting, refused when it is compiled, and a step budget while it runs.
//
// Checks are written by members and run on the server for every tenant, so an expression must not be able to
// hold the process: CEL's macros (all, exists, exists_one, map, filter) loop over lists, and loops nested in
// loops multiply. Nesting is refused up front; what a check may still do (loop over a long series, say) is
// counted as it runs, each item of each list a loop starts on one step, and a check over budget is stopped,
// not waited for.
import {
  celFunc,
  celList,
  CelScalar,
  isCelList,
  isCelMap,
  listType,
  type CelFunc,
  type CelInput,
  type CelList,
  type parse,
} from "@bufbuild/cel";

export interface CheckLimits {
  /** Characters in the expression. */
  maxLength: number;
  /** Levels of the expression's tree: operators, calls and lists inside one another. */
  maxDepth: number;
  /** Loops (all, exists, exists_one, map, filter) each in what the one outside it repeats per item, all counted. */
  maxLoopNesting: number;
  /** Items all the check's loops may go over in one evaluation, together (each loop's whole list counts). */
  maxSteps: number;
}

export const DEFAULT_CHECK_LIMITS: CheckLimits = {
  maxLength: 2_000,
  maxDepth: 40,
  maxLoopNesting: 2,
  maxSteps: 20_000,
};

const LOOPS = "all, exists, exists_one, map or filter";

type ParsedExpr = ReturnType<typeof parse>;

/** An expression node as the parser makes it: a kind, and the kind's fields (other nodes among them). */
interface Node {
  exprKind?: { case?: string; value?: unknown };
}

interface Comprehension {
  iterRange?: Node;
  accuInit?: Node;
  loopCondition?: Node;
  loopStep?: Node;
  result?: Node;
}

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && "exprKind" in value;

/** The nodes directly beneath `node`, each with whether it runs once per item of a loop `node` is. */
function children(node: Node): Array<{ child: Node; perItem: boolean }> {
  const value = node.exprKind?.value;
  if (typeof value !== "object" || value === null) return [];
  if (node.exprKind?.case === "comprehensionExpr") {
    const loop = value as Comprehension;
    return [
      ...[loop.iterRange, loop.accuInit, loop.result].map((child) => ({ child, perItem: false })),
      ...[loop.loopCondition, loop.loopStep].map((child) => ({ child, perItem: true })),
    ].filter((entry): entry is { child: Node; perItem: boolean } => entry.child !== undefined);
  }
  const found: Node[] = [];
  const collect = (field: unknown): void => {
    if (isNode(field)) found.push(field);
    else if (Array.isArray(field)) field.forEach(collect);
    // Struct entries and map keys sit one object further down.
    else if (typeof field === "object" && field !== null) Object.values(field).forEach(collect);
  };
  Object.values(value).forEach(collect);
  return found.map((child) => ({ child, perItem: false }));
}

/** How deep the tree goes, and how many loops sit one inside another's per-item part at most. */
function measure(root: Node | undefined): { depth: number; loopNesting: number } {
  let depth = 0;
  let loopNesting = 0;
  const stack: Array<{ node: Node; level: number; loops: number }> = root
    ? [{ node: root, level: 1, loops: 0 }]
    : [];
  while (stack.length > 0) {
    const { node, level, loops } = stack.pop()!;
    const isLoop = node.exprKind?.case === "comprehensionExpr";
    const within = isLoop ? loops + 1 : loops;
    depth = Math.max(depth, level);
    loopNesting = Math.max(loopNesting, within);
    for (const { child, perItem } of children(node)) {
      // A loop's range, start and result run once: a loop there follows this one rather than nesting in it.
      stack.push({ node: child, level: level + 1, loops: perItem ? within : loops });
    }
  }
  return { depth, loopNesting };
}

/** Why a check may not run, in words its author can act on; null when it is within the limits. */
export function sizeProblem(source: string, limits: CheckLimits): string | null {
  if (source.length > limits.maxLength)
    return `it is ${source.length} characters long, and a check may be at most ${limits.maxLength}`;
  return null;
}

/** `sizeProblem` for what parsing found: nesting too deep to run safely. */
export function shapeProblem(parsed: ParsedExpr, limits: CheckLimits): string | null {
  const { depth, loopNesting } = measure(parsed.expr as Node | undefined);
  if (depth > limits.maxDepth)
    return `it nests ${depth} levels deep (operators, calls and lists inside one another), and a check may nest at most ${limits.maxDepth}`;
  if (loopNesting > limits.maxLoopNesting)
    return `it puts ${LOOPS} inside one another ${loopNesting} deep, and a check may go at most ${limits.maxLoopNesting} deep: each level repeats everything inside it once per item`;
  return null;
}

/** The names of the budget's functions: `@` cannot start a name a check writes, so no check can call them. */
const STEP = "@step";
const RANGE = "@range";
const APPEND = "@append";

const EMPTY = celList([]);
const LIST = listType(CelScalar.DYN);
/** The macros' accumulator: a name no check can write either. */
const RESULT = "@result";

/**
 * Counts the steps of one evaluation at a time (evaluation is synchronous: one check runs at a time per
 * compiler). A loop pays a step for each item of its list when it starts (it copies the list then, however
 * soon it stops); once the budget is spent every loop is handed an empty list and every loop's condition is
 * false, so the evaluation ends at once and `exhausted` says its result is not to be used.
 */
export class StepMeter {
  private remaining = 0;
  private spent = false;
  /** The items of each list `@append` made, which only the loop building it can see. */
  private readonly built = new WeakMap<object, unknown[]>();
  readonly funcs: readonly CelFunc[];

  constructor(readonly maxSteps: number) {
    this.funcs = [
      celFunc(STEP, [CelScalar.DYN], CelScalar.DYN, (condition) => (this.spent ? false : condition)),
      celFunc(RANGE, [CelScalar.DYN], CelScalar.DYN, (range) => {
        const size = isCelList(range) || isCelMap(range) ? range.size : 0;
        return this.pay(size) ? range : EMPTY;
      }),
      celFunc(APPEND, [LIST, LIST], LIST, (list, more) => this.append(list, more)),
    ];
  }

  /**
   * `list + more` for a map's or filter's result as it grows: CEL joins lists by chaining them, so a result
   * built an item at a time is a chain as long as the list, and reading it back takes time growing with the
   * square of its length. The result is only ever seen by the loop building it until the loop ends, so the
   * list it started (a new list, from the loop's `[]`) takes each item in place instead.
   */
  private append(list: CelList, more: CelList): CelList {
    let items = this.built.get(list);
    if (items === undefined) {
      items = [...list];
      list = celList(items as CelInput[]);
      this.built.set(list, items);
    }
    for (const item of more) items.push(item);
    return list;
  }

  private pay(steps: number): boolean {
    this.remaining -= steps;
    if (this.remaining < 0) this.spent = true;
    return !this.spent;
  }

  /** Runs `evaluate` with a full budget; `exhausted` is true when it ran out. */
  run<T>(evaluate: () => T): { result: T; exhausted: boolean } {
    this.remaining = this.maxSteps;
    this.spent = false;
    try {
      return { result: evaluate(), exhausted: this.spent };
    } finally {
      this.remaining = 0;
    }
  }

  /** Why a check was stopped, for its unverifiable outcome. */
  describe(): string {
    const most = this.maxSteps.toLocaleString("en-US");
    return `it was stopped: its ${LOOPS} went over more than ${most} items in all, and a check may go over at most ${most}`;
  }
}

const call = (name: string, arg: Node & { id?: bigint }): Node & { id?: bigint } =>
  ({ id: arg.id, exprKind: { case: "callExpr", value: { function: name, args: [arg] } } }) as Node;

/** `@result + [x]`: how the map and filter macros add an item to their result. */
function isResultAppend(node: Node): boolean {
  if (node.exprKind?.case !== "callExpr") return false;
  const call = node.exprKind.value as { function: string; args: Node[] };
  const [list, more] = call.args;
  return (
    call.function === "_+_" &&
    list?.exprKind?.case === "identExpr" &&
    (list.exprKind.value as { name: string }).name === RESULT &&
    more?.exprKind?.case === "listExpr"
  );
}

/**
 * Makes every loop in `parsed` pay the meter: its list `r` becomes `@range(r)` and its condition `c` becomes
 * `@step(c)`, and the map and filter macros add to their result with `@append`. Changes `parsed` in place,
 * so it is done after everything else has read the expression as written.
 */
export function meterLoops(parsed: ParsedExpr): ParsedExpr {
  const stack: Node[] = parsed.expr ? [parsed.expr as Node] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.exprKind?.case === "comprehensionExpr") {
      const loop = node.exprKind.value as Required<Comprehension>;
      loop.iterRange = call(RANGE, loop.iterRange);
      loop.loopCondition = call(STEP, loop.loopCondition);
    }
    if (isResultAppend(node)) (node.exprKind!.value as { function: string }).function = APPEND;
    stack.push(...children(node).map(({ child }) => child));
  }
  return parsed;
}
