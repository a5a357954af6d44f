// GET /api/v1/runs (history, newest first) and POST /api/v1/runs (start a run now, behind the bearer
// token). The token is checked in onRequest, before the body is even read, so an unauthenticated caller
// learns nothing from validation errors.
import { z } from 'zod';
import { RunStatusSchema, RunTriggerSchema } from '../../state/state-schema.js';
import { ErrorBodySchema } from '../api-error.js';
import type { ApiContext, ZodApp } from '../api-context.js';
import { checkBearer } from '../bearer-token.js';
import { pageDescending, pageQueryShape, pageSchema } from '../pagination.js';

const RunsQuerySchema = z.strictObject({
  status: RunStatusSchema.optional(),
  ...pageQueryShape,
});

const RunViewSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  trigger: RunTriggerSchema,
  status: RunStatusSchema,
  streams: z.array(
    z.object({
      source: z.string(),
      stream: z.string(),
      status: z.enum(['ok', 'failed', 'skipped']),
      fetched: z.number().int(),
      error: z.string().optional(),
    }),
  ),
});

/** POST takes no options yet; an empty JSON object (or no body) is accepted, anything else is a 400. */
const StartRunBodySchema = z.strictObject({}).nullish();
const StartedSchema = z.object({ runId: z.string() });
const BusySchema = z.object({
  /** The run going now (null if it ended between the check and the answer). */
  runId: z.string().nullable(),
  error: z.object({ code: z.literal('RUN_IN_PROGRESS'), message: z.string() }),
});

export function registerRunRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/runs',
    {
      schema: {
        tags: ['runs'],
        summary: 'Run history, newest first, paginated',
        querystring: RunsQuerySchema,
        response: { 200: pageSchema(RunViewSchema), 400: ErrorBodySchema },
      },
    },
    (request) => {
      const q = request.query;
      const runs = ctx.deps.state().runs.filter((r) => q.status === undefined || r.status === q.status);
      const page = pageDescending(runs, (r) => [r.startedAt, r.id], q.limit, q.cursor);
      const scrubbed = page.items.map((r) => ({
        ...r,
        streams: r.streams.map((s) => (s.error === undefined ? s : { ...s, error: ctx.scrub(s.error) })),
      }));
      return { ...page, items: scrubbed };
    },
  );

  app.post(
    '/api/v1/runs',
    {
      onRequest: (request, _reply, done) => {
        try {
          checkBearer(ctx.deps.config.api.token, request.headers.authorization);
          done();
        } catch (error) {
          done(error as Error);
        }
      },
      schema: {
        tags: ['runs'],
        summary: 'Start a run now (bearer token); 409 while one is going',
        security: [{ bearerAuth: [] }],
        body: StartRunBodySchema,
        response: {
          202: StartedSchema,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          409: BusySchema,
        },
      },
    },
    (_request, reply) => {
      const result = ctx.deps.runs.startNow('api');
      if (result.status === 'started') {
        void reply.code(202).send({ runId: result.runId });
        return;
      }
      void reply.code(409).send({
        runId: result.runId,
        error: { code: 'RUN_IN_PROGRESS', message: 'a run is going; try again when it has finished' },
      });
    },
  );
}
