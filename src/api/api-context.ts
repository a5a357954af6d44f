// What every route group is given: the service's deps, the pack loaded once at start, and the helpers that
// keep responses free of secrets. Built by createApiServer; nothing here is module state.
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Pack } from '../engine/pack-schema.js';
import type { ApiDeps } from './api-deps.js';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface ApiContext {
  deps: ApiDeps;
  /** The mapping pack, or undefined when it could not be loaded (then pack-only fields are missing). */
  pack: Pack | undefined;
  /** Removes the secrets the config holds from text that came from elsewhere (error messages). */
  scrub: (text: string) => string;
  now: () => Date;
  /** When each source runs next, reused until one of the times passes (cachedNextRuns). */
  nextRuns: () => Readonly<Record<string, string | null>>;
}
