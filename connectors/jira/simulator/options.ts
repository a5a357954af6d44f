// Options of the Jira simulator (zod is the single source of truth; the types are inferred).
import { z } from 'zod';

const count = (fallback: number) => z.number().int().min(0).default(fallback);
const rate = z.number().min(0).max(1).default(0);

/** Injected faults, drawn per /rest or Assets request from a seeded stream (deterministic). */
export const JiraFaultSettingsSchema = z
  .object({
    seed: z.number().int().optional(),
    /** 429 with Retry-After, an ISO X-RateLimit-Reset and RateLimit-Reason. */
    tooManyRequests: rate,
    badGateway: rate,
    serviceUnavailable: rate,
    gatewayTimeout: rate,
    /** The socket is destroyed without an answer. */
    connectionReset: rate,
    /** 200 with the JSON body cut short. */
    truncatedBody: rate,
    /** Retry-After of injected 429 answers, seconds. */
    retryAfterSeconds: z.number().int().min(0).default(1),
    /** A real burst limit: at most this many API requests per second; the rest get 429. 0 = off. */
    burstPerSecond: z.number().int().min(0).default(0),
    latencyMs: z.number().min(0).default(0),
    /** Every API request answers 200 with an HTML login page (an SSO proxy in front of the site). */
    loginPage: z.boolean().default(false),
  })
  .refine(
    (f) =>
      f.tooManyRequests +
        f.badGateway +
        f.serviceUnavailable +
        f.gatewayTimeout +
        f.connectionReset +
        f.truncatedBody <=
      1,
    { message: 'the fault rates must add up to at most 1' },
  );
export type JiraFaultSettings = z.output<typeof JiraFaultSettingsSchema>;
export type JiraFaultSettingsInput = z.input<typeof JiraFaultSettingsSchema>;

export const SimAccountSchema = z.object({
  email: z.string().min(1),
  /** The Cloud API token (basic auth with the e-mail). */
  apiToken: z.string().min(1),
  /** A Data Center personal access token (bearer), optional. */
  pat: z.string().min(1).optional(),
  displayName: z.string().default('Integration user'),
  /** The profile time zone: JQL dates are read in it. */
  timeZone: z.string().default('UTC'),
  /** Project keys the account may see; default all. Others "do not exist" for it. */
  projects: z.array(z.string()).optional(),
  /** Whether the account sees the Assets workspace (JSM Premium and an Assets role). */
  assets: z.boolean().default(true),
});
export type SimAccount = z.output<typeof SimAccountSchema>;

/**
 * Options of createJiraSimulator. Every field is optional.
 * - seed: data and faults derive from it; now: the clock (epoch ms), data spreads over the year before it.
 * - incidents, requests, problems, changes, releases, reviews: issues per kind; services, cis: Assets objects.
 * - sameMinute: that many incidents share one `updated` minute (a bulk edit).
 * - searchLagMs: a created issue stays invisible to search this long (eventual consistency).
 * - tokenTtlMs: how long a nextPageToken stays valid (Jira: 7 days).
 * - jsm: false makes the site a plain Jira (no /rest/servicedeskapi, no Assets); assets: false keeps JSM
 *   but without Assets (JSM Standard).
 * - deployment: 'datacenter' serves Jira Data Center's REST API instead: /rest/api/2 only (offset search
 *   with `total`, v2 issue bodies with wiki-text descriptions), and no Cloud Assets API.
 */
export const JiraSimulatorOptionsSchema = z.object({
  seed: z.number().int().default(1),
  deployment: z.enum(['cloud', 'datacenter']).default('cloud'),
  now: z
    .custom<() => number>((v) => typeof v === 'function', { message: 'now must return epoch ms' })
    .optional(),
  incidents: count(500),
  requests: count(200),
  problems: count(40),
  changes: count(100),
  releases: count(20),
  reviews: count(12),
  services: count(12),
  cis: count(120),
  sameMinute: count(0),
  searchLagMs: z.number().int().min(0).default(0),
  tokenTtlMs: z
    .number()
    .int()
    .min(1)
    .default(7 * 86_400_000),
  jsm: z.boolean().default(true),
  /** false: JSM without Premium (an empty Assets workspace list, no Assets API). */
  assets: z.boolean().default(true),
  accounts: z
    .array(SimAccountSchema)
    .prefault([{ email: 'bot@example.com', apiToken: 'token', pat: 'pat-token' }]),
  faults: JiraFaultSettingsSchema.prefault({}),
  /** Every `every`-th search page first updates `count` random issues (of `issueType`): a site changing under a poller. */
  mutateWhilePaging: z
    .object({
      every: z.number().int().min(1),
      count: z.number().int().min(1),
      issueType: z.string().optional(),
    })
    .optional(),
  logger: z.boolean().default(false),
});
export type JiraSimulatorOptions = z.input<typeof JiraSimulatorOptionsSchema>;
export type ResolvedJiraSimulatorOptions = z.output<typeof JiraSimulatorOptionsSchema>;

/** Spreads one overall fault rate evenly over the six fault kinds. */
export function spreadJiraFaultRate(total: number): Partial<JiraFaultSettingsInput> {
  const each = Math.min(1, Math.max(0, total)) / 6;
  return {
    tooManyRequests: each,
    badGateway: each,
    serviceUnavailable: each,
    gatewayTimeout: each,
    connectionReset: each,
    truncatedBody: each,
  };
}
