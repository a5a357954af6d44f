// POST, PATCH, PUT and DELETE on /api/now[/v1|/v2]/table/{table}[/{sys_id}].
import type { FastifyInstance, FastifyReply } from 'fastify';
import { rowRenderer } from '../render/row-renderer.js';
import { insertRecord, updateRecord, WriteError, type WriteContext } from '../store/writes.js';
import { JSON_TYPE, noRecord, sendError } from './envelope.js';
import { readParams, type Query } from './params.js';
import { apiRoot, tableFor, type SimulatorParts, type TableRequest } from './parts.js';

export function registerTableWrites(api: FastifyInstance, parts: SimulatorParts): void {
  const context = (request: TableRequest): WriteContext => ({
    db: parts.db,
    rng: parts.writeRng,
    nowSeconds: parts.clock.nowSeconds(),
    username: parts.users.get(request)?.username ?? 'guest',
  });

  const answer = (
    request: TableRequest,
    reply: FastifyReply,
    status: number,
    row: number,
    tableName: string,
  ) => {
    const table = parts.db.table(tableName);
    if (!table) return noRecord(reply);
    const render = rowRenderer(parts.db, table, {
      ...readParams(request.query as Query),
      tableLinkBase: `${apiRoot(parts, request)}table/`,
    });
    return reply
      .code(status)
      .type(JSON_TYPE)
      .send(`{"result":${render(row)}}`);
  };

  const failed = (reply: FastifyReply, error: unknown): FastifyReply => {
    if (error instanceof WriteError) return sendError(reply, error.status, error.message, error.detail);
    throw error;
  };

  const create = async (request: TableRequest, reply: FastifyReply) => {
    const table = tableFor(parts, request, reply);
    if (!table) return reply;
    try {
      const row = insertRecord(context(request), table, request.body);
      return answer(request, reply, 201, row, table.name);
    } catch (error) {
      return failed(reply, error);
    }
  };

  const change = async (request: TableRequest, reply: FastifyReply) => {
    const table = tableFor(parts, request, reply);
    if (!table) return reply;
    const row = table.store.rowOf(request.params.sys_id ?? '');
    if (row < 0 || !table.contains(row)) return noRecord(reply);
    try {
      updateRecord(context(request), table, row, request.body ?? {});
      return answer(request, reply, 200, row, table.name);
    } catch (error) {
      return failed(reply, error);
    }
  };

  const remove = async (request: TableRequest, reply: FastifyReply) => {
    const table = tableFor(parts, request, reply);
    if (!table) return reply;
    const row = table.store.rowOf(request.params.sys_id ?? '');
    if (row < 0 || !table.contains(row)) return noRecord(reply);
    table.store.remove([row]);
    return reply.code(204).send();
  };

  for (const prefix of ['', '/:version']) {
    api.post(`${prefix}/table/:table`, create);
    api.patch(`${prefix}/table/:table/:sys_id`, change);
    api.put(`${prefix}/table/:table/:sys_id`, change);
    api.delete(`${prefix}/table/:table/:sys_id`, remove);
  }
}
