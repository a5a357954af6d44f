// Every check on one control beyond its shape: clause ids, field names, params, filters and templates.
// It reads the raw data defensively, so it can run even when the shape check failed elsewhere.
import { RECORD_KINDS, type RecordKind } from '../contracts/records.js';
import { checkField } from './check-field.js';
import { checkFilter, type FilterContext } from './check-filter.js';
import { SCALAR_OPS, type Operator } from './filter-schema.js';
import { ControlSchema } from './pack-schema.js';
import { isPlainObject, type ProblemPath, type RawProblem } from './problem.js';
import { templateNames } from './template.js';
import { zodIssueToProblems } from './zod-problems.js';

const KINDS = ['record', 'aggregate', 'freshness', 'relation'];
/** Positions holding filters: their problems come from check-filter, which words them better. */
const FILTER_PATHS = ['scope', 'assert', 'measure.ratio', 'related.scope'];

function isKind(value: unknown): value is RecordKind {
  return typeof value === 'string' && (RECORD_KINDS as readonly string[]).includes(value);
}

function allowedKeys(kind: string) {
  const option = ControlSchema.options.find((o) => o.shape.kind.value === kind);
  return (path: ProblemPath): readonly string[] =>
    path.length === 0 && option !== undefined ? Object.keys(option.shape) : [];
}

export function checkControl(raw: unknown, base: ProblemPath, clauseIds: ReadonlySet<string>): RawProblem[] {
  const out: RawProblem[] = [];
  if (!isPlainObject(raw)) return [{ path: base, message: 'a control must be a mapping' }];
  const kind = raw.kind;
  if (!KINDS.includes(kind as string)) {
    const message =
      kind === undefined
        ? 'missing required key "kind"'
        : `unknown control kind ${JSON.stringify(kind)} (allowed: ${KINDS.join(', ')})`;
    return [{ path: kind === undefined ? base : [...base, 'kind'], message }];
  }
  const parsed = ControlSchema.safeParse(raw);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const dotted = issue.path.join('.');
    const inFilter = FILTER_PATHS.some((p) => dotted === p || dotted.startsWith(`${p}.`));
    // A missing filter is zod's to report; a present one is check-filter's.
    if (inFilter && !(FILTER_PATHS.includes(dotted) && valueMissing(raw, issue.path))) continue;
    out.push(...zodIssueToProblems(issue, base, raw, allowedKeys(kind as string)));
  }
  const params = isPlainObject(raw.params) ? raw.params : {};
  if (Array.isArray(raw.clauses)) {
    raw.clauses.forEach((id, i) => {
      if (typeof id === 'string' && !clauseIds.has(id))
        out.push({ path: [...base, 'clauses', i], message: `clause "${id}" is not in clauses.yaml` });
    });
  }
  if (!isKind(raw.resource)) return out;
  const resource = raw.resource;
  const ctx: FilterContext = { kind: resource, params, out };
  const at = (...p: (string | number)[]): ProblemPath => [...base, ...p];
  const numeric = (value: unknown, path: ProblemPath) => checkNumberParam(value, path, params, out);
  if (raw.scope !== undefined) checkFilter(raw.scope, at('scope'), ctx);
  if (kind === 'record' && raw.assert !== undefined) checkFilter(raw.assert, at('assert'), ctx);
  if (kind === 'aggregate' || kind === 'freshness') {
    if (raw.group_by !== undefined) checkField(resource, raw.group_by, at('group_by'), out);
  }
  if (kind === 'aggregate') {
    if (isPlainObject(raw.window)) {
      checkField(resource, raw.window.field, at('window', 'field'), out, 'date');
      numeric(raw.window.days, at('window', 'days'));
    }
    checkMeasure(raw.measure, at('measure'), ctx);
    if (isPlainObject(raw.threshold)) {
      const op = raw.threshold.op;
      if (typeof op === 'string' && !SCALAR_OPS.has(op as Operator))
        out.push({
          path: at('threshold', 'op'),
          message: `a threshold compares one number: use eq, ne, gt, gte, lt or lte, not ${op}`,
        });
      numeric(raw.threshold.value, at('threshold', 'value'));
    }
    numeric(raw.min_count, at('min_count'));
    if (Array.isArray(raw.requires))
      raw.requires.forEach((field, i) => checkField(resource, field, at('requires', i), out));
  }
  if (kind === 'freshness') {
    checkField(resource, raw.date_field, at('date_field'), out, 'date');
    numeric(raw.max_age_days, at('max_age_days'));
  }
  if (kind === 'relation' && isPlainObject(raw.related) && isKind(raw.related.resource)) {
    const related = raw.related.resource;
    if (isPlainObject(raw.related.match)) {
      checkField(resource, raw.related.match.field, at('related', 'match', 'field'), out);
      const to: unknown = raw.related.match.to ?? 'id';
      if (Array.isArray(to))
        to.forEach((f, i) => checkField(related, f, at('related', 'match', 'to', i), out));
      else checkField(related, to, at('related', 'match', 'to'), out);
    }
    if (raw.related.scope !== undefined)
      checkFilter(raw.related.scope, at('related', 'scope'), { ...ctx, kind: related });
    numeric(raw.min_related, at('min_related'));
  }
  if (typeof raw.reason === 'string') checkTemplate(raw.reason, kind as string, at('reason'), ctx);
  return out;
}

