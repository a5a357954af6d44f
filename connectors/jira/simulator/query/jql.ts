// JQL over simulated issues: the fields a poller uses (project, issuetype, "Request Type", labels, status,
// statusCategory, key, id, created, updated, resolution, summary), dates read in the asking user's time
// zone with minute precision, and Jira's 400 answers for unknown fields and values.
import { localToUtc } from '../../time-zone.js';
import { ISSUE_TYPE_IDS, PROJECTS, REQUEST_TYPES, STATUSES } from '../catalogue.js';
import type { SimIssue } from '../model.js';
import { parseQuery, QueryError, type Condition, type OrderTerm } from './parse.js';

export interface CompiledJql {
  test: (issue: SimIssue) => boolean;
  orderBy: OrderTerm[];
  /** The lowest `updated` an AND-ed condition allows, so a search can skip straight to it. */
  updatedFrom: number | undefined;
}

export interface JqlContext {
  timeZone: string;
  now: number;
  /** Project keys the asking account may see. */
  visibleProjects: ReadonlySet<string>;
}

const DATE = /^(\d{4})[/-](\d{2})[/-](\d{2})(?:\s+(\d{2}):(\d{2}))?$/;
const RELATIVE = /^([-+]?)(\d+)([mhdw])$/;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

function parseDate(value: string, ctx: JqlContext, field: string): number {
  const m = DATE.exec(value.trim());
  if (m !== null) {
    return localToUtc(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      ctx.timeZone,
    );
  }
  const r = RELATIVE.exec(value.trim());
  if (r !== null) return ctx.now + (r[1] === '-' ? -1 : 1) * Number(r[2]) * UNIT_MS[r[3]!]!;
  // A bare number is epoch milliseconds (the reason values must be quoted).
  if (/^\d+$/.test(value)) return Number(value);
  throw new QueryError(
    `Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

const noValue = (value: string, field: string) =>
  new QueryError(`The value '${value}' does not exist for the field '${field}'.`);

function compare(actual: number, op: string, wanted: number): boolean {
  switch (op) {
    case '=':
      return actual === wanted;
    case '!=':
      return actual !== wanted;
    case '>':
      return actual > wanted;
    case '>=':
      return actual >= wanted;
    case '<':
      return actual < wanted;
    case '<=':
      return actual <= wanted;
    default:
      throw new QueryError(`The operator '${op}' is not supported by this field.`);
  }
}

function setTest<T>(
  op: string,
  values: T[],
  get: (issue: SimIssue) => T | T[] | null,
): (i: SimIssue) => boolean {
  const set = new Set(values);
  const has = (issue: SimIssue) => {
    const v = get(issue);
    if (v === null) return false;
    return Array.isArray(v) ? v.some((x) => set.has(x)) : set.has(v);
  };
  switch (op) {
    case '=':
    case 'in':
      return has;
    case '!=':
    case 'not in':
      return (issue) => !has(issue);
    default:
      throw new QueryError(`The operator '${op}' is not supported by this field.`);
  }
}

function compileTerm(term: Extract<Condition, { kind: 'term' }>, ctx: JqlContext): (i: SimIssue) => boolean {
  const field = term.field.toLowerCase();
  const { op, values } = term;
  switch (field) {
    case 'project': {
      const ids = values.map((v) => {
        const p = PROJECTS.find((x) => x.key === v.toUpperCase() || x.id === v || x.name === v);
        if (p === undefined || !ctx.visibleProjects.has(p.key)) throw noValue(v, 'project');
        return p.key;
      });
      return setTest(op, ids, (i) => i.project.key);
    }
    case 'issuetype':
    case 'type': {
      const names = values.map((v) => {
        const name = Object.keys(ISSUE_TYPE_IDS).find(
          (n) => n.toLowerCase() === v.toLowerCase() || ISSUE_TYPE_IDS[n] === v,
        );
        if (name === undefined) throw noValue(v, 'issuetype');
        return name;
      });
      return setTest(op, names, (i) => i.issueType);
    }
    case 'request type':
    case 'customer request type':
    case 'cf[10010]': {
      const ids = values.map((v) => {
        const rt = REQUEST_TYPES.find((r) => r.name.toLowerCase() === v.toLowerCase() || r.id === v);
        if (rt === undefined) throw noValue(v, term.field);
        return rt.id;
      });
      return setTest(op, ids, (i) => i.requestTypeId);
    }
    case 'status': {
      const names = values.map((v) => {
        const s = [...STATUSES.values()].find((x) => x.name.toLowerCase() === v.toLowerCase() || x.id === v);
        if (s === undefined) throw noValue(v, 'status');
        return s.name;
      });
      return setTest(op, names, (i) => i.status.name);
    }
    case 'statuscategory':
      return setTest(
        op,
        values.map(
          (v) => ({ 'to do': 'new', 'in progress': 'indeterminate', done: 'done' })[v.toLowerCase()] ?? v,
        ),
        (i) => i.status.category,
      );
    case 'labels':
      return setTest(op, values, (i) => i.labels);
    case 'resolution':
      if (op === 'is' || op === 'is not') {
        const empty = values[0]?.toLowerCase() === 'empty';
        return (i) => (i.resolution === null) === (op === 'is' ? empty : !empty);
      }
      return setTest(op, values, (i) => i.resolution);
    case 'key':
    case 'issuekey':
    case 'id':
    case 'issue': {
      if (op === 'in' || op === 'not in' || op === '=' || op === '!=') {
        const wanted = values.map((v) => (/^\d+$/.test(v) ? `#${v}` : v.toUpperCase()));
        return setTest(op, wanted, (i) => [`#${i.id}`, i.key]);
      }
      const n = Number(values[0]);
      if (!Number.isFinite(n)) throw new QueryError(`The operator '${op}' needs a numeric issue id here.`);
      return (i) => compare(i.id, op, n);
    }
    case 'created':
    case 'updated':
    case 'createddate':
    case 'updateddate':
    case 'resolved':
    case 'resolutiondate': {
      const at = parseDate(values[0] ?? '', ctx, term.field);
      const get = field.startsWith('created')
        ? (i: SimIssue) => i.created
        : field.startsWith('updated')
          ? (i: SimIssue) => i.updated
          : (i: SimIssue) => i.resolutiondate ?? Number.NaN;
      return (i) => compare(get(i), op, at);
    }
    case 'summary':
    case 'text': {
      if (op !== '~')
        throw new QueryError(`The operator '${op}' is not supported by the '${term.field}' field.`);
      const needle = (values[0] ?? '').toLowerCase();
      return (i) => i.summary.toLowerCase().includes(needle);
    }
    default:
      throw new QueryError(`Field '${term.field}' does not exist or you do not have permission to view it.`);
  }
}

