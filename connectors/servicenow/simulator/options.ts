// Options of the ServiceNow simulator (zod is the single source of truth; the types are inferred).
import { z } from 'zod';

const count = (fallback: number) => z.number().int().min(0).default(fallback);
const rate = z.number().min(0).max(1).default(0);

/** Injected faults. Rates are per /api/now request and drawn from a seeded stream (deterministic). */
export const FaultSettingsSchema = z
  .object({
    /** Seed of the fault stream (defaults to the simulator seed). */
    seed: z.number().int().optional(),
    /** 429 Too Many Requests with Retry-After and X-RateLimit-* headers. */
    tooManyRequests: rate,
    badGateway: rate,
    serviceUnavailable: rate,
    gatewayTimeout: rate,
    /** The socket is destroyed without an answer. */
    connectionReset: rate,
    /** 200 with a JSON body cut short. */
    truncatedBody: rate,
    /** Retry-After of 429 answers, in seconds. */
    retryAfterSeconds: z.number().int().min(0).default(1),
    /** X-RateLimit-Limit of 429 answers (requests per hour). */
    rateLimitPerHour: z.number().int().min(1).default(5000),
    /** Delay added to every /api/now request. */
    latencyMs: z.number().min(0).default(0),
    /** Extra random delay, 0..latencyJitterMs. */
    latencyJitterMs: z.number().min(0).default(0),
    /** Answer every /api/now request with the 200 HTML page of a hibernating developer instance. */
    hibernating: z.boolean().default(false),
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
export type FaultSettings = z.output<typeof FaultSettingsSchema>;
export type FaultSettingsInput = z.input<typeof FaultSettingsSchema>;

export const SimUserSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  /** Tables this user may not read: 403 "Failed API level ACL Validation". */
  deniedTables: z.array(z.string()).default([]),
});

export const OAuthClientSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** The OAuth Application User of client_credentials; without one that grant is refused. */
  user: z.string().optional(),
});

export const AuthSettingsSchema = z.object({
  /** false lets unauthenticated requests through (handy for quick manual use). */
  required: z.boolean().default(true),
  users: z.array(SimUserSchema).default([{ username: 'admin', password: 'admin', deniedTables: [] }]),
  clients: z
    .array(OAuthClientSchema)
    .default([{ clientId: 'iso20k', clientSecret: 'iso20k-secret', user: 'admin' }]),
  /** expires_in of access tokens (small values let tests see tokens expire). */
  accessTokenTtlSeconds: z.number().positive().default(1799),
  refreshTokenTtlSeconds: z
    .number()
    .positive()
    .default(100 * 86_400),
});
export type AuthSettings = z.output<typeof AuthSettingsSchema>;

export const MutateWhilePagingSchema = z.object({
  table: z.string(),
  /** Every k-th list request on the table... */
  every: z.number().int().min(1),
  /** ...first updates this many random records of it. */
  count: z.number().int().min(1),
});
export type MutateWhilePaging = z.output<typeof MutateWhilePagingSchema>;

/**
 * Options of createServiceNowSimulator. Every field is optional.
 * - seed: data and faults derive from it (same seed and clock -> byte-identical data).
 * - now: the simulator clock in epoch ms (default Date.now); data spreads over the two years before it.
 * - record counts per table: users, groups, services, cis, relations (default 1.5 x cis), changes, problems,
 *   incidents, requests (sc_req_item), slas (task_sla; default incidents + requests), knowledge, reviews.
 * - sameSecond: that many incidents share one sys_updated_on second (a bulk update).
 * - baseUrl: the instance URL used in reference links (default: from the request's Host).
 * - auth, faults, mutateWhilePaging: see their schemas.
 */
export const SimulatorOptionsSchema = z.object({
  seed: z.number().int().default(1),
  now: z
    .custom<() => number>((v) => typeof v === 'function', {
      message: 'now must be a function returning epoch ms',
    })
    .optional(),
  baseUrl: z.string().optional(),
  users: count(60),
  groups: count(20),
  services: count(20),
  cis: count(300),
  relations: z.number().int().min(0).optional(),
  changes: count(200),
  problems: count(60),
  incidents: count(1000),
  requests: count(300),
  slas: z.number().int().min(0).optional(),
  knowledge: count(120),
  reviews: count(40),
  sameSecond: count(0),
  auth: AuthSettingsSchema.prefault({}),
  faults: FaultSettingsSchema.prefault({}),
  mutateWhilePaging: z.array(MutateWhilePagingSchema).default([]),
  /** Fastify's request log (pino) on stdout. */
  logger: z.boolean().default(false),
});
export type SimulatorOptions = z.input<typeof SimulatorOptionsSchema>;
export type ResolvedSimulatorOptions = z.output<typeof SimulatorOptionsSchema>;

/** Spreads one overall fault rate evenly over the six fault kinds (the CLI's --fault-rate). */
export function spreadFaultRate(total: number): Partial<FaultSettingsInput> {
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
