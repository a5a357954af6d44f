// The Fastify app of one Jira simulator: the platform, JSM and Assets APIs behind faults and auth, and
// the /sim/ admin routes outside them. Every API answer is counted by route pattern.
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAssetsRoutes } from './assets-routes.js';
import { installDataCenterHooks } from './datacenter-hooks.js';
import { installApiHooks } from './hooks.js';
import { registerJsmRoutes } from './jsm-routes.js';
import type { JiraSimParts } from './parts.js';
import { registerReadRoutes } from './read-routes.js';
import { registerSearchRoutes } from './search-routes.js';
import { registerWriteRoutes } from './write-routes.js';

/** Reads that use POST: not counted as writes. */
const READ_POSTS = /\/search\/|\/object\/aql/;
/** Data Center's search is POST /rest/api/2/search, without a trailing segment. */
const DATACENTER_READ_POSTS = /\/search\/|\/search$|\/object\/aql/;

export function buildJiraApp(parts: JiraSimParts, logger: boolean): FastifyInstance {
  const app = Fastify({ logger, bodyLimit: 8 * 1024 * 1024 });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
    if (!route.startsWith('/sim/')) {
      const reads = parts.deployment === 'datacenter' ? DATACENTER_READ_POSTS : READ_POSTS;
      const write = request.method !== 'GET' && !reads.test(route);
      parts.counters.answered(`${request.method} ${route}`, reply.statusCode, write);
    }
    done();
  });
  void app.register((api, _options, done) => {
    installApiHooks(api, parts);
    if (parts.deployment === 'datacenter') installDataCenterHooks(api);
    registerSearchRoutes(api, parts);
    registerReadRoutes(api, parts);
    registerWriteRoutes(api, parts);
    registerJsmRoutes(api, parts);
    registerAssetsRoutes(api, parts);
    done();
  });
  registerAdminRoutes(app, parts);
  return app;
}
