// The HTTP client's edge cases against nock: retries and their waits, statuses that must not be retried,
// HTML where JSON was expected, re-authorization, abort, and URL rules.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/contracts/errors.js';
import { createHttpClient, type HttpClientOptions } from '../../src/lib/http.js';

const BASE = 'https://acme.service-now.com';
const INSTANCE = 'servicenow source "snow" (https://acme.service-now.com)';
const PATH = '/api/now/table/incident';
const JSON_TYPE = { 'Content-Type': 'application/json' };

type RetryInfo = Parameters<NonNullable<HttpClientOptions['onRetry']>>[0];

function setup(overrides: Partial<HttpClientOptions> = {}) {
  const delays: number[] = [];
  const retries: RetryInfo[] = [];
  const client = createHttpClient({
    baseURL: BASE,
    instance: INSTANCE,
    timeoutMs: 2000,
    retries: 3,
    backoffMs: 100,
    maxBackoffMs: 600_000,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    onRetry: (info) => retries.push(info),
    ...overrides,
  });
  return { client, delays, retries };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the request to fail');
}

/**
 * A network error for replyWithError. nock 14 only delivers Error instances: a plain `{ code }` object
 * never reaches the request, which then hangs until its timeout.
 */
function netError(code: string, message: string): string {
  return Object.assign(new Error(message), { code }) as unknown as string;
}

/** Replies `status` every time and counts the calls. */
function always(status: number, body: unknown, headers: Record<string, string> = JSON_TYPE) {
  const counter = { calls: 0 };
  nock(BASE)
    .get(PATH)
    .query(true)
    .times(20)
    .reply(() => {
      counter.calls++;
      return [status, typeof body === 'string' ? body : JSON.stringify(body), headers];
    });
  return counter;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('success', () => {
  it('parses JSON, sends Accept and params, returns lower-case headers', async () => {
    nock(BASE, { reqheaders: { accept: 'application/json' } })
      .get(PATH)
      .query({ sysparm_limit: '2', sysparm_query: 'active=true^ORDERBYsys_updated_on', flag: 'true' })
      .reply(200, { result: [{ number: 'INC1' }] }, { ...JSON_TYPE, 'X-Total-Count': '1' });
    const { client } = setup();
    const res = await client.get<{ result: unknown[] }>(PATH, {
      sysparm_limit: 2,
      sysparm_query: 'active=true^ORDERBYsys_updated_on',
      flag: true,
      skipped: undefined,
    });
    expect(res.status).toBe(200);
    expect(res.data.result).toEqual([{ number: 'INC1' }]);
    expect(res.headers['x-total-count']).toBe('1');
    client.close();
  });

  it('sends JSON and form bodies with their content types', async () => {
    nock(BASE, { reqheaders: { 'content-type': 'application/json' } })
      .post('/api/now/table/incident', { short_description: 'x' })
      .reply(201, { result: { sys_id: '1' } }, JSON_TYPE);
    nock(BASE, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } })
      .post('/oauth_token.do', 'grant_type=password&username=a+b&password=p%26q')
      .reply(200, { access_token: 't' }, JSON_TYPE);
    const { client } = setup();
    const created = await client.request({ method: 'POST', url: PATH, data: { short_description: 'x' } });
    expect(created.status).toBe(201);
    const token = await client.request<{ access_token: string }>({
      method: 'POST',
      url: '/oauth_token.do',
      form: { grant_type: 'password', username: 'a b', password: 'p&q' },
    });
    expect(token.data.access_token).toBe('t');
  });

  it('returns accepted statuses and no body for expect none or 204', async () => {
    nock(BASE)
      .get(`${PATH}/missing`)
      .reply(404, { error: { message: 'No Record found' } }, JSON_TYPE);
    nock(BASE).delete(`${PATH}/1`).reply(204);
    nock(BASE).put('/rest/api/3/issue/X-1/properties/p').reply(201, '');
    const { client } = setup();
    const missing = await client.request({ method: 'GET', url: `${PATH}/missing`, acceptStatus: [404] });
    expect(missing).toMatchObject({ status: 404, data: { error: { message: 'No Record found' } } });
    const deleted = await client.request({ method: 'DELETE', url: `${PATH}/1` });
    expect(deleted.data).toBeUndefined();
    const put = await client.request({
      method: 'PUT',
      url: '/rest/api/3/issue/X-1/properties/p',
      data: {},
      expect: 'none',
    });
    expect(put.status).toBe(201);
  });
});

