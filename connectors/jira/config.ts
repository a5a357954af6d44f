// Configuration of one Jira Cloud or Data Center site as a source. Secrets arrive through ${ENV_VAR}
// references that the settings loader has already resolved by the time this schema runs.
import { z } from 'zod';
import { REVIEW_TYPES, SourceConfigBaseSchema } from '../../src/contracts/index.js';
import { CANONICAL_FIELD_NAMES } from './field-names.js';

const secret = z
  .string()
  .min(1, 'must not be empty (set it through an environment variable, e.g. ${JIRA_API_TOKEN})');

export const JiraAuthSchema = z.discriminatedUnion('type', [
  /** Jira Cloud: the account's e-mail and an API token, sent as HTTP basic auth. */
  z.object({ type: z.literal('basic'), email: secret, apiToken: secret }).strict(),
  /** Jira Data Center: a personal access token, sent as a bearer token. */
  z.object({ type: z.literal('pat'), token: secret }).strict(),
]);
export type JiraAuth = z.infer<typeof JiraAuthSchema>;

/** A Jira field: its name as shown in Jira ("Change risk") or its id ("customfield_10007", "priority"). */
const fieldRef = z.string().min(1).max(255);
/** A JQL value (project key, issue type, request type name). */
const jqlValue = z.string().min(1).max(255);

export const ISSUE_STREAMS = ['incident', 'request', 'problem', 'change', 'release', 'review'] as const;
export type IssueStreamName = (typeof ISSUE_STREAMS)[number];

export const IssueStreamOptionsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Project keys the stream reads; default: the source's `projects`. */
    projects: z.array(jqlValue).optional(),
    /** Issue type names that make an issue this kind (OR with requestTypes). */
    issueTypes: z.array(jqlValue).optional(),
    /** JSM request type names that make an issue this kind. */
    requestTypes: z.array(jqlValue).default([]),
    /** A JQL condition ANDed to every read, e.g. 'labels != "test"'. No ORDER BY. */
    jql: z
      .string()
      .refine((q) => !/\border\s+by\b/i.test(q), {
        message: 'leave ORDER BY out: the source orders by updated',
      })
      .optional(),
    /** Read the changelog (reopen and reassignment counts). Default: incidents only. */
    changelog: z.boolean().optional(),
    /** Extra Jira fields kept under `extra`. */
    extra: z.array(fieldRef).default([]),
    /** review only: a fixed review type... */
    reviewType: z.enum(REVIEW_TYPES).optional(),
    /** ...or the field holding it (default "Review type"), with a value map. */
    reviewTypeField: fieldRef.optional(),
    reviewTypeMap: z.record(z.string(), z.enum(REVIEW_TYPES)).default({}),
  })
  .strict();
export type IssueStreamOptions = z.infer<typeof IssueStreamOptionsSchema>;

export const SlaStreamOptionsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** JSM project keys whose issues' SLAs are read; default: the incident and request streams' projects. */
    projects: z.array(jqlValue).optional(),
    /** Parallel SLA requests (one per issue). */
    concurrency: z.number().int().min(1).max(16).default(4),
  })
  .strict();

export const AssetsStreamOptionsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Object type names read; ci default: every type but the service ones. */
    objectTypes: z.array(jqlValue).optional(),
    /** An AQL query replacing the object type filter. */
    aql: z.string().min(1).optional(),
  })
  .strict();

export const AssetsOptionsSchema = z
  .object({
    /** Read the CMDB from JSM Assets (needs JSM Premium or Enterprise). */
    enabled: z.boolean().default(false),
    /** Default: discovered through /rest/servicedeskapi/assets/workspace. */
    workspaceId: z.string().min(1).optional(),
    /** The Assets gateway; Cloud: https://api.atlassian.com (the API is not on *.atlassian.net). */
    apiUrl: z
      .url({ protocol: /^https?$/ })
      .transform((u) => u.replace(/\/+$/, ''))
      .default('https://api.atlassian.com'),
    /** Object types read as `service` records; the others are `ci`. */
    serviceObjectTypes: z.array(jqlValue).min(1).default(['Service']),
    pageSize: z.number().int().min(1).max(1000).default(500),
  })
  .strict();

const fieldOverrides = z
  .record(z.string(), fieldRef)
  .default({})
  .superRefine((fields, ctx) => {
    for (const key of Object.keys(fields)) {
      if (!(CANONICAL_FIELD_NAMES as readonly string[]).includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `unknown canonical field; known: ${CANONICAL_FIELD_NAMES.join(', ')}`,
        });
      }
    }
  });

const streamsShape = {
  ...(Object.fromEntries(ISSUE_STREAMS.map((name) => [name, IssueStreamOptionsSchema.optional()])) as {
    [K in IssueStreamName]: z.ZodOptional<typeof IssueStreamOptionsSchema>;
  }),
  sla: SlaStreamOptionsSchema.optional(),
  ci: AssetsStreamOptionsSchema.optional(),
  service: AssetsStreamOptionsSchema.optional(),
  ci_relation: AssetsStreamOptionsSchema.optional(),
};

export const JiraSourceConfigSchema = SourceConfigBaseSchema.extend({
  type: z.literal('jira'),
  /** The site root: https://acme.atlassian.net (Cloud) or https://jira.acme.com (Data Center), no path. */
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://acme.atlassian.net' })
    .transform((u) => u.replace(/\/+$/, ''))
    .refine((u) => !/\/rest\//.test(u), { message: 'give the site root only, without /rest/...' }),
  deployment: z.enum(['cloud', 'datacenter']).default('cloud'),
  auth: JiraAuthSchema,
  /** Project keys read by every issue stream that names none. */
  projects: z.array(jqlValue).min(1),
  /** Issues per search page (Jira may return fewer when many fields are asked). */
  pageSize: z.number().int().min(1).max(5000).default(100),
  /** Each poll re-reads this many minutes before its cursor (JQL dates have minute precision). */
  overlapMinutes: z.number().int().min(1).max(1440).default(2),
  /** How often the id sweep that removes deleted issues runs (0 = every poll). */
  sweepIntervalHours: z
    .number()
    .min(0)
    .max(24 * 90)
    .default(24),
  /** Canonical field -> Jira field name or id, overriding the names found by discovery. */
  fields: fieldOverrides,
  assets: AssetsOptionsSchema.prefault({}),
  streams: z.object(streamsShape).strict().default({}),
}).strict();
export type JiraSourceConfig = z.infer<typeof JiraSourceConfigSchema>;
