// Per-client rate limiting (by socket address: the API does not trust X-Forwarded-For, so a client cannot
// pick its own key). Over the limit: 429 in the usual error shape, with Retry-After.
import rateLimit from '@fastify/rate-limit';
import type { ZodApp } from './api-context.js';
import { ApiError } from './api-error.js';

export interface RateLimitOptions {
  /** Requests per window per client address; default 600. */
  max: number;
  /** Window length in milliseconds; default 60 000. */
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, windowMs: 60_000 };

/** The limit config.api asks for (api.rateLimitPerMinute, default 600 a minute). */
export function rateLimitFor(api: { rateLimitPerMinute: number }): RateLimitOptions {
  return { max: api.rateLimitPerMinute, windowMs: 60_000 };
}

export async function registerRateLimit(app: ZodApp, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: options.max,
    timeWindow: options.windowMs,
    // Bounded memory: the least recently seen addresses are forgotten first.
    cache: 10_000,
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'RATE_LIMITED', `too many requests; retry in ${context.after}`, {
        'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))),
      }),
  });
}
