// GET /api/now[/v1|/v2]/table/{table} and .../{table}/{sys_id}.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { compileQuery } from '../query/compile.js';
import { executeQuery } from '../query/execute.js';
import { parseEncodedQuery, QuerySyntaxError } from '../query/parse.js';
import { linkHeader } from '../render/link-header.js';
import { PageWriter } from '../render/page-writer.js';
import { rowRenderer } from '../render/row-renderer.js';
import { JSON_TYPE, noRecord, sendError } from './envelope.js';
import { listParams, rawParams, readParams, type Query } from './params.js';
import { apiRoot, instanceUrl, tableFor, type SimulatorParts, type TableRequest } from './parts.js';

export function registerTableReads(api: FastifyInstance, parts: SimulatorParts): void {
  const list = async (request: TableRequest, reply: FastifyReply) => {
    const table = tableFor(parts, request, reply);
    if (!table) return reply;
    parts.counters.list(table.name);
    parts.mutator.beforeList(table.name);
    const p = listParams(request.query as Query);
    if ('badOffset' in p)
      return sendError(reply, 400, `offset is ${p.badOffset}`, 'Negative offset is not supported');
    let compiled;
    try {
      compiled = compileQuery(parts.db, table, parseEncodedQuery(p.query), parts.clock.nowSeconds());
    } catch (error) {
      if (error instanceof QuerySyntaxError) return sendError(reply, 400, 'Invalid query', error.message);
      throw error;
    }
    const page = executeQuery(compiled, { offset: p.offset, limit: p.limit, count: !p.noCount });
    const render = rowRenderer(parts.db, table, {
      display: p.display,
      excludeReferenceLink: p.excludeReferenceLink,
      tableLinkBase: `${apiRoot(parts, request)}table/`,
      fields: p.fields,
    });
    const body = new PageWriter(page.rows.length * 2048 + 64);
    body.write('{"result":[');
    for (let i = 0; i < page.rows.length; i++) body.write((i === 0 ? '' : ',') + render(page.rows[i] ?? 0));
    body.write(']}');
    if (page.total !== undefined) reply.header('X-Total-Count', String(page.total));
    if (!p.suppressPagination) {
      const path = request.url.split('?')[0] ?? '';
      reply.header(
        'Link',
        linkHeader({
          url: `${instanceUrl(parts, request)}${path}`,
          params: rawParams(request.url),
          offset: p.offset,
          limit: p.limit,
          total: page.total,
          more: page.more,
        }),
      );
    }
    return reply.type(JSON_TYPE).send(body.bytes());
  };

  const one = async (request: TableRequest, reply: FastifyReply) => {
    const table = tableFor(parts, request, reply);
    if (!table) return reply;
    const row = table.store.rowOf(request.params.sys_id ?? '');
    if (row < 0 || !table.contains(row)) return noRecord(reply);
    const p = readParams(request.query as Query);
    const render = rowRenderer(parts.db, table, { ...p, tableLinkBase: `${apiRoot(parts, request)}table/` });
    return reply.type(JSON_TYPE).send(`{"result":${render(row)}}`);
  };

  for (const prefix of ['', '/:version']) {
    api.get(`${prefix}/table/:table`, list);
    api.get(`${prefix}/table/:table/:sys_id`, one);
  }
}
