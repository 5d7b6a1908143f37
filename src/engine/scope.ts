// Reads what a claim puts in scope and what it leaves out ("includes SSO", "SSO is not in v1"), each negation within its clause.
import { TextCache } from "./memo.ts";
import { readQuantities, singular } from "./quantity.ts";

export type ScopeStance = "included" | "excluded";

export interface ScopeItem {
  /** The item as written ("single sign-on", "audit logs"). */
  words: string;
  /** Lower-cased, singular words, hyphens and slashes as spaces ("audit log"): how the item is named in values. */
  key: string;
  stance: ScopeStance;
  /** Left out because it comes in a later release ("SSO comes in v2", "defers SSO"), not left out for good. */
  deferred: boolean;
  /** The clause the stance was read from, as written. */
  clause: string;
}

/** One text puts an item in scope and the other leaves the same item out. */
export interface ScopeClash {
  included: ScopeItem;
  excluded: ScopeItem;
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

const R = String.raw;

/** The first release, or the scope itself: being "in" one of these puts an item in scope. */
const FIRST = R`(?:v\s?1(?:\.0)?(?![.\d])|version\s+1(?:\.0)?(?![.\d])|(?:the\s+)?(?:first|initial|1st)\s+(?:release|version|launch|phase|cut|iteration|milestone)|(?:the\s+)?mvp|(?:the\s+)?launch|launch\s+day|day\s+(?:one|1)|phase\s+(?:1|one|i)\b|release\s+1(?![.\d])|(?:the\s+)?scope|this\s+release|the\s+release)`;
/** A release after the first: being "in" one of these leaves an item out of the first. */
const LATER = R`(?:v\s?(?:1\.[1-9]|[2-9]|[1-9]\d)(?:\.\d+)?|version\s+(?:[2-9]|[1-9]\d)|(?:a\s+|the\s+)?(?:next|second|later|future|follow[\s-]?up|subsequent|2nd)\s+(?:release|version|launch|phase|iteration|cut|milestone)|phase\s+(?:[2-9]|two|three|ii)\b|release\s+[2-9]|after\s+(?:the\s+)?launch|post[\s-]?launch|next\s+(?:quarter|year|half))`;
const RELEASE = R`(?:${LATER}|${FIRST})`;
/** When something ships, as a phrase that may follow an item or a verb ("at launch", "in v2", "later", "yet"). */
const WHEN = R`(?:(?:in|at|for|on|from|with|into|to|by|until|as\s+of)\s+${RELEASE}|${LATER}|later|afterwards|initially|at\s+first|for\s+now|yet|to\s+start(?:\s+with)?|from\s+the\s+start|out\s+of\s+the\s+box)`;
/** What may follow "no <item>" for it to be about a release ("no SSO at launch"); plain "no X" is not read. */
const NO_WHEN = R`(?:(?:in|at|for|on|from|with|into|by)\s+${RELEASE}|yet|initially|at\s+first|for\s+now|to\s+start(?:\s+with)?|out\s+of\s+the\s+box)`;

const BE = R`(?:is|are|['’]s|will\s+be|would\s+be|shall\s+be|should\s+be|must\s+be|stays?|remains?|gets?)`;
/** A negated auxiliary: "does not", "won't", "cannot", "we're not", "never". */
const AUX_NOT = R`(?:(?:do|does|did|will|wo|would|shall|should|must|can|ca|could|is|are|am|re|were)\s*(?:not|n['’]t)|(?:will\s+|would\s+|do\s+|does\s+)?never)`;
const BE_NOT = R`(?:(?:is|are|was|were|will|wo|would|shall|should|must|can|ca|could)\s*(?:not|n['’]t)(?:\s+be)?|(?:will\s+)?never\s+be|stays?\s+out\s+of|remains?\s+out\s+of|not)`;
/** Verbs that put their object in scope; "support", "offer" and the like bare only after a subject or modal (they are nouns too). */
const INCLUDE_VERB = R`(?:includ(?:e|es|ing)|requir(?:es|ing)|must[\s-]have|gets?|support(?:s|ing)|offer(?:s|ing)|provid(?:es|ing)|add(?:s|ing)|cover(?:s|ing)|deliver(?:s|ing)|ship(?:s|ping)|(?:will|would|shall|must|should|can|to|we|they|also|fully|then)\s+(?:support|offer|provide|add|cover|deliver|ship|build)|(?:ship(?:s|ped|ping)?|launch(?:es|ed|ing)?|com(?:e|es|ing)|go(?:es|ing)?\s+live|goes\s+out|releas(?:e|es|ed|ing))\s+with|(?:is|are)\s+(?:shipping|building|adding|including|offering))`;
const NEGATED_VERB = R`(?:includ(?:e|ing)|support(?:ing)?|offer(?:ing)?|provid(?:e|ing)|add(?:ing)?|cover(?:ing)?|deliver(?:ing)?|build(?:ing)?|do(?:ing)?|ship(?:ping)?|launch(?:ing)?|com(?:e|ing))(?:\s+with)?`;
/** Comes after an item: "SSO ships in v1", "SSO comes later" (a later release leaves it out of the first). */
const ARRIVES = R`(?:ship(?:s|ping)?|will\s+ship|land(?:s|ing)?|will\s+land|launch(?:es|ing)?|will\s+launch|com(?:e|es|ing)|will\s+come|arriv(?:e|es|ing)|will\s+arrive|go(?:es)?\s+live|will\s+go\s+live|follow(?:s|ing)?|will\s+follow)`;
const AT_END = R`(?=\s*(?:$|,))`;

interface Predicate {
  pattern: RegExp;
  /** Words every match contains: a quick test that spares most clauses the long pattern. */
  needs: RegExp | null;
  stance: ScopeStance;
  /** Where its items are: after it ("includes SSO"), before it ("SSO is not in v1"), or inside it ("no SSO at launch"). */
  reads: "after" | "before" | "inside";
  /** It defers by its meaning ("defers SSO", "SSO is postponed"); release words defer the rest. */
  defers?: boolean;
  /** A participle that opens an aside ("everything, including support tickets, stays…"): after a comma it ends at the next. */
  aside?: boolean;
  /** Says the opposite of what was said just before ("SSO is in v1 but SCIM is not"); alone it says nothing. */
  elliptic?: boolean;
}

type PredicateFlags = Partial<Pick<Predicate, "defers" | "aside" | "elliptic">> & { needs?: RegExp };

const predicate = (
  stance: ScopeStance,
  reads: Predicate["reads"],
  source: string,
  { needs, ...flags }: PredicateFlags = {},
): Predicate => ({ stance, reads, pattern: new RegExp(source, "gi"), needs: needs ?? null, ...flags });

const NEGATION = /(?:not|never|n['’]t)\b|\bout\s+of\b/i;
const BE_WORD = /\b(?:is|are|be|stays?|remains?|gets?)\b|['’]s\b/i;

/**
 * The wordings read, those that come after their items first: on a tie ("SSO will not ship" against "will not
 * ship SSO") the one that reads backwards wins, and the forward one needs words after it to read anything.
 */
const PREDICATES: readonly Predicate[] = [
  predicate(
    "excluded",
    "before",
    R`\b${BE_NOT}\s+(?:also\s+|even\s+|yet\s+)?(?:included|supported|in\s+scope|(?:part\s+of|in|into|for|on)\s+(?:the\s+)?${RELEASE}|available\s+(?:in|at|for|on|from)\s+(?:the\s+)?${RELEASE}|ready\s+${WHEN}|(?:planned|scheduled|slated|targeted|due|coming|shipping|landing|launching)(?:\s+(?:${WHEN}|next))?|on\s+the\s+roadmap|(?:a|an)\s+${RELEASE}\s+(?:feature|item|requirement|deliverable|must[\s-]have))\b`,
    { needs: NEGATION },
  ),
  predicate(
    "excluded",
    "before",
    R`\b${BE}\s+(?:out\s+of\s+(?:the\s+)?(?:scope|${RELEASE})|excluded|descoped|de-scoped|cut|dropped|left\s+out|off\s+the\s+table|out${AT_END})`,
    { needs: /\b(?:out|excluded|descoped|de-scoped|cut|dropped|left|off)\b/i },
  ),
  predicate(
    "excluded",
    "before",
    R`\b${BE}\s+(?:deferred|postponed|on\s+hold|parked|punted|(?:for\s+)?later|(?:a|an)\s+${LATER}\s+(?:feature|item|thing|requirement|deliverable))\b`,
    {
      defers: true,
      needs:
        /\b(?:deferred|postponed|hold|parked|punted|later|feature|item|thing|requirement|deliverable)\b/i,
    },
  ),
  predicate(
    "excluded",
    "before",
    R`\b(?:not\s+(?:until|before)|only\s+(?:in|from|after|with)|(?:wait(?:s|ing)?|held|pushed|moved|slip(?:s|ped)?)\s+(?:back\s+)?(?:for|until|to|into))\s+(?:the\s+)?${LATER}\b`,
    { defers: true, needs: /\b(?:until|before|only|wait|waits|waiting|held|pushed|moved|slips?|slipped)\b/i },
  ),
  predicate(
    "excluded",
    "before",
    R`\b${AUX_NOT}\s+(?:ship|launch|land|make\s+it|make\s+the\s+cut|come|arrive|go\s+live)(?:${AT_END}|\s+${WHEN}|\s+into\s+(?:the\s+)?${RELEASE})(?:\s+into\s+(?:the\s+)?${RELEASE}|\s+${WHEN})?`,
    { needs: NEGATION },
  ),
  predicate(
    "excluded",
    "before",
    R`\b(?:is|are|will|wo|does|do|did|can|ca|would|should|shall)\s*(?:not|n['’]t)(?:\s+(?:be|either|yet))?\s*$`,
    { elliptic: true, needs: NEGATION },
  ),
  predicate(
    "included",
    "before",
    R`\b${BE}\s+(?:also\s+|now\s+|still\s+|both\s+|all\s+)?(?:included|supported|in\s+scope|(?:part\s+of|in|into|for|on)\s+(?:the\s+)?${RELEASE}|required|mandatory|a\s+must(?:[\s-]+have)?|must[\s-]+haves?|non[\s-]?negotiable|available\s+(?:in|at|for|on|from)\s+(?:the\s+)?${RELEASE}|(?:planned|scheduled|slated|targeted|due|coming|shipping|landing|launching)\s+(?:${WHEN}|next)|(?:a|an)\s+${RELEASE}\s+(?:feature|item|requirement|deliverable|must[\s-]have)|${RELEASE}(?:\s+scope)?${AT_END}|in${AT_END})`,
    { needs: BE_WORD },
  ),
  predicate("included", "before", R`\b${BE_NOT}\s+(?:optional|negotiable)\b`, {
    needs: /\b(?:optional|negotiable)\b/i,
  }),
  predicate("included", "before", R`\b(?:makes?|made)\s+the\s+cut\b`),
  predicate("included", "before", R`\b${ARRIVES}\s+${WHEN}`, {
    needs:
      /\b(?:ship|ships|shipping|land|lands|landing|launch|launches|launching|come|comes|coming|arrive|arrives|arriving|live|follow|follows|following)\b/i,
  }),
  predicate("excluded", "inside", R`(\bno\s+)((?:(?!\bno\b)[^,])+?)(\s+${NO_WHEN})(?=\s|,|$)`, {
    needs: /\bno\b/i,
  }),
  predicate("excluded", "after", R`\b${AUX_NOT}\s+(?:be\s+)?${NEGATED_VERB}\b`, { needs: NEGATION }),
  predicate("excluded", "after", R`\b(?:exclud(?:es|e|ing)|not\s+(?:includ|support|offer)ing)\b`, {
    aside: true,
  }),
  predicate(
    "excluded",
    "after",
    R`\b(?:omit(?:s|ting)?|leav(?:es|e|ing)\s+out|drop(?:s|ping)?|no\s+support\s+for|no\s+plans?\s+(?:for|to\s+(?:ship|build|support|include|offer)))\b`,
  ),
  predicate("excluded", "after", R`\b(?:defer(?:s|ring)?|postpon(?:es|e|ing)|de-?scop(?:es|e|ing))\b`, {
    defers: true,
  }),
  predicate(
    "excluded",
    "after",
    // "Without" and "except" rule out only what a release goes without: "no one without SSO" rules nothing out.
    R`\b(?:(?:ship(?:s|ped|ping)?|launch(?:es|ed|ing)?|go(?:es|ing)?\s+live|go(?:es)?\s+out|releas(?:e|es|ed|ing)|com(?:e|es|ing)|v\s?\d+|(?:the\s+)?mvp)\b(?:\s+[\w-]+){0,2}?\s+(?:without|with\s+no|minus|sans)|(?:everything|all\s+features)\s+(?:except(?:\s+for)?|apart\s+from))\b`,
    { needs: /\b(?:without|no|minus|sans|except|apart)\b/i },
  ),
  predicate("included", "after", R`\b${INCLUDE_VERB}\b`, { aside: true }),
];

/** Phrases that look like denials and are not: "not only X but also Y" includes both; "no more than" is a limit. */
const NOT_ONLY = /\bnot\s+(?:only|just|merely|simply)\b([^.;!?]*?)\bbut\b/gi;
const NOT_DENIALS =
  /\bno\s+(?:more|less|fewer|later|earlier|sooner|longer)\b(?:\s+than)?|\bno\s+(?:matter|doubt)\b/gi;
/**
 * Where one clause ends and the next begins. Commas and dashes do not: they separate items, or a clause from
 * the next one within a sentence, and the wordings around them share the words between them out (see `assignZones`).
 */
const CLAUSE_BREAK = /[.!?](?=\s|$)|;|\b(?:but|while|whereas|although|though|however)\b/gi;
/**
 * A negation just before a wording it does not belong to ("does not require SSO", "no one ships without
 * SSO"): the wording is not read, since what the two together mean is not a plain inclusion or exclusion.
 */
const NEGATED_BEFORE = /\b(?:not|n['’]t|never|no|nobody|none|nothing)\s+(?:\w+\s+)?$/i;
const LEADING_WHEN = new RegExp(R`^[\s,]*${WHEN}(?=[\s,]|$)`, "i");
const TRAILING_WHEN = new RegExp(R`[\s,]+${WHEN}[\s,]*$`, "i");
const IS_LATER = new RegExp(R`\b(?:${LATER}|later|afterwards|yet)\b`, "i");
const IS_RELEASE = new RegExp(R`^(?:${RELEASE}|${WHEN})$`, "i");
const SEPARATOR = /,\s*(?:(?:and|or|plus)\s+)?|\s+(?:and|or|plus)\s+|\s*(?:\s-|[\u2013\u2014])\s*/gi;
const ITEM_BREAK =
  /(\s*,\s*(?:(?:and|or|nor|plus)\b)?\s*|\s*(?:\s-|[\u2013\u2014])\s*|\s+(?:and|or|nor|plus|as\s+well\s+as|along\s+with|together\s+with|&)\s+|\s+(?:rather\s+than|instead\s+of|in\s+place\s+of)\s+)/i;
const FLIPS_NEXT = /^\s*(?:rather\s+than|instead\s+of|in\s+place\s+of)\s*$/i;
const LEADING_FILLER =
  /^(?:and|or|nor|plus|also|then|so|both|either|only|just|even|the|a|an|our|their|its|your|any|support\s+for)\b\s*/i;
const TRAILING_FILLER =
  /\s+(?:too|as\s+well|also|either|at\s+all|whatsoever|is|are|was|were|will|would|shall|should|must|can|could|has\s+been|have\s+been|be|been|gets?|got|remains?|stays?)$/i;

/** Words that start an adjunct ("SSO for admins"): the item ends before them. */
// prettier-ignore
const ADJUNCT_WORDS: ReadonlySet<string> = new Set([
  "for", "on", "at", "to", "from", "across", "in", "within", "during", "until", "by", "via", "through", "so",
  "that", "which", "who", "when", "where", "if", "because", "as", "under", "over", "per", "after", "before",
  "without", "except", "unless", "besides",
]);
/** "Sign in", "log on", "opt out": a particle, not the start of an adjunct. */
// prettier-ignore
const PARTICLE_VERBS: ReadonlySet<string> = new Set(["sign", "log", "opt", "check", "plug", "roll", "set", "add", "back"]);
const PARTICLES: ReadonlySet<string> = new Set(["in", "on", "up", "out"]);
/** Words an item cannot consist of, or that show it is a clause rather than an item. */
// prettier-ignore
const NOT_ITEMS: ReadonlySet<string> = new Set([
  "it", "this", "that", "these", "those", "them", "they", "we", "you", "i", "everything", "anything", "nothing",
  "something", "all", "both", "none", "one", "each", "everyone", "anyone", "feature", "features", "scope", "more",
  "less", "other", "others", "rest", "what", "which", "there",
]);
// prettier-ignore
const VERB_WORDS: ReadonlySet<string> = new Set([
  "is", "are", "was", "were", "be", "been", "will", "would", "can", "could", "should", "shall", "must", "has",
  "have", "had", "does", "do", "did", "not", "no", "never",
]);
const MAX_ITEM_WORDS = 5;
/**
 * A subject that names a part of the offer rather than the release ("the Team plan does not include SSO",
 * "mobile ships without SSO"): what it leaves out may still be in scope elsewhere, so it is not ruled out.
 */
const NARROW_SUBJECT =
  /\b(?:plans?|tiers?|editions?|packages?|bundles?|skus?|customers?|users?|accounts?|admins?|trials?|free|mobile|ios|android|desktop|regions?)\b/i;

// ---------------------------------------------------------------------------------------------------------
// Reading

interface Span {
  start: number;
  end: number;
}

/** A clause, and its text as it is read: with asides in parentheses blanked out, as they are clauses of their own. */
interface Clause extends Span {
  source: string;
}

/** A wording found in a clause, and what it reads from the words around it. */
interface Reading extends Span {
  predicate: Predicate;
  /** Where its items are. */
  zones: Span[];
  /** A later release is named with it ("SSO is planned for v2", "v2 adds SSO"). */
  later: boolean;
  /** Words right after it narrow it ("not supported on mobile"): a narrowed exclusion rules nothing out. */
  narrowed: boolean;
  /** Negated by a word it does not include ("we do not require SSO"): it says nothing. */
  silent: boolean;
}

/**
 * The items a text puts in scope or leaves out. A negation reaches only the clause it is in ("includes SSO;
 * audit logs come later"), a release after the first leaves an item out of the first ("SSO comes in v2"),
 * and an item that the same text both puts in and leaves out is dropped: the text is not sure of it.
 */
export function parseScope(text: string): ScopeItem[] {
  const masked = maskNonDenials(text);
  const items: ScopeItem[] = [];
  let previous: ScopeStance | null = null;
  for (const clause of clauses(masked)) {
    const read = readClause(clause, text.slice(clause.start, clause.end).trim(), previous);
    items.push(...read);
    previous = read.at(-1)?.stance ?? previous;
  }
  return settle(items);
}

const scopedTexts = new TextCache<readonly ScopeItem[]>(20_000);

/** `parseScope`, remembered per text (claims and descriptions rarely change); shared, read-only. */
export function readScope(text: string): readonly ScopeItem[] {
  return scopedTexts.get(text, parseScope);
}

/** The same length as the text, with phrases that only look like denials blanked ("not only … but" reads "… and"). */
function maskNonDenials(text: string): string {
  return text
    .replace(
      NOT_ONLY,
      (whole, between: string) => `${" ".repeat(whole.length - between.length - 3)}${between}and`,
    )
    .replace(NOT_DENIALS, (whole) => " ".repeat(whole.length));
}

/** The clauses of a text in order; an aside in parentheses is a clause of its own. */
function clauses(masked: string): Clause[] {
  const found: Clause[] = [];
  let outer = masked;
  for (const match of masked.matchAll(/\(([^()]*)\)/g)) {
    found.push(...splitClauses(match[1]!, match.index + 1));
    outer = `${outer.slice(0, match.index)}${" ".repeat(match[0].length)}${outer.slice(match.index + match[0].length)}`;
  }
  found.push(...splitClauses(outer, 0));
  return found.sort((a, b) => a.start - b.start);
}

function splitClauses(text: string, offset: number): Clause[] {
  const found: Clause[] = [];
  let start = 0;
  const add = (end: number) => {
    const source = text.slice(start, end);
    if (/\w/.test(source)) found.push({ start: offset + start, end: offset + end, source });
  };
  for (const match of text.matchAll(CLAUSE_BREAK)) {
    add(match.index);
    start = match.index + match[0].length;
  }
  add(text.length);
  return found;
}

function readClause(clause: Clause, written: string, previous: ScopeStance | null): ScopeItem[] {
  const { source } = clause;
  const readings = findPredicates(source);
  if (readings.length === 0) {
    // "…, but not SCIM": the clause before said what this one denies.
    const denial = /^\s*not\s+/i.exec(source);
    if (!denial || previous === null) return [];
    const stance = opposite(previous);
    return readItems(source, { start: denial[0].length, end: source.length }, false).flatMap((item) =>
      scopeItem(item, item.flipped ? previous : stance, false, written),
    );
  }
  assignZones(source, readings);
  const items: ScopeItem[] = [];
  // What was said last, for a wording that only denies it ("SSO is included, audit logs are not").
  let last = previous;
  for (const reading of readings) {
    const { predicate } = reading;
    if (reading.silent || (predicate.elliptic && last === null)) continue;
    const base = predicate.elliptic && last !== null ? opposite(last) : predicate.stance;
    const endsAtComma = predicate.aside === true && /,\s*$/.test(source.slice(0, reading.start));
    for (const zone of reading.zones) {
      for (const item of readItems(source, zone, endsAtComma)) {
        const stance = item.flipped ? opposite(base) : base;
        const later = reading.later || item.later || predicate.defers === true;
        if ((stance === "excluded" || later) && (reading.narrowed || item.narrowed)) continue;
        items.push(...scopeItem(item, stance === "included" && later ? "excluded" : stance, later, written));
      }
    }
    last = items.at(-1)?.stance ?? last;
  }
  return items;
}

/** Every wording in the clause, earliest first and the longest where two start together; none overlap. */
function findPredicates(source: string): Reading[] {
  const matches = PREDICATES.flatMap((predicate, order) =>
    predicate.needs && !predicate.needs.test(source)
      ? []
      : [...source.matchAll(predicate.pattern)].map((match) => ({ predicate, order, match })),
  ).sort(
    (a, b) => a.match.index - b.match.index || b.match[0].length - a.match[0].length || a.order - b.order,
  );
  const readings: Reading[] = [];
  let reached = 0;
  for (const { predicate, match } of matches) {
    const start = match.index;
    if (start < reached) continue;
    const end = start + match[0].length;
    reached = end;
    // An "inside" wording holds its items: "no" + items + when.
    const items =
      predicate.reads === "inside"
        ? { start: start + match[1]!.length, end: start + match[1]!.length + match[2]!.length }
        : null;
    const own = items ? `${match[1]}${match[3]}` : match[0];
    readings.push({
      predicate,
      start,
      end,
      zones: items ? [items] : [],
      later: IS_LATER.test(own),
      narrowed: false,
      silent: NEGATED_BEFORE.test(source.slice(0, start)),
    });
  }
  return readings;
}

/**
 * Gives the words between wordings to the wording they belong to. A wording that reads forward takes what
 * follows it, one that reads backward what precedes it; between one of each, the last list separator divides
 * them ("includes SSO, and audit logs come later"). What follows a backward wording up to the next comma
 * narrows it; release words right after a wording are its own ("SSO is included in v2").
 */
function assignZones(source: string, readings: Reading[]): void {
  for (let i = 0; i <= readings.length; i++) {
    const left = readings[i - 1];
    const right = readings[i];
    let start = left ? left.end : 0;
    const end = right ? right.start : source.length;
    const lead = LEADING_WHEN.exec(source.slice(start, end));
    if (lead) {
      const owner = left ?? right;
      if (owner && IS_LATER.test(lead[0])) owner.later = true;
      start += lead[0].length;
    }
    const gap = { start, end };
    const forward = left?.predicate.reads === "after" ? left : undefined;
    const backward = right?.predicate.reads === "before" ? right : undefined;
    if (forward && backward) {
      const [first, second] = splitGap(source, gap, "last");
      forward.zones.push(first);
      backward.zones.push(second);
    } else if (forward) {
      forward.zones.push(gap);
    } else if (backward) {
      if (!left) backward.zones.push(gap);
      else {
        const [tail, rest] = splitGap(source, gap, "first", "right");
        narrow(source, left, tail);
        backward.zones.push(rest);
      }
    } else {
      const [tail, rest] = left ? splitGap(source, gap, "first", "left") : [{ start, end: start }, gap];
      if (left) narrow(source, left, tail);
      const subject = source.slice(rest.start, rest.end);
      if (right && IS_LATER.test(subject)) right.later = true;
      if (right && NARROW_SUBJECT.test(subject)) right.narrowed = true;
    }
  }
}

/**
 * Splits a gap at its first or last list separator. With none, everything goes to the side named
 * (`whole`), or to the first part.
 */
function splitGap(
  source: string,
  gap: Span,
  at: "first" | "last",
  whole: "left" | "right" = "left",
): [Span, Span] {
  const separators = [...source.slice(gap.start, gap.end).matchAll(SEPARATOR)];
  const separator = at === "first" ? separators[0] : separators.at(-1);
  if (!separator) {
    return whole === "left"
      ? [gap, { start: gap.end, end: gap.end }]
      : [{ start: gap.start, end: gap.start }, gap];
  }
  const cut = gap.start + separator.index;
  return [
    { start: gap.start, end: cut },
    { start: cut + separator[0].length, end: gap.end },
  ];
}

function narrow(source: string, reading: Reading, tail: Span): void {
  let rest = source.slice(tail.start, tail.end);
  for (let trailing = TRAILING_WHEN.exec(rest); trailing; trailing = TRAILING_WHEN.exec(rest)) {
    if (IS_LATER.test(trailing[0])) reading.later = true;
    rest = rest.slice(0, trailing.index);
  }
  if (/\w/.test(rest.replace(/\b(?:too|as\s+well|also|either|at\s+all|whatsoever|now|then|today)\b/gi, ""))) {
    reading.narrowed = true;
  }
}

interface RawItem {
  words: string;
  /** Negated on its own ("SSO, not password login, is included"). */
  flipped: boolean;
  /** Named with a later release of its own ("audit logs in v2"). */
  later: boolean;
  /** Cut short of an adjunct that narrows it ("SSO for admins"). */
  narrowed: boolean;
}

/** The items of one zone, split at list separators, each cleaned of fillers and release words. */
function readItems(source: string, zone: Span, endsAtComma: boolean): RawItem[] {
  let text = source.slice(zone.start, zone.end);
  if (endsAtComma) text = text.split(",")[0]!;
  const neither = /^\s*neither\b/i.exec(text);
  if (neither) text = text.slice(neither[0].length);
  const parts = text.split(ITEM_BREAK);
  const items: RawItem[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const flipsNext = i > 0 && FLIPS_NEXT.test(parts[i - 1]!);
    const item = cleanItem(parts[i]!);
    if (item) items.push({ ...item, flipped: item.flipped !== (flipsNext !== (neither !== null)) });
  }
  return items;
}

function cleanItem(raw: string): RawItem | null {
  let text = raw.replace(/\s+/g, " ").trim();
  let flipped = false;
  let later = false;
  for (let changed = true; changed;) {
    const before = text;
    const not = /^not\s+/i.exec(text);
    if (not) {
      flipped = !flipped;
      text = text.slice(not[0].length);
    }
    text = text
      .replace(LEADING_FILLER, "")
      .replace(TRAILING_FILLER, "")
      .replace(/[\s,.:;"'“”\u2013\u2014-]+$/, "");
    text = text.replace(/^[\s,:;"'“”\u2013\u2014-]+/, "");
    const trailing = TRAILING_WHEN.exec(text);
    if (trailing) {
      if (IS_LATER.test(trailing[0])) later = true;
      text = text.slice(0, trailing.index);
    }
    changed = text !== before;
  }
  const words = text.split(" ").filter(Boolean);
  const cut = words.findIndex(
    (word, i) =>
      ADJUNCT_WORDS.has(word.toLowerCase()) &&
      !(PARTICLES.has(word.toLowerCase()) && PARTICLE_VERBS.has(words[i - 1]?.toLowerCase() ?? "")),
  );
  if (cut === 0) return null;
  const kept = cut === -1 ? words : words.slice(0, cut);
  return isItem(kept) ? { words: kept.join(" "), flipped, later, narrowed: cut !== -1 } : null;
}

function isItem(words: string[]): boolean {
  if (words.length === 0 || words.length > MAX_ITEM_WORDS) return false;
  const lower = words.map((word) => word.toLowerCase());
  const text = words.join(" ");
  if (lower.some((word) => VERB_WORDS.has(word))) return false;
  if (lower.every((word) => NOT_ITEMS.has(word))) return false;
  if (!/[a-z]/i.test(text) || IS_RELEASE.test(text)) return false;
  // Numbers, dates and limits belong to the quantities a claim states, not to its scope.
  return !lower.some((word) => /^\d[\d,.]*$/.test(word)) && readQuantities(text).length === 0;
}

function scopeItem(item: RawItem, stance: ScopeStance, deferred: boolean, clause: string): ScopeItem[] {
  const key = itemWords(item.words)
    .map((word) => word.text)
    .join(" ");
  return key === ""
    ? []
    : [{ words: item.words, key, stance, deferred: stance === "excluded" && deferred, clause }];
}

/** Drops repeats, and any item the text both puts in and leaves out. */
function settle(items: ScopeItem[]): ScopeItem[] {
  const kept: ScopeItem[] = [];
  for (const item of items) {
    if (items.some((other) => other.stance !== item.stance && isSameItem(item, other))) continue;
    if (kept.some((other) => isSameItem(item, other))) continue;
    kept.push(item);
  }
  return kept;
}

function opposite(stance: ScopeStance): ScopeStance {
  return stance === "included" ? "excluded" : "included";
}

// ---------------------------------------------------------------------------------------------------------
// Matching

interface ItemWord {
  /** Lower-cased and singular. */
  text: string;
  /** Lower-cased as written, for acronyms that end in "s" ("SaaS"). */
  raw: string;
  /** May be passed over when spelling an acronym: a function word, or the tail of a hyphenated word. */
  skippable: boolean;
}

/** Skipped by acronyms: "System for Cross-domain Identity Management" is SCIM. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(["of", "for", "and", "the", "to", "a", "an"]);

function itemWords(words: string): ItemWord[] {
  const folded = words
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, " and ")
    .replace(/['’]s\b/g, "");
  return folded.split(/\s+/).flatMap((token) =>
    token
      .split(/[-/\u2010-\u2015_]+/)
      .map((part) => part.replace(/[^A-Za-z0-9]/g, ""))
      .filter(Boolean)
      .map((part, i) => {
        const raw = part.toLowerCase();
        // An acronym's plural keeps its capitals ("APIs", "SSOs"), and the singular rule leaves "apis" alone.
        const text = /^[A-Z0-9]{2,}s$/.test(part) ? raw.slice(0, -1) : singular(raw);
        return { text, raw, skippable: i > 0 || FUNCTION_WORDS.has(raw) };
      }),
  );
}

/**
 * Whether two items name the same thing: the same words up to case, plurals, hyphens and spaces ("audit logs",
 * "audit-log"; "log in", "login"), where any word may stand for a phrase whose initials it spells ("SSO",
 * "single sign-on"; "SAML SSO", "SAML single sign-on").
 */
export function isSameItem(a: Pick<ScopeItem, "words">, b: Pick<ScopeItem, "words">): boolean {
  return aligns(itemWords(a.words), 0, itemWords(b.words), 0);
}

function aligns(a: ItemWord[], i: number, b: ItemWord[], j: number): boolean {
  if (i === a.length || j === b.length) return i === a.length && j === b.length;
  const x = a[i]!;
  const y = b[j]!;
  if (x.text === y.text && aligns(a, i + 1, b, j + 1)) return true;
  if (x.text === y.text + (b[j + 1]?.text ?? "\u0000") && aligns(a, i + 1, b, j + 2)) return true;
  if (y.text === x.text + (a[i + 1]?.text ?? "\u0000") && aligns(a, i + 2, b, j + 1)) return true;
  if (spelledRuns(x, b, j).some((end) => aligns(a, i + 1, b, end))) return true;
  return spelledRuns(y, a, i).some((end) => aligns(a, end, b, j + 1));
}

/** The ends of the runs of two or more words from `from` whose initials spell `word`. */
function spelledRuns(word: ItemWord, words: ItemWord[], from: number): number[] {
  const ends = new Set<number>();
  for (const acronym of new Set([word.text, word.raw])) {
    if (!/^[a-z]{2,8}$/.test(acronym)) continue;
    const walk = (i: number, spelled: number) => {
      if (spelled === acronym.length) {
        if (i - from >= 2) ends.add(i);
        if (words[i]?.skippable && words[i]!.raw !== "and") walk(i + 1, spelled);
        return;
      }
      const next = words[i];
      if (!next) return;
      if (next.raw[0] === acronym[spelled]) walk(i + 1, spelled + 1);
      if (spelled > 0 && next.skippable) walk(i + 1, spelled);
    };
    walk(from, 0);
  }
  return [...ends];
}

/** Pairs of items that one side puts in scope and the other leaves out, in the first side's order. */
export function scopeClashes(a: readonly ScopeItem[], b: readonly ScopeItem[]): ScopeClash[] {
  return a.flatMap((x) =>
    b
      .filter((y) => x.stance !== y.stance && isSameItem(x, y))
      .map((y) => (x.stance === "included" ? { included: x, excluded: y } : { included: y, excluded: x })),
  );
}

/** "puts SSO in scope", "leaves SSO out of scope", "defers SSO to a later release". */
export function describeScope(item: ScopeItem): string {
  if (item.stance === "included") return `puts ${item.words} in scope`;
  return item.deferred ? `defers ${item.words} to a later release` : `leaves ${item.words} out of scope`;
}
