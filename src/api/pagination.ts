// Keyset pagination over an in-memory list. The cursor names the last item served by its sort key, not by
// its position, so a page boundary does not shift when runs are added or old ones dropped between calls.
import { z } from 'zod';

/** A sort key: two strings compared in order (e.g. [startedAt, id]); the second makes it unique. */
export type SortKey = readonly [string, string];

const CURSOR_PREFIX = 'k1.';

export function encodeCursor(key: SortKey): string {
  return CURSOR_PREFIX + Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const KeySchema = z.tuple([z.string().max(200), z.string().max(200)]);

/** The key a cursor names, or undefined when the text is not a cursor this API made. */
export function decodeCursor(text: string): SortKey | undefined {
  if (!text.startsWith(CURSOR_PREFIX)) return undefined;
  try {
    const parsed = KeySchema.safeParse(
      JSON.parse(Buffer.from(text.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8')),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** The query parameters every paginated route takes; the cursor is decoded during validation. */
export const pageQueryShape = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(DEFAULT_LIMIT)
    .describe(`Items per page, 1-${MAX_LIMIT}; default ${DEFAULT_LIMIT}.`),
  cursor: z
    .string()
    .max(1000)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const key = decodeCursor(text);
      if (key === undefined)
        ctx.addIssue({ code: 'custom', message: 'not a cursor from this API (use nextCursor as given)' });
      return key;
    })
    .describe('The nextCursor of the previous page; omit for the first page.'),
};

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Items matching the filters, over all pages. */
    total: z.number().int().nonnegative(),
    /** Pass as `cursor` for the next page; null on the last one. */
    nextCursor: z.string().nullable(),
  });
}

function compareKeys(a: SortKey, b: SortKey): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/**
 * Sorts by key, newest (largest) first, and returns the page after `cursor`. The key function must be
 * unique per item and not change while the item exists (ids, creation times), so the order is stable.
 */
export function pageDescending<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  limit: number,
  cursor: SortKey | undefined,
): { items: T[]; total: number; nextCursor: string | null } {
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => compareKeys(b.key, a.key));
  const start = cursor === undefined ? 0 : keyed.findIndex((k) => compareKeys(k.key, cursor) < 0);
  const from = start < 0 ? keyed.length : start;
  const page = keyed.slice(from, from + limit);
  const last = page.at(-1);
  const more = from + limit < keyed.length;
  return {
    items: page.map((k) => k.item),
    total: keyed.length,
    nextCursor: more && last !== undefined ? encodeCursor(last.key) : null,
  };
}

/**
 * The page after `cursor` of a list already sorted newest (largest key) first, keeping only the items
 * `matches` accepts: one pass, no sort, for lists too long to sort per request (the findings ledger).
 */
export function pageSortedDescending<T>(
  sorted: readonly T[],
  keyOf: (item: T) => SortKey,
  matches: (item: T) => boolean,
  limit: number,
  cursor: SortKey | undefined,
): { items: T[]; total: number; nextCursor: string | null } {
  const items: T[] = [];
  let total = 0;
  let more = false;
  for (const item of sorted) {
    if (!matches(item)) continue;
    total += 1;
    if (cursor !== undefined && compareKeys(keyOf(item), cursor) >= 0) continue;
    if (items.length < limit) items.push(item);
    else more = true;
  }
  const last = items.at(-1);
  return { items, total, nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
