// GET /api/v1/controls: the pack's controls and their finding counts, optionally for one clause.
import { z } from 'zod';
import { CLAUSE_ID } from '../../engine/pack-schema.js';
import { ApiError, ErrorBodySchema } from '../api-error.js';
import type { ApiContext, ZodApp } from '../api-context.js';
import { controlViews, ControlViewSchema } from '../control-view.js';

const ControlsQuerySchema = z.strictObject({
  clause: z.string().max(32).regex(CLAUSE_ID, 'must be a clause number such as 8.5.1').optional(),
});

const ControlListSchema = z.object({ items: z.array(ControlViewSchema) });

export function registerControlRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/controls',
    {
      schema: {
        tags: ['compliance'],
        summary: 'Every control of the mapping pack, with open/resolved/waived finding counts',
        querystring: ControlsQuerySchema,
        response: { 200: ControlListSchema, 400: ErrorBodySchema, 503: ErrorBodySchema },
      },
    },
    (request) => {
      const pack = ctx.pack;
      if (pack === undefined)
        throw new ApiError(
          503,
          'PACK_UNAVAILABLE',
          'the mapping pack could not be loaded; run iso20k validate',
        );
      const { clause } = request.query;
      const controls =
        clause === undefined ? pack.controls : pack.controls.filter((c) => c.clauses.includes(clause));
      return { items: controlViews(controls, ctx.deps.state()) };
    },
  );
}
