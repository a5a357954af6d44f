// GET /api/v1/tickets: the gap-ticket ledger (which ticket holds which gap, in which sink), newest first.
import { z } from 'zod';
import { redactUrl } from '../../lib/redact.js';
import { ErrorBodySchema } from '../api-error.js';
import type { ApiContext, ZodApp } from '../api-context.js';
import { pageDescending, pageQueryShape, pageSchema } from '../pagination.js';

const TicketsQuerySchema = z.strictObject({
  status: z.enum(['open', 'resolved']).optional(),
  ...pageQueryShape,
});

const TicketViewSchema = z.object({
  ticketId: z.string(),
  group: z.string(),
  route: z.object({
    sink: z.string(),
    project: z.string().optional(),
    issueType: z.string().optional(),
    assignmentGroup: z.string().optional(),
  }),
  /** The remote ticket; null until the sink confirmed the create. */
  ref: z.object({ sink: z.string(), id: z.string(), key: z.string(), url: z.string() }).nullable(),
  status: z.enum(['open', 'resolved']),
  /** The create was sent but not confirmed: the next run looks the ticket up before writing. */
  createPending: z.boolean(),
  fingerprints: z.array(z.string()),
  generation: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function registerTicketRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: 'The ticket ledger, newest first by creation, paginated',
        querystring: TicketsQuerySchema,
        response: { 200: pageSchema(TicketViewSchema), 400: ErrorBodySchema },
      },
    },
    (request) => {
      const q = request.query;
      const entries = Object.values(ctx.deps.state().tickets).filter(
        (t) => q.status === undefined || t.status === q.status,
      );
      const page = pageDescending(entries, (t) => [t.createdAt, t.ticketId], q.limit, q.cursor);
      return {
        ...page,
        items: page.items.map((t) => ({
          ticketId: t.ticketId,
          group: t.group,
          route: t.route,
          ref: t.ref === null ? null : { ...t.ref, url: redactUrl(t.ref.url) },
          status: t.status,
          createPending: t.createStartedAt !== null,
          fingerprints: t.fingerprints,
          generation: t.generation,
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
        })),
      };
    },
  );
}
