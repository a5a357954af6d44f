// /sim/ routes for a simulator running in another process (benchmarks, manual use): mutate issues, set
// faults, read counters. Never behind auth or faults.
import type { FastifyInstance } from 'fastify';
import type { JiraFaultSettingsInput } from '../options.js';
import type { JiraSimParts } from './parts.js';

export function registerAdminRoutes(app: FastifyInstance, parts: JiraSimParts): void {
  app.post('/sim/issues/update', (request, reply) => {
    const body = (request.body ?? {}) as { count?: number; sameMinute?: boolean };
    const at = body.sameMinute === true ? parts.now() : undefined;
    const ids = parts.store.update(Number(body.count ?? 1), at === undefined ? {} : { at });
    return reply.send({ updated: ids.length });
  });
  app.post('/sim/issues/delete', (request, reply) => {
    const body = (request.body ?? {}) as { count?: number };
    return reply.send({ deleted: parts.store.delete(Number(body.count ?? 1)).length });
  });
  app.post('/sim/faults', (request, reply) =>
    reply.send(parts.faults.set((request.body ?? {}) as Partial<JiraFaultSettingsInput>)),
  );
  app.get('/sim/counters', (_request, reply) =>
    reply.send({ ...parts.counters.snapshot(), faults: parts.faults.counts() }),
  );
}
