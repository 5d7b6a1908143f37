// Maps a field path in a parsed YAML/JSON document to its line and column, for problems a person can find.
import { isCollection, isNode, LineCounter, parseDocument, type Document } from "yaml";

export type PathSegment = string | number;

export interface SourceDocument {
  document: Document.Parsed;
  lines: LineCounter;
}

export function parseSource(text: string): SourceDocument {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { document, lines };
}

function keyNode(collection: unknown, segment: PathSegment): unknown {
  if (!isCollection(collection)) return undefined;
  const pair = (collection.items as Array<{ key?: unknown }>).find(
    (item) => isNode(item.key) && (item.key as { value?: unknown }).value === segment,
  );
  return pair && isNode(pair.key) ? pair.key : undefined;
}

/**
 * The line and column (from 1) of the deepest node on `path` that exists in the document; with `atKey`, of
 * the last segment's key rather than its value (for keys that should not be there).
 */
export function locate(
  source: SourceDocument,
  path: readonly PathSegment[],
  options: { atKey?: boolean } = {},
): { line: number; column: number } {
  let node: unknown = source.document.contents;
  let found = node;
  for (const [index, segment] of path.entries()) {
    if (!isCollection(node)) break;
    const isLast = index === path.length - 1;
    const child =
      node.get(segment, true) ?? (typeof segment === "number" ? undefined : node.get(Number(segment), true));
    if (child === undefined || (isLast && options.atKey)) {
      // Point at the key itself when the value is missing or the key is unwanted.
      found = keyNode(node, segment) ?? found;
      break;
    }
    node = child;
    found = child;
  }
  const offset = isNode(found) && found.range ? found.range[0] : 0;
  const position = source.lines.linePos(offset);
  return { line: position.line, column: position.col };
}
