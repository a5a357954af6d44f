// The status API's hardening: security headers, no CORS, rate limiting, one error shape without internals,
// an OpenAPI document covering every route, and no configured secret in any response.
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKEN, makeServer, SECRETS, SN_PASSWORD } from './api-fixture.js';

type Server = Awaited<ReturnType<typeof makeServer>>;
let s: Server;

beforeAll(async () => {
  s = await makeServer();
});
afterAll(async () => {
  await s.server.close();
});

const ROUTES: readonly [HTTPMethods, string][] = [
  ['GET', '/healthz'],
  ['GET', '/readyz'],
  ['GET', '/api/v1/status'],
  ['GET', '/api/v1/clauses'],
  ['GET', '/api/v1/clauses/{id}'],
  ['GET', '/api/v1/controls'],
  ['GET', '/api/v1/findings'],
  ['GET', '/api/v1/tickets'],
  ['GET', '/api/v1/runs'],
  ['GET', '/api/v1/report'],
  ['POST', '/api/v1/runs'],
  ['GET', '/metrics'],
  ['GET', '/docs'],
  ['GET', '/docs/json'],
];

describe('status API: security', () => {
  it('sends the security headers on JSON and a strict CSP with only a hashed style on the HTML page', async () => {
    const json = await s.app.inject({ url: '/api/v1/status' });
    const html = await s.app.inject({ url: '/docs' });
    for (const res of [json, html]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
    }
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-security-policy']).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(html.body).not.toContain('<script');
    expect(html.body).toContain('/api/v1/findings');
  });

  it('answers no CORS: no Access-Control headers, and no preflight route', async () => {
    const get = await s.app.inject({ url: '/api/v1/status', headers: { origin: 'https://evil.example' } });
    expect(get.statusCode).toBe(200);
    expect(Object.keys(get.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const preflight = await s.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/runs',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(404);
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('limits each client to 600 requests a minute by default, and answers 429 with Retry-After', async () => {
    expect((await s.app.inject({ url: '/healthz' })).headers['x-ratelimit-limit']).toBe('600');
    const limited = await makeServer({ rateLimit: { max: 3, windowMs: 60_000 } });
    try {
      for (let i = 0; i < 3; i++)
        expect((await limited.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      const over = await limited.app.inject({ url: '/api/v1/status' });
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(over.json().error.code).toBe('RATE_LIMITED');
      // Unknown routes count too, so probing paths is no way around the limit.
      expect((await limited.app.inject({ url: '/nope' })).statusCode).toBe(429);
      // Another address has its own budget.
      const other = await limited.app.inject({ url: '/healthz', remoteAddress: '10.1.2.3' });
      expect(other.statusCode).toBe(200);
    } finally {
      await limited.server.close();
    }
  });

  it('answers unknown routes with the error shape and does not echo the path', async () => {
    const res = await s.app.inject({ url: `/api/v1/nope?token=${API_TOKEN}` });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no such route for GET' } });
  });

  it('turns an internal failure into a 500 without stack, path or secret', async () => {
    const broken = await makeServer();
    try {
      broken.deps.readiness = () => {
        throw new Error(`ENOENT: open '/var/lib/iso20k/state.json' with ${SN_PASSWORD}`);
      };
      const res = await broken.app.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: { code: 'INTERNAL', message: 'internal error; the service log has the details' },
      });
    } finally {
      await broken.server.close();
    }
  });

  it('answers malformed bodies with the error shape (bad JSON 400, wrong media type 415, too large 413)', async () => {
    const auth = { authorization: `Bearer ${API_TOKEN}` };
    const badJson = await s.app.inject({
      method: 'POST',
      url: '/api/v1/runs',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('BAD_REQUEST');
    const media = await s.app.inject({
      method: 'POST',
      url: '/api/v1/runs',
      headers: { ...auth, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(media.statusCode).toBe(415);
    expect(media.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const large = await s.app.inject({
      method: 'POST',
      url: '/api/v1/runs',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ pad: 'x'.repeat(10_000) }),
    });
    expect(large.statusCode).toBe(413);
    expect(large.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(s.runs.started).toEqual([]);
  });

  it('documents every route in the OpenAPI document at /docs/json', async () => {
    const res = await s.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map(([m, p]) => `${m} ${p}`).sort());
    for (const [method, p] of ROUTES)
      expect(s.app.hasRoute({ method, url: p.replace('{id}', ':id') })).toBe(true);
    expect(doc.paths['/api/v1/runs'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/api/v1/findings'].get.parameters.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['clause', 'status', 'severity', 'limit', 'cursor']),
    );
  });

  it('never returns a configured secret, on any route or error', async () => {
    s.readiness = { ready: false, reason: `cannot reach with ${SN_PASSWORD}` };
    const auth = { authorization: `Bearer ${API_TOKEN}` };
    const requests = [
      ...ROUTES.filter(([m]) => m === 'GET').map(([, p]) => ({ url: p.replace('{id}', '8.5.1') })),
      { url: '/api/v1/findings?limit=500' },
      { url: '/api/v1/clauses/99.9' },
      { url: `/api/v1/findings?cursor=${API_TOKEN}` },
      { url: `/api/v1/nope/${API_TOKEN}` },
      { method: 'POST' as const, url: '/api/v1/runs' },
      {
        method: 'POST' as const,
        url: '/api/v1/runs',
        headers: { authorization: 'Bearer wrong-token-value' },
      },
      { method: 'POST' as const, url: '/api/v1/runs', headers: auth },
      { method: 'POST' as const, url: '/api/v1/runs', headers: auth },
      { method: 'POST' as const, url: '/api/v1/runs', headers: auth, payload: { [API_TOKEN]: SN_PASSWORD } },
    ];
    const statuses = new Set<number>();
    for (const request of requests) {
      const res = await s.app.inject(request);
      statuses.add(res.statusCode);
      const text = `${JSON.stringify(res.headers)}\n${res.body}`;
      for (const secret of SECRETS) expect(text, `${request.url} leaked a secret`).not.toContain(secret);
      expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/); // no stack frames
    }
    expect([...statuses].sort()).toEqual([200, 202, 400, 401, 404, 409, 503]);
    s.readiness = { ready: true };
    s.runs.running = null;
  });
});
