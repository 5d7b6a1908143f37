// Each link read for the map: whether its check holds, whether anyone owns it, and the values its check reads.
import type { InitiativeDocument, Link, Signal } from "../../lib/api-types.ts";

export type LinkStatus = "broken" | "unverifiable" | "holds" | "unchecked";

export interface LinkView {
  link: Link;
  from: string;
  to: string;
  /** An assumption joins two commitments without a direction. */
  directed: boolean;
  status: LinkStatus;
  unowned: boolean;
  signals: Signal[];
  /** Each `commitment.fact` or `metrics.name.x` the check reads, with its value now ("missing" when absent). */
  values: Array<{ ref: string; value: string }>;
}

export const STATUS_LABEL: Record<LinkStatus, string> = {
  broken: "Broken",
  unverifiable: "Unverifiable",
  holds: "Holds",
  unchecked: "No check",
};

const REF = /\b([A-Za-z_]\w*)\.([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?/g;

function show(value: unknown): string {
  if (value === undefined || value === null) return "missing";
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}

/** The inputs of a check, read from the document; the verdict itself is the engine's (its signals). */
export function checkValues(check: string, doc: InitiativeDocument): LinkView["values"] {
  const refs = new Map<string, unknown>();
  for (const [, head = "", field = "", sub] of check.matchAll(REF)) {
    if (head === "metrics") {
      const points = doc.metrics?.[field]?.points ?? [];
      if (sub === "latest") refs.set(`metrics.${field}.latest`, points.at(-1)?.[1]);
      continue;
    }
    const commitment = doc.commitments?.[head];
    if (!commitment) continue;
    const builtIn: Record<string, unknown> = { due: commitment.due, done: commitment.done };
    refs.set(`${head}.${field}`, commitment.facts?.[field] ?? builtIn[field]);
  }
  return [...refs].map(([ref, value]) => ({ ref, value: show(value) }));
}

export function linkViews(
  links: readonly Link[],
  doc: InitiativeDocument,
  signals: readonly Signal[],
): LinkView[] {
  return links.flatMap((link) => {
    const from = link.from ?? link.between?.[0];
    const to = link.to ?? link.between?.[1];
    if (!from || !to) return [];
    const own = signals.filter((s) => s.subject.type === "link" && s.subject.id === link.id);
    const has = (kind: string) => own.some((s) => s.kind === kind);
    const status: LinkStatus = has("broken-assumption")
      ? "broken"
      : has("unverifiable-assumption")
        ? "unverifiable"
        : link.check
          ? "holds"
          : "unchecked";
    return [
      {
        link,
        from,
        to,
        directed: !link.between,
        status,
        unowned: has("unowned-link"),
        signals: own,
        values: link.check ? checkValues(link.check, doc) : [],
      },
    ];
  });
}

/** The words a link is announced and labelled with: "assumption, broken, unowned". */
export function linkSummary(view: LinkView): string {
  return [
    view.link.kind,
    view.status === "holds" || view.status === "unchecked" ? null : STATUS_LABEL[view.status].toLowerCase(),
    view.unowned ? "unowned" : null,
  ]
    .filter(Boolean)
    .join(" · ");
}