function checkMeasure(measure: unknown, path: ProblemPath, ctx: FilterContext): void {
  if (!isPlainObject(measure)) return;
  if ('ratio' in measure) checkFilter(measure.ratio, [...path, 'ratio'], ctx);
  for (const name of ['average', 'percentile'] as const) {
    const spec = measure[name];
    if (!isPlainObject(spec)) continue;
    const want =
      spec.value_type === 'age' || spec.value_type === 'duration' || spec.value_type === 'date'
        ? 'date'
        : 'number';
    checkField(ctx.kind, spec.field, [...path, name, 'field'], ctx.out, want);
    if (spec.value_type === 'duration') {
      if (spec.from === undefined)
        ctx.out.push({
          path: [...path, name],
          message: 'value_type duration needs "from", the date field to measure from',
        });
      else checkField(ctx.kind, spec.from, [...path, name, 'from'], ctx.out, 'date');
    }
  }
}

function checkNumberParam(
  value: unknown,
  path: ProblemPath,
  params: Record<string, unknown>,
  out: RawProblem[],
): void {
  if (!isPlainObject(value) || typeof value.param !== 'string') return;
  const name = value.param;
  if (!(name in params))
    out.push({
      path: [...path, 'param'],
      message: `param "${name}" is not declared in this control's params`,
    });
  else if (typeof params[name] !== 'number')
    out.push({ path: [...path, 'param'], message: `param "${name}" must default to a number here` });
}

const AGGREGATE_NAMES = new Set(['key', 'value', 'count', 'measure']);

function checkTemplate(template: string, kind: string, path: ProblemPath, ctx: FilterContext): void {
  for (const name of templateNames(template)) {
    if (name.startsWith('params.')) {
      const param = name.slice('params.'.length);
      if (!(param in ctx.params))
        ctx.out.push({ path, message: `reason uses {${name}} but param "${param}" is not declared` });
    } else if (name === 'value' || name === 'count' || name === 'measure') {
      if (kind === 'record')
        ctx.out.push({
          path,
          message: `reason uses {${name}}, which only aggregate, freshness and relation controls have`,
        });
    } else if (!AGGREGATE_NAMES.has(name)) {
      checkField(ctx.kind, name, path, ctx.out);
    }
  }
}

function valueMissing(raw: Record<string, unknown>, path: readonly PropertyKey[]): boolean {
  let node: unknown = raw;
  for (const key of path) {
    if (!isPlainObject(node)) return true;
    node = node[key as string];
  }
  return node === undefined;
}
