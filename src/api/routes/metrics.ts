// GET /metrics: the service's Prometheus registry, as rendered by the service (the API adds nothing).
import { z } from 'zod';
import type { ApiContext, ZodApp } from '../api-context.js';

export function registerMetricsRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics (text exposition format)',
        produces: ['text/plain'],
        response: { 200: z.string().describe('Prometheus text exposition') },
      },
      // The body is already text in its final form: no JSON serialisation.
      serializerCompiler: () => (data) => String(data),
    },
    async (_request, reply) => {
      const body = await ctx.deps.metrics.render();
      return reply.type(ctx.deps.metrics.contentType).send(body);
    },
  );
}
