// Configuration of one ServiceNow instance as a source. Secrets arrive through ${ENV_VAR} references
// that the settings loader has already resolved by the time this schema runs.
import { z } from 'zod';
import { REVIEW_TYPES, SourceConfigBaseSchema } from '../../src/contracts/index.js';

const secret = z
  .string()
  .min(1, 'must not be empty (set it through an environment variable, e.g. ${SN_PASSWORD})');

export const ServiceNowAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('basic'), username: secret, password: secret }).strict(),
  z
    .object({
      type: z.literal('oauth'),
      /** `password` returns a refresh token; `client_credentials` needs Washington DC or later. */
      grant: z.enum(['password', 'client_credentials']),
      clientId: secret,
      clientSecret: secret,
      username: secret.optional(),
      password: secret.optional(),
    })
    .strict()
    .superRefine((a, ctx) => {
      if (a.grant !== 'password') return;
      for (const key of ['username', 'password'] as const) {
        if (a[key] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'the password grant needs username and password',
          });
        }
      }
    }),
]);
export type ServiceNowAuth = z.infer<typeof ServiceNowAuthSchema>;

/** A ServiceNow column name: letters, digits, underscores; dot-walks allowed (assigned_to.user_name). */
const column = z.string().regex(/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/i, 'not a ServiceNow column name');

export const StreamOptionsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** The table to read; each kind has a default (incident, sc_req_item, cmdb_ci, ...). */
    table: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/i, 'not a ServiceNow table name')
      .optional(),
    /** An encoded query ANDed to every read, e.g. "active=true^assignment_group=..." */
    query: z
      .string()
      .refine((q) => !q.includes('^NQ'), {
        message:
          'a stream query may not use ^NQ (it is ANDed to the incremental condition); split it into two sources',
      })
      .optional(),
    /** Canonical field -> column, overriding the default map (for custom u_ fields). */
    fields: z.record(z.string(), column).default({}),
    /** Extra columns to keep under `extra` on each record. */
    extra: z.array(column).default([]),
    /** review only: a fixed review type for every record of the table... */
    reviewType: z.enum(REVIEW_TYPES).optional(),
    /** ...or the column holding it, with an optional value map (column value -> review type). */
    reviewTypeField: column.optional(),
    reviewTypeMap: z.record(z.string(), z.enum(REVIEW_TYPES)).default({}),
  })
  .strict();
export type StreamOptions = z.infer<typeof StreamOptionsSchema>;

export const SERVICENOW_STREAMS = [
  'incident',
  'request',
  'problem',
  'change',
  'sla',
  'agreement',
  'service',
  'ci',
  'ci_relation',
  'knowledge',
  'review',
] as const;
export type ServiceNowStreamName = (typeof SERVICENOW_STREAMS)[number];

const streamsShape = Object.fromEntries(
  SERVICENOW_STREAMS.map((name) => [name, StreamOptionsSchema.optional()]),
) as {
  [K in ServiceNowStreamName]: z.ZodOptional<typeof StreamOptionsSchema>;
};

export const ServiceNowSourceConfigSchema = SourceConfigBaseSchema.extend({
  type: z.literal('servicenow'),
  /** The instance root, e.g. https://acme.service-now.com (no path). */
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://acme.service-now.com' })
    .transform((u) => u.replace(/\/+$/, ''))
    .refine((u) => !/\/api\//.test(u), { message: 'give the instance root only, without /api/...' }),
  auth: ServiceNowAuthSchema,
  /** Rows per page (sysparm_limit). */
  pageSize: z.number().int().min(1).max(10_000).default(1000),
  /** Rows updated in the last N seconds are left for the next poll, so late commits are not skipped. */
  safetyLagSeconds: z.number().int().min(0).max(3600).default(5),
  /** Each poll re-reads this many seconds before its cursor and drops what it already has. */
  overlapSeconds: z.number().int().min(0).max(86_400).default(60),
  /** How often the id sweep that removes records deleted at the source runs (0 = every poll). */
  sweepIntervalHours: z
    .number()
    .min(0)
    .max(24 * 90)
    .default(24),
  /** Streams to read; omitted streams use their defaults (every kind but review, which needs a table). */
  streams: z
    .object(streamsShape)
    .strict()
    .default({})
    .superRefine((streams, ctx) => {
      const review = streams.review;
      if (review?.enabled && review.table === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['review', 'table'],
          message: 'the review stream needs the table that holds your review records',
        });
      }
    }),
}).strict();
export type ServiceNowSourceConfig = z.infer<typeof ServiceNowSourceConfigSchema>;
