// Filters compile to closures over pre-resolved values: params are substituted, patterns built and
// value types chosen here, once, so judging a record does no parsing.
import type { RecordKind } from '../contracts/records.js';
import { compileDateGetter, compileGetter, type Rec } from './accessor.js';
import { numberTest } from './compare.js';
import { DAY_MS, parseIsoDate, UNIT_MS } from './dates.js';
import type { Condition, Filter, Operator } from './filter-schema.js';
import type { ParamValueType } from './pack-schema.js';
import type { Frame } from './record-view.js';

/** `now` is epoch milliseconds, passed in so one compiled pack serves every run. */
export type Predicate = (record: Rec, now: number) => boolean;
export type Params = Readonly<Record<string, ParamValueType>>;

const ALWAYS: Predicate = () => true;

export function resolveValue(value: unknown, params: Params): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'param' in value) {
    return params[(value as { param: string }).param];
  }
  return value;
}

export function compileFilter(
  filter: Filter | undefined,
  kind: RecordKind,
  params: Params,
  frame?: Frame,
): Predicate {
  if (filter === undefined) return ALWAYS;
  if (Array.isArray(filter))
    return allOf((filter as readonly Filter[]).map((f) => compileFilter(f, kind, params, frame)));
  const node = filter as Record<string, unknown>;
  if ('or' in node) {
    const parts = (node.or as Filter[]).map((f) => compileFilter(f, kind, params, frame));
    return (r, now) => {
      for (const p of parts) if (p(r, now)) return true;
      return false;
    };
  }
  if ('and' in node) return allOf((node.and as Filter[]).map((f) => compileFilter(f, kind, params, frame)));
  if ('not' in node) {
    const inner = compileFilter(node.not as Filter, kind, params, frame);
    return (r, now) => !inner(r, now);
  }
  if ('op' in node) return compileCondition(node as Condition, kind, params, frame);
  return allOf(
    Object.entries(node).map(([field, value]) =>
      compileCondition({ field, op: 'eq', value: value as string }, kind, params, frame),
    ),
  );
}

function allOf(parts: Predicate[]): Predicate {
  if (parts.length === 1) return parts[0] ?? ALWAYS;
  return (r, now) => {
    for (const p of parts) if (!p(r, now)) return false;
    return true;
  };
}

function compileCondition(c: Condition, kind: RecordKind, params: Params, frame?: Frame): Predicate {
  const value = resolveValue(c.value, params);
  if (c.value_type !== undefined) return compileTyped(c, kind, value, frame);
  const get = compileGetter(kind, c.field, frame);
  if (c.ignore_case === true) return compileIgnoringCase(c.op, get, value);
  return compileRaw(c.op, get, value);
}

const lower = (v: unknown): unknown => (typeof v === 'string' ? v.toLowerCase() : v);

/** Text comparisons without regard to case: the pack's values are lowered once, each record's per read. */
function compileIgnoringCase(op: Operator, get: (r: Rec) => unknown, value: unknown): Predicate {
  if (op === 'regex') {
    const re = new RegExp(value as string, 'i');
    return (r) => {
      const v = get(r);
      return typeof v === 'string' && re.test(v);
    };
  }
  if (op === 'contains') {
    const needle = String(value).toLowerCase();
    return (r) => {
      const v = get(r);
      if (typeof v === 'string') return v.toLowerCase().includes(needle);
      return Array.isArray(v) && v.some((item) => lower(item) === lower(value));
    };
  }
  const loweredValue = Array.isArray(value) ? value.map(lower) : lower(value);
  return compileRaw(op, (r) => lower(get(r)), loweredValue);
}

function compileRaw(op: Operator, get: (r: Rec) => unknown, value: unknown): Predicate {
  switch (op) {
    case 'eq':
      return (r) => get(r) === value;
    case 'ne':
      return (r) => get(r) !== value;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const test = numberTest(op) as (a: unknown, b: unknown) => boolean;
      return (r) => {
        const v = get(r);
        return v !== null && typeof v === typeof value && test(v, value);
      };
    }
    case 'in':
    case 'not-in': {
      const set = new Set(value as unknown[]);
      const want = op === 'in';
      return (r) => set.has(get(r)) === want;
    }
    case 'contains':
      return (r) => {
        const v = get(r);
        if (typeof v === 'string') return v.includes(String(value));
        return Array.isArray(v) && v.includes(value);
      };
    case 'regex': {
      const re = new RegExp(value as string);
      return (r) => {
        const v = get(r);
        return typeof v === 'string' && re.test(v);
      };
    }
    case 'present':
      return (r) => get(r) !== null;
    case 'absent':
      return (r) => get(r) === null;
    case 'empty':
      return (r) => isEmpty(get(r));
  }
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

/** A record's number for a value type; null when the field is empty (the condition then fails). */
export type NumberOf = (record: Rec, now: number) => number | null;

export function compileNumberOf(
  kind: RecordKind,
  spec: {
    field: string;
    value_type?: string | undefined;
    from?: string | undefined;
    unit?: string | undefined;
  },
  frame?: Frame,
): NumberOf {
  switch (spec.value_type) {
    case 'age': {
      const at = compileDateGetter(kind, spec.field, frame);
      return (r, now) => {
        const ms = at(r);
        return ms === null ? null : (now - ms) / DAY_MS;
      };
    }
    case 'duration': {
      const end = compileDateGetter(kind, spec.field, frame);
      const start = compileDateGetter(kind, spec.from ?? 'createdAt', frame);
      const unit = UNIT_MS[(spec.unit ?? 'hours') as keyof typeof UNIT_MS];
      return (r) => {
        const b = end(r);
        const a = b === null ? null : start(r);
        return a === null || b === null ? null : (b - a) / unit;
      };
    }
    case 'date':
      return compileDateGetter(kind, spec.field, frame);
    default: {
      const get = compileGetter(kind, spec.field, frame);
      return (r) => {
        const v = get(r);
        if (v === null || v === '' || typeof v === 'boolean') return null;
        const n = Number(v);
        return Number.isFinite(n) ? n : null;
      };
    }
  }
}

function compileTyped(c: Condition, kind: RecordKind, value: unknown, frame?: Frame): Predicate {
  const numberOf = compileNumberOf(kind, c, frame);
  const target = c.value_type === 'date' ? parseIsoDate(String(value)) : Number(value);
  const test = numberTest(c.op);
  return (r, now) => {
    const n = numberOf(r, now);
    return n !== null && test(n, target);
  };
}
