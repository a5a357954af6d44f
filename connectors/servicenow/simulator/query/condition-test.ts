// Builds the row test of one condition. Comparison follows the field type: datetimes of the table itself
// compare as epoch seconds, integers and decimals as numbers, everything else as strings; LIKE,
// STARTSWITH and ENDSWITH ignore case like the platform's default collation.
import { formatDate, formatDateTime } from '../time-format.js';
import { resolveDateValue, isScriptValue } from './date-literals.js';
import type { FieldAccess } from './field-access.js';
import { QuerySyntaxError, type Operator } from './parse.js';

export type RowTest = (row: number) => boolean;

export interface ConditionTest {
  readonly test: RowTest;
  /** Operands resolved to epoch seconds (datetime columns of the table itself), for index bounds. */
  readonly times: readonly number[] | undefined;
}

const NUMERIC = new Set(['integer', 'decimal']);

type Cmp = '<' | '<=' | '>' | '>=';
function ordered<T extends number | string>(get: (row: number) => T | undefined, cmp: Cmp, v: T): RowTest {
  switch (cmp) {
    case '<':
      return (r) => {
        const x = get(r);
        return x !== undefined && x < v;
      };
    case '<=':
      return (r) => {
        const x = get(r);
        return x !== undefined && x <= v;
      };
    case '>':
      return (r) => {
        const x = get(r);
        return x !== undefined && x > v;
      };
    case '>=':
      return (r) => {
        const x = get(r);
        return x !== undefined && x >= v;
      };
  }
}

const not =
  (t: RowTest): RowTest =>
  (r) =>
    !t(r);

/** Builds the test; `other` resolves the field named by SAMEAS / NSAMEAS. */
export function conditionTest(
  access: FieldAccess,
  op: Operator,
  rawValue: string,
  nowSeconds: number,
  other: (path: string) => FieldAccess,
): ConditionTest {
  const { get, def } = access;
  const time = access.time;
  // Values as the column stores them: script dates become the column's text form, booleans true/false.
  const asText = (v: string): string => {
    if (isScriptValue(v)) {
      const secs = resolveDateValue(v, nowSeconds) ?? 0;
      return def.type === 'date' ? formatDate(secs) : formatDateTime(secs);
    }
    if (def.type === 'boolean') return v === '1' ? 'true' : v === '0' ? 'false' : v;
    return v;
  };
  const asTime = (v: string): number => {
    const secs = resolveDateValue(v, nowSeconds);
    if (secs === undefined) throw new QuerySyntaxError(`Invalid date "${v}" for ${access.path}`);
    return secs;
  };
  const numeric = NUMERIC.has(def.type);
  const num = (r: number): number | undefined => {
    const s = get(r);
    return s === '' ? undefined : Number(s);
  };
  const timeOf = (r: number): number | undefined => {
    const t = time?.num(r) ?? Number.NaN;
    return Number.isNaN(t) ? undefined : t;
  };
  const text = (r: number): string | undefined => {
    const s = get(r);
    return s === '' ? undefined : s;
  };
  const compare = (cmp: Cmp, v: string): RowTest => {
    if (time) return ordered(timeOf, cmp, asTime(v));
    if (numeric) {
      const n = Number(v);
      if (v.trim() === '' || Number.isNaN(n))
        throw new QuerySyntaxError(`Invalid number "${v}" for ${access.path}`);
      return ordered(num, cmp, n);
    }
    return ordered(text, cmp, asText(v));
  };
  const lower = (r: number): string => get(r).toLowerCase();

  switch (op) {
    case '=':
    case '!=': {
      let test: RowTest;
      let times: number[] | undefined;
      if (rawValue === '') test = (r) => get(r) === '';
      else if (time) {
        const v = asTime(rawValue);
        times = [v];
        test = (r) => time.num(r) === v;
      } else {
        const v = asText(rawValue);
        test = (r) => get(r) === v;
      }
      return op === '=' ? { test, times } : { test: not(test), times: undefined };
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return { test: compare(op, rawValue), times: time ? [asTime(rawValue)] : undefined };
    case 'BETWEEN':
    case 'ON':
    case 'NOTON': {
      const parts = rawValue.split('@');
      const [lo = '', hi = ''] = op === 'BETWEEN' ? parts : parts.slice(1);
      const a = compare('>=', lo);
      const b = compare('<=', hi);
      const test: RowTest = (r) => a(r) && b(r);
      if (op === 'NOTON') return { test: not(test), times: undefined };
      return { test, times: time ? [asTime(lo), asTime(hi)] : undefined };
    }
    case 'LIKE':
    case 'NOT LIKE': {
      const v = asText(rawValue).toLowerCase();
      const test: RowTest = (r) => lower(r).includes(v);
      return { test: op === 'LIKE' ? test : not(test), times: undefined };
    }
    case 'STARTSWITH': {
      const v = asText(rawValue).toLowerCase();
      return { test: (r) => lower(r).startsWith(v), times: undefined };
    }
    case 'ENDSWITH': {
      const v = asText(rawValue).toLowerCase();
      return { test: (r) => lower(r).endsWith(v), times: undefined };
    }
    case 'IN':
    case 'NOT IN': {
      const set = new Set(rawValue.split(',').map((v) => asText(v.trim())));
      const test: RowTest = (r) => set.has(get(r));
      return { test: op === 'IN' ? test : not(test), times: undefined };
    }
    case 'ISEMPTY':
    case 'EMPTYSTRING':
      return { test: (r) => get(r) === '', times: undefined };
    case 'ISNOTEMPTY':
      return { test: (r) => get(r) !== '', times: undefined };
    case 'ANYTHING':
      return { test: () => true, times: undefined };
    case 'SAMEAS':
    case 'NSAMEAS': {
      const otherGet = other(rawValue).get;
      const test: RowTest = (r) => get(r) === otherGet(r);
      return { test: op === 'SAMEAS' ? test : not(test), times: undefined };
    }
  }
}
