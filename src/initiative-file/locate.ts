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

/** The line and column (from 1) of the deepest node on `path` that exists in the document. */
export function locate(
  source: SourceDocument,
  path: readonly PathSegment[],
): { line: number; column: number } {
  let node: unknown = source.document.contents;
  let found = node;
  for (const segment of path) {
    if (!isCollection(node)) break;
    const child =
      node.get(segment, true) ?? (typeof segment === "number" ? undefined : node.get(Number(segment), true));
    if (child === undefined) {
      // Point at the key itself when the value is missing or unwanted.
      const pair = (node.items as Array<{ key?: unknown }>).find(
        (item) => isNode(item.key) && (item.key as { value?: unknown }).value === segment,
      );
      if (pair && isNode(pair.key)) found = pair.key;
      break;
    }
    node = child;
    found = child;
  }
  const offset = isNode(found) && found.range ? found.range[0] : 0;
  const position = source.lines.linePos(offset);
  return { line: position.line, column: position.col };
}
