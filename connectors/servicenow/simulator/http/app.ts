// The Fastify app of one simulator: the Table and Aggregate APIs under /api/now (behind faults and
// auth), /oauth_token.do, and the /sim/ admin routes.
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAdmin } from './admin-routes.js';
import { installApiHooks } from './api-hooks.js';
import { registerOAuth } from './oauth-route.js';
import type { SimulatorParts } from './parts.js';
import { registerStats } from './stats-routes.js';
import { registerTableReads } from './table-read-routes.js';
import { registerTableWrites } from './table-write-routes.js';

export function buildApp(parts: SimulatorParts, logger: boolean): FastifyInstance {
  const app = Fastify({ logger, bodyLimit: 16 * 1024 * 1024 });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(
        null,
        Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))),
      );
    },
  );
  app.addHook('onResponse', (request, reply, done) => {
    if (!request.url.startsWith('/sim/')) parts.counters.status(reply.statusCode, request.method);
    done();
  });
  void app.register(
    (api, _options, done) => {
      installApiHooks(api, parts);
      registerTableReads(api, parts);
      registerTableWrites(api, parts);
      registerStats(api, parts);
      done();
    },
    { prefix: '/api/now' },
  );
  registerOAuth(app, parts);
  registerAdmin(app, parts);
  return app;
}
