// When to send a failed request again, and how long to wait first.
import type { AppError } from '../contracts/errors.js';

/** Exponential backoff with full jitter. */
export interface BackoffPolicy {
  /** The ceiling of the first wait; it doubles with every retry. */
  backoffMs: number;
  /** No wait is longer than this, a server's Retry-After included. */
  maxBackoffMs: number;
  /** Uniform in [0, 1); injectable so tests can pin the jitter. */
  random: () => number;
}

/**
 * The wait before retry number `retry` (0 for the first): uniform in [0, min(maxBackoffMs, backoffMs * 2^retry)]
 * ("full jitter", so clients that failed together do not come back together). A wait the server asked for
 * (Retry-After, X-RateLimit-Reset) is a floor, because retrying earlier only earns another 429; the result is
 * still capped at maxBackoffMs so one answer cannot park a run for an hour.
 */
export function backoffDelay(retry: number, hintMs: number | undefined, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** retry);
  const jittered = Math.floor(policy.random() * ceiling);
  if (hintMs === undefined) return jittered;
  return Math.min(policy.maxBackoffMs, Math.max(hintMs, jittered));
}

/** Failures that prove the request was not processed, so even a POST may be sent again. */
const NOT_PROCESSED = new Set([
  'HTTP 429',
  'HTTP 503',
  'ECONNREFUSED',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Failures that most often mean a wrong address or a host that is down, and only sometimes a restart or a
 * DNS blip. They get at most LIMITED_RETRIES retries so a typo in a URL fails in seconds, not minutes.
 */
const LIMITED = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
export const LIMITED_RETRIES = 2;

/** How a failure may be retried: not at all, freely (up to the client's retries), or a bounded number of times. */
export type RetryClass = 'no' | 'yes' | 'limited';

/**
 * A non-idempotent request (POST) is retried only when the failure proves the server did not act on it:
 * after a timeout, a reset or a 502/504 the ticket may already exist, and a second POST would duplicate it.
 */
export function retryClass(error: AppError, idempotent: boolean): RetryClass {
  if (!error.retryable) return 'no';
  const reason = typeof error.details['reason'] === 'string' ? error.details['reason'] : '';
  if (!idempotent && !NOT_PROCESSED.has(reason)) return 'no';
  return LIMITED.has(reason) ? 'limited' : 'yes';
}
