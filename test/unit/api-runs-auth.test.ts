// POST /api/v1/runs: the bearer token (missing, wrong, right), no token configured, a run already going.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKEN, makeServer } from './api-fixture.js';

type Server = Awaited<ReturnType<typeof makeServer>>;
let s: Server;
let noToken: Server;

beforeAll(async () => {
  [s, noToken] = await Promise.all([makeServer(), makeServer({ withToken: false })]);
});
afterAll(async () => {
  await Promise.all([s.server.close(), noToken.server.close()]);
});

const post = (server: Server, headers: Record<string, string> = {}, payload?: unknown) =>
  server.app.inject({
    method: 'POST',
    url: '/api/v1/runs',
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

describe('status API: POST /api/v1/runs', () => {
  it('401 without a token, asking for a bearer token', async () => {
    const res = await post(s);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="iso20k"');
    expect(res.json().error.code).toBe('UNAUTHORIZED');
    expect(s.runs.started).toEqual([]);
  });

  it.each([
    ['a wrong token', `Bearer ${API_TOKEN.slice(0, -1)}x`],
    ['a longer token', `Bearer ${API_TOKEN}extra`],
    ['a short token', 'Bearer x'],
    ['another scheme', `Basic ${API_TOKEN}`],
  ])('401 with %s', async (_name, authorization) => {
    const res = await post(s, { authorization });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHORIZED');
    expect(s.runs.started).toEqual([]);
  });

  it('checks the token before the body: an unauthenticated bad body is a 401, not a 400', async () => {
    const res = await post(s, {}, { unexpected: true });
    expect(res.statusCode).toBe(401);
  });

  it('202 with the run id when started, then 409 with the running id while it goes', async () => {
    const auth = { authorization: `Bearer ${API_TOKEN}` };
    const started = await post(s, auth);
    expect(started.statusCode).toBe(202);
    expect(started.json()).toEqual({ runId: 'run-api-1' });
    const busy = await post(s, auth);
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ runId: 'run-api-1', error: { code: 'RUN_IN_PROGRESS' } });
    s.runs.running = null;
    const again = await post(s, { authorization: `bearer ${API_TOKEN}` }, {});
    expect(again.statusCode).toBe(202);
    expect(s.runs.started).toEqual(['run-api-1', 'run-api-2']);
    s.runs.running = null;
  });

  it('400 naming the field for an authenticated request with an unexpected body', async () => {
    const res = await post(s, { authorization: `Bearer ${API_TOKEN}` }, { force: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('body: Unrecognized key: "force"');
  });

  it('403 when no token is configured, whatever the caller sends', async () => {
    for (const headers of [{}, { authorization: `Bearer ${API_TOKEN}` }]) {
      const res = await post(noToken, headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('WRITE_DISABLED');
    }
    expect(noToken.runs.started).toEqual([]);
  });
});
