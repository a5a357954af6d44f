// GET /api/v1/report: the auditor's evidence pack, rendered by the same code as `iso20k report` (the
// service builds the model with loadReport over its own record cache; this route only parses the query
// and serves the rendering). Refused with 409 while a run is going: the run is writing the cache.
import { createHash, randomInt } from 'node:crypto';
import { z } from 'zod';
import { isAppError } from '../../contracts/index.js';
import { REPORT_CSS } from '../../report/html-style.js';
import {
  parsePeriod,
  REPORT_FORMATS,
  REPORT_MEDIA_TYPES,
  type Period,
  type ReportFormat,
} from '../../report/index.js';
import type { ApiContext, ZodApp } from '../api-context.js';
import { ApiError, ErrorBodySchema } from '../api-error.js';

const ReportQuerySchema = z.strictObject({
  format: z.enum(REPORT_FORMATS).default('html'),
  /** FROM..TO as in `iso20k report --period` (docs/report.md); either end may be left open. */
  period: z.string().max(64).optional(),
  /** The auditor sample's seed; drawn at random (and returned in X-Report-Seed) when absent. */
  seed: z
    .string()
    .regex(/^\d{1,15}$/, 'use a whole number such as 20260401')
    .optional(),
});

// The report's own <meta> policy allows inline styles; a header policy is enforced as well, so the API's
// `default-src 'none'` would leave the page unstyled. This one admits exactly the report's stylesheet (by
// hash) and still nothing else: no scripts, no fetches, no frames.
const STYLE_HASH = createHash('sha256').update(REPORT_CSS).digest('base64');
export const REPORT_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

/** Markdown and CSV are files to keep; HTML and JSON are shown or parsed in place. */
const DOWNLOADED: Partial<Record<ReportFormat, string>> = { md: 'md', csv: 'csv' };

function periodOf(text: string | undefined): Period | undefined {
  if (text === undefined) return undefined;
  try {
    return parsePeriod(text);
  } catch (error) {
    if (!isAppError(error)) throw error;
    // The parser speaks in CLI terms (--period); here the field is the query parameter.
    throw new ApiError(400, 'BAD_REQUEST', error.message.replace(/^--period/, 'querystring.period'));
  }
}

export function registerReportRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/report',
    {
      schema: {
        tags: ['compliance'],
        summary: 'The evidence pack (html, md, csv or json), as `iso20k report` writes it',
        querystring: ReportQuerySchema,
        produces: Object.values(REPORT_MEDIA_TYPES),
        response: {
          200: z.string().describe('The evidence pack; the json format follows EvidenceReportSchema'),
          400: ErrorBodySchema,
          409: ErrorBodySchema,
          503: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const { format, seed: given } = request.query;
      const period = periodOf(request.query.period);
      const build = ctx.deps.report;
      if (build === undefined)
        throw new ApiError(503, 'REPORT_UNAVAILABLE', 'this service does not serve the evidence pack');
      if (ctx.deps.runs.current() !== null)
        throw new ApiError(
          409,
          'RUN_IN_PROGRESS',
          'a run is writing the record cache; try again when it has finished',
        );
      // As in `iso20k report`: unpredictable to the organisation unless the auditor fixes it.
      const seed = given ?? String(randomInt(1, 1_000_000_000));
      const body = await build({ period, seed, format });
      const filename = DOWNLOADED[format];
      if (filename !== undefined) {
        const day = ctx.now().toISOString().slice(0, 10);
        void reply.header('content-disposition', `attachment; filename="iso20k-evidence-${day}.${filename}"`);
      }
      if (format === 'html') void reply.header('content-security-policy', REPORT_CSP);
      return reply
        .type(REPORT_MEDIA_TYPES[format])
        .header('x-report-seed', seed)
        .send(typeof body === 'string' ? body : asBody(body));
    },
  );
}

/**
 * The worker's UTF-8 bytes, sent as they are (Fastify writes a Buffer without serializing it). The route's
 * schema says string, which is what the client receives; the cast only tells the type provider so.
 */
function asBody(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as string;
}
