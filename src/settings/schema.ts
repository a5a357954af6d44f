// The top level of the configuration file. Every object is strict, so a misspelt key is an error
// rather than an option silently ignored.
import { z } from 'zod';
import { sourcesSchema, type SourceSchemas } from './sources.js';

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
  })
  .strict();

export function buildConfigSchema(sourceSchemas: SourceSchemas) {
  return z
    .object({
      /** State, record cache and lock file; relative paths are relative to the working directory. */
      dataDir: z.string().min(1).default('./data'),
      log: LogConfigSchema.prefault({}),
      api: ApiConfigSchema.prefault({}),
      sources: sourcesSchema(sourceSchemas),
    })
    .strict();
}

export type ConfigSchema = ReturnType<typeof buildConfigSchema>;
/** The validated configuration, with every default filled in. */
export type AppConfig = z.output<ConfigSchema>;
export type LogConfig = z.output<typeof LogConfigSchema>;
export type ApiConfig = z.output<typeof ApiConfigSchema>;
export type { SourceConfig, SourceSchemas } from './sources.js';
