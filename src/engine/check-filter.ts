// Walks a filter as written and reports every mistake with its own path, so that one bad operator deep
// in an `or` is named exactly instead of the whole filter failing as "no form matched".
import type { RecordKind } from '../contracts/records.js';
import { unknownKeyMessage } from '../settings/messages.js';
import { checkField } from './check-field.js';
import { parseIsoDate } from './dates.js';
import {
  OPERATORS,
  SCALAR_OPS,
  TEXT_OPS,
  UNARY_OPS,
  UNITS,
  VALUE_TYPES,
  type Operator,
} from './filter-schema.js';
import { describeValue, isPlainObject, type ProblemPath, type RawProblem } from './problem.js';

export interface FilterContext {
  kind: RecordKind;
  /** The control's declared params with their defaults. */
  params: Readonly<Record<string, unknown>>;
  out: RawProblem[];
}

const CONDITION_KEYS = ['field', 'op', 'value', 'value_type', 'from', 'unit', 'ignore_case'];

export function checkFilter(filter: unknown, path: ProblemPath, ctx: FilterContext): void {
  if (Array.isArray(filter)) {
    filter.forEach((item, i) => checkFilter(item, [...path, i], ctx));
    return;
  }
  if (!isPlainObject(filter)) {
    ctx.out.push({
      path,
      message: `a filter must be a mapping or a list of filters, got ${describeValue(filter)}`,
    });
    return;
  }
  const keys = Object.keys(filter);
  for (const group of ['or', 'and', 'not'] as const) {
    if (!(group in filter)) continue;
    for (const key of keys) {
      if (key !== group)
        ctx.out.push({
          path: [...path, key],
          at: 'key',
          message: `"${group}" must stand alone in its mapping; move "${key}" into a separate filter`,
        });
    }
    const inner = filter[group];
    if (group !== 'not' && !Array.isArray(inner)) {
      ctx.out.push({
        path: [...path, group],
        message: `"${group}" takes a list of filters, got ${describeValue(inner)}`,
      });
      return;
    }
    checkFilter(inner, [...path, group], ctx);
    return;
  }
  if ('field' in filter || 'op' in filter) {
    checkCondition(filter, path, ctx);
    return;
  }
  if (keys.length === 0)
    ctx.out.push({ path, message: 'an empty filter matches nothing: remove it or add a condition' });
  for (const key of keys) {
    checkField(ctx.kind, key, [...path, key], ctx.out);
    const value = filter[key];
    if (value !== null && typeof value === 'object') {
      ctx.out.push({
        path: [...path, key],
        message: `the shorthand "field: value" takes one value, got ${describeValue(value)}: use { field, op: in, value: [...] } for a list`,
      });
    }
  }
}

/** The param's default when `value` is `{ param }`, after checking that it is declared. */
function resolve(value: unknown, path: ProblemPath, ctx: FilterContext): unknown {
  if (!isPlainObject(value)) return value;
  const name = value.param;
  if (Object.keys(value).length !== 1 || typeof name !== 'string') {
    ctx.out.push({
      path,
      message: `a value must be a string, number, boolean, list or { param: name }, got ${describeValue(value)}`,
    });
    return undefined;
  }
  if (!(name in ctx.params)) {
    ctx.out.push({
      path: [...path, 'param'],
      message: `param "${name}" is not declared in this control's params`,
    });
    return undefined;
  }
  return ctx.params[name];
}

function checkCondition(filter: Record<string, unknown>, path: ProblemPath, ctx: FilterContext): void {
  const { out } = ctx;
  for (const key of Object.keys(filter)) {
    if (!CONDITION_KEYS.includes(key))
      out.push({ path: [...path, key], at: 'key', message: unknownKeyMessage(key, CONDITION_KEYS) });
  }
  if (!('field' in filter)) out.push({ path, message: 'a condition needs "field"' });
  const fieldType =
    'field' in filter ? checkField(ctx.kind, filter.field, [...path, 'field'], out) : undefined;
  const op = filter.op;
  if (op === undefined) {
    out.push({ path, message: 'a condition needs "op" (one of ' + OPERATORS.join(', ') + ')' });
    return;
  }
  if (typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op)) {
    out.push({
      path: [...path, 'op'],
      message: `unknown operator ${JSON.stringify(op)} (allowed: ${OPERATORS.join(', ')})`,
    });
    return;
  }
  const operator = op as Operator;
  const hasValue = 'value' in filter;
  const value = hasValue ? resolve(filter.value, [...path, 'value'], ctx) : undefined;
  const valuePath = [...path, 'value'];
  if (UNARY_OPS.has(operator)) {
    if (hasValue) out.push({ path: valuePath, message: `operator ${op} takes no value: remove "value"` });
  } else if (!hasValue) {
    out.push({ path, message: `operator ${op} needs a "value"` });
  } else if (value !== undefined) {
    checkOperand(operator, value, valuePath, out);
  }
  checkValueType(filter, operator, fieldType, value, path, ctx);
  checkIgnoreCase(filter, operator, path, out);
}

