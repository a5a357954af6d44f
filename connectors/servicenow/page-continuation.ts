// Decides what to request after a page. The end of the data is a counted page without rel="next": a page
// can be short, even empty, while more rows exist (sysparm_limit applies before ACLs), and whether an
// instance sends a complete Link header on uncounted pages (sysparm_no_count=true) is not documented.
// Uncounted pages spare the instance a count(*) per page, so they carry the read; one counted request
// confirms the end.

export interface PageFacts {
  /** Rows returned. */
  rows: number;
  /** The page size asked for. */
  limit: number;
  /** Whether the request asked for the total (no sysparm_no_count), which makes its Link header complete. */
  counted: boolean;
  /** Whether the answer had a rel="next" link. */
  hasNext: boolean;
}

export type Continuation =
  /** Keyset from the last row read (or, for an empty page, from the same position), counted or not. */
  | { from: 'last' | 'same'; counted: boolean }
  /** An empty page with a next link: follow the link. */
  | { from: 'link' }
  | { from: 'end' };

export function continuation(page: PageFacts): Continuation {
  if (page.counted && !page.hasNext) return { from: 'end' };
  if (page.rows > 0) return { from: 'last', counted: !page.hasNext && page.rows < page.limit };
  if (page.hasNext) return { from: 'link' };
  return { from: 'same', counted: true };
}
