// GET /api/v1/findings: the findings ledger, filtered and paginated. Order: newest first by firstSeen,
// then fingerprint; both never change for a finding, so pages are stable while the ledger grows.
// There is no `source` filter: a finding names a control and a subject (a record or group key), not the
// source it came from, and guessing the source from a key's shape would be wrong for some sites.
import { z } from 'zod';
import { FindingStatusSchema, type Finding } from '../../contracts/findings.js';
import { CLAUSE_ID } from '../../engine/pack-schema.js';
import { ErrorBodySchema } from '../api-error.js';
import type { ApiContext, ZodApp } from '../api-context.js';
import { findingsIndex } from '../../state/findings-index.js';
import { pageQueryShape, pageSchema, pageSortedDescending } from '../pagination.js';

const SeveritySchema = z.enum(['info', 'minor', 'major']);

const FindingsQuerySchema = z.strictObject({
  clause: z.string().max(32).regex(CLAUSE_ID, 'must be a clause number such as 8.5.1').optional(),
  control: z.string().max(100).optional(),
  status: FindingStatusSchema.optional(),
  severity: SeveritySchema.optional(),
  ...pageQueryShape,
});

const FindingViewSchema = z.object({
  fingerprint: z.string(),
  control: z.string(),
  subject: z.string(),
  clauses: z.array(z.string()),
  severity: SeveritySchema,
  status: FindingStatusSchema,
  reason: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  history: z.array(z.object({ at: z.string(), status: FindingStatusSchema })),
});

export function registerFindingRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/findings',
    {
      schema: {
        tags: ['compliance'],
        summary: 'Findings, filtered by clause, control, status and severity; newest first, paginated',
        querystring: FindingsQuerySchema,
        response: { 200: pageSchema(FindingViewSchema), 400: ErrorBodySchema },
      },
    },
    (request) => {
      const q = request.query;
      const matches = (f: Finding) =>
        (q.clause === undefined || f.clauses.includes(q.clause)) &&
        (q.control === undefined || f.control === q.control) &&
        (q.status === undefined || f.status === q.status) &&
        (q.severity === undefined || f.severity === q.severity);
      // The ledger is indexed newest first once per assessment; a request only filters it.
      const { newestFirst } = findingsIndex(ctx.deps.state().findings);
      const page = pageSortedDescending(
        newestFirst,
        (f) => [f.firstSeen, f.fingerprint],
        matches,
        q.limit,
        q.cursor,
      );
      return { ...page, items: page.items.map((f) => ({ ...f, reason: ctx.scrub(f.reason) })) };
    },
  );
}
