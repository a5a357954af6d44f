// The status API. Everything is built per call (no singletons): the service and each test get their own
// instance, pack and rate-limit store. No CORS plugin is registered on purpose: browsers on other origins
// get no Access-Control-* headers, so only same-origin pages and non-browser clients can read it.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { packDirOf } from '../cli/pack-location.js';
import { loadPack } from '../engine/load-pack.js';
import type { Pack } from '../engine/pack-schema.js';
import type { ApiContext, ZodApp } from './api-context.js';
import type { ApiDeps } from './api-deps.js';
import { errorBody } from './api-error.js';
import { installErrorHandler } from './error-handler.js';
import { registerOpenApi } from './openapi.js';
import { rateLimitFor, registerRateLimit, type RateLimitOptions } from './rate-limit.js';
import { installResponseHeaders } from './response-headers.js';
import { registerClauseRoutes } from './routes/clauses.js';
import { registerControlRoutes } from './routes/controls.js';
import { registerDashboardRoutes } from './routes/dashboard.js';
import { registerDocsRoutes } from './routes/docs.js';
import { registerFindingRoutes } from './routes/findings.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerMetricsRoutes } from './routes/metrics.js';
import { registerRunRoutes } from './routes/runs.js';
import { registerReportRoutes } from './routes/report.js';
import { cachedNextRuns, registerStatusRoutes } from './routes/status.js';
import { registerTicketRoutes } from './routes/tickets.js';
import { configSecrets, createScrubber } from './secret-scrub.js';

export interface ApiServer {
  app: FastifyInstance;
  /** Binds config.api.host/port (loopback unless configured) and returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface ApiServerOptions {
  /** Per-client limit; default config.api.rateLimitPerMinute a minute. */
  rateLimit?: RateLimitOptions;
  /** The mapping pack, when the caller has it loaded already; otherwise it is loaded from config. */
  pack?: Pack;
}

/** The only write endpoint takes no body; anything larger than this is not a real request. */
const BODY_LIMIT_BYTES = 4096;
export const API_VERSION = '1.0.0';

async function loadPackFor(deps: ApiDeps): Promise<Pack | undefined> {
  const loaded = await loadPack(packDirOf(deps.config));
  if (loaded.pack === undefined)
    deps.log.warn(
      { problems: loaded.problems.length },
      'status API: the mapping pack has problems; clause details and /api/v1/controls are unavailable',
    );
  return loaded.pack;
}

export async function createApiServer(deps: ApiDeps, options: ApiServerOptions = {}): Promise<ApiServer> {
  const now = deps.now ?? (() => new Date());
  const ctx: ApiContext = {
    deps,
    pack: options.pack ?? (await loadPackFor(deps)),
    scrub: createScrubber(configSecrets(deps.config)),
    now,
    // One cache for the status route and the dashboard.
    nextRuns: cachedNextRuns(deps.runs, now),
  };
  const log: FastifyBaseLogger = deps.log.child({ component: 'api' });
  const app: ZodApp = Fastify({
    loggerInstance: log,
    // Probes and dashboards poll; one line per request would drown the service log (see onResponse below).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    // Rate limiting keys on the socket address; a forwarded header must not choose the key.
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installResponseHeaders(app, ctx.scrub);
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: a query string may hold something a caller did not mean to log.
    request.log.debug(
      { method: request.method, route: request.routeOptions.url, status: reply.statusCode },
      'api request',
    );
  });

  await registerRateLimit(app, options.rateLimit ?? rateLimitFor(deps.config.api));
  await registerOpenApi(app, API_VERSION);
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, async (request, reply) =>
    // The path is not echoed: a mistyped URL may carry something secret.
    reply.code(404).send(errorBody('NOT_FOUND', `no such route for ${request.method}`)),
  );

  registerHealthRoutes(app, ctx);
  registerStatusRoutes(app, ctx);
  registerClauseRoutes(app, ctx);
  registerControlRoutes(app, ctx);
  registerFindingRoutes(app, ctx);
  registerTicketRoutes(app, ctx);
  registerRunRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerMetricsRoutes(app, ctx);
  registerDocsRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  await app.ready();

  return {
    app: app as unknown as FastifyInstance,
    async listen() {
      return app.listen({ host: deps.config.api.host, port: deps.config.api.port });
    },
    async close() {
      await app.close();
    },
  };
}
