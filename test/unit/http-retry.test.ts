// Backoff arithmetic, retry classes and the rate-limit header formats of ServiceNow and Jira.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/contracts/errors.js';
import { backoffDelay, retryClass } from '../../src/lib/http-retry.js';
import { parseRateLimitReset, parseRetryAfter, retryHintMs } from '../../src/lib/rate-limit-headers.js';
import { sleep } from '../../src/lib/sleep.js';

const NOW = Date.parse('2026-06-05T05:58:30Z');

describe('rate-limit headers', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('Fri, 05 Jun 2026 05:59:00 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Fri, 05 Jun 2026 05:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('reads X-RateLimit-Reset as epoch seconds, an ISO minute, a delay or epoch milliseconds', () => {
    expect(parseRateLimitReset(String(NOW / 1000 + 90), NOW)).toBe(90_000);
    expect(parseRateLimitReset('2026-06-05T06:00Z', NOW)).toBe(90_000);
    expect(parseRateLimitReset('2026-06-05T06:00:00.000Z', NOW)).toBe(90_000);
    expect(parseRateLimitReset('45', NOW)).toBe(45_000);
    expect(parseRateLimitReset(String(NOW + 5000), NOW)).toBe(5000);
    expect(parseRateLimitReset('2026-06-05T05:00Z', NOW)).toBeUndefined();
    expect(parseRateLimitReset('garbage', NOW)).toBeUndefined();
  });

  it('prefers Retry-After over X-RateLimit-Reset', () => {
    expect(retryHintMs({ 'retry-after': '5', 'x-ratelimit-reset': '2026-06-05T06:00Z' }, NOW)).toBe(5000);
    expect(retryHintMs({ 'x-ratelimit-reset': '2026-06-05T06:00Z' }, NOW)).toBe(90_000);
    expect(retryHintMs({}, NOW)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  const policy = (random: number) => ({ backoffMs: 100, maxBackoffMs: 1000, random: () => random });

  it('draws from [0, min(max, base * 2^n)] (full jitter)', () => {
    for (let retry = 0; retry < 8; retry++) {
      const ceiling = Math.min(1000, 100 * 2 ** retry);
      expect(backoffDelay(retry, undefined, policy(0))).toBe(0);
      expect(backoffDelay(retry, undefined, policy(0.999999))).toBe(ceiling - 1);
      expect(backoffDelay(retry, undefined, policy(0.5))).toBe(ceiling / 2);
    }
    expect(backoffDelay(2000, undefined, policy(0.5))).toBe(500);
  });

  it('treats a server hint as a floor, capped at maxBackoffMs', () => {
    expect(backoffDelay(0, 700, policy(0.5))).toBe(700);
    expect(backoffDelay(3, 10, policy(0.5))).toBe(400);
    expect(backoffDelay(0, 3_600_000, policy(0.5))).toBe(1000);
  });
});

describe('retryClass', () => {
  const error = (reason: string, retryable = true) =>
    new AppError('SOURCE_SERVER_ERROR', 'x', { retryable, details: { reason } });

  it('retries idempotent requests freely and refused connections a bounded number of times', () => {
    expect(retryClass(error('HTTP 502'), true)).toBe('yes');
    expect(retryClass(error('ECONNREFUSED'), true)).toBe('limited');
    expect(retryClass(error('HTTP 403', false), true)).toBe('no');
  });

  it('retries a POST only when the request was surely not processed', () => {
    expect(retryClass(error('HTTP 502'), false)).toBe('no');
    expect(retryClass(error('ECONNABORTED'), false)).toBe('no');
    expect(retryClass(error('HTTP 429'), false)).toBe('yes');
    expect(retryClass(error('HTTP 503'), false)).toBe('yes');
    expect(retryClass(error('ECONNREFUSED'), false)).toBe('limited');
  });
});

describe('sleep', () => {
  it('waits, and rejects at once with RUN_ABORTED on abort', async () => {
    const started = Date.now();
    await sleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await expect(sleep(60_000, controller.signal)).rejects.toMatchObject({ code: 'RUN_ABORTED' });

    const reason = new AppError('RUN_ABORTED', 'shutdown requested (SIGTERM)');
    await expect(sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});
