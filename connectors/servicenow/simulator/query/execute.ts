// Runs a compiled query for one page. Three plans, cheapest first:
//  1. the ORDER BY is (sys_updated_on[, sys_id]) or (sys_id), or there is none and every group bounds one of
//     them: binary search into the sorted index, scan forward evaluating the predicate, stop after the page
//     (+1 row to know whether more exist) unless a total count is wanted;
//  2. no ORDER BY: scan rows in insertion order, stopping early in the same way;
//  3. any other ORDER BY: filter everything, sort, slice.
import type { SortedIndex } from '../store/sorted-index.js';
import type { CompiledQuery } from './compile.js';
import { isBounded, queryBounds, textKey, timeKey, type RowBounds } from './index-bounds.js';
import type { RowTest } from './condition-test.js';

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
  /** Whether the total of the whole query is wanted (X-Total-Count); false allows stopping early. */
  readonly count: boolean;
}

export interface PageResult {
  readonly rows: number[];
  /** Total rows of the query, when counted. */
  readonly total: number | undefined;
  /** Whether rows exist after this page. */
  readonly more: boolean;
}

interface IndexPlan {
  readonly index: SortedIndex;
  readonly bounds: RowBounds[];
  readonly desc: boolean;
}

function planIndex(q: CompiledQuery): IndexPlan | undefined {
  const store = q.table.store;
  const order = q.orderBy.map((o) => (o.access.column ? o.access.path : '\0'));
  const desc = q.orderBy[0]?.desc ?? false;
  const sameDir = q.orderBy.every((o) => o.desc === desc);
  const byUpdated = (): RowBounds[] =>
    queryBounds(q.groups, timeKey(store, 'sys_updated_on'), textKey(store, 'sys_id'));
  const byId = (): RowBounds[] => queryBounds(q.groups, textKey(store, 'sys_id'));
  const [first, second] = order;
  if (
    sameDir &&
    first === 'sys_updated_on' &&
    (order.length === 1 || (order.length === 2 && second === 'sys_id'))
  ) {
    return { index: store.byUpdated, bounds: byUpdated(), desc };
  }
  if (sameDir && first === 'sys_id' && order.length === 1)
    return { index: store.bySysId, bounds: byId(), desc };
  if (order.length > 0) return undefined;
  // No ORDER BY: any order is correct, so use an index if it narrows the scan.
  const updated = byUpdated();
  if (isBounded(updated)) return { index: store.byUpdated, bounds: updated, desc: false };
  const ids = byId();
  if (isBounded(ids)) return { index: store.bySysId, bounds: ids, desc: false };
  return undefined;
}

/** Collects the page from candidate rows in order; `next` returns -1 when exhausted. */
function collect(next: () => number, predicate: RowTest, page: PageRequest): PageResult {
  const rows: number[] = [];
  const end = page.offset + page.limit;
  let matched = 0;
  let more = false;
  for (let r = next(); r >= 0; r = next()) {
    if (!predicate(r)) continue;
    if (matched >= page.offset && matched < end) rows.push(r);
    matched++;
    if (matched > end) {
      more = true;
      if (!page.count) break;
    }
  }
  return { rows, total: page.count ? matched : undefined, more };
}

function runIndex(q: CompiledQuery, plan: IndexPlan, page: PageRequest): PageResult {
  const { index, bounds, desc } = plan;
  if (q.matchesAll) {
    // Every row matches: the page is a slice of the index, whatever the offset.
    const n = index.length;
    const rows: number[] = [];
    for (let i = page.offset; i < Math.min(n, page.offset + page.limit); i++)
      rows.push(index.at(desc ? n - 1 - i : i));
    return { rows, total: n, more: page.offset + page.limit < n };
  }
  let start = 0;
  let end = index.length;
  if (bounds.length > 0 && bounds.every((b) => b.atOrAfterStart)) {
    start = Math.min(...bounds.map((b) => (b.atOrAfterStart ? index.firstWhere(b.atOrAfterStart) : 0)));
  }
  if (bounds.length > 0 && bounds.every((b) => b.pastEnd)) {
    end = Math.max(...bounds.map((b) => (b.pastEnd ? index.firstWhere(b.pastEnd) : index.length)));
  }
  let pos = desc ? end - 1 : start;
  const next = desc ? () => (pos >= start ? index.at(pos--) : -1) : () => (pos < end ? index.at(pos++) : -1);
  return collect(next, q.predicate, page);
}

function runNatural(q: CompiledQuery, page: PageRequest): PageResult {
  const store = q.table.store;
  const n = store.allocated;
  let r = 0;
  const next = (): number => {
    while (r < n && !store.isLive(r)) r++;
    return r < n ? r++ : -1;
  };
  return collect(next, q.predicate, page);
}

type SortKey = (row: number) => number | string;

function runSorted(q: CompiledQuery, page: PageRequest): PageResult {
  const store = q.table.store;
  const matched: number[] = [];
  for (let r = 0; r < store.allocated; r++) if (store.isLive(r) && q.predicate(r)) matched.push(r);
  const keys = q.orderBy.map((o): { key: SortKey; sign: number } => {
    const { access } = o;
    const time = access.time;
    let key: SortKey;
    if (time) key = (r) => (Number.isNaN(time.num(r)) ? -Infinity : time.num(r));
    else if (access.def.type === 'integer' || access.def.type === 'decimal') {
      key = (r) => {
        const s = access.get(r);
        return s === '' ? -Infinity : Number(s);
      };
    } else key = access.get;
    return { key, sign: o.desc ? -1 : 1 };
  });
  matched.sort((a, b) => {
    for (const { key, sign } of keys) {
      const x = key(a);
      const y = key(b);
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    return a - b;
  });
  const rows = matched.slice(page.offset, page.offset + page.limit);
  return { rows, total: matched.length, more: page.offset + page.limit < matched.length };
}

export function executeQuery(q: CompiledQuery, page: PageRequest): PageResult {
  // sysparm_limit=0 returns no rows, but the total is still counted when asked for.
  if (page.limit <= 0) {
    const total = page.count ? executeQuery(q, { offset: 0, limit: 1, count: true }).total : undefined;
    return { rows: [], total, more: false };
  }
  const plan = planIndex(q);
  if (plan) return runIndex(q, plan, page);
  if (q.orderBy.length === 0) return runNatural(q, page);
  return runSorted(q, page);
}
