// Cursor pagination for every list: opaque cursors, a bounded limit, and `next_cursor` until the end.
import { z } from "zod";
import { AppError } from "../domain/app-error.ts";

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe("Items per page (1–200, default 50)"),
  cursor: z.string().max(200).optional().describe("`next_cursor` from the previous page"),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });

export function encodeCursor(value: string): string {
  return Buffer.from(value, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const value = Buffer.from(cursor, "base64url").toString("utf8");
  if (!value)
    throw AppError.invalid("invalid cursor", [
      { path: "cursor", message: "is not a cursor this API gave out" },
    ]);
  return value;
}

/** A page of items already in memory, keyed by position. */
export function pageInMemory<T>(items: T[], query: PageQuery): { items: T[]; next_cursor: string | null } {
  const after = decodeCursor(query.cursor);
  const start = after === undefined ? 0 : Number(after);
  if (!Number.isInteger(start) || start < 0) {
    throw AppError.invalid("invalid cursor", [
      { path: "cursor", message: "is not a cursor this API gave out" },
    ]);
  }
  const page = items.slice(start, start + query.limit);
  const end = start + page.length;
  return { items: page, next_cursor: end < items.length ? encodeCursor(String(end)) : null };
}

/** A page from a keyset query that fetched `limit + 1` rows ordered by id. */
export function pageByKey<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
