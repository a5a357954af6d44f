// GET /api/v1/clauses and /api/v1/clauses/:id: the standard's clauses with their controls, results and
// finding counts. An id that is not a clause number is a 400; a well-formed unknown one is a 404.
import { z } from 'zod';
import { CLAUSE_ID } from '../../engine/pack-schema.js';
import { ApiError, ErrorBodySchema } from '../api-error.js';
import type { ApiContext, ZodApp } from '../api-context.js';
import { clauseViews, ClauseViewSchema } from '../clause-view.js';
import { controlViews, ControlViewSchema } from '../control-view.js';

const ClauseListSchema = z.object({
  /** When the results were computed; null before the first assessment. */
  assessedAt: z.string().nullable(),
  items: z.array(ClauseViewSchema),
});

const ClauseDetailSchema = ClauseViewSchema.extend({
  /** The pack's controls for this clause; empty when the pack could not be loaded. */
  controlDetails: z.array(ControlViewSchema),
});

const ClauseParamsSchema = z.object({
  id: z.string().max(32).regex(CLAUSE_ID, 'must be a clause number such as 8.5.1'),
});

export function registerClauseRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/clauses',
    {
      schema: {
        tags: ['compliance'],
        summary: 'Every clause: title, automation, evidence, crosswalk, controls, last results, findings',
        response: { 200: ClauseListSchema },
      },
    },
    () => {
      const state = ctx.deps.state();
      return { assessedAt: state.lastAssessment?.at ?? null, items: clauseViews(ctx.pack, state) };
    },
  );

  app.get(
    '/api/v1/clauses/:id',
    {
      schema: {
        tags: ['compliance'],
        summary: 'One clause with its controls',
        params: ClauseParamsSchema,
        response: { 200: ClauseDetailSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    (request) => {
      const state = ctx.deps.state();
      const view = clauseViews(ctx.pack, state).find((c) => c.id === request.params.id);
      if (view === undefined)
        throw new ApiError(404, 'NOT_FOUND', `clause ${request.params.id} is not in the mapping pack`);
      const controls = (ctx.pack?.controls ?? []).filter((c) => c.clauses.includes(view.id));
      return { ...view, controlDetails: controlViews(controls, state) };
    },
  );
}
