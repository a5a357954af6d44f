// The error mapper and body summaries as pure functions.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/contracts/errors.js';
import { summariseBody } from '../../src/lib/http-body.js';
import { describeRequest } from '../../src/lib/http-context.js';
import { mapHttpError, statusError } from '../../src/lib/http-errors.js';
import { safeHeaders } from '../../src/lib/http-headers.js';
import { networkError } from '../../src/lib/http-network-errors.js';

const ctx = {
  instance: 'jira source "jira" (https://acme.atlassian.net)',
  method: 'get',
  url: 'https://acme.atlassian.net/rest/api/3/search/jql?jql=project%3DITSM&nextPageToken=abc',
};

describe('summariseBody', () => {
  it('reads the ServiceNow, OAuth and Jira envelopes', () => {
    expect(summariseBody('{"error":{"message":"Invalid table foo","detail":null},"status":"failure"}')).toBe(
      'Invalid table foo',
    );
    expect(summariseBody({ error: 'access_denied', error_description: 'bad client' })).toBe(
      'access_denied: bad client',
    );
    expect(summariseBody('{"errorMessages":[],"errors":{"summary":"You must specify a summary."}}')).toBe(
      'summary: You must specify a summary.',
    );
    expect(summariseBody('{"message":"Client must be authenticated","status-code":401}')).toBe(
      'Client must be authenticated',
    );
  });

  it('sums up HTML by its title, collapses text, and keeps to 300 characters', () => {
    expect(summariseBody('<html><head><title> 502  Bad Gateway </title></head></html>')).toBe(
      '502 Bad Gateway',
    );
    expect(summariseBody('<p>Service\n\n unavailable</p>')).toBe('Service unavailable');
    const long = summariseBody('x'.repeat(1000));
    expect(long).toHaveLength(300);
    expect(long?.endsWith('…')).toBe(true);
    expect(summariseBody('   ')).toBeUndefined();
    expect(summariseBody(undefined)).toBeUndefined();
  });

  it('removes credential-shaped text', () => {
    expect(summariseBody('{"error":{"message":"bad","detail":"password=Secr3tValue"}}')).toBe(
      'bad: password=[REDACTED]',
    );
  });
});

describe('statusError', () => {
  it('keeps status, redacted URL, snippet and safe headers only', () => {
    const error = statusError(
      429,
      {
        'content-type': 'application/json',
        'retry-after': '30',
        'x-ratelimit-reset': '2026-06-05T06:00Z',
        'ratelimit-reason': 'jira-burst-based',
        'set-cookie': 'atl.xsrf.token=secret-cookie',
        'x-custom': 'x',
      },
      '{"errorMessages":["Rate limit exceeded."],"errors":{}}',
      { ...ctx, url: 'https://acme.atlassian.net/rest/api/3/issue?access_token=tok-123456' },
      0,
    );
    expect(error.code).toBe('SOURCE_RATE_LIMITED');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      `${ctx.instance}: GET /rest/api/3/issue answered 429 Rate limit exceeded. (the source asked to wait 30 s)`,
    );
    expect(error.details).toEqual({
      method: 'GET',
      url: 'https://acme.atlassian.net/rest/api/3/issue?access_token=REDACTED',
      status: 429,
      reason: 'HTTP 429',
      body: 'Rate limit exceeded.',
      retryAfterMs: 30_000,
      headers: {
        'content-type': 'application/json',
        'retry-after': '30',
        'x-ratelimit-reset': '2026-06-05T06:00Z',
        'ratelimit-reason': 'jira-burst-based',
      },
    });
  });

  it('uses the status text when the body is empty, and spots a hibernation page at any status', () => {
    expect(statusError(502, {}, '', ctx).message).toBe(
      `${ctx.instance}: GET /rest/api/3/search/jql answered 502 Bad Gateway`,
    );
    const html = statusError(
      503,
      { 'content-type': 'text/html' },
      '<h1>Your instance is hibernating</h1>',
      ctx,
    );
    expect(html.code).toBe('SOURCE_HIBERNATING');
  });
});

describe('mapHttpError', () => {
  it('passes AppErrors through and maps aborts, TLS and unknown errors', () => {
    const app = new AppError('SOURCE_FORBIDDEN', 'x');
    expect(mapHttpError(app, ctx)).toBe(app);
    const abort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(mapHttpError(abort, ctx).code).toBe('RUN_ABORTED');
    const tls = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const mapped = mapHttpError(tls, ctx);
    expect(mapped.code).toBe('SOURCE_UNREACHABLE');
    expect(mapped.retryable).toBe(false);
    expect(mapped.message).toContain('NODE_EXTRA_CA_CERTS');
    const bug = mapHttpError(new TypeError('x is not a function'), ctx);
    expect(bug.code).toBe('INTERNAL');
    expect((bug.cause as Error).message).toBe('x is not a function');
  });

  it('reads a wrapped error code (fetch-style cause) and a library error with a status', () => {
    const wrapped = new TypeError('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo'), { code: 'EAI_AGAIN' }),
    });
    expect(mapHttpError(wrapped, ctx)).toMatchObject({ code: 'SOURCE_UNREACHABLE', retryable: true });
    const library = Object.assign(new Error('Not Found'), {
      status: 404,
      response: { data: { errorMessages: ['Issue does not exist'] } },
    });
    expect(mapHttpError(library, ctx).message).toContain('answered 404 Issue does not exist');
  });
});

describe('networkError and helpers', () => {
  it('words each network failure', () => {
    expect(networkError('ECONNRESET', 'socket hang up', ctx).message).toBe(
      `${ctx.instance}: GET /rest/api/3/search/jql failed: the connection was reset (ECONNRESET)`,
    );
    expect(networkError('ETIMEDOUT', '', { ...ctx, timeoutMs: 500 })).toMatchObject({
      code: 'SOURCE_TIMEOUT',
      retryable: true,
    });
    expect(networkError('EPIPE', '', ctx).retryable).toBe(true);
    expect(networkError('toString', 'odd', ctx)).toMatchObject({
      code: 'SOURCE_UNREACHABLE',
      retryable: false,
    });
  });

  it('describes requests by path and filters headers', () => {
    expect(describeRequest({ ...ctx, url: '/api/now/table/incident?sysparm_limit=1' })).toBe(
      'GET /api/now/table/incident',
    );
    expect(describeRequest({ ...ctx, url: 'https://x.example' })).toBe('GET /');
    expect(
      safeHeaders({ authorization: 'Basic x', cookie: 'c', location: 'https://u:p@x/?password=1' }),
    ).toEqual({
      location: 'https://x/?password=REDACTED',
    });
    expect(safeHeaders({ 'www-authenticate': 'Basic' })).toBeUndefined();
  });
});