describe('retries', () => {
  it('honours Retry-After in seconds on a 429', async () => {
    nock(BASE)
      .get(PATH)
      .reply(429, { errorMessages: ['Rate limit exceeded.'], errors: {} }, { 'Retry-After': '7' });
    nock(BASE).get(PATH).reply(200, { ok: true }, JSON_TYPE);
    const { client, delays, retries } = setup();
    const res = await client.get(PATH);
    expect(res.data).toEqual({ ok: true });
    expect(delays).toEqual([7000]);
    expect(retries).toEqual([{ attempt: 1, delayMs: 7000, reason: 'HTTP 429', status: 429 }]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 20_000).toUTCString();
    nock(BASE).get(PATH).reply(429, '', { 'Retry-After': at });
    nock(BASE).get(PATH).reply(200, {}, JSON_TYPE);
    const { client, delays } = setup();
    await client.get(PATH);
    expect(delays[0]).toBeGreaterThan(17_000);
    expect(delays[0]).toBeLessThanOrEqual(20_000);
  });

  it('honours X-RateLimit-Reset as ServiceNow epoch seconds', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 30);
    nock(BASE)
      .get(PATH)
      .reply(429, { error: { message: 'Rate limit exceeded' } }, { 'X-RateLimit-Reset': reset });
    nock(BASE).get(PATH).reply(200, {}, JSON_TYPE);
    const { client, delays } = setup();
    await client.get(PATH);
    expect(delays[0]).toBeGreaterThan(27_000);
    expect(delays[0]).toBeLessThanOrEqual(30_000);
  });

  it("honours X-RateLimit-Reset as Jira's ISO minute", async () => {
    const minute = new Date(Math.ceil((Date.now() + 120_000) / 60_000) * 60_000);
    const iso = `${minute.toISOString().slice(0, 16)}Z`; // 2026-06-05T06:00Z
    nock(BASE).get(PATH).reply(429, '', { 'X-RateLimit-Reset': iso, 'RateLimit-Reason': 'jira-burst-based' });
    nock(BASE).get(PATH).reply(200, {}, JSON_TYPE);
    const { client, delays } = setup();
    await client.get(PATH);
    expect(delays[0]).toBeGreaterThan(115_000);
    expect(delays[0]).toBeLessThanOrEqual(180_000);
  });

  it('caps a server-requested wait at maxBackoffMs', async () => {
    nock(BASE).get(PATH).reply(503, '', { 'Retry-After': '3600' });
    nock(BASE).get(PATH).reply(200, {}, JSON_TYPE);
    const { client, delays } = setup({ maxBackoffMs: 5000 });
    await client.get(PATH);
    expect(delays).toEqual([5000]);
  });

  it('retries 502, 503 and 504 with exponential full-jitter backoff', async () => {
    nock(BASE)
      .get(PATH)
      .reply(502, '<html><title>502 Bad Gateway</title></html>', { 'Content-Type': 'text/html' });
    nock(BASE).get(PATH).reply(503);
    nock(BASE).get(PATH).reply(504);
    nock(BASE).get(PATH).reply(200, { result: [] }, JSON_TYPE);
    const { client, delays, retries } = setup();
    const res = await client.get(PATH);
    expect(res.data).toEqual({ result: [] });
    expect(retries.map((r) => r.status)).toEqual([502, 503, 504]);
    // random() = 0.5 of the ceilings 100, 200, 400
    expect(delays).toEqual([50, 100, 200]);
  });

  it('keeps every jitter inside [0, min(maxBackoffMs, backoffMs * 2^n)]', async () => {
    always(503, '');
    const high = setup({ retries: 5, random: () => 0.999999, maxBackoffMs: 1000 });
    await failure(high.client.get(PATH));
    expect(high.delays).toEqual([99, 199, 399, 799, 999]);
    nock.cleanAll();
    always(503, '');
    const low = setup({ retries: 3, random: () => 0 });
    await failure(low.client.get(PATH));
    expect(low.delays).toEqual([0, 0, 0]);
  });

  it('retries a connection reset', async () => {
    nock(BASE).get(PATH).replyWithError(netError('ECONNRESET', 'socket hang up'));
    nock(BASE).get(PATH).reply(200, { ok: 1 }, JSON_TYPE);
    const { client, retries } = setup();
    expect((await client.get(PATH)).data).toEqual({ ok: 1 });
    expect(retries[0]?.reason).toBe('ECONNRESET');
  });

  it('retries a timeout, then fails with SOURCE_TIMEOUT', async () => {
    nock(BASE).get(PATH).times(2).delay(1000).reply(200, {}, JSON_TYPE);
    const { client, delays } = setup({ timeoutMs: 50, retries: 1 });
    const error = await failure(client.get(PATH));
    expect(error.code).toBe('SOURCE_TIMEOUT');
    expect(error.message).toContain('within 50 ms');
    expect(error.details['attempts']).toBe(2);
    expect(delays).toHaveLength(1);
  });

  it('retries truncated JSON, and reports it when it persists', async () => {
    nock(BASE).get(PATH).reply(200, '{"result":[{"number":"INC1"}', JSON_TYPE);
    nock(BASE).get(PATH).reply(200, { result: [] }, JSON_TYPE);
    const first = setup();
    expect((await first.client.get(PATH)).data).toEqual({ result: [] });
    expect(first.retries[0]?.reason).toBe('malformed JSON');

    always(200, '{"result":[', JSON_TYPE);
    const { client } = setup({ retries: 2 });
    const error = await failure(client.get(PATH));
    expect(error.code).toBe('SOURCE_BAD_RESPONSE');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('malformed or truncated JSON');
  });

  it('retries a refused connection at most twice', async () => {
    let calls = 0;
    nock(BASE)
      .get(PATH)
      .times(10)
      .replyWithError(netError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443'))
      .on('request', () => calls++);
    const { client } = setup({ retries: 6 });
    const error = await failure(client.get(PATH));
    expect(error.code).toBe('SOURCE_UNREACHABLE');
    expect(error.details['attempts']).toBe(3);
    expect(calls).toBe(3);
  });

  it('does not retry a host name that does not resolve', async () => {
    nock(BASE).get(PATH).replyWithError(netError('ENOTFOUND', 'getaddrinfo ENOTFOUND acme.service-now.com'));
    const { client, delays } = setup();
    const error = await failure(client.get(PATH));
    expect(error.code).toBe('SOURCE_UNREACHABLE');
    expect(error.message).toContain('does not resolve');
    expect(delays).toEqual([]);
  });

  it.each([
    [429, 'SOURCE_RATE_LIMITED'],
    [503, 'SOURCE_SERVER_ERROR'],
  ])('gives up on %i after every retry with %s', async (status, code) => {
    const counter = always(status, { errorMessages: ['Rate limit exceeded.'], errors: {} });
    const { client } = setup();
    const error = await failure(client.get(PATH));
    expect(error.code).toBe(code);
    expect(counter.calls).toBe(4);
    expect(error.details).toMatchObject({ attempts: 4, status, method: 'GET' });
    expect(error.message).toBe(
      `${INSTANCE}: GET ${PATH} answered ${status} Rate limit exceeded. (gave up after 4 attempts)`,
    );
  });
});

