// The Aggregate API: GET /api/now[/v1]/stats/{table}?sysparm_count=true&sysparm_query=...
// -> {"result":{"stats":{"count":"142"}}}; with sysparm_group_by the result becomes an array of groups.
// sysparm_sum_fields / avg / min / max add per-field aggregates. All numbers are strings.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { compileQuery } from '../query/compile.js';
import { executeQuery } from '../query/execute.js';
import { resolveField, type FieldAccess } from '../query/field-access.js';
import { parseEncodedQuery, QuerySyntaxError } from '../query/parse.js';
import type { Database, ServedTable } from '../store/database.js';
import { JSON_TYPE, sendError } from './envelope.js';
import { param, type Query } from './params.js';
import { tableFor, type SimulatorParts, type TableRequest } from './parts.js';

type Agg = 'sum' | 'avg' | 'min' | 'max';
const AGGS: readonly Agg[] = ['sum', 'avg', 'min', 'max'];

function fieldsOf(db: Database, table: ServedTable, raw: string | undefined): FieldAccess[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').flatMap((f) => {
    const access = resolveField(db, table, f.trim());
    return access ? [access] : [];
  });
}

const fmt = (n: number, decimals: boolean): string =>
  decimals ? n.toFixed(4) : Number.isInteger(n) ? String(n) : n.toFixed(4);

function stats(
  rows: readonly number[],
  count: boolean,
  aggs: ReadonlyMap<Agg, FieldAccess[]>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (count) out.count = String(rows.length);
  for (const [agg, fields] of aggs) {
    const per: Record<string, string> = {};
    for (const f of fields) {
      const nums = rows
        .map((r) => f.get(r))
        .filter((v) => v !== '')
        .map(Number)
        .filter((n) => !Number.isNaN(n));
      if (agg === 'sum')
        per[f.path] = fmt(
          nums.reduce((a, b) => a + b, 0),
          false,
        );
      if (agg === 'avg')
        per[f.path] = nums.length === 0 ? '' : fmt(nums.reduce((a, b) => a + b, 0) / nums.length, true);
      if (agg === 'min' || agg === 'max') {
        const texts = rows.map((r) => f.get(r)).filter((v) => v !== '');
        const numeric = f.def.type === 'integer' || f.def.type === 'decimal';
        const sorted = numeric ? nums.sort((a, b) => a - b).map(String) : texts.sort();
        per[f.path] = (agg === 'min' ? sorted[0] : sorted[sorted.length - 1]) ?? '';
      }
    }
    out[agg] = per;
  }
  return out;
}

export function registerStats(api: FastifyInstance, parts: SimulatorParts): void {
  const handler = async (request: TableRequest, reply: FastifyReply) => {
    const table = tableFor(parts, request, reply);
    if (!table) return reply;
    const q = request.query as Query;
    let rows: number[];
    try {
      const compiled = compileQuery(
        parts.db,
        table,
        parseEncodedQuery(param(q, 'sysparm_query') ?? ''),
        parts.clock.nowSeconds(),
      );
      rows = executeQuery(compiled, { offset: 0, limit: Number.MAX_SAFE_INTEGER, count: false }).rows;
    } catch (error) {
      if (error instanceof QuerySyntaxError) return sendError(reply, 400, 'Invalid query', error.message);
      throw error;
    }
    const count = (param(q, 'sysparm_count') ?? '').toLowerCase() === 'true';
    const aggs = new Map<Agg, FieldAccess[]>();
    for (const agg of AGGS) {
      const fields = fieldsOf(parts.db, table, param(q, `sysparm_${agg}_fields`));
      if (fields.length > 0) aggs.set(agg, fields);
    }
    const groupBy = fieldsOf(parts.db, table, param(q, 'sysparm_group_by'));
    if (groupBy.length === 0)
      return reply.type(JSON_TYPE).send(JSON.stringify({ result: { stats: stats(rows, count, aggs) } }));
    const groups = new Map<string, { values: string[]; rows: number[] }>();
    for (const r of rows) {
      const values = groupBy.map((g) => g.get(r));
      const key = JSON.stringify(values);
      const group = groups.get(key) ?? { values, rows: [] };
      group.rows.push(r);
      groups.set(key, group);
    }
    const result = [...groups.values()].map((g) => ({
      stats: stats(g.rows, count, aggs),
      groupby_fields: groupBy.map((f, i) => ({ field: f.path, value: g.values[i] ?? '' })),
    }));
    return reply.type(JSON_TYPE).send(JSON.stringify({ result }));
  };
  api.get('/stats/:table', handler);
  api.get('/:version/stats/:table', handler);
}
