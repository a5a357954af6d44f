// Extracts, from a compiled query, where in a sorted index the matching rows can start and end. A bound is
// usable only when every ^NQ group constrains the index's leading key; then the scan starts at the lowest
// group bound and stops after the highest. For the keyset form
//   sys_updated_on>T ^NQ sys_updated_on=T^sys_id>ID
// the second group's bound is the compound key (T, ID), so a page costs one binary search plus the page.
import type { TableStore } from '../store/table-store.js';
import type { CompiledCondition, CompiledGroup } from './compile.js';

/** One key of an index: how to read it from a row and from a condition operand. */
export interface IndexKey {
  readonly field: string;
  readonly rowKey: (row: number) => number | string;
  /** Operand `i` of a condition as a key value (undefined when it cannot bound the index). */
  readonly operand: (c: CompiledCondition, i: number) => number | string | undefined;
}

interface Bound {
  readonly v: number | string;
  readonly strict: boolean;
}

/** Monotone row predicates for SortedIndex.firstWhere. */
export interface RowBounds {
  /** True from the first row at or above the lower bound. */
  readonly atOrAfterStart: ((row: number) => boolean) | undefined;
  /** True from the first row past the upper bound. */
  readonly pastEnd: ((row: number) => boolean) | undefined;
}

export function timeKey(store: TableStore, field: string): IndexKey {
  const col = store.updatedOn;
  return { field, rowKey: (r) => col.num(r), operand: (c, i) => c.times?.[i] };
}

export function textKey(store: TableStore, field: string): IndexKey {
  const col = store.sysId;
  return {
    field,
    rowKey: (r) => col.get(r),
    operand: (c, i) => {
      const parts = c.op === 'BETWEEN' ? c.value.split('@') : [c.value];
      const v = parts[i];
      return v === undefined || v === '' ? undefined : v;
    },
  };
}

function higher(a: Bound | undefined, b: Bound): Bound {
  if (!a || b.v > a.v || (b.v === a.v && b.strict)) return b;
  return a;
}
function lower(a: Bound | undefined, b: Bound): Bound {
  if (!a || b.v < a.v || (b.v === a.v && b.strict)) return b;
  return a;
}

interface KeyLimits {
  lo: Bound | undefined;
  hi: Bound | undefined;
  eq: number | string | undefined;
}

/** What the single-condition disjunctions of a group say about one key. */
function limitsOf(group: CompiledGroup, key: IndexKey): KeyLimits {
  let lo: Bound | undefined;
  let hi: Bound | undefined;
  let eq: number | string | undefined;
  for (const disjunction of group) {
    const c = disjunction[0];
    if (disjunction.length !== 1 || !c || c.field !== key.field) continue;
    const a = key.operand(c, 0);
    if (a === undefined) continue;
    switch (c.op) {
      case '=':
        eq = a;
        lo = higher(lo, { v: a, strict: false });
        hi = lower(hi, { v: a, strict: false });
        break;
      case '>':
      case '>=':
        lo = higher(lo, { v: a, strict: c.op === '>' });
        break;
      case '<':
      case '<=':
        hi = lower(hi, { v: a, strict: c.op === '<' });
        break;
      case 'BETWEEN':
      case 'ON': {
        const b = key.operand(c, 1);
        lo = higher(lo, { v: a, strict: false });
        if (b !== undefined) hi = lower(hi, { v: b, strict: false });
        break;
      }
      default:
        break;
    }
  }
  return { lo, hi, eq };
}

function groupBounds(group: CompiledGroup, k1: IndexKey, k2: IndexKey | undefined): RowBounds {
  const one = limitsOf(group, k1);
  const two = k2 ? limitsOf(group, k2) : undefined;
  const key1 = k1.rowKey;
  const key2 = k2?.rowKey ?? (() => 0);
  let atOrAfterStart: ((row: number) => boolean) | undefined;
  let pastEnd: ((row: number) => boolean) | undefined;
  const lo = one.lo;
  if (lo) {
    const lo2 = two?.lo;
    if (lo2 && one.eq === lo.v && !lo.strict) {
      // The group pins the leading key, so the second key narrows the start inside that run.
      atOrAfterStart = (r) => {
        const k = key1(r);
        if (k !== lo.v) return k > lo.v;
        const k2v = key2(r);
        return lo2.strict ? k2v > lo2.v : k2v >= lo2.v;
      };
    } else atOrAfterStart = lo.strict ? (r) => key1(r) > lo.v : (r) => key1(r) >= lo.v;
  }
  const hi = one.hi;
  if (hi) {
    const hi2 = two?.hi;
    if (hi2 && one.eq === hi.v && !hi.strict) {
      pastEnd = (r) => {
        const k = key1(r);
        if (k !== hi.v) return k > hi.v;
        const k2v = key2(r);
        return hi2.strict ? k2v >= hi2.v : k2v > hi2.v;
      };
    } else pastEnd = hi.strict ? (r) => key1(r) >= hi.v : (r) => key1(r) > hi.v;
  }
  return { atOrAfterStart, pastEnd };
}

/** Bounds of each ^NQ group; a group without a bound makes the scan unbounded on that side. */
export function queryBounds(groups: readonly CompiledGroup[], k1: IndexKey, k2?: IndexKey): RowBounds[] {
  return groups.map((g) => groupBounds(g, k1, k2));
}

/** Whether every group bounds the leading key from below or above (worth using the index). */
export function isBounded(bounds: readonly RowBounds[]): boolean {
  return (
    bounds.length > 0 &&
    (bounds.every((b) => b.atOrAfterStart !== undefined) || bounds.every((b) => b.pastEnd !== undefined))
  );
}