function checkIgnoreCase(
  filter: Record<string, unknown>,
  op: Operator,
  path: ProblemPath,
  out: RawProblem[],
): void {
  const flag = filter.ignore_case;
  if (flag === undefined) return;
  const at = [...path, 'ignore_case'];
  if (typeof flag !== 'boolean')
    out.push({ path: at, message: `ignore_case is true or false, got ${describeValue(flag)}` });
  else if (!TEXT_OPS.has(op) || filter.value_type !== undefined)
    out.push({
      path: at,
      message: `ignore_case works only with text comparisons (${[...TEXT_OPS].join(', ')}) and no value_type, not ${op}`,
    });
}

function checkOperand(op: Operator, value: unknown, path: ProblemPath, out: RawProblem[]): void {
  if (op === 'in' || op === 'not-in') {
    if (!Array.isArray(value))
      out.push({ path, message: `operator ${op} needs a list of values, got ${describeValue(value)}` });
    return;
  }
  if (Array.isArray(value) || isPlainObject(value)) {
    out.push({ path, message: `operator ${op} compares with one value, got ${describeValue(value)}` });
    return;
  }
  if (op === 'regex') {
    if (typeof value !== 'string') {
      out.push({ path, message: `operator regex needs a pattern string, got ${describeValue(value)}` });
      return;
    }
    try {
      new RegExp(value);
    } catch (error) {
      const detail = (error as Error).message.split(': ').at(-1) ?? '';
      out.push({ path, message: `invalid regular expression ${JSON.stringify(value)}: ${detail}` });
    }
  }
}

function checkValueType(
  filter: Record<string, unknown>,
  op: Operator,
  fieldType: string | undefined,
  value: unknown,
  path: ProblemPath,
  ctx: FilterContext,
): void {
  const { out } = ctx;
  const vt = filter.value_type;
  if (vt !== undefined && (typeof vt !== 'string' || !(VALUE_TYPES as readonly string[]).includes(vt))) {
    out.push({
      path: [...path, 'value_type'],
      message: `unknown value_type ${JSON.stringify(vt)} (allowed: ${VALUE_TYPES.join(', ')})`,
    });
    return;
  }
  if (filter.from !== undefined && vt !== 'duration')
    out.push({ path: [...path, 'from'], message: '"from" is used only with value_type duration' });
  if (filter.unit !== undefined) {
    if (vt !== 'duration')
      out.push({ path: [...path, 'unit'], message: '"unit" is used only with value_type duration' });
    else if (!(UNITS as readonly unknown[]).includes(filter.unit))
      out.push({
        path: [...path, 'unit'],
        message: `unknown unit ${JSON.stringify(filter.unit)} (allowed: ${UNITS.join(', ')})`,
      });
  }
  if (vt === undefined) return;
  if (!SCALAR_OPS.has(op)) {
    out.push({
      path: [...path, 'value_type'],
      message: `value_type ${vt} works only with eq, ne, gt, gte, lt, lte, not ${op}`,
    });
    return;
  }
  if (
    (vt === 'age' || vt === 'duration' || vt === 'date') &&
    fieldType !== undefined &&
    fieldType !== 'date' &&
    fieldType !== 'any'
  ) {
    out.push({
      path: [...path, 'field'],
      message: `value_type ${vt} needs a date field, "${String(filter.field)}" holds a ${fieldType}`,
    });
  }
  if (vt === 'duration') {
    if (filter.from === undefined)
      out.push({ path, message: 'value_type duration needs "from", the date field to measure from' });
    else checkField(ctx.kind, filter.from, [...path, 'from'], out, 'date');
  }
  if (value === undefined || Array.isArray(value)) return;
  if (vt === 'date') {
    if (typeof value !== 'string' || Number.isNaN(parseIsoDate(value)))
      out.push({
        path: [...path, 'value'],
        message: `value_type date compares with a date such as 2026-01-31, got ${describeValue(value)}`,
      });
  } else if (typeof value !== 'number') {
    out.push({
      path: [...path, 'value'],
      message: `value_type ${vt} compares with a number, got ${describeValue(value)}`,
    });
  }
}