function compileCondition(c: Condition, ctx: JqlContext): (i: SimIssue) => boolean {
  if (c.kind === 'term') return compileTerm(c, ctx);
  if (c.kind === 'not') {
    const inner = compileCondition(c.part, ctx);
    return (i) => !inner(i);
  }
  const parts = c.parts.map((p) => compileCondition(p, ctx));
  return c.kind === 'and' ? (i) => parts.every((p) => p(i)) : (i) => parts.some((p) => p(i));
}

/** The largest lower bound on `updated` among the top-level AND terms. */
function updatedFloor(c: Condition | undefined, ctx: JqlContext): number | undefined {
  if (c === undefined) return undefined;
  const terms = c.kind === 'and' ? c.parts : [c];
  let floor: number | undefined;
  for (const t of terms) {
    if (t.kind !== 'term' || !['updated', 'updateddate'].includes(t.field.toLowerCase())) continue;
    if (t.op !== '>=' && t.op !== '>' && t.op !== '=') continue;
    const at = parseDate(t.values[0] ?? '', ctx, t.field);
    floor = floor === undefined ? at : Math.max(floor, at);
  }
  return floor;
}

const ORDERABLE = new Set(['updated', 'created', 'id', 'key', 'issuekey', 'priority', 'resolved']);

export function compileJql(jql: string, ctx: JqlContext): CompiledJql {
  const parsed = parseQuery(jql);
  if (parsed.where === undefined) {
    throw new QueryError(
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    );
  }
  if (parsed.orderBy.length > 7) throw new QueryError('The ORDER BY clause can hold at most 7 fields.');
  for (const o of parsed.orderBy) {
    if (!ORDERABLE.has(o.field.toLowerCase()))
      throw new QueryError(`Not able to sort using field '${o.field}'.`);
  }
  return {
    test: compileCondition(parsed.where, ctx),
    orderBy: parsed.orderBy.map((o) => ({ ...o, field: o.field.toLowerCase() })),
    updatedFrom: updatedFloor(parsed.where, ctx),
  };
}

export { QueryError };
