// The part of a source's configuration every connector shares. Each connector extends this schema
// with its own options; the settings loader picks the schema by `type`.
import { z } from 'zod';
import cron from 'node-cron';

export const SourceIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,62}$/,
    'use 1-63 lower-case letters, digits, "-" or "_", starting with a letter or digit',
  );

export const CronSchema = z.string().refine((expr) => cron.validate(expr), {
  message: 'not a valid cron expression (5 or 6 fields, e.g. "*/15 * * * *" for every 15 minutes)',
});

export const HttpOptionsSchema = z
  .object({
    /** Per-request timeout. */
    timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
    /** Attempts after the first for retryable failures (429, 502, 503, 504, resets, timeouts). */
    retries: z.number().int().min(0).max(20).default(6),
    /** First backoff step; doubles each attempt, with full jitter. */
    backoffMs: z.number().int().min(1).max(60_000).default(500),
    /** The longest single wait, including a server's Retry-After. */
    maxBackoffMs: z.number().int().min(10).max(3_600_000).default(60_000),
  })
  .strict();
export type HttpOptions = z.infer<typeof HttpOptionsSchema>;

export const SourceConfigBaseSchema = z.object({
  id: SourceIdSchema,
  type: z.string(),
  /** Whether the source is polled at all. */
  enabled: z.boolean().default(true),
  /** When `iso20k run` polls this source (cron, in the scheduler's time zone). */
  schedule: CronSchema.default('*/15 * * * *'),
  http: HttpOptionsSchema.prefault({}),
});
