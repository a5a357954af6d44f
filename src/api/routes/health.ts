// Liveness and readiness for process supervisors and load balancers. /healthz answers as long as the
// event loop does; /readyz asks the service whether it can do its work (state open, first load done).
import { z } from 'zod';
import type { ApiContext, ZodApp } from '../api-context.js';

const HealthSchema = z.object({ status: z.literal('ok') });
const ReadySchema = z.object({ status: z.literal('ready') });
const NotReadySchema = z.object({ status: z.literal('not_ready'), reason: z.string() });

export function registerHealthRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: 200 while the process serves requests',
        response: { 200: HealthSchema },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: 200 when the service can work, 503 with the reason otherwise',
        response: { 200: ReadySchema, 503: NotReadySchema },
      },
    },
    (_request, reply) => {
      const readiness = ctx.deps.readiness();
      if (readiness.ready) void reply.code(200).send({ status: 'ready' });
      else
        void reply
          .code(503)
          .send({ status: 'not_ready', reason: ctx.scrub(readiness.reason ?? 'not ready') });
    },
  );
}
