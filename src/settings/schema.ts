// The top level of the configuration file. Every object is strict, so a misspelt key is an error
// rather than an option silently ignored.
import { z } from 'zod';
import { sourcesSchema, type SourceSchemas } from './sources.js';
import { ticketsConfigSchema } from './tickets.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;

export const LogConfigSchema = z
  .object({
    level: z.enum(LOG_LEVELS).default('info'),
    /** json for machines (the default, what log shippers read); pretty for a person at a terminal. */
    format: z.enum(['json', 'pretty']).default('json'),
  })
  .strict();

export const ApiConfigSchema = z
  .object({
    /** Loopback by default: exposing the status API is a deliberate choice. */
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65_535).default(8020),
    /** Bearer token for the write endpoints (POST /api/v1/runs); without it they are disabled. */
    token: z
      .string()
      .min(16, 'use at least 16 characters (e.g. `openssl rand -hex 24`), set through ${ISO20K_API_TOKEN}')
      .optional(),
    /**
     * Requests a minute each client address may make. The default suits dashboards and probes; raise it
     * only for a trusted poller (the load benchmark) or when a reverse proxy makes every client one address.
     */
    rateLimitPerMinute: z.number().int().min(1).max(1_000_000).default(600),
  })
  .strict();

export const SchedulerConfigSchema = z
  .object({
    /** Each scheduled poll first waits a random 0..N seconds, so instances sharing a schedule spread out. */
    jitterSeconds: z.number().int().min(0).max(3600).default(30),
    /** Sources falling due within this window are polled in one run and assessed once. */
    debounceSeconds: z.number().min(0).max(600).default(5),
  })
  .strict();

const ParamValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string(), z.number()])),
]);

export const WaiverSchema = z
  .object({
    /** The control id, e.g. CH2-plans. */
    control: z.string().min(1),
    /** One subject (a record key such as CHG0030012, or a group key); omitted = every subject. */
    subject: z.string().min(1).optional(),
    /** Why the gap is accepted: shown in reports and the dashboard. */
    reason: z.string().min(10, 'say why the gap is accepted (at least 10 characters)'),
    /** The last day the waiver holds (YYYY-MM-DD); after it the finding counts again. */
    expires: z.iso.date('use a date such as 2027-03-31'),
  })
  .strict();

export const MappingsConfigSchema = z
  .object({
    /** The mapping pack folder; default: the ISO/IEC 20000-1:2018 pack shipped with iso20k. */
    pack: z.string().min(1).optional(),
    /** Per control, organisation-set values that override the pack's defaults. */
    params: z.record(z.string(), z.record(z.string(), ParamValueSchema)).default({}),
    /** Accepted gaps: their results become `waived` and raise no ticket, but stay visible. */
    waivers: z.array(WaiverSchema).default([]),
  })
  .strict();
export type MappingsConfig = z.output<typeof MappingsConfigSchema>;

export function buildConfigSchema(sourceSchemas: SourceSchemas, sinkSchemas: SourceSchemas = {}) {
  return z
    .object({
      /** State, record cache and lock file; relative paths are relative to the working directory. */
      dataDir: z.string().min(1).default('./data'),
      log: LogConfigSchema.prefault({}),
      api: ApiConfigSchema.prefault({}),
      scheduler: SchedulerConfigSchema.prefault({}),
      sources: sourcesSchema(sourceSchemas),
      mappings: MappingsConfigSchema.prefault({}),
      tickets: ticketsConfigSchema(sinkSchemas).prefault({}),
    })
    .strict();
}

export type ConfigSchema = ReturnType<typeof buildConfigSchema>;
/** The validated configuration, with every default filled in. */
export type AppConfig = z.output<ConfigSchema>;
export type LogConfig = z.output<typeof LogConfigSchema>;
export type ApiConfig = z.output<typeof ApiConfigSchema>;
export type SchedulerConfig = z.output<typeof SchedulerConfigSchema>;
export type { SourceConfig, SourceSchemas } from './sources.js';
export type { SinkConfig, TicketsConfig, TicketRouteConfig } from './tickets.js';