describe('no retry', () => {
  it.each([
    [400, 'SOURCE_BAD_REQUEST'],
    [401, 'SOURCE_AUTH_FAILED'],
    [403, 'SOURCE_FORBIDDEN'],
    [404, 'SOURCE_NOT_FOUND'],
    [409, 'SOURCE_BAD_REQUEST'],
    [410, 'SOURCE_NOT_FOUND'],
    [422, 'SOURCE_BAD_REQUEST'],
    [500, 'SOURCE_SERVER_ERROR'],
  ])('%i is sent once and maps to %s', async (status, code) => {
    const counter = always(status, { error: { message: 'No', detail: null }, status: 'failure' });
    const { client, delays } = setup();
    const error = await failure(client.get(PATH));
    expect(error.code).toBe(code);
    expect(counter.calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it('words a ServiceNow ACL error as one actionable line', async () => {
    always(403, {
      error: { message: 'User Not Authorized', detail: 'Failed API level ACL Validation' },
      status: 'failure',
    });
    const error = await failure(setup().client.get(PATH, { sysparm_limit: 1 }));
    expect(error.message).toBe(
      `${INSTANCE}: GET ${PATH} answered 403 User Not Authorized: Failed API level ACL Validation`,
    );
    expect(error.details).toMatchObject({
      status: 403,
      url: `${BASE}${PATH}?sysparm_limit=1`,
      body: 'User Not Authorized: Failed API level ACL Validation',
      headers: { 'content-type': 'application/json' },
    });
  });

  it("summarises Jira's errorMessages and errors", async () => {
    always(400, {
      errorMessages: ['Unbounded JQL queries are not allowed here.'],
      errors: { jql: 'bad field' },
    });
    const error = await failure(setup().client.get(PATH));
    expect(error.message).toContain(
      'answered 400 Unbounded JQL queries are not allowed here.; jql: bad field',
    );
  });

  it('retries a POST only when the failure proves it was not processed', async () => {
    let posts = 0;
    nock(BASE)
      .post(PATH)
      .times(5)
      .reply(() => {
        posts++;
        return [502, ''];
      });
    const error = await failure(setup().client.request({ method: 'POST', url: PATH, data: {} }));
    expect(error.code).toBe('SOURCE_SERVER_ERROR');
    expect(posts).toBe(1);

    nock.cleanAll();
    nock(BASE).post(PATH).reply(429, '', { 'Retry-After': '1' });
    nock(BASE).post(PATH).reply(201, { result: {} }, JSON_TYPE);
    expect((await setup().client.request({ method: 'POST', url: PATH, data: {} })).status).toBe(201);

    nock.cleanAll();
    nock(BASE).post('/oauth_token.do').reply(504);
    nock(BASE).post('/oauth_token.do').reply(200, { access_token: 't' }, JSON_TYPE);
    const token = await setup().client.request({
      method: 'POST',
      url: '/oauth_token.do',
      form: {},
      idempotent: true,
    });
    expect(token.status).toBe(200);
  });
});

describe('authorization', () => {
  it('renews the token once after a 401 and succeeds', async () => {
    nock(BASE, { reqheaders: { authorization: 'Bearer old' } })
      .get(PATH)
      .reply(401, {
        error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
      });
    nock(BASE, { reqheaders: { authorization: 'Bearer new' } })
      .get(PATH)
      .reply(200, { ok: true }, JSON_TYPE);
    const calls: boolean[] = [];
    const authorize = (force: boolean) => {
      calls.push(force);
      return Promise.resolve(force ? 'Bearer new' : 'Bearer old');
    };
    const { client, delays } = setup({ authorize });
    expect((await client.get(PATH)).data).toEqual({ ok: true });
    expect(calls).toEqual([false, true]);
    expect(delays).toEqual([]);
  });

  it('fails with SOURCE_AUTH_FAILED when the renewed token is refused too', async () => {
    const counter = always(401, {
      error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
    });
    const calls: boolean[] = [];
    const { client } = setup({
      authorize: (force) => {
        calls.push(force);
        return Promise.resolve('Basic abc');
      },
    });
    const error = await failure(client.get(PATH));
    expect(error.code).toBe('SOURCE_AUTH_FAILED');
    expect(error.message).toBe(
      `${INSTANCE}: GET ${PATH} answered 401 User Not Authenticated: Required to provide Auth information`,
    );
    expect(calls).toEqual([false, true]);
    expect(counter.calls).toBe(2);
  });
});

describe('authorize failures', () => {
  it('are not retried: the token request had its own retries', async () => {
    const counter = always(200, {});
    let calls = 0;
    const { client, delays } = setup({
      authorize: () => {
        calls++;
        return Promise.reject(
          new AppError('SOURCE_SERVER_ERROR', 'token endpoint down', { retryable: true }),
        );
      },
    });
    const error = await failure(client.get(PATH));
    expect(error.message).toBe('token endpoint down');
    expect(calls).toBe(1);
    expect(counter.calls).toBe(0);
    expect(delays).toEqual([]);
  });
});

describe('HTML instead of JSON', () => {
  it('names a hibernating instance and how to wake it', async () => {
    const page =
      '<!DOCTYPE html><html><head><title>Instance Hibernating page</title></head><body class="instance-hibernating-page">' +
      '<h1>Your instance is hibernating</h1><a href="https://developer.servicenow.com/dev.do#!/home?wu=true">Sign in</a></body></html>';
    const counter = always(200, page, { 'Content-Type': 'text/html; charset=utf-8' });
    const error = await failure(setup().client.get(PATH));
    expect(error.code).toBe('SOURCE_HIBERNATING');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(INSTANCE);
    expect(error.message).toContain('developer.servicenow.com');
    expect(counter.calls).toBe(1);
  });

  it('treats a redirect to the developer portal as hibernation', async () => {
    nock(BASE).get(PATH).reply(302, '', { Location: 'https://developer.servicenow.com/dev.do' });
    expect((await failure(setup().client.get(PATH))).code).toBe('SOURCE_HIBERNATING');
  });

  it('reports a login page with its content type, without retrying', async () => {
    const counter = always(
      200,
      '<html><head><title>Sign in | Acme SSO</title></head><body>login</body></html>',
      {
        'Content-Type': 'text/html',
      },
    );
    const error = await failure(setup().client.get(PATH));
    expect(error.code).toBe('SOURCE_BAD_RESPONSE');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      `${INSTANCE}: GET ${PATH} answered 200 with text/html instead of JSON (a login page or a proxy in front of the API?): Sign in | Acme SSO`,
    );
    expect(counter.calls).toBe(1);
  });

  it('spots HTML without a content type, and other redirects', async () => {
    always(200, '  <html>hello</html>', {});
    expect((await failure(setup().client.get(PATH))).code).toBe('SOURCE_BAD_RESPONSE');
    nock.cleanAll();
    nock(BASE).get(PATH).reply(301, '', { Location: 'https://sso.acme.com/login?token=abcdefgh' });
    const error = await failure(setup().client.get(PATH));
    expect(error.code).toBe('SOURCE_BAD_RESPONSE');
    expect(error.message).toContain('redirecting to https://sso.acme.com/login?token=REDACTED');
  });
});

describe('abort and URLs', () => {
  it('stops a backoff wait at once with RUN_ABORTED', async () => {
    always(503, '');
    const controller = new AbortController();
    const client = createHttpClient({
      baseURL: BASE,
      instance: INSTANCE,
      timeoutMs: 1000,
      retries: 3,
      backoffMs: 60_000,
      maxBackoffMs: 60_000,
      random: () => 1,
    });
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(client.get(PATH, undefined, controller.signal));
    expect(error.code).toBe('RUN_ABORTED');
    expect(Date.now() - started).toBeLessThan(2000);
    client.close();
  });

  it('does not send a request on an aborted signal', async () => {
    const counter = always(200, {});
    const controller = new AbortController();
    controller.abort();
    const error = await failure(setup().client.get(PATH, undefined, controller.signal));
    expect(error.code).toBe('RUN_ABORTED');
    expect(counter.calls).toBe(0);
  });

  it('follows an absolute URL on the same origin and refuses another origin', async () => {
    nock(BASE).get(PATH).query({ sysparm_offset: '100' }).reply(200, { result: [] }, JSON_TYPE);
    const { client } = setup();
    const next = await client.get(`${BASE}${PATH}?sysparm_offset=100`);
    expect(next.status).toBe(200);
    for (const url of [
      `https://evil.example${PATH}`,
      `http://acme.service-now.com${PATH}`,
      `//evil.example${PATH}`,
    ]) {
      const error = await failure(client.get(url));
      expect(error.code).toBe('SOURCE_BAD_RESPONSE');
      expect(error.message).toContain('is not on https://acme.service-now.com');
    }
  });
});
