// /sim/* routes for tests and demos, outside auth and fault injection: counters, faults, hibernation,
// clock, and data mutations (update / delete / insert N records, mutate while paging).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SimulatorParts } from './parts.js';

const Count = z.object({ count: z.number().int().min(0).default(1), sysIds: z.array(z.string()).optional() });
const Update = Count.extend({ fields: z.record(z.string(), z.string()).optional() });
const Paging = z.object({ every: z.number().int().min(1), count: z.number().int().min(1) });

type TableParams = { Params: { table: string } };

function parse<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  void reply.code(400).send({ error: z.prettifyError(result.error) });
  return undefined;
}

export function registerAdmin(app: FastifyInstance, parts: SimulatorParts): void {
  const { db, mutator, faults, counters, clock, auth } = parts;
  const known = (table: string, reply: FastifyReply): boolean => {
    if (db.table(table)) return true;
    void reply.code(404).send({ error: `unknown table ${table}` });
    return false;
  };

  app.get('/sim/info', (_request, reply) =>
    reply.send({
      now: new Date(clock.nowMs()).toISOString(),
      tables: Object.fromEntries(db.allStores().map((s) => [s.name, s.size])),
    }),
  );
  app.get('/sim/counters', (_request, reply) =>
    reply.send({ ...counters.snapshot(), faults: faults.counts() }),
  );
  app.post('/sim/counters/reset', (_request, reply) => {
    counters.clear();
    faults.resetCounts();
    return reply.send({ ok: true });
  });

  app.get('/sim/faults', (_request, reply) => reply.send(faults.settings));
  app.put('/sim/faults', (request, reply) => {
    try {
      return reply.send(faults.set(request.body ?? {}));
    } catch (error) {
      return reply
        .code(400)
        .send({ error: error instanceof z.ZodError ? z.prettifyError(error) : String(error) });
    }
  });
  app.delete('/sim/faults', (_request, reply) => reply.send(faults.clear()));
  app.post('/sim/hibernate', (request, reply) => {
    const on = (request.body as { on?: unknown } | undefined)?.on !== false;
    faults.setHibernating(on);
    return reply.send({ hibernating: on });
  });

  app.get('/sim/clock', (_request, reply) =>
    reply.send({ now: clock.nowMs(), iso: new Date(clock.nowMs()).toISOString() }),
  );
  app.post('/sim/clock/advance', async (request, reply) => {
    const body = parse(z.object({ seconds: z.number() }), request.body, reply);
    if (!body) return reply;
    clock.advance(body.seconds * 1000);
    return { now: clock.nowMs(), iso: new Date(clock.nowMs()).toISOString() };
  });
  app.put('/sim/auth/token-ttl', async (request, reply) => {
    const body = parse(z.object({ seconds: z.number().positive() }), request.body, reply);
    if (!body) return reply;
    auth.setAccessTokenTtl(body.seconds);
    return { accessTokenTtlSeconds: body.seconds };
  });

  app.post<TableParams>('/sim/tables/:table/update', async (request, reply) => {
    const body = parse(Update, request.body, reply);
    if (!body || !known(request.params.table, reply)) return reply;
    const options = {
      ...(body.sysIds ? { sysIds: body.sysIds } : {}),
      ...(body.fields ? { fields: body.fields } : {}),
    };
    return { result: mutator.update(request.params.table, body.count, options) };
  });
  app.post<TableParams>('/sim/tables/:table/delete', async (request, reply) => {
    const body = parse(Count, request.body, reply);
    if (!body || !known(request.params.table, reply)) return reply;
    return { result: mutator.delete(request.params.table, body.count, body.sysIds) };
  });
  app.post<TableParams>('/sim/tables/:table/insert', async (request, reply) => {
    const body = parse(Count, request.body, reply);
    if (!body || !known(request.params.table, reply)) return reply;
    return { result: mutator.insert(request.params.table, body.count) };
  });
  app.put<TableParams>('/sim/tables/:table/mutate-while-paging', async (request, reply) => {
    const body = parse(Paging, request.body, reply);
    if (!body || !known(request.params.table, reply)) return reply;
    mutator.setMutateWhilePaging(request.params.table, body.every, body.count);
    return { table: request.params.table, ...body };
  });
  app.delete<TableParams>('/sim/tables/:table/mutate-while-paging', async (request, reply) => {
    if (!known(request.params.table, reply)) return reply;
    mutator.setMutateWhilePaging(request.params.table, 0, 0);
    return { table: request.params.table, cleared: true };
  });
}
